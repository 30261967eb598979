// Suppliers in words and rules, for the Suppliers screen and the first-document
// name confirmation: the API's supplier shapes (docs/api.md, /api/v1/suppliers),
// a name as the server compares it, a drag-selected name cleaned of OCR specks,
// whether a document's supplier is new, and accuracy as a percentage.
import { request } from './api';
import type { Doc } from './types';

export interface SupplierAccuracyMonth { month: string; fields: number; accuracy: number | null }
export interface Supplier {
  id: number;
  name: string;
  identifiers: { kind: string; value: string }[];
  aliases: string[];
  documents_seen: number;
  documents_validated: number;
  created_at: string;
  last_document_at: string | null;
  accuracy: { recent: number | null; overall: number | null; documents: number; by_month: SupplierAccuracyMonth[] };
}
export interface Convention {
  key: string;
  kind: 'label' | 'column' | 'unit' | 'identifier';
  document_type?: string;
  field: string;
  value: string;
  documents?: number;
  page?: number;
  box?: [number, number, number, number];
}
export interface SupplierDetail extends Supplier {
  outcomes: { document_id: number; at: string; fields: number; corrected: number }[];
  layouts: Record<string, number>;
  conventions: Convention[];
}

export const listSuppliers = () => request<{ suppliers: Supplier[] }>('GET', '/suppliers');
export const getSupplier = (id: number) => request<SupplierDetail>('GET', `/suppliers/${id}`);
export const renameSupplier = (id: number, name: string) => request<Supplier>('PUT', `/suppliers/${id}`, { name });
export const mergeSuppliers = (keptId: number, mergedId: number) =>
  request<Supplier>('POST', `/suppliers/${keptId}/merge`, { merged_id: mergedId });
export const forgetConvention = (id: number, key: string) =>
  request<{ forgotten: string; examples_changed: number }>('DELETE', `/suppliers/${id}/conventions?key=${encodeURIComponent(key)}`);

/** A name as the server compares suppliers' names: accents, case, spaces and punctuation folded away. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A supplier name picked up by a drag selection, without the OCR specks at its
 * ends: leading and trailing tokens of one character, or with no letter ("x 1
 * Solvants de l'Isère SAS" -> "Solvants de l'Isère SAS"); spaces collapsed.
 */
export function cleanSupplierName(text: string): string {
  const tokens = text.split(/\s+/).filter(Boolean);
  const speck = (w: string) => [...w].length <= 1 || !/\p{L}/u.test(w);
  while (tokens.length > 1 && speck(tokens[0])) tokens.shift();
  while (tokens.length > 1 && speck(tokens[tokens.length - 1])) tokens.pop();
  return tokens.join(' ');
}

/** The document's supplier name field (the schema's supplier field, supplier_name by default) and its value. */
export function supplierNameValue(doc: Pick<Doc, 'fields'>, field = 'supplier_name'): string {
  return doc.fields?.[field]?.value ?? '';
}

/**
 * Whether validating `doc` would teach a new supplier: the reading recognised
 * none, and no known supplier has its name (nor an alias of that name). A
 * document with no supplier name teaches none.
 */
export function isNewSupplier(doc: Pick<Doc, 'supplier' | 'fields'>, suppliers: Pick<Supplier, 'name' | 'aliases'>[], field = 'supplier_name'): boolean {
  const s = doc.supplier;
  if (s && typeof s === 'object' && s.known) {
    // Recognised, but a person changed the name: it names another supplier (the learner does the same).
    if (!s.name || foldName(s.name) === foldName(supplierNameValue(doc, field))) return false;
  }
  const name = foldName(supplierNameValue(doc, field));
  if (!name) return false;
  return !suppliers.some((k) => foldName(k.name) === name || (k.aliases ?? []).some((a) => foldName(a) === name));
}

/** An accuracy (0..1) as a whole percentage, "—" when there is none. */
export function accuracyPercent(accuracy: number | null | undefined): string {
  return accuracy === null || accuracy === undefined ? '—' : Math.round(accuracy * 100) + ' %';
}

/** The last `n` months of accuracy, oldest first (what the screen draws). */
export function recentMonths(months: SupplierAccuracyMonth[], n = 6): SupplierAccuracyMonth[] {
  return [...months].sort((a, b) => a.month.localeCompare(b.month)).slice(-n);
}

/** Suppliers sorted by name, accent- and case-insensitively, filtered by `query` over names, aliases and identifiers. */
export function filterSuppliers<T extends Supplier>(suppliers: T[], query: string): T[] {
  const q = foldName(query);
  return suppliers
    .filter((s) => !q || [s.name, ...(s.aliases ?? []), ...s.identifiers.map((i) => i.value)].some((x) => foldName(x).includes(q)))
    .sort((a, b) => foldName(a.name).localeCompare(foldName(b.name)) || a.id - b.id);
}

// The document list's pure parts: its columns, the CSV of a selection, saved filters.
import type { DocSummary } from './types';

/** A column of the list; `sort` is the API's sort key when the server can sort by it. */
export interface DocColumn { key: string; sort?: string; value: (d: DocSummary) => string | number }

/** Filters and order of the list, as in the URL and as a saved filter holds them. */
export interface DocFilter { q: string; status: string; type: string; supplier: string; sort: string; order: string }
export interface SavedFilter extends DocFilter { name: string }

export const EMPTY_FILTER: DocFilter = { q: '', status: '', type: '', supplier: '', sort: 'received', order: 'desc' };
export const SORT_KEYS = ['received', 'file', 'type', 'supplier', 'status', 'po_number', 'document_number'];

/** One CSV cell (RFC 4180): quoted when it holds the separator, a quote or a line break; a leading = + - @ is neutralised. */
export function csvCell(value: string | number | null | undefined, sep = ','): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text)) text = "'" + text; // no formula injection in a spreadsheet
  return text.includes(sep) || /["\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The CSV of `docs` with a header of `labels`, one row per document, CRLF line ends, UTF-8 BOM for spreadsheets. */
export function toCsv(docs: DocSummary[], columns: DocColumn[], labels: string[], sep = ','): string {
  const rows = [labels.map((l) => csvCell(l, sep)).join(sep)];
  for (const d of docs) rows.push(columns.map((c) => csvCell(c.value(d), sep)).join(sep));
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

const STORAGE_KEY = 'quai.documents.filters';

export function loadSavedFilters(storage: Storage | undefined): SavedFilter[] {
  try {
    const list = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(list)) return [];
    return list.filter((f) => f && typeof f.name === 'string' && f.name)
      .map((f) => ({ ...EMPTY_FILTER, ...pickFilter(f), name: String(f.name) }));
  } catch { return []; }
}

/** Saves `filter` as `name`, replacing one of that name; returns the new list (sorted by name). */
export function saveFilter(storage: Storage | undefined, name: string, filter: DocFilter): SavedFilter[] {
  const list = loadSavedFilters(storage).filter((f) => f.name !== name);
  list.push({ ...pickFilter(filter), name });
  list.sort((a, b) => a.name.localeCompare(b.name));
  try { storage?.setItem(STORAGE_KEY, JSON.stringify(list)); } catch { /* private mode: kept for this page only */ }
  return list;
}

export function deleteFilter(storage: Storage | undefined, name: string): SavedFilter[] {
  const list = loadSavedFilters(storage).filter((f) => f.name !== name);
  try { storage?.setItem(STORAGE_KEY, JSON.stringify(list)); } catch { /* ignored */ }
  return list;
}

function pickFilter(f: Partial<DocFilter>): DocFilter {
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const sort = str(f.sort, 'received');
  return {
    q: str(f.q, ''), status: str(f.status, ''), type: str(f.type, ''), supplier: str(f.supplier, ''),
    sort: SORT_KEYS.includes(sort) ? sort : 'received', order: f.order === 'asc' ? 'asc' : 'desc',
  };
}

/** The order after clicking a column's header: a new column starts ascending (received: newest first), the same one flips. */
export function nextOrder(current: DocFilter, sort: string): { sort: string; order: string } {
  if (current.sort === sort) return { sort, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: sort === 'received' ? 'desc' : 'asc' };
}

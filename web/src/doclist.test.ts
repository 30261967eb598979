import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, csvCell, deleteFilter, loadSavedFilters, nextOrder, saveFilter, toCsv } from './doclist';
import type { DocSummary } from './types';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

describe('document list CSV', () => {
  it('quotes separators, quotes and line breaks, and neutralises formulas', () => {
    expect(csvCell('Isère, SA')).toBe('"Isère, SA"');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });
  it('has a header and one row per document, with the visible columns', () => {
    const docs = [
      { id: 1, file: 'a.pdf', status: 'validated', document_type: 'invoice', supplier: 'Chimirhône', po_number: 'CA/25/1', document_number: 'F1', pages: 1 },
      { id: 2, file: 'b.pdf', status: 'needs_review', document_type: null, supplier: null, pages: 2 },
    ] as DocSummary[];
    const cols = [
      { key: 'id', value: (d: DocSummary) => d.id },
      { key: 'supplier', value: (d: DocSummary) => d.supplier ?? '' },
      { key: 'po', value: (d: DocSummary) => d.po_number ?? '' },
    ];
    const csv = toCsv(docs, cols, ['N°', 'Fournisseur', 'Commande']);
    expect(csv).toBe('\uFEFFN°,Fournisseur,Commande\r\n1,Chimirhône,CA/25/1\r\n2,,\r\n');
  });
});

describe('saved filters', () => {
  it('saves, replaces by name, sorts, drops unknown sorts and deletes', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    expect(loadSavedFilters(storage)).toEqual([]);
    saveFilter(storage, 'Zeta', { ...EMPTY_FILTER, q: 'isere' });
    saveFilter(storage, 'Alpha', { ...EMPTY_FILTER, status: 'needs_review', sort: 'supplier', order: 'asc' });
    let list = saveFilter(storage, 'Zeta', { ...EMPTY_FILTER, q: 'lyon', sort: 'nonsense' });
    expect(list.map((f) => f.name)).toEqual(['Alpha', 'Zeta']);
    expect(loadSavedFilters(storage)[1]).toEqual({ ...EMPTY_FILTER, q: 'lyon', name: 'Zeta' });
    list = deleteFilter(storage, 'Alpha');
    expect(list.map((f) => f.name)).toEqual(['Zeta']);
    (storage as unknown as MemoryStorage).setItem('quai.documents.filters', '{broken');
    expect(loadSavedFilters(storage)).toEqual([]);
    expect(loadSavedFilters(undefined)).toEqual([]);
  });
  it('a header click sorts a new column ascending and flips the same one', () => {
    expect(nextOrder(EMPTY_FILTER, 'supplier')).toEqual({ sort: 'supplier', order: 'asc' });
    expect(nextOrder({ ...EMPTY_FILTER, sort: 'supplier', order: 'asc' }, 'supplier')).toEqual({ sort: 'supplier', order: 'desc' });
    expect(nextOrder({ ...EMPTY_FILTER, sort: 'supplier' }, 'received')).toEqual({ sort: 'received', order: 'desc' });
  });
});

import { describe, expect, it } from 'vitest';
import { accuracyPercent, cleanSupplierName, filterSuppliers, foldName, isNewSupplier, recentMonths, type Supplier } from './suppliers';

const supplier = (id: number, name: string, extra: Partial<Supplier> = {}): Supplier => ({
  id, name, identifiers: [], aliases: [], documents_seen: 0, documents_validated: 0, created_at: '', last_document_at: null,
  accuracy: { recent: null, overall: null, documents: 0, by_month: [] }, ...extra,
});
const doc = (name: string, known = false, read = name) => ({ supplier: { name: read, known }, fields: { supplier_name: { value: name } } });

describe('cleanSupplierName', () => {
  it('drops the OCR specks a drag selection picks up at either end', () => {
    expect(cleanSupplierName("x 1 Solvants de l'Isère SAS")).toBe("Solvants de l'Isère SAS");
    expect(cleanSupplierName('  Chimirhône   S.A.S. | ')).toBe('Chimirhône S.A.S.');
    expect(cleanSupplierName('. Brasserie du Port 2')).toBe('Brasserie du Port');
  });
  it('keeps short words inside the name and a name of one word', () => {
    expect(cleanSupplierName('Solvants de l Isère')).toBe('Solvants de l Isère');
    expect(cleanSupplierName('x')).toBe('x');
    expect(cleanSupplierName('')).toBe('');
  });
});

describe('isNewSupplier', () => {
  const known = [supplier(1, "Solvants de l'Isère SAS", { aliases: ['Isère Solvants'] })];
  it('is new when nobody has the name, whatever its accents and punctuation', () => {
    expect(isNewSupplier(doc('Chimirhône'), known)).toBe(true);
    expect(isNewSupplier(doc('SOLVANTS DE L ISERE SAS'), known)).toBe(false);
    expect(isNewSupplier(doc('isere solvants'), known)).toBe(false);
  });
  it('a recognised supplier is not new unless the person changed its name', () => {
    expect(isNewSupplier(doc("Solvants de l'Isère SAS", true), [])).toBe(false);
    expect(isNewSupplier(doc('Atelier Nord', true, "Solvants de l'Isère SAS"), known)).toBe(true);
  });
  it('a document without a supplier name teaches no supplier', () => {
    expect(isNewSupplier({ supplier: null, fields: {} }, known)).toBe(false);
  });
});

describe('supplier figures', () => {
  it('shows accuracy as a whole percentage or a dash', () => {
    expect(accuracyPercent(0.8765)).toBe('88 %');
    expect(accuracyPercent(1)).toBe('100 %');
    expect(accuracyPercent(null)).toBe('—');
  });
  it('keeps the last months oldest first', () => {
    const months = ['2026-05', '2026-01', '2026-03'].map((month) => ({ month, fields: 1, accuracy: 1 }));
    expect(recentMonths(months, 2).map((m) => m.month)).toEqual(['2026-03', '2026-05']);
  });
  it('sorts by folded name and finds by alias or identifier', () => {
    const list = [supplier(2, 'Zeta'), supplier(1, 'Élan', { identifiers: [{ kind: 'vat', value: 'FR40123456824' }] }), supplier(3, 'alpha', { aliases: ['Old Name'] })];
    expect(filterSuppliers(list, '').map((s) => s.id)).toEqual([3, 1, 2]);
    expect(filterSuppliers(list, 'elan').map((s) => s.id)).toEqual([1]);
    expect(filterSuppliers(list, 'fr40123').map((s) => s.id)).toEqual([1]);
    expect(filterSuppliers(list, 'old').map((s) => s.id)).toEqual([3]);
    expect(foldName("L'Isère")).toBe('lisere');
  });
});

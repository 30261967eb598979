import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dictionaries, fieldLabel, initLang, setLang, t } from './i18n';

describe('i18n', () => {
  it('has the same keys in French and English, none empty', () => {
    const fr = Object.keys(dictionaries.fr).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(fr);
    for (const l of ['fr', 'en'] as const) for (const [k, v] of Object.entries(dictionaries[l])) expect(v.trim(), `${l} ${k}`).not.toBe('');
  });
  it('uses the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const k of Object.keys(dictionaries.fr) as (keyof typeof dictionaries.fr)[]) expect(ph(dictionaries.en[k]), k).toBe(ph(dictionaries.fr[k]));
  });
  it('names every field of the built-in schemas in both languages', () => {
    const dir = new URL('../../config/schemas/', import.meta.url);
    for (const f of readdirSync(dir)) {
      const s = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      for (const field of [...(s.fields ?? []), ...(s.lines ?? [])]) {
        expect(dictionaries.fr, field.name).toHaveProperty('field.' + field.name);
        expect(dictionaries.en, field.name).toHaveProperty('field.' + field.name);
      }
      if (s.document_type) expect(dictionaries.en).toHaveProperty('type.' + s.document_type);
    }
  });
  it('is French by default and remembers the choice', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(initLang(storage)).toBe('fr');
    expect(t('login.submit')).toBe('Se connecter');
    setLang('en', storage);
    expect(initLang(storage)).toBe('en');
    expect(t('queue.count', { n: 3 })).toBe('3 document(s) waiting');
    expect(fieldLabel('po_number')).toBe('PO number');
    expect(fieldLabel('pallet_id')).toBe('pallet id');
    setLang('fr', storage);
  });
});

describe('desk-safe: reasons in the reader\'s language', () => {
  it('says grouped reasons in French and English', async () => {
    const { reasonTexts } = await import('./views/common');
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const codes = [
      { code: 'low_confidence', field: 'lines[0].quantity' }, { code: 'low_confidence', field: 'lines[1].quantity' },
      { code: 'low_confidence', field: 'lines[5].quantity' }, { code: 'missing', field: 'po_number' },
      { code: 'blocking_finding', finding: 'required_field_missing', field: 'po_number' },
    ];
    setLang('fr', storage);
    expect(reasonTexts(codes)).toEqual(['Quantité : 3 ligne(s) à vérifier', 'N° de commande manquant', 'Champ obligatoire manquant (1)']);
    setLang('en', storage);
    expect(reasonTexts(codes)).toEqual(['Quantity: 3 line(s) to check', 'PO number missing', 'Required field missing (1)']);
    setLang('fr', storage);
  });
});

import { describe, expect, it } from 'vitest';
import { setLang } from './i18n';
import {
  lotEventDetail, lotStateLabel, mayRetry, otherTargetSettings, poLineStatusText, sortExports, targetSettingsToSave,
  unlinkedReasonText,
} from './receiving';
import type { ExportRecord, ReceiptLine } from './types';

const record = (id: number, state: string) => ({ id, state } as ExportRecord);
const line = (over: Partial<ReceiptLine>) => ({ document_line: 0, po_number: 'CA/25/8006', po_line: '10', article_code: 'A', unit: 'PCE', ...over } as ReceiptLine);

describe('export targets', () => {
  const stored = { kind: 'webhook', settings: { url: 'http://wms/in', secret: '********', timeout_seconds: '10', extra: 'x' } };
  it('keeps a stored secret left empty by sending the mask, sends a retyped one as typed', () => {
    expect(targetSettingsToSave('webhook', { url: ' http://wms/in ', secret: '' }, 'extra=x', stored))
      .toEqual({ url: 'http://wms/in', secret: '********', extra: 'x' });
    expect(targetSettingsToSave('webhook', { url: 'http://wms/in', secret: 'whsec_new ' }, '', stored).secret).toBe('whsec_new ');
    expect(targetSettingsToSave('webhook', { url: 'u', secret: '' }, '', undefined)).toEqual({ url: 'u' });
    expect(targetSettingsToSave('tryton', { url: 'u', password: '' }, '', stored)).toEqual({ url: 'u' }); // another kind's secret is not kept
  });
  it('lists the settings the form has no input for', () => {
    expect(otherTargetSettings(stored, 'webhook')).toBe('extra=x');
    expect(otherTargetSettings(stored, 'files')).toBe('');
  });
});

describe('exports', () => {
  it('lists dead ones first, then pending, delivered, superseded, newest first within', () => {
    expect(sortExports([record(1, 'delivered'), record(2, 'dead'), record(3, 'superseded'), record(4, 'pending'), record(5, 'dead')]).map((e) => e.id))
      .toEqual([5, 2, 4, 1, 3]);
  });
  it('offers a retry on dead exports to reviewers and admins only', () => {
    expect(mayRetry('reviewer', { state: 'dead' })).toBe(true);
    expect(mayRetry('admin', { state: 'dead' })).toBe(true);
    expect(mayRetry('viewer', { state: 'dead' })).toBe(false);
    expect(mayRetry('reviewer', { state: 'delivered' })).toBe(false);
  });
});

describe('receipts and lots in words', () => {
  it('says what the order line is after the receipt', () => {
    setLang('fr');
    expect(poLineStatusText(line({ po_line_status: 'complete' }))).toBe('soldée');
    expect(poLineStatusText(line({ po_line_status: 'partial', backorder: 2.5 }))).toBe('partielle, reste 2,5 PCE');
    expect(poLineStatusText(line({ po_line_status: 'over_delivered', discrepant_quantity: 2 }))).toBe('surlivrée de 2 PCE');
    expect(poLineStatusText(line({ po_number: '', po_line_status: '' }))).toBe('hors commande');
  });
  it('says held for a missing certificate', () => {
    expect(lotStateLabel({ state: 'held', hold_reason: 'certificate_missing' })).toBe('bloqué : certificat manquant');
    expect(lotStateLabel({ state: 'released' })).toBe('libéré');
  });
  it('translates why a certificate links to no lot, and keeps a sentence it does not know', () => {
    expect(unlinkedReasonText('no delivery of lot L1 from this supplier yet')).toBe('aucune livraison du lot L1 par ce fournisseur pour l’instant');
    expect(unlinkedReasonText('lot L1 was delivered, but not on order PO-9')).toBe('le lot L1 a été livré, mais pas sur la commande PO-9');
    expect(unlinkedReasonText('2 lots L1 of different articles match: the certificate names no article to choose')).toMatch(/^2 lots L1 d’articles différents/);
    expect(unlinkedReasonText('something new')).toBe('something new');
  });
  it('translates lot events', () => {
    expect(lotEventDetail({ action: 'received', detail: '6 PCE on CA/25/8006' })).toBe('6 PCE sur la commande CA/25/8006');
    expect(lotEventDetail({ action: 'received', detail: '6 PCE' })).toBe('6 PCE');
    expect(lotEventDetail({ action: 'held', detail: 'certificate_missing: its article requires a certificate' })).toBe('certificat manquant : l’article en exige un');
    expect(lotEventDetail({ action: 'withdrawn', detail: 'version 2 of the document no longer names it' })).toBe('la version 2 du document ne le cite plus');
  });
});

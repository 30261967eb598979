import { describe, expect, it } from 'vitest';
import {
  canOverride, formatQuantity, otherSettingsText, overBy, parseOtherSettings, settingsToSave, severityOf, showOrders, sortFindings,
  worstSeverity,
} from './erp';
import type { Finding } from './types';

const over: Finding = { code: 'quantity_over_open', field: 'lines[0].quantity', severity: 'block', blocking: true, message: '6 > 4 open' };
const lot: Finding = { code: 'lot_missing', field: 'lines[0].lot_number', severity: 'warn', blocking: false, message: 'no lot' };
const note: Finding = { code: 'erp_unavailable', field: '', severity: 'info', blocking: false, message: 'copy of yesterday' };
const lifted: Finding = { ...over, blocking: false, overridden_by: 'ana', override_reason: 'agreed by phone' };

describe('findings', () => {
  it('reads the severity, or guesses it from blocking on older servers', () => {
    expect(severityOf(over)).toBe('block');
    expect(severityOf({ code: 'x', message: '', blocking: true })).toBe('block');
    expect(severityOf({ code: 'x', message: '' })).toBe('warn');
  });
  it('offers an override only on a finding that still blocks', () => {
    expect(canOverride(over)).toBe(true);
    expect(canOverride(lot)).toBe(false);
    expect(canOverride(lifted)).toBe(false);
  });
  it('flags with the worst severity not overridden', () => {
    expect(worstSeverity([note, lot, over])).toBe('block');
    expect(worstSeverity([lifted, note])).toBe('info');
    expect(worstSeverity([lifted])).toBeUndefined();
  });
  it('lists blocking first and overridden last', () => {
    expect(sortFindings([lifted, note, lot, over]).map((f) => f.code + (f.overridden_by ? '*' : '')))
      .toEqual(['quantity_over_open', 'lot_missing', 'erp_unavailable', 'quantity_over_open*']);
  });
});

describe('order lines', () => {
  it('tells by how much a delivery exceeds what is open', () => {
    expect(overBy({ this_document: 6, quantity_open: 4 })).toBe(2);
    expect(overBy({ this_document: 4, quantity_open: 4 })).toBe(0);
    expect(overBy({ this_document: 0.1 + 0.2, quantity_open: 0.3 })).toBe(0);
  });
  it('writes quantities as the clerk does', () => {
    expect(formatQuantity(4, 'fr')).toBe('4');
    expect(formatQuantity(2.5, 'fr')).toBe('2,5');
    expect(formatQuantity(1234.5, 'en')).toBe('1234.5');
    expect(formatQuantity(undefined, 'en')).toBe('');
  });
});

describe('ERP connection form', () => {
  const stored = { kind: 'rest', settings: { base_url: 'https://erp', token: '********', suppliers_url: '/s', 'suppliers.name': '/label' } };
  it('keeps a stored secret left empty, and sends a retyped one', () => {
    const values = { base_url: ' https://erp2 ', token: '', suppliers_url: '/s', articles_url: '/a', purchase_orders_url: '/p' };
    expect(settingsToSave('rest', values, 'suppliers.name=/label', stored)).toEqual({
      base_url: 'https://erp2', token: '********', suppliers_url: '/s', articles_url: '/a', purchase_orders_url: '/p', 'suppliers.name': '/label',
    });
    expect(settingsToSave('rest', { ...values, token: 'new' }, '', stored).token).toBe('new');
    expect(settingsToSave('rest', values, '', null).token).toBeUndefined();
    expect(settingsToSave('tryton', { url: 'u', database: 'd', user: 'x', password: '' }, '', { kind: 'sql', settings: { password: '********' } }).password).toBeUndefined();
  });
  it('shows the settings the form has no input for as name=value lines', () => {
    expect(otherSettingsText(stored, 'rest')).toBe('suppliers.name=/label');
    expect(otherSettingsText(stored, 'files')).toBe('');
    expect(parseOtherSettings('a=1\n\n  b = x=y \nnonsense\n=z')).toEqual({ a: '1', b: 'x=y' });
  });
});

describe('order panel', () => {
  it('shows when orders paired or the ERP checks spoke, not when no ERP is connected', () => {
    const none = { orders: [], po_numbers_missing: ['CA/25/1'] };
    expect(showOrders(none, [])).toBe(false);
    expect(showOrders(none, [{ code: 'po_not_found', message: '' }])).toBe(true);
    expect(showOrders({ orders: [{}], po_numbers_missing: [] }, [])).toBe(true);
    expect(showOrders(undefined, [over])).toBe(false);
  });
});

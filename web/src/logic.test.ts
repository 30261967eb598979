import { describe, expect, it } from 'vitest';
import {
  boxToPixels, clientToPoints, confidenceLevel, joinWords, lineColumns, orderFields, parseFieldPath,
  percentile, wordAt, wordsInRect, groupReasons,
} from './logic';
import type { Schema, Word } from './types';

const schema: Schema = {
  document_type: 'delivery_note',
  fields: [
    { name: 'supplier_name', type: 'text', required: true, auto_accept: 0.97 },
    { name: 'delivery_note_number', type: 'code', required: true, auto_accept: 0.97 },
    { name: 'delivery_date', type: 'date', required: true, auto_accept: 0.97 },
    { name: 'po_number', type: 'po_number', required: true, auto_accept: 0.97 },
    { name: 'carrier', type: 'text', required: false, auto_accept: 0.9 },
  ],
  lines: [{ name: 'quantity', type: 'quantity', required: true, auto_accept: 0.95 }],
};

describe('boxes', () => {
  it('scales PDF points to image pixels', () => {
    // A4 at 150 dpi: 595.28 pt → 1240 px.
    const px = boxToPixels([72, 144, 144, 158.4], { width: 595.28, height: 841.89 }, 1240.17);
    expect(px.left).toBeCloseTo(150, 1);
    expect(px.top).toBeCloseTo(300, 1);
    expect(px.width).toBeCloseTo(150, 1);
    expect(px.height).toBeCloseTo(30, 1);
  });
  it('maps a click back to points whatever the zoom', () => {
    const page = { width: 600, height: 800 };
    const rect = { left: 10, top: 20, width: 1200, height: 1600 };
    expect(clientToPoints(610, 820, rect, page)).toEqual([300, 400]);
  });
});

describe('picking words', () => {
  const words: Word[] = [
    { text: 'CA/26/4622', box: [54, 325.8, 110.88, 334.08], line: 7 },
    { text: 'Votre', box: [54, 310, 80, 318], line: 6 },
    { text: 'commande', box: [82, 310, 130, 318], line: 6 },
  ];
  it('finds the word under the pointer, with a little slack', () => {
    expect(wordAt(words, 60, 330)?.text).toBe('CA/26/4622');
    expect(wordAt(words, 111.5, 330)?.text).toBe('CA/26/4622');
    expect(wordAt(words, 300, 300)).toBeUndefined();
  });
  it('takes the words of a dragged box in reading order and joins them', () => {
    const picked = joinWords(wordsInRect([...words].reverse(), [50, 305, 140, 320]));
    expect(picked?.text).toBe('Votre commande');
    expect(picked?.box).toEqual([54, 310, 130, 318]);
    expect(joinWords([])).toBeUndefined();
  });
});

describe('fields', () => {
  it('colours by confidence against the threshold', () => {
    expect(confidenceLevel({ value: 'x', confidence: 0.98 }, 0.97)).toBe('high');
    expect(confidenceLevel({ value: 'x', confidence: 0.6 }, 0.97)).toBe('mid');
    expect(confidenceLevel({ value: 'x', confidence: 0.2 }, 0.97)).toBe('low');
    expect(confidenceLevel({ value: 'x', confidence: 0.2, corrected: true }, 0.97)).toBe('high');
    expect(confidenceLevel(undefined)).toBe('missing');
    expect(confidenceLevel({ value: null })).toBe('missing');
  });
  it('puts missing required fields first, then flagged and uncertain, then the rest, optional empties last', () => {
    const rows = orderFields({
      fields: {
        supplier_name: { value: 'ACME', confidence: 0.99 },
        delivery_date: { value: '2026-01-02', confidence: 0.5 },
        po_number: { value: '4500012345', confidence: 0.99 },
        extra: { value: 'y', confidence: 1 },
      },
      findings: [{ code: 'po_unknown', field: 'po_number', blocking: true, message: 'PO not found' }],
    }, schema);
    expect(rows.map((r) => r.name)).toEqual(['delivery_note_number', 'po_number', 'delivery_date', 'supplier_name', 'extra', 'carrier']);
    expect(rows[1].findings).toHaveLength(1);
  });
  it('lists line columns from the schema, then any others present', () => {
    expect(lineColumns({ lines: [{ quantity: { value: '1' }, pallet: { value: 'P1' } }] }, schema)).toEqual(['quantity', 'pallet']);
  });
  it('parses finding paths', () => {
    expect(parseFieldPath('lines[3].quantity')).toEqual({ line: 3, name: 'quantity' });
    expect(parseFieldPath('lines[0]')).toEqual({ line: 0, name: undefined });
    expect(parseFieldPath('po_number')).toEqual({ name: 'po_number' });
  });
  it('computes nearest-rank percentiles', () => {
    const v = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(20);
    expect(percentile(v, 95)).toBe(38);
  });
});

describe('desk-safe: one signal of doubt, reasons in words', () => {
  it('colours from the decision when the server gives it, whatever the schema threshold', () => {
    // 0.98 under a 0.99 schema threshold, but the calibrated decision has no doubt: green.
    expect(confidenceLevel({ value: 'x', confidence: 0.98, doubt: false }, 0.99)).toBe('high');
    // 0.97 over a 0.9 schema threshold, but the decision doubts it: not green.
    expect(confidenceLevel({ value: 'x', confidence: 0.97, doubt: true, doubt_reason: 'low_confidence' }, 0.9)).toBe('mid');
    expect(confidenceLevel({ value: 'x', confidence: 0.97, doubt: true, doubt_reason: 'doubted' }, 0.9)).toBe('low');
    expect(confidenceLevel({ value: 'x', confidence: 0.3, doubt: true }, 0.9)).toBe('low');
    expect(confidenceLevel({ value: null, doubt: false })).toBe('missing');
    expect(confidenceLevel({ value: 'x', confidence: 0.5 }, 0.9)).toBe('mid'); // an older server: thresholds
  });
  it('groups line cells of one field, findings of one code, and keeps header fields apart', () => {
    const label = (n: string) => ({ quantity: 'Quantity', unit: 'Unit', po_number: 'PO number' } as Record<string, string>)[n] ?? n;
    const groups = groupReasons([
      { code: 'low_confidence', field: 'lines[0].quantity' },
      { code: 'low_confidence', field: 'po_number' },
      { code: 'doubted', field: 'lines[3].quantity' },
      { code: 'low_confidence', field: 'lines[12].quantity' },
      { code: 'missing', field: 'lines[2].unit' },
      { code: 'blocking_finding', finding: 'totals_mismatch', field: 'total_incl_tax' },
      { code: 'blocking_finding', finding: 'totals_mismatch' },
      { code: 'no_lines' },
    ], label, (c) => (c === 'totals_mismatch' ? 'Totals do not add up' : ''));
    expect(groups).toEqual([
      { key: 'reason.lines_check', params: { field: 'Quantity', n: 3 }, n: 3 },
      { key: 'reason.field_check', params: { field: 'PO number' }, n: 1 },
      { key: 'reason.lines_missing', params: { field: 'Unit', n: 1 }, n: 1 },
      { key: 'reason.finding', params: { title: 'Totals do not add up', n: 2 }, n: 2 },
      { key: 'reason.no_lines', params: {}, n: 1 },
    ]);
  });
  it('turns 98 cell doubts into a handful of groups', () => {
    const codes = [];
    for (let i = 0; i < 49; ++i) codes.push({ code: 'low_confidence', field: `lines[${i}].quantity` }, { code: 'low_confidence', field: `lines[${i}].unit` });
    expect(groupReasons(codes, (n) => n, () => '').length).toBe(2);
  });
});

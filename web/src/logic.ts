// Pure logic of the review desk (no DOM): box scaling, picking words, field ordering,
// confidence colours. Unit-tested in logic.test.ts.
import type { ReasonCode, Box, Doc, FieldValue, Finding, PageSize, Schema, SchemaField, Word } from './types';

export const DEFAULT_THRESHOLD = 0.9;

/** A box in PDF points → CSS pixels on an image `imageWidth` pixels wide showing a page of `page` points. */
export function boxToPixels(box: Box, page: PageSize, imageWidth: number, imageHeight?: number) {
  const sx = imageWidth / page.width;
  const sy = imageHeight !== undefined ? imageHeight / page.height : sx;
  return { left: box[0] * sx, top: box[1] * sy, width: (box[2] - box[0]) * sx, height: (box[3] - box[1]) * sy };
}

/** A point on screen (client pixels) → PDF points, given the rectangle the page is drawn in. */
export function clientToPoints(
  clientX: number, clientY: number,
  rect: { left: number; top: number; width: number; height: number }, page: PageSize,
): [number, number] {
  return [((clientX - rect.left) / rect.width) * page.width, ((clientY - rect.top) / rect.height) * page.height];
}

export function normaliseRect(x0: number, y0: number, x1: number, y1: number): Box {
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/** The word under a point (PDF points), allowing `slack` points around each word; nearest centre wins. */
export function wordAt(words: Word[], x: number, y: number, slack = 2): Word | undefined {
  let best: Word | undefined;
  let bestDistance = Infinity;
  for (const w of words) {
    const [x0, y0, x1, y1] = w.box;
    if (x < x0 - slack || x > x1 + slack || y < y0 - slack || y > y1 + slack) continue;
    const d = Math.hypot((x0 + x1) / 2 - x, (y0 + y1) / 2 - y);
    if (d < bestDistance) { best = w; bestDistance = d; }
  }
  return best;
}

/** Words whose centre lies inside `rect`, in reading order (line, then left to right). */
export function wordsInRect(words: Word[], rect: Box): Word[] {
  const inside = words.filter((w) => {
    const cx = (w.box[0] + w.box[2]) / 2;
    const cy = (w.box[1] + w.box[3]) / 2;
    return cx >= rect[0] && cx <= rect[2] && cy >= rect[1] && cy <= rect[3];
  });
  return sortReadingOrder(inside);
}

export function sortReadingOrder(words: Word[]): Word[] {
  return [...words].sort((a, b) => {
    if (a.line !== undefined && b.line !== undefined && a.line !== b.line) {
      // Same printed line number can still differ in height on a scan: trust the line id.
      return a.line - b.line;
    }
    const ay = (a.box[1] + a.box[3]) / 2;
    const by = (b.box[1] + b.box[3]) / 2;
    const h = Math.min(a.box[3] - a.box[1], b.box[3] - b.box[1]) / 2;
    if (Math.abs(ay - by) > h) return ay - by;
    return a.box[0] - b.box[0];
  });
}

/** The text and the enclosing box of a selection of words. */
export function joinWords(words: Word[]): { text: string; box: Box } | undefined {
  if (words.length === 0) return undefined;
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const w of words) {
    box[0] = Math.min(box[0], w.box[0]); box[1] = Math.min(box[1], w.box[1]);
    box[2] = Math.max(box[2], w.box[2]); box[3] = Math.max(box[3], w.box[3]);
  }
  return { text: words.map((w) => w.text).join(' '), box: box.map((v) => Math.round(v * 100) / 100) as Box };
}

export type Level = 'high' | 'mid' | 'low' | 'missing';

/**
 * Colour class. From the server's decision when it gives one (`doubt`: the calibrated verdict the
 * queue and the straight-through decision use): not in doubt is green; in doubt amber, red when
 * the value is doubted or under half its threshold. Without it (an older server): green at or
 * above the field's threshold, amber from half of it, red below.
 */
export function confidenceLevel(field: FieldValue | undefined, threshold = DEFAULT_THRESHOLD): Level {
  if (!field || field.value === null || field.value === undefined || field.value === '') return 'missing';
  if (field.corrected) return 'high';
  const c = field.confidence ?? 0;
  if (field.doubt === false) return 'high';
  if (field.doubt === true) return field.doubt_reason === 'doubted' || c < threshold / 2 ? 'low' : 'mid';
  if (c >= threshold) return 'high';
  if (c >= threshold / 2) return 'mid';
  return 'low';
}

export interface FieldRow {
  name: string;
  field?: FieldValue;
  schema?: SchemaField;
  threshold: number;
  required: boolean;
  level: Level;
  findings: Finding[];
  /** 0 required and missing, 1 flagged by a blocking finding, 2 uncertain, 3 fine, 4 optional and empty. */
  rank: number;
}

/** Findings grouped by the field they concern ("po_number", "lines[2].quantity", "lines[2]", or "" for the document). */
export function findingsByField(findings: Finding[] | undefined): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings ?? []) {
    const key = f.field ?? '';
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(f);
  }
  return map;
}

export function schemaFor(schemas: Schema[], type: string): Schema | undefined {
  return schemas.find((s) => s.document_type === type);
}

/** The header fields to show, uncertain and missing ones first, then in schema order. */
export function orderFields(doc: Pick<Doc, 'fields' | 'findings'>, schema: Schema | undefined): FieldRow[] {
  const byField = findingsByField(doc.findings);
  const names: string[] = [];
  for (const f of schema?.fields ?? []) names.push(f.name);
  for (const n of Object.keys(doc.fields ?? {})) if (!names.includes(n)) names.push(n);
  const rows = names.map((name, index) => {
    const schemaField = schema?.fields.find((f) => f.name === name);
    const field = doc.fields?.[name];
    const threshold = schemaField?.auto_accept ?? DEFAULT_THRESHOLD;
    const required = schemaField?.required ?? false;
    const level = confidenceLevel(field, threshold);
    const findings = byField.get(name) ?? [];
    let rank: number;
    if (level === 'missing') rank = required ? 0 : 4;
    else if (findings.some((f) => f.blocking) && !field?.corrected) rank = 1;
    else if (level !== 'high') rank = 2;
    else rank = 3;
    return { row: { name, field, schema: schemaField, threshold, required, level, findings, rank }, index };
  });
  rows.sort((a, b) => a.row.rank - b.row.rank || a.index - b.index);
  return rows.map((r) => r.row);
}

/** Columns of the line-item table: the schema's line fields, then any other present in the lines. */
export function lineColumns(doc: Pick<Doc, 'lines'>, schema: Schema | undefined): string[] {
  const cols = (schema?.lines ?? []).map((f) => f.name);
  for (const line of doc.lines ?? []) for (const k of Object.keys(line)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

/** "lines[3].quantity" → {line: 3, name: "quantity"}; "po_number" → {name: "po_number"}. */
export function parseFieldPath(path: string): { line?: number; name?: string } {
  const m = /^lines\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (m) return { line: Number(m[1]), name: m[2] };
  return { name: path };
}

/** Percentile (nearest rank) of a list of numbers; p in [0, 100]. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function supplierName(doc: Pick<Doc, 'supplier' | 'fields'>): string {
  const s = doc.supplier;
  if (typeof s === 'string') return s;
  if (s && s.name) return s.name;
  return doc.fields?.supplier_name?.value ?? '';
}

export function errorText(error: Doc['error']): string {
  if (!error) return '';
  if (typeof error === 'string') return error;
  return error.message ?? error.code ?? '';
}

// desk-safe: the reasons a person must look, grouped and in words.
export interface ReasonGroup {
  /** An i18n key of the reason.* block. */
  key: string;
  params: Record<string, string | number>;
  /** How many reasons it stands for. */
  n: number;
}

/**
 * Groups reason codes for a reader: every line cell of one field together ("Quantity: 3 lines
 * to check"), every finding of one code together, header fields one by one; in the order they
 * first come. `label` names a field, `finding` titles a finding code.
 */
export function groupReasons(codes: ReasonCode[] | undefined, label: (name: string) => string,
  finding: (code: string) => string): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  const add = (id: string, key: string, params: Record<string, string | number>) => {
    const g = groups.get(id);
    if (g) { g.n += 1; if ('n' in g.params) g.params.n = g.n; return; }
    groups.set(id, { key, params, n: 1 });
  };
  for (const c of codes ?? []) {
    const { line, name } = c.field ? parseFieldPath(c.field) : {};
    const doubt = c.code === 'low_confidence' || c.code === 'doubted';
    if ((doubt || c.code === 'missing') && c.field) {
      const verb = doubt ? 'check' : 'missing';
      if (line !== undefined && name) add(`${verb}:lines:${name}`, `reason.lines_${verb}`, { field: label(name), n: 1 });
      else add(`${verb}:${c.field}`, `reason.field_${verb}`, { field: label(name ?? c.field) });
    } else if (c.code === 'blocking_finding') {
      const title = finding(c.finding ?? '') || (c.finding ?? '');
      add('finding:' + c.finding, 'reason.finding', { title, n: 1 });
    } else if (c.code === 'other' || c.code === 'refused') {
      add(c.code + ':' + c.text, 'reason.' + c.code, { text: c.text ?? '' });
    } else {
      add(c.code, 'reason.' + c.code, {});
    }
  }
  return [...groups.values()];
}

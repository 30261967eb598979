// Pure logic of the ERP parts of the UI (no DOM): findings' severity and overrides, the
// order lines a delivery exceeds, and the admin form's settings per connection kind
// (secrets never shown back: an untouched secret is sent as the mask, which the server
// reads as "keep the stored one"). Unit-tested in erp.test.ts.
import type { ErpConnection, Finding, OrderLine, Severity } from './types';

export const SECRET_MASK = '********';
const RANK: Record<Severity, number> = { block: 3, warn: 2, info: 1 };

export function severityOf(f: Finding): Severity {
  if (f.severity === 'block' || f.severity === 'warn' || f.severity === 'info') return f.severity;
  return f.blocking ? 'block' : 'warn';
}

export const isOverridden = (f: Finding) => !!f.overridden_by;
/** A finding that still blocks may be let through with a reason. */
export const canOverride = (f: Finding) => !!f.blocking && !isOverridden(f);

/** The most serious severity among findings not overridden (undefined: nothing to flag). */
export function worstSeverity(findings: Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (isOverridden(f)) continue;
    const s = severityOf(f);
    if (!worst || RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}

/** Blocking first, then warnings, then information; overridden ones last; stable otherwise. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (isOverridden(f) ? 0 : RANK[severityOf(f)]);
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank(b.f) - rank(a.f) || a.i - b.i).map((x) => x.f);
}

/** How much this document brings over what the order line still has open (0 when within). */
export function overBy(line: Pick<OrderLine, 'this_document' | 'quantity_open'>): number {
  const over = (line.this_document ?? 0) - (line.quantity_open ?? 0);
  return over > 1e-9 ? over : 0;
}

/** A quantity as the clerk writes it: "4", "2,5" in French, no needless decimals. */
export function formatQuantity(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3, useGrouping: false }).format(n);
}

export interface SettingSpec { name: string; secret?: boolean; multiline?: boolean; required?: boolean }
// The settings of each kind (src/erp/erp_connection.h); others (the REST mapping's
// JSON pointers, a timeout) are kept in "other settings" as name=value lines.
export const ERP_KINDS: Record<string, SettingSpec[]> = {
  files: [{ name: 'folder', required: true }],
  sql: [
    { name: 'conninfo', required: true }, { name: 'password', secret: true },
    { name: 'suppliers_query', multiline: true, required: true }, { name: 'articles_query', multiline: true, required: true },
    { name: 'purchase_orders_query', multiline: true, required: true }, { name: 'purchase_order_lines_query', multiline: true, required: true },
  ],
  tryton: [{ name: 'url', required: true }, { name: 'database', required: true }, { name: 'user', required: true }, { name: 'password', secret: true, required: true }],
  rest: [
    { name: 'base_url', required: true }, { name: 'token', secret: true },
    { name: 'suppliers_url', required: true }, { name: 'articles_url', required: true },
    { name: 'purchase_orders_url', required: true }, { name: 'purchase_order_lines_url' },
  ],
};

/** As the server decides (IsSecretSetting): a name holding password, token, api_key or secret. */
export const isSecretSetting = (name: string) => /password|token|api_key|secret/.test(name);

/** The settings of `connection` that the kind's form has no input for, as "name=value" lines. */
export function otherSettingsText(connection: ErpConnection | null | undefined, kind: string): string {
  if (!connection || connection.kind !== kind) return '';
  const known = new Set((ERP_KINDS[kind] ?? []).map((s) => s.name));
  return Object.entries(connection.settings ?? {}).filter(([k]) => !known.has(k)).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** "name=value" lines → settings; blank lines and lines without "=" are skipped. */
export function parseOtherSettings(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (!line || eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Whether the stored connection, of this kind, has this secret (the form then shows it as kept). */
export const storedSecret = (stored: ErpConnection | null | undefined, kind: string, name: string) =>
  !!stored && stored.kind === kind && !!stored.settings?.[name];

/**
 * The settings to PUT: each form value (trimmed; empty ones left out), a secret left empty
 * sent as the mask when the stored connection (of the same kind) has it (the server then keeps it), and the
 * other settings.
 */
export function settingsToSave(kind: string, values: Record<string, string>, other: string,
  stored: ErpConnection | null | undefined): Record<string, string> {
  const settings: Record<string, string> = parseOtherSettings(other);
  for (const spec of ERP_KINDS[kind] ?? []) {
    const v = (values[spec.name] ?? '').trim();
    if (v) settings[spec.name] = spec.secret ? (values[spec.name] ?? '') : v;
    else if (spec.secret && storedSecret(stored, kind, spec.name)) settings[spec.name] = SECRET_MASK;
  }
  return settings;
}

// The ERP checks' codes (src/check/finding_codes.h, IsErpCode): a document carrying one was
// checked against the ERP, so its order panel has something to say.
export const ERP_CODES = new Set([
  'po_not_found', 'po_closed', 'supplier_mismatch', 'supplier_not_found', 'article_not_on_po', 'quantity_over_open',
  'unit_mismatch', 'expired', 'shelf_life_short', 'lot_missing', 'price_mismatch', 'quantity_not_received',
  'duplicate_invoice', 'vat_number_mismatch', 'iban_changed', 'erp_unavailable', 'certificate_unmatched',
]);

/** Whether the order panel is worth its room: orders paired, or the ERP checks had a say. */
export function showOrders(orders: { orders: unknown[]; po_numbers_missing?: unknown[] } | undefined, findings: Finding[] | undefined): boolean {
  if (!orders) return false;
  if (orders.orders.length) return true;
  return (findings ?? []).some((f) => ERP_CODES.has(f.code));
}

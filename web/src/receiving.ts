// Pure logic of the receiving parts of the UI (no DOM): the export targets' settings per
// kind (secrets never shown back: an untouched secret is sent as the mask, which the server
// reads as "keep the stored one"), the order exports are listed in, and the clerk's words for
// what the server says in its own (order line status, lot states, why a certificate links to
// no lot, lot events). Unit-tested in receiving.test.ts.
import { formatQuantity, parseOtherSettings, SECRET_MASK, type SettingSpec } from './erp';
import { lang, t, tOr } from './i18n';
import type { ExportRecord, ExportTarget, Lot, LotEvent, ReceiptLine } from './types';

export interface ExportSettingSpec extends SettingSpec { kind?: 'text' | 'number' | 'formats' }
// The settings of each kind (src/export/export_target.h); others (supplier_gln.<ERP id>) go
// in "other settings" as name=value lines.
export const EXPORT_KINDS: Record<string, ExportSettingSpec[]> = {
  webhook: [{ name: 'url', required: true }, { name: 'secret', secret: true, required: true }, { name: 'timeout_seconds', kind: 'number' }],
  files: [{ name: 'folder', required: true }, { name: 'formats', kind: 'formats' }, { name: 'sender_gln' }, { name: 'receiver_gln' }, { name: 'supplier_gln' }],
  tryton: [{ name: 'url', required: true }, { name: 'database', required: true }, { name: 'user', required: true }, { name: 'password', secret: true, required: true }],
};
export const FILE_FORMATS = ['json', 'csv', 'xml', 'recadv'];

/** Whether the stored target, of this kind, has this secret (the form then shows it as kept). */
export const storedTargetSecret = (stored: Pick<ExportTarget, 'kind' | 'settings'> | undefined, kind: string, name: string) =>
  !!stored && stored.kind === kind && !!stored.settings?.[name];

/** The settings of `stored` that the kind's form has no input for, as "name=value" lines. */
export function otherTargetSettings(stored: Pick<ExportTarget, 'kind' | 'settings'> | undefined, kind: string): string {
  if (!stored || stored.kind !== kind) return '';
  const known = new Set((EXPORT_KINDS[kind] ?? []).map((s) => s.name));
  return Object.entries(stored.settings ?? {}).filter(([k]) => !known.has(k)).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** The settings to send: form values (trimmed; empty ones left out), a kept secret as the mask, the other settings. */
export function targetSettingsToSave(kind: string, values: Record<string, string>, other: string,
  stored: Pick<ExportTarget, 'kind' | 'settings'> | undefined): Record<string, string> {
  const settings = parseOtherSettings(other);
  for (const spec of EXPORT_KINDS[kind] ?? []) {
    const v = (values[spec.name] ?? '').trim();
    if (v) settings[spec.name] = spec.secret ? values[spec.name] : v;
    else if (spec.secret && storedTargetSecret(stored, kind, spec.name)) settings[spec.name] = SECRET_MASK;
  }
  return settings;
}

/** "po_number=PurchaseOrder" lines ↔ the field mapping. */
export const mappingText = (mapping: Record<string, string> | undefined) =>
  Object.entries(mapping ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
export const parseMapping = parseOtherSettings;

const STATE_RANK: Record<string, number> = { dead: 0, pending: 1, delivered: 2, superseded: 3 };
/** Dead first (they need a person), then pending, delivered, superseded; newest first within each. */
export function sortExports(exports: ExportRecord[]): ExportRecord[] {
  return [...exports].sort((a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) || b.id - a.id);
}
/** A dead export may be sent again by a reviewer or an admin. */
export const mayRetry = (role: string | undefined, e: Pick<ExportRecord, 'state'>) =>
  e.state === 'dead' && (role === 'reviewer' || role === 'admin');
export const exportStateLabel = (state: string) => tOr('export.state.' + state, state);
export const exportKindLabel = (kind: string) => tOr('export.kind.' + kind, kind);

const qty = (n: number | null | undefined) => formatQuantity(n, lang());

/** The order line after this receipt, in words: "soldée", "partielle — reste 4 PCE", "surlivrée de 2 PCE". */
export function poLineStatusText(l: ReceiptLine): string {
  const unit = l.unit ? ' ' + l.unit : '';
  switch (l.po_line_status) {
    case 'complete': return t('receipt.status.complete');
    case 'partial': return t('receipt.status.partial', { n: qty(l.backorder ?? 0) + unit });
    case 'over_delivered': return t('receipt.status.over_delivered', { n: qty(l.discrepant_quantity ?? 0) + unit });
    default: return l.po_number ? '' : t('receipt.status.unpaired');
  }
}

/** The lot's state in words; held for a missing certificate says so. */
export function lotStateLabel(lot: Pick<Lot, 'state' | 'hold_reason'>): string {
  if (lot.state === 'held') return lot.hold_reason === 'certificate_missing' ? t('lot.state.held_certificate') : t('lot.state.held');
  return tOr('lot.state.' + lot.state, lot.state);
}

// The server's sentences (src/storage/sqlite/sqlite_repository_receiving.cc), in the clerk's words.
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^no delivery of lot (.+) from this supplier yet$/, (m) => t('unlinked.no_delivery', { lot: m[1] })],
  [/^lot (.+) was delivered, but not of article (.+)$/, (m) => t('unlinked.other_article', { lot: m[1], article: m[2] })],
  [/^lot (.+) was delivered, but not on order (.+)$/, (m) => t('unlinked.other_order', { lot: m[1], po: m[2] })],
  [/^(\d+) lots (.+) of different articles match/, (m) => t('unlinked.ambiguous', { n: m[1], lot: m[2] })],
];
export function unlinkedReasonText(reason: string): string {
  for (const [re, say] of REASONS) { const m = re.exec(reason); if (m) return say(m); }
  return reason;
}

export const lotEventLabel = (action: string) => tOr('lot.event.' + action, action);
/** What happened to the lot, in words: "6 FÛT sur la commande CA/25/8006". */
export function lotEventDetail(e: Pick<LotEvent, 'action' | 'detail'>): string {
  const d = e.detail ?? '';
  let m: RegExpExecArray | null;
  if (e.action === 'received' && (m = /^(.*?)(?: on (.+))?$/.exec(d)))
    return m[2] ? t('lot.detail.received_on', { quantity: m[1], po: m[2] }) : m[1];
  if (e.action === 'held' && d.startsWith('certificate_missing')) return t('lot.detail.held_certificate');
  if (e.action === 'released' && d === 'a certificate is linked') return t('lot.detail.released_certificate');
  if (e.action === 'certificate_linked' && (m = /^certificate of lot (.+)$/.exec(d))) return t('lot.detail.certificate_of', { lot: m[1] });
  if (e.action === 'certificate_unlinked' && (m = /^certificate of lot (.+?): (.+)$/.exec(d)))
    return t('lot.detail.certificate_unlinked', { lot: m[1], reason: unlinkedReasonText(m[2]) });
  if (e.action === 'withdrawn' && (m = /^version (\d+) of the document no longer names it$/.exec(d))) return t('lot.detail.withdrawn', { version: m[1] });
  return d;
}

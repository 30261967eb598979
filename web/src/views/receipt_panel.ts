// The validation screen's "Receipt" panel, once the document was accepted: for a delivery
// note its latest goods receipt (per line the order line, the quantity in the order's unit,
// the order line's status after it, accepted/discrepant, lot and expiry) and its lots (held
// ones for a missing certificate said so); for a certificate the lot it is linked to, or why
// it is not. Lots link to the lot page.
import * as api from '../api';
import { h } from '../dom';
import { formatQuantity } from '../erp';
import { formatDate, formatDateTime, lang, t, typeLabel } from '../i18n';
import { lotStateLabel, poLineStatusText, unlinkedReasonText } from '../receiving';
import type { DocumentReceipt, DocumentVersion, Lot, ReceiptLine, UnlinkedCertificate } from '../types';

export const lotHref = (lot: Pick<Lot, 'id'>) => '#/lot/' + lot.id;

export function lotStateBadge(lot: Pick<Lot, 'state' | 'hold_reason'>) {
  return h('span', { class: 'badge lot-' + lot.state, 'data-testid': 'lot-state', 'data-state': lot.state }, lotStateLabel(lot));
}

export interface ReceiptPanel { el: HTMLElement; load(): void; stop(): void }

export function receiptPanel(documentId: number): ReceiptPanel {
  const body = h('div', { 'data-testid': 'receipt-body' });
  const el = h('section', { class: 'receiving receipt', 'data-testid': 'receipt-panel', 'aria-labelledby': 'receipt-title', hidden: true },
    h('h2', { id: 'receipt-title' }, t('receipt.panel')), body);
  let stopped = false;
  let asked = 0;
  const qty = (n: number | null | undefined) => formatQuantity(n, lang());

  const lotOf = (l: ReceiptLine, lots: Lot[]) => lots.find((x) => x.lot_number === l.lot_number
    && (x.article_code === l.article_code || x.article_code === l.supplier_article_code)) ?? lots.find((x) => x.lot_number === l.lot_number);

  function lineRow(l: ReceiptLine, lots: Lot[]) {
    const lot = l.lot_number ? lotOf(l, lots) : undefined;
    const received = l.quantity !== null && l.quantity !== undefined ? `${qty(l.quantity)} ${l.unit ?? ''}`.trim()
      : `${l.quantity_delivered ?? ''} ${l.unit_delivered ?? ''}`.trim();
    const discrepant = l.discrepant_quantity ?? 0;
    return h('tr', { 'data-testid': 'receipt-line', 'data-line': l.document_line, class: 'po-' + (l.po_line_status || 'none') },
      h('td', { class: 'num' }, l.document_line + 1),
      h('td', { class: 'article' }, h('span', { class: 'code' }, l.article_code || l.supplier_article_code || ''),
        l.description ? h('div', { class: 'desc muted', title: l.description }, l.description) : null),
      h('td', { class: 'num' },
        h('span', { 'data-testid': 'receipt-quantity' }, received),
        l.accepted_quantity !== null && l.accepted_quantity !== undefined
          ? h('div', { class: 'small ' + (discrepant > 0 ? 'error' : 'muted'), 'data-testid': 'receipt-accepted' },
            discrepant > 0 ? t('receipt.accepted_discrepant', { a: qty(l.accepted_quantity), d: qty(discrepant) }) : t('receipt.accepted', { a: qty(l.accepted_quantity) }))
          : null,
        l.discrepancy && l.discrepancy !== 'over_delivered'
          ? h('div', { class: 'small error', 'data-testid': 'receipt-discrepancy' }, t(l.discrepancy === 'unit_mismatch' ? 'receipt.unit_mismatch' : 'receipt.not_on_order')) : null),
      h('td', null,
        h('span', { 'data-testid': 'receipt-po' }, l.po_number ? `${l.po_number} / ${l.po_line}` : '—'),
        h('div', { class: 'status small', 'data-testid': 'receipt-status', 'data-status': l.po_line_status || '' }, poLineStatusText(l))),
      h('td', { class: 'lot', 'data-testid': 'receipt-lot' },
        l.lot_number ? (lot ? h('a', { href: lotHref(lot), 'data-testid': 'receipt-lot-link' }, l.lot_number) : l.lot_number) : '—',
        l.expiry_date ? h('div', { class: 'small muted' }, t('receipt.expiry', { date: formatDate(l.expiry_date) })) : null,
        lot?.state === 'held' ? h('div', { class: 'small error', 'data-testid': 'receipt-lot-held' }, lotStateLabel(lot)) : null));
  }

  function receiptTable(v: DocumentVersion, lots: Lot[]) {
    return h('div', { class: 'tablewrap' }, h('table', { class: 'potable receipttable', 'data-testid': 'receipt-table' },
      h('thead', null, h('tr', null,
        h('th', { class: 'num' }, t('receipt.col.line')), h('th', null, t('receipt.col.article')),
        h('th', { class: 'num' }, t('receipt.col.quantity')), h('th', null, t('receipt.col.po')), h('th', null, t('receipt.col.lot')))),
      h('tbody', null, (v.receipt?.lines ?? []).map((l) => lineRow(l, lots)))));
  }

  const lotItem = (lot: Lot) => h('li', { 'data-testid': 'receipt-lot-item', 'data-lot': lot.lot_number, 'data-state': lot.state },
    h('a', { href: lotHref(lot), 'data-testid': 'lot-link' }, lot.lot_number), ' ',
    h('span', { class: 'muted small' }, [lot.article_code, lot.description].filter(Boolean).join(' · ')), ' ',
    lotStateBadge(lot));

  const unlinkedItem = (c: UnlinkedCertificate) => h('li', { 'data-testid': 'cert-unlinked', 'data-lot': c.lot_number },
    t('receipt.unlinked'), ' ',
    h('span', { class: 'error', 'data-testid': 'cert-unlinked-reason' }, unlinkedReasonText(c.reason)));

  function show(r: DocumentReceipt) {
    const latest = r.versions[r.versions.length - 1];
    el.hidden = !latest && !r.lots.length && !r.unlinked_certificates.length;
    if (el.hidden) { body.replaceChildren(); return; }
    const certificate = latest?.document_type === 'certificate_of_conformity' || (!latest?.receipt && r.unlinked_certificates.length > 0);
    const parts: (HTMLElement | null)[] = [
      latest ? h('p', { class: 'small muted', 'data-testid': 'receipt-version' },
        t('receipt.version', { n: latest.version, source: t(latest.source === 'validated' ? 'receipt.source.validated' : 'receipt.source.auto'), user: latest.accepted_by || '—', at: formatDateTime(latest.accepted_at) }),
        latest.document_type && certificate ? ` (${typeLabel(latest.document_type)})` : '') : null,
      latest?.receipt && !certificate ? receiptTable(latest, r.lots) : null,
      r.lots.length ? h('h3', null, t(certificate ? 'receipt.cert_lots' : 'receipt.lots')) : null,
      r.lots.length ? h('ul', { class: 'lotlist', 'data-testid': certificate ? 'cert-linked' : 'receipt-lots' }, r.lots.map(lotItem)) : null,
      r.unlinked_certificates.length ? h('ul', { class: 'lotlist unlinked', 'data-testid': 'cert-unlinked-list' }, r.unlinked_certificates.map(unlinkedItem)) : null,
    ];
    body.replaceChildren(...parts.filter((x): x is HTMLElement => !!x));
  }

  async function load() {
    const mine = ++asked;
    try {
      const r = await api.getReceipt(documentId);
      if (!stopped && mine === asked) show(r);
    } catch {
      if (!stopped && mine === asked) el.hidden = true; // a server without receipts, or no right to see: nothing to say
    }
  }

  return { el, load, stop: () => { stopped = true; } };
}

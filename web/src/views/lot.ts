// A lot's page: its state (held for a missing certificate said so), article, supplier and
// expiry, the orders it came on, its delivery notes and certificates, the supplier's safety
// data sheets for the product, and its history; each document links to its review page.
import * as api from '../api';
import { h } from '../dom';
import { formatDate, formatDateTime, statusLabel, t } from '../i18n';
import type { App, View } from '../main';
import { lotEventDetail, lotEventLabel } from '../receiving';
import type { LotDocument, LotPage } from '../types';
import { lotStateBadge } from './receipt_panel';

const docLink = (id: number, file: string) => h('a', { href: '#/doc/' + id, 'data-testid': 'lot-doc-link', 'data-id': id }, file || '#' + id);

export function lotView(app: App, id: number): View {
  const body = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const el = h('main', { class: 'page lot', 'data-testid': 'lot-view', 'data-lot-id': id },
    h('p', null, h('a', { href: '#/lots', 'data-testid': 'lot-back' }, t('lot.back'))), body);
  let stopped = false;

  const documents = (docs: LotDocument[], testid: string) => h('table', { class: 'list', 'data-testid': testid },
    h('thead', null, h('tr', null,
      h('th', null, t('lot.col.document')), h('th', null, t('lot.col.line')), h('th', null, t('lot.col.po')),
      h('th', { class: 'num' }, t('lot.col.quantity')), h('th', null, t('lot.col.expiry')), h('th', null, t('lot.col.linked')))),
    h('tbody', null, docs.map((d) => h('tr', { 'data-testid': 'lot-document', 'data-id': d.document_id, 'data-role': d.role },
      h('td', null, docLink(d.document_id, d.file), h('span', { class: 'muted small' }, ' ', t('lot.version', { n: d.version }))),
      h('td', { class: 'num' }, d.line === null ? '' : d.line + 1),
      h('td', null, d.po_number),
      h('td', { class: 'num' }, `${d.quantity} ${d.unit}`.trim()),
      h('td', null, formatDate(d.expiry_date)),
      h('td', null, formatDateTime(d.linked_at))))));

  function show(lot: LotPage) {
    const deliveries = lot.documents.filter((d) => d.role === 'delivery');
    const certificates = lot.documents.filter((d) => d.role !== 'delivery');
    const none = (key: Parameters<typeof t>[0]) => h('p', { class: 'muted' }, t(key));
    const row = (label: string, value: Node | string, testid: string) => [h('dt', null, label), h('dd', { 'data-testid': testid }, value)];
    body.replaceChildren(
      h('h1', null, t('lot.title', { lot: lot.lot_number }), ' ', lotStateBadge(lot)),
      h('dl', { class: 'facts' },
        row(t('lots.col.article'), [lot.article_code, lot.description].filter(Boolean).join(' — '), 'lot-article'),
        row(t('lots.col.supplier'), lot.supplier, 'lot-supplier'),
        row(t('lots.col.expiry'), formatDate(lot.expiry_date) || '—', 'lot-expiry'),
        row(t('lot.orders'), lot.orders.length ? h('span', null, lot.orders.map((po, i) => [i ? ', ' : '',
          h('a', { href: '#/lots?q=' + encodeURIComponent(po), 'data-testid': 'lot-order' }, po)])) : '—', 'lot-orders')),
      h('h2', null, t('lot.deliveries'), ` (${deliveries.length})`),
      deliveries.length ? documents(deliveries, 'lot-deliveries') : none('lot.no_deliveries'),
      h('h2', null, t('lot.certificates'), ` (${certificates.length})`),
      certificates.length ? documents(certificates, 'lot-certificates')
        : h('p', { class: lot.state === 'held' ? 'error' : 'muted', 'data-testid': 'lot-no-certificate' }, t('lot.no_certificates')),
      h('h2', null, t('lot.sheets')),
      lot.safety_data_sheets.length ? h('ul', { 'data-testid': 'lot-sheets' }, lot.safety_data_sheets.map((s) =>
        h('li', { 'data-testid': 'lot-sheet' }, docLink(s.document_id, s.file), ' — ', s.product_name, ' ',
          h('span', { class: 'badge status-' + s.status }, statusLabel(s.status))))) : none('lot.no_sheets'),
      h('h2', null, t('lot.history')),
      h('ol', { class: 'history', 'data-testid': 'lot-events' }, lot.events.map((e) =>
        h('li', { 'data-testid': 'lot-event', 'data-action': e.action },
          h('span', { class: 'muted small' }, formatDateTime(e.at)), ' ', h('strong', null, lotEventLabel(e.action)),
          e.detail ? [' — ', lotEventDetail(e)] : null,
          e.document_id ? [' (', h('a', { href: '#/doc/' + e.document_id }, t('lot.document_n', { n: e.document_id })), ')'] : null))));
  }

  api.getLot(id).then((lot) => { if (!stopped) show(lot); }).catch((e: api.ApiError) => {
    if (stopped || e.status === 401) return;
    body.replaceChildren(h('p', { class: 'error', 'data-testid': 'lot-error' }, e.status === 404 ? t('lot.not_found') : t('error.generic', { message: e.message })));
    if (e.status !== 404) app.toast(t('error.generic', { message: e.message }), 'error');
  });
  return { el, unmount: () => { stopped = true; } };
}

import { h } from '../dom';
import { formatDateTime, statusLabel, t, typeLabel } from '../i18n';
import { parseSource, sourceLabel } from '../sources';
import type { DocSummary } from '../types';

export function statusBadge(status: string) {
  return h('span', { class: 'badge status-' + status, 'data-testid': 'status' }, statusLabel(status));
}

/** A table of document summaries; a row opens the document. */
export function summaryTable(docs: DocSummary[], opts: { reasons?: boolean; testid: string }) {
  return h('table', { class: 'list', 'data-testid': opts.testid },
    h('thead', null, h('tr', null,
      h('th', null, t('col.id')), h('th', null, t('col.file')), h('th', null, t('col.type')),
      h('th', null, t('col.supplier')), h('th', null, t('col.status')), h('th', null, t('col.pages')),
      h('th', null, t('col.received')), opts.reasons ? h('th', null, t('col.reasons')) : null)),
    h('tbody', null, docs.map((d) => h('tr', {
      'data-testid': 'doc-row', 'data-id': d.id, tabindex: 0, class: 'clickable',
      onclick: () => { location.hash = '#/doc/' + d.id; },
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') location.hash = '#/doc/' + d.id; },
    },
    h('td', null, d.id),
    h('td', null, h('a', { href: '#/doc/' + d.id }, d.file), d.source && parseSource(d.source).kind !== 'upload'
      ? [' ', h('span', { class: 'srclabel', 'data-testid': 'doc-source', 'data-source': d.source, title: t('col.source') }, sourceLabel(d.source))] : null),
    h('td', null, typeLabel(d.document_type)),
    h('td', null, d.supplier ?? ''),
    h('td', null, statusBadge(d.status)),
    h('td', { class: 'num' }, d.pages ?? ''),
    h('td', null, formatDateTime(d.created_at)),
    opts.reasons ? h('td', { class: 'reasons' }, h('ul', null, (d.reasons ?? []).map((r) => h('li', null, r)))) : null))));
}

import { h } from '../dom';
import { fieldLabel, findingTitle, formatDateTime, statusLabel, t, tOr, typeLabel } from '../i18n';
import { groupReasons } from '../logic';
import { parseSource, sourceLabel } from '../sources';
import type { DocSummary, ReasonCode } from '../types';

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
    opts.reasons ? h('td', { class: 'reasons' }, d.reason_codes ? reasonList(d.reason_codes, 3) : h('ul', null, (d.reasons ?? []).map((r) => h('li', null, r)))) : null))));
}

/** The reasons a person must look, grouped and in words; at most `max` groups then "+ n more". */
export function reasonTexts(codes: ReasonCode[]): string[] {
  return groupReasons(codes, fieldLabel, findingTitle).map((g) => {
    let s = tOr(g.key, g.key);
    for (const [k, v] of Object.entries(g.params)) s = s.split('{' + k + '}').join(String(v));
    return s;
  });
}
export function reasonList(codes: ReasonCode[], max = Infinity) {
  const texts = reasonTexts(codes);
  const shown = texts.slice(0, max);
  return h('ul', { 'data-testid': 'reason-list' },
    shown.map((r) => h('li', { 'data-testid': 'reason' }, r)),
    texts.length > shown.length ? h('li', { class: 'muted', 'data-testid': 'reason-more' }, t('reason.more', { n: texts.length - shown.length })) : null);
}

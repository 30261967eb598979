import * as api from '../api';
import { h } from '../dom';
import { statusLabel, t, typeLabel } from '../i18n';
import type { App, View } from '../main';
import { summaryTable } from './common';

const STATUSES = ['received', 'refused', 'needs_review', 'auto_accepted', 'validated', 'rejected'];
const PAGE = 25;

export function documentsView(app: App, params: URLSearchParams): View {
  const state = {
    q: params.get('q') ?? '', status: params.get('status') ?? '', type: params.get('type') ?? '',
    supplier: params.get('supplier') ?? '', offset: Number(params.get('offset') ?? 0) || 0,
  };
  const results = h('div', { 'data-testid': 'documents-results' });
  const q = h('input', { type: 'search', placeholder: t('docs.search'), value: state.q, 'data-testid': 'search-q', 'aria-label': t('docs.search') });
  const status = h('select', { 'data-testid': 'filter-status', 'aria-label': t('col.status') },
    h('option', { value: '' }, t('docs.status.any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === state.status }, statusLabel(s))));
  const types = [...new Set([...app.schemas.map((s) => s.document_type)])];
  const type = h('select', { 'data-testid': 'filter-type', 'aria-label': t('col.type') },
    h('option', { value: '' }, t('docs.type.any')),
    types.map((s) => h('option', { value: s, selected: s === state.type }, typeLabel(s))));
  const supplier = h('input', { type: 'search', placeholder: t('docs.supplier'), value: state.supplier, 'data-testid': 'filter-supplier', 'aria-label': t('docs.supplier') });

  const syncHash = () => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) if (v !== '' && v !== 0) p.set(k, String(v));
    history.replaceState(null, '', '#/documents' + (p.toString() ? '?' + p : ''));
  };
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    syncHash();
    try {
      const r = await api.listDocuments({ q: state.q, status: state.status, type: state.type, supplier: state.supplier, limit: PAGE, offset: state.offset });
      if (mine !== seq) return;
      const to = Math.min(r.total, state.offset + r.documents.length);
      results.replaceChildren(
        r.documents.length ? summaryTable(r.documents, { testid: 'documents-table' }) : h('p', { class: 'empty', 'data-testid': 'documents-empty' }, t('docs.empty')),
        h('div', { class: 'pager' },
          h('button', { disabled: state.offset === 0, 'data-testid': 'page-prev', onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, t('docs.prev')),
          h('span', { 'data-testid': 'page-info' }, t('docs.page', { from: r.total ? state.offset + 1 : 0, to, total: r.total })),
          h('button', { disabled: to >= r.total, 'data-testid': 'page-next', onclick: () => { state.offset += PAGE; load(); } }, t('docs.next'))));
    } catch (e) {
      if (mine === seq) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  };
  let debounce: number | undefined;
  const changed = () => {
    state.q = q.value.trim(); state.status = status.value; state.type = type.value; state.supplier = supplier.value.trim();
    state.offset = 0;
    clearTimeout(debounce);
    debounce = window.setTimeout(load, 200);
  };
  for (const input of [q, supplier]) input.addEventListener('input', changed);
  for (const select of [status, type]) select.addEventListener('change', changed);
  load();
  const el = h('main', { class: 'page', 'data-testid': 'documents-view' },
    h('h1', null, t('docs.title')),
    h('div', { class: 'filters' }, q, status, type, supplier),
    results);
  return { el, unmount: () => { seq++; clearTimeout(debounce); } };
}

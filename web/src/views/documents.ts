import * as api from '../api';
import { h } from '../dom';
import { formatDateTime, lang, statusLabel, t, typeLabel } from '../i18n';
import type { App, View } from '../main';
import { parseSource, sourceLabel } from '../sources';
import type { DocSummary } from '../types';
import { EMPTY_FILTER, SORT_KEYS, deleteFilter, loadSavedFilters, nextOrder, saveFilter, toCsv } from '../doclist';
import type { DocColumn, DocFilter, SavedFilter } from '../doclist';
import { statusBadge } from './common';

const STATUSES = ['received', 'refused', 'needs_review', 'auto_accepted', 'validated', 'rejected'];
const PAGE = 25;
const CSV_PAGE = 500; // the API's largest page: the CSV reads the whole selection in pages of this size

type ColumnKey = Parameters<typeof t>[0];
interface Column extends DocColumn { label: ColumnKey; cell: (d: DocSummary) => Node | string | number | (Node | string)[] }

const COLUMNS: Column[] = [
  { key: 'id', sort: 'received', label: 'col.id', value: (d) => d.id, cell: (d) => d.id },
  {
    key: 'file', sort: 'file', label: 'col.file', value: (d) => d.file,
    cell: (d) => [h('a', { href: '#/doc/' + d.id }, d.file), ...(d.source && parseSource(d.source).kind !== 'upload'
      ? [' ', h('span', { class: 'srclabel', 'data-testid': 'doc-source', 'data-source': d.source, title: t('col.source') }, sourceLabel(d.source))] : [])],
  },
  { key: 'supplier', sort: 'supplier', label: 'col.supplier', value: (d) => d.supplier ?? '', cell: (d) => d.supplier ?? '' },
  { key: 'type', sort: 'type', label: 'col.type', value: (d) => (d.document_type ? typeLabel(d.document_type) : ''), cell: (d) => typeLabel(d.document_type) },
  { key: 'po_number', sort: 'po_number', label: 'col.po_number', value: (d) => d.po_number ?? '', cell: (d) => d.po_number ?? '' },
  { key: 'document_number', sort: 'document_number', label: 'col.document_number', value: (d) => d.document_number ?? '', cell: (d) => d.document_number ?? '' },
  { key: 'status', sort: 'status', label: 'col.status', value: (d) => statusLabel(d.status), cell: (d) => statusBadge(d.status) },
  { key: 'pages', label: 'col.pages', value: (d) => d.pages ?? '', cell: (d) => d.pages ?? '' },
  { key: 'received', sort: 'received', label: 'col.received', value: (d) => d.created_at ?? '', cell: (d) => formatDateTime(d.created_at) },
];

function safeStorage(): Storage | undefined {
  try { return window.localStorage; } catch { return undefined; }
}

export function documentsView(app: App, params: URLSearchParams): View {
  const sortParam = params.get('sort') ?? 'received';
  const state: DocFilter & { offset: number } = {
    q: params.get('q') ?? '', status: params.get('status') ?? '', type: params.get('type') ?? '',
    supplier: params.get('supplier') ?? '', sort: SORT_KEYS.includes(sortParam) ? sortParam : 'received',
    order: params.get('order') === 'asc' ? 'asc' : 'desc', offset: Number(params.get('offset') ?? 0) || 0,
  };
  const storage = safeStorage();
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

  // Saved filters (this browser only): a name, the filters and the order.
  const savedBox = h('div', { class: 'saved-filters', 'data-testid': 'saved-filters' });
  const saveName = h('input', { type: 'text', placeholder: t('docs.saved.name'), 'aria-label': t('docs.saved.name'), 'data-testid': 'saved-name', maxlength: 60 });
  const saveBtn = h('button', { type: 'button', 'data-testid': 'saved-save', onclick: () => {
    const name = saveName.value.trim();
    if (!name) { saveName.focus(); return; }
    renderSaved(saveFilter(storage, name, filterOf()));
    saveName.value = '';
    app.toast(t('docs.saved.done', { name }));
  } }, t('docs.saved.save'));
  const renderSaved = (list: SavedFilter[]) => {
    savedBox.replaceChildren(
      ...(list.length ? [h('span', { class: 'muted' }, t('docs.saved.title'))] : []),
      ...list.map((f) => h('span', { class: 'chip', 'data-testid': 'saved-filter', 'data-name': f.name },
        h('button', { type: 'button', class: 'link', 'data-testid': 'saved-apply', onclick: () => applyFilter(f) }, f.name),
        h('button', { type: 'button', class: 'link', 'data-testid': 'saved-delete', 'aria-label': t('docs.saved.delete', { name: f.name }), title: t('docs.saved.delete', { name: f.name }),
          onclick: () => renderSaved(deleteFilter(storage, f.name)) }, '×'))));
  };
  const filterOf = (): DocFilter => ({ q: state.q, status: state.status, type: state.type, supplier: state.supplier, sort: state.sort, order: state.order });
  const applyFilter = (f: DocFilter) => {
    Object.assign(state, { ...EMPTY_FILTER, ...f, offset: 0 });
    q.value = state.q; status.value = state.status; type.value = state.type; supplier.value = state.supplier;
    load();
  };
  renderSaved(loadSavedFilters(storage));

  const csvBtn = h('button', { type: 'button', 'data-testid': 'documents-csv', onclick: () => downloadCsv() }, t('docs.csv'));

  const syncHash = () => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) {
      if (v === '' || v === 0 || (k === 'sort' && v === 'received') || (k === 'order' && v === 'desc' && state.sort === 'received')) continue;
      p.set(k, String(v));
    }
    history.replaceState(null, '', '#/documents' + (p.toString() ? '?' + p : ''));
  };
  const query = () => ({ q: state.q, status: state.status, type: state.type, supplier: state.supplier, sort: state.sort, order: state.order });

  const header = (c: Column) => {
    if (!c.sort || (c.key === 'id')) return h('th', { scope: 'col' }, t(c.label));
    const active = state.sort === c.sort;
    const ariaSort = active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none';
    return h('th', { scope: 'col', 'aria-sort': ariaSort, 'data-sort': c.sort },
      h('button', {
        type: 'button', class: 'sort' + (active ? ' active' : ''), 'data-testid': 'sort-' + c.key,
        onclick: () => { Object.assign(state, nextOrder(state, c.sort!)); state.offset = 0; load(); },
      }, t(c.label), h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (state.order === 'asc' ? ' ▲' : ' ▼') : '')));
  };
  const table = (docs: DocSummary[]) => h('table', { class: 'list', 'data-testid': 'documents-table' },
    h('thead', null, h('tr', null, COLUMNS.map(header))),
    h('tbody', null, docs.map((d) => h('tr', {
      'data-testid': 'doc-row', 'data-id': d.id, tabindex: 0, class: 'clickable',
      onclick: (e: MouseEvent) => { if (!(e.target as HTMLElement).closest('a')) location.hash = '#/doc/' + d.id; },
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') location.hash = '#/doc/' + d.id; },
    }, COLUMNS.map((c) => h('td', { class: c.key === 'pages' ? 'num' : '', 'data-col': c.key }, c.cell(d)))))));

  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    syncHash();
    try {
      const r = await api.listDocuments({ ...query(), limit: PAGE, offset: state.offset });
      if (mine !== seq) return;
      const to = Math.min(r.total, state.offset + r.documents.length);
      results.replaceChildren(
        r.documents.length ? table(r.documents) : h('p', { class: 'empty', 'data-testid': 'documents-empty' }, t('docs.empty')),
        h('div', { class: 'pager' },
          h('button', { disabled: state.offset === 0, 'data-testid': 'page-prev', onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, t('docs.prev')),
          h('span', { 'data-testid': 'page-info' }, t('docs.page', { from: r.total ? state.offset + 1 : 0, to, total: r.total })),
          h('button', { disabled: to >= r.total, 'data-testid': 'page-next', onclick: () => { state.offset += PAGE; load(); } }, t('docs.next'))));
    } catch (e) {
      if (mine === seq) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  };

  // The whole selection (every page), with the table's columns, as a CSV file.
  const downloadCsv = async () => {
    csvBtn.disabled = true;
    try {
      const all: DocSummary[] = [];
      for (let offset = 0; ; offset += CSV_PAGE) {
        const r = await api.listDocuments({ ...query(), limit: CSV_PAGE, offset });
        all.push(...r.documents);
        if (!r.documents.length || all.length >= r.total) break;
      }
      const sep = lang() === 'fr' ? ';' : ',';
      const csv = toCsv(all, COLUMNS, COLUMNS.map((c) => t(c.label)), sep);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = h('a', { href: url, download: `documents-${new Date().toISOString().slice(0, 10)}.csv` });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      app.toast(t('docs.csv.done', { n: all.length }));
    } catch (e) {
      app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    } finally {
      csvBtn.disabled = false;
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
  saveName.addEventListener('keydown', (e) => { if (e.key === 'Enter') saveBtn.click(); });
  load();
  const el = h('main', { class: 'page', 'data-testid': 'documents-view' },
    h('h1', null, t('docs.title')),
    h('div', { class: 'filters' }, q, status, type, supplier, csvBtn),
    h('div', { class: 'filters saved' }, savedBox, h('span', { class: 'savefilter' }, saveName, saveBtn)),
    results);
  return { el, unmount: () => { seq++; clearTimeout(debounce); } };
}

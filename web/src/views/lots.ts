// The lot book: one search box (lot number, article, PO or supplier) and a state filter;
// the lots as a table, most recently changed first; a row opens the lot page.
import * as api from '../api';
import { h } from '../dom';
import { formatDate, formatDateTime, t } from '../i18n';
import type { App, View } from '../main';
import { lotStateLabel } from '../receiving';
import type { Lot } from '../types';
import { lotHref, lotStateBadge } from './receipt_panel';

const STATES = ['held', 'released', 'awaiting_delivery'];
const PAGE = 50;

export function lotsView(app: App, params: URLSearchParams): View {
  const state = { q: params.get('q') ?? '', state: params.get('state') ?? '', offset: Number(params.get('offset') ?? 0) || 0 };
  const results = h('div', { 'data-testid': 'lots-results' });
  const q = h('input', { type: 'search', placeholder: t('lots.search'), value: state.q, 'data-testid': 'lots-q', 'aria-label': t('lots.search') });
  const stateSelect = h('select', { 'data-testid': 'lots-state', 'aria-label': t('lots.col.state') },
    h('option', { value: '' }, t('lots.state.any')),
    STATES.map((s) => h('option', { value: s, selected: s === state.state }, lotStateLabel({ state: s, hold_reason: s === 'held' ? 'certificate_missing' : '' }))));

  const open = (lot: Lot) => { location.hash = lotHref(lot); };
  const table = (lots: Lot[]) => h('table', { class: 'list', 'data-testid': 'lots-table' },
    h('thead', null, h('tr', null,
      h('th', null, t('lots.col.lot')), h('th', null, t('lots.col.article')), h('th', null, t('lots.col.supplier')),
      h('th', null, t('lots.col.expiry')), h('th', null, t('lots.col.state')), h('th', { class: 'num' }, t('lots.col.deliveries')),
      h('th', { class: 'num' }, t('lots.col.certificates')), h('th', null, t('lots.col.updated')))),
    h('tbody', null, lots.map((lot) => h('tr', {
      class: 'clickable', tabindex: 0, 'data-testid': 'lot-row', 'data-id': lot.id, 'data-lot': lot.lot_number,
      onclick: () => open(lot), onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') open(lot); },
    },
    h('td', null, h('a', { href: lotHref(lot), 'data-testid': 'lot-link' }, lot.lot_number)),
    h('td', null, h('strong', null, lot.article_code), lot.description ? h('div', { class: 'muted small' }, lot.description) : null),
    h('td', null, lot.supplier),
    h('td', null, formatDate(lot.expiry_date)),
    h('td', null, lotStateBadge(lot)),
    h('td', { class: 'num' }, lot.deliveries),
    h('td', { class: 'num' }, lot.certificates),
    h('td', null, formatDateTime(lot.updated_at))))));

  const syncHash = () => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) if (v !== '' && v !== 0) p.set(k, String(v));
    history.replaceState(null, '', '#/lots' + (p.toString() ? '?' + p : ''));
  };
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    syncHash();
    try {
      const { lots } = await api.listLots({ q: state.q, state: state.state, limit: PAGE, offset: state.offset });
      if (mine !== seq) return;
      results.replaceChildren(
        lots.length ? table(lots) : h('p', { class: 'empty', 'data-testid': 'lots-empty' }, t('lots.empty')),
        state.offset || lots.length === PAGE ? h('div', { class: 'pager' },
          h('button', { disabled: state.offset === 0, 'data-testid': 'lots-prev', onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, t('docs.prev')),
          h('button', { disabled: lots.length < PAGE, 'data-testid': 'lots-next', onclick: () => { state.offset += PAGE; load(); } }, t('docs.next'))) : '');
    } catch (e) {
      if (mine === seq) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  };
  let debounce: number | undefined;
  const changed = () => {
    state.q = q.value.trim(); state.state = stateSelect.value; state.offset = 0;
    clearTimeout(debounce);
    debounce = window.setTimeout(load, 200);
  };
  q.addEventListener('input', changed);
  stateSelect.addEventListener('change', changed);
  load();
  const el = h('main', { class: 'page', 'data-testid': 'lots-view' },
    h('h1', null, t('lots.title')),
    h('div', { class: 'filters' }, q, stateSelect),
    results);
  return { el, unmount: () => { seq++; clearTimeout(debounce); } };
}

// Exports (admin only): the targets (list, add, edit, remove) and every export, filtered by
// state (by default all, dead first: they need a person), with "Send again" on dead ones.
import * as api from '../api';
import { h } from '../dom';
import { t, typeLabel } from '../i18n';
import type { App, View } from '../main';
import { exportKindLabel, exportStateLabel, sortExports } from '../receiving';
import type { ExportRecord, ExportTarget } from '../types';
import { exportOutcome, exportStateBadge, exportWhen, retryButton } from './exports_panel';
import { exportTargetForm } from './export_target_form';

const STATES = ['dead', 'pending', 'delivered', 'superseded'];
const POLL_MS = 1500;

export function exportsView(app: App, params: URLSearchParams): View {
  if (app.user?.role !== 'admin')
    return { el: h('main', { class: 'page exports', 'data-testid': 'exports-view' }, h('h1', null, t('exports.title')), h('p', { class: 'error', 'data-testid': 'exports-forbidden' }, t('users.forbidden'))) };

  let stopped = false;
  let timer: number | undefined;
  let seq = 0;
  const targetsBox = h('div', { 'data-testid': 'targets' }, h('p', { class: 'muted' }, t('review.loading')));
  const formSlot = h('div', { class: 'formslot' });
  const exportsBox = h('div', { 'data-testid': 'exports-results' });
  const stateFilter = h('select', { 'data-testid': 'exports-state', 'aria-label': t('exports.filter') },
    h('option', { value: '' }, t('exports.state.any')),
    STATES.map((s) => h('option', { value: s, selected: params.get('state') === s }, exportStateLabel(s))));
  stateFilter.addEventListener('change', () => {
    history.replaceState(null, '', '#/exports' + (stateFilter.value ? '?state=' + stateFilter.value : ''));
    loadExports();
  });
  const addBtn = h('button', { type: 'button', 'data-testid': 'targets-add', onclick: () => edit(undefined) }, t('targets.add'));

  function edit(target: ExportTarget | undefined) {
    formSlot.replaceChildren(exportTargetForm(app, target, () => { formSlot.replaceChildren(); loadTargets(); }, () => formSlot.replaceChildren()));
    formSlot.querySelector<HTMLInputElement>('#target-name')?.focus();
  }

  function removeCell(target: ExportTarget) {
    const cell = h('td', { class: 'actions-cell' });
    const ask = () => cell.replaceChildren(
      h('button', { type: 'button', class: 'danger small', 'data-testid': 'target-remove-confirm', onclick: async () => {
        try { await api.removeExportTarget(target.id); app.toast(t('targets.removed', { name: target.name })); loadTargets(); } catch (e) { app.toast(t('error.generic', { message: (e as Error).message }), 'error'); }
      } }, t('targets.remove_confirm')), ' ',
      h('button', { type: 'button', class: 'small', onclick: idle }, t('target.cancel')));
    const idle = () => cell.replaceChildren(
      h('button', { type: 'button', class: 'small', 'data-testid': 'target-edit', onclick: () => edit(target) }, t('targets.edit')), ' ',
      h('button', { type: 'button', class: 'small danger', 'data-testid': 'target-remove', onclick: ask }, t('targets.remove')));
    idle();
    return cell;
  }

  const targetsTable = (targets: ExportTarget[]) => h('table', { class: 'list', 'data-testid': 'targets-table' },
    h('thead', null, h('tr', null,
      h('th', null, t('targets.col.name')), h('th', null, t('targets.col.kind')), h('th', null, t('targets.col.types')),
      h('th', null, t('targets.col.accepts')), h('th', { class: 'num' }, t('targets.col.max_attempts')), h('th', null, t('targets.col.state')), h('th', null, ''))),
    h('tbody', null, targets.map((tg) => h('tr', { 'data-testid': 'target-row', 'data-name': tg.name },
      h('td', null, h('strong', null, tg.name)),
      h('td', null, exportKindLabel(tg.kind)),
      h('td', null, tg.document_types.length ? tg.document_types.map(typeLabel).join(', ') : t('targets.all_types')),
      h('td', null, t(tg.include_auto_accepted ? 'targets.accepts_all' : 'targets.accepts_validated')),
      h('td', { class: 'num' }, tg.max_attempts),
      h('td', { 'data-testid': 'target-enabled-state' }, tg.enabled ? t('targets.enabled') : h('span', { class: 'error' }, t('targets.disabled'), tg.disabled_reason ? ` : ${tg.disabled_reason}` : '')),
      removeCell(tg)))));

  const exportsTable = (exports: ExportRecord[]) => h('table', { class: 'list', 'data-testid': 'exports-table' },
    h('thead', null, h('tr', null,
      h('th', null, t('exports.col.document')), h('th', null, t('exports.col.target')), h('th', { class: 'num' }, t('exports.col.version')),
      h('th', null, t('exports.col.state')), h('th', { class: 'num' }, t('exports.col.attempts')), h('th', null, t('exports.col.when')),
      h('th', null, t('exports.col.outcome')))),
    h('tbody', null, exports.map((e) => h('tr', { 'data-testid': 'export-row', 'data-id': e.id, 'data-target': e.target, 'data-state': e.state, 'data-document': e.document_id },
      h('td', null, h('a', { href: '#/doc/' + e.document_id, 'data-testid': 'export-document' }, t('lot.document_n', { n: e.document_id }))),
      h('td', null, h('strong', null, e.target), ' ', h('span', { class: 'muted small' }, exportKindLabel(e.kind))),
      h('td', { class: 'num' }, e.version),
      h('td', null, exportStateBadge(e.state)),
      h('td', { class: 'num', 'data-testid': 'export-attempts' }, e.attempts),
      h('td', null, exportWhen(e)),
      h('td', { class: 'outcome' }, exportOutcome(e), e.state === 'dead' ? h('div', null, retryButton(app, e, loadExports)) : null)))));

  async function loadTargets() {
    try {
      const { targets } = await api.listExportTargets();
      if (!stopped) targetsBox.replaceChildren(targets.length ? targetsTable(targets) : h('p', { class: 'empty', 'data-testid': 'targets-empty' }, t('targets.empty')));
    } catch (e) {
      if (!stopped) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  }

  async function loadExports() {
    const mine = ++seq;
    clearTimeout(timer);
    try {
      const { exports } = await api.listExports({ state: stateFilter.value, limit: 200 });
      if (stopped || mine !== seq) return;
      exportsBox.replaceChildren(exports.length ? exportsTable(sortExports(exports)) : h('p', { class: 'empty', 'data-testid': 'exports-empty' }, t('exports.empty')));
      if (exports.some((e) => e.state === 'pending')) timer = window.setTimeout(loadExports, POLL_MS);
    } catch (e) {
      if (!stopped && mine === seq) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  }

  const el = h('main', { class: 'page exports', 'data-testid': 'exports-view' },
    h('h1', null, t('exports.title')),
    h('div', { class: 'sectionhead' }, h('h2', null, t('targets.title')), addBtn),
    formSlot, targetsBox,
    h('div', { class: 'sectionhead' }, h('h2', null, t('exports.list')), stateFilter),
    exportsBox);
  loadTargets();
  loadExports();
  return { el, unmount: () => { stopped = true; seq++; clearTimeout(timer); } };
}

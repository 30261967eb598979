// Watched folders and mailboxes (admin only): each source with its kind, state, last run,
// documents taken, errors and last error (in full); per source Test (what a pass would take
// now, or why it cannot run), Enable/Disable, Edit, Remove (asked again); the form to add
// or edit one. The status is read again every few seconds while the screen is shown.
import * as api from '../api';
import { h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { App, View } from '../main';
import { sourceKindLabel } from '../sources';
import type { Source, SourceTest } from '../types';
import { sourceForm } from './source_form';

const POLL_MS = 3000;

export function sourcesView(app: App): View {
  if (app.user?.role !== 'admin')
    return { el: h('main', { class: 'page sources', 'data-testid': 'sources-view' }, h('h1', null, t('sources.title')), h('p', { class: 'error', 'data-testid': 'sources-forbidden' }, t('users.forbidden'))) };

  let stopped = false;
  let timer: number | undefined;
  let sources: Source[] = [];
  let shown = '';
  let confirming = '';
  const listBox = h('div', { 'data-testid': 'sources-list', 'aria-live': 'off' }, h('p', { class: 'muted' }, t('review.loading')));
  const formSlot = h('div', { class: 'formslot' });
  const testBox = h('div', { class: 'testresult', role: 'status', 'data-testid': 'source-test-result' });
  const addBtn = h('button', { type: 'button', 'data-testid': 'sources-add', onclick: () => edit(undefined) }, t('sources.add'));

  function edit(source: Source | undefined) {
    formSlot.replaceChildren(sourceForm(app, source, () => { formSlot.replaceChildren(); load(true); }, () => formSlot.replaceChildren()));
    formSlot.querySelector<HTMLElement>(source ? 'input[data-setting]' : '#source-name')?.focus();
  }

  const fail = (e: unknown) => app.toast(t('error.generic', { message: (e as Error).message }), 'error');

  async function test(source: Source) {
    testBox.replaceChildren(h('p', { class: 'muted' }, t('sources.testing', { name: source.name })));
    let r: SourceTest;
    try { r = await api.testSource(source.name); } catch (e) { r = { ok: false, error: (e as Error).message }; }
    if (stopped) return;
    testBox.replaceChildren(
      h('h3', null, t(r.ok ? 'sources.test_ok' : 'sources.test_failed', { name: source.name })),
      r.ok ? h('pre', { 'data-testid': 'source-test-lines', 'data-name': source.name }, (r.lines ?? []).join('\n'))
        : h('p', { class: 'error', 'data-testid': 'source-test-error', 'data-name': source.name }, r.error ?? ''));
  }

  async function toggle(source: Source) {
    try { await api.putSource(source.name, { enabled: !source.enabled }); app.toast(t(source.enabled ? 'sources.disabled_now' : 'sources.enabled_now', { name: source.name })); } catch (e) { fail(e); }
    load(true);
  }

  async function remove(source: Source) {
    try { await api.removeSource(source.name); app.toast(t('sources.removed', { name: source.name })); } catch (e) { fail(e); }
    confirming = '';
    load(true);
  }

  function actions(s: Source) {
    const b = (testid: string, label: string, onclick: () => void, cls = 'small') =>
      h('button', { type: 'button', class: cls, 'data-testid': testid, 'aria-label': `${label} — ${s.name}`, onclick }, label);
    if (confirming === s.name)
      return h('td', { class: 'actions-cell' }, b('source-remove-confirm', t('sources.remove_confirm'), () => remove(s), 'small danger'), ' ',
        b('source-remove-cancel', t('sources.cancel'), () => { confirming = ''; render(true); }));
    return h('td', { class: 'actions-cell' },
      b('source-test', t('sources.test'), () => test(s)), ' ',
      b('source-toggle', t(s.enabled ? 'sources.disable' : 'sources.enable'), () => toggle(s)), ' ',
      b('source-edit', t('sources.edit'), () => edit(s)), ' ',
      b('source-remove', t('sources.remove'), () => { confirming = s.name; render(true); }, 'small danger'));
  }

  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : t('erp.never'));
  const table = () => h('table', { class: 'list', 'data-testid': 'sources-table' },
    h('thead', null, h('tr', null,
      h('th', null, t('sources.col.name')), h('th', null, t('sources.col.kind')), h('th', null, t('sources.col.state')),
      h('th', null, t('sources.col.last_run')), h('th', { class: 'num' }, t('sources.col.taken')), h('th', { class: 'num' }, t('sources.col.errors')),
      h('th', null, t('sources.col.last_error')), h('th', null, h('span', { class: 'visually-hidden' }, t('sources.col.actions'))))),
    h('tbody', null, sources.map((s) => h('tr', { 'data-testid': 'source-row', 'data-name': s.name, 'data-enabled': String(s.enabled) },
      h('td', null, h('strong', null, s.name), h('div', { class: 'muted small' }, String(s.settings?.path ?? s.settings?.url ?? ''))),
      h('td', null, sourceKindLabel(s.kind)),
      h('td', { 'data-testid': 'source-state' }, s.enabled ? t('sources.on') : h('span', { class: 'error' }, t('sources.off'))),
      h('td', { 'data-testid': 'source-last-run' }, when(s.last_run_at),
        s.last_success_at && s.last_success_at !== s.last_run_at ? h('div', { class: 'muted small' }, t('sources.last_success', { at: when(s.last_success_at) })) : null),
      h('td', { class: 'num', 'data-testid': 'source-taken' }, s.documents_taken),
      h('td', { class: 'num', 'data-testid': 'source-errors' }, s.errors),
      h('td', { class: 'lasterror', 'data-testid': 'source-last-error' }, s.last_error ? h('span', { class: 'error' }, s.last_error) : ''),
      actions(s)))));

  function render(force: boolean) {
    const key = JSON.stringify(sources) + confirming;
    if (!force && key === shown) return;
    shown = key;
    // Keep the focus on the same button of the same row across a refresh.
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest<HTMLElement>('[data-testid="source-row"]')?.dataset.name;
    const testid = active?.dataset.testid;
    listBox.replaceChildren(sources.length ? table() : h('p', { class: 'empty', 'data-testid': 'sources-empty' }, t('sources.empty')));
    if (row && testid && listBox.contains(active) === false)
      listBox.querySelector<HTMLElement>(`[data-testid="source-row"][data-name="${CSS.escape(row)}"] [data-testid^="${testid.replace(/-confirm|-cancel/, '')}"]`)?.focus();
  }

  async function load(force = false) {
    clearTimeout(timer);
    try {
      const r = await api.listSources();
      if (stopped) return;
      sources = r.sources;
      render(force);
    } catch (e) {
      if (!stopped) fail(e);
    }
    if (!stopped) timer = window.setTimeout(load, POLL_MS);
  }

  const el = h('main', { class: 'page sources', 'data-testid': 'sources-view' },
    h('h1', null, t('sources.title')),
    h('p', { class: 'muted' }, t('sources.intro')),
    h('div', { class: 'sectionhead' }, h('h2', null, t('sources.list')), addBtn),
    formSlot, listBox, testBox);
  load();
  return { el, unmount: () => { stopped = true; clearTimeout(timer); } };
}

// The ERP (admin only): the state of the local copy (last sync, last error, counts), the
// connection form (a kind and its settings; secrets are never shown back and are kept
// unless retyped), Save (PUT /erp/connection) and "Sync now" (POST /erp/sync) with its result.
import * as api from '../api';
import { h } from '../dom';
import { ERP_KINDS, formatQuantity, otherSettingsText, settingsToSave, storedSecret } from '../erp';
import { formatDate, formatDateTime, lang, t, tOr } from '../i18n';
import type { App, View } from '../main';
import type { ErpState } from '../types';

export function erpView(app: App): View {
  if (app.user?.role !== 'admin')
    return { el: h('main', { class: 'page erp', 'data-testid': 'erp-view' }, h('h1', null, t('erp.title')), h('p', { class: 'error', 'data-testid': 'erp-forbidden' }, t('users.forbidden'))) };

  let state: ErpState | undefined;
  let stopped = false;
  // What the admin typed, per kind, so that looking at another kind loses nothing.
  const typed: Record<string, Record<string, string>> = {};
  const other: Record<string, string> = {};

  const status = h('div', { 'data-testid': 'erp-status' }, h('p', { class: 'muted' }, t('review.loading')));
  const kind = h('select', { id: 'erp-kind', name: 'kind', 'data-testid': 'erp-kind' },
    Object.keys(ERP_KINDS).map((k) => h('option', { value: k }, tOr('erp.kind.' + k, k))));
  const settingsBox = h('div', { class: 'settings', style: { display: 'contents' } });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'erp-save' }, t('erp.save'));
  const sync = h('button', { type: 'button', 'data-testid': 'erp-sync', onclick: () => syncNow() }, t('erp.sync'));
  const result = h('p', { class: 'result', role: 'status', 'data-testid': 'erp-result' });
  const error = h('p', { class: 'result error', role: 'alert', 'data-testid': 'erp-error', hidden: true });
  const form = h('form', { class: 'erpform', 'data-testid': 'erp-form', onsubmit: (e: Event) => { e.preventDefault(); saveNow(); } },
    h('label', { for: 'erp-kind' }, t('erp.kind')), kind,
    settingsBox,
    h('div', { class: 'buttons' }, save, sync));

  kind.addEventListener('change', () => { renderSettings(); settingsBox.querySelector<HTMLElement>('input, textarea')?.focus(); });

  function keepTyped() {
    const k = kind.dataset.shown;
    if (!k) return;
    typed[k] = {};
    for (const input of settingsBox.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-setting]')) typed[k][input.dataset.setting!] = input.value;
    const o = settingsBox.querySelector<HTMLTextAreaElement>('[data-testid="erp-other"]');
    if (o) other[k] = o.value;
  }

  function renderSettings() {
    keepTyped();
    const k = kind.value;
    kind.dataset.shown = k;
    const stored = state?.connection?.kind === k ? state.connection : null;
    const parts: HTMLElement[] = [];
    for (const spec of ERP_KINDS[k] ?? []) {
      const inputId = 'erp-setting-' + spec.name;
      const label = tOr('erp.setting.' + spec.name, spec.name);
      const kept = spec.secret && storedSecret(state?.connection, k, spec.name);
      const value = typed[k]?.[spec.name] ?? (spec.secret ? '' : stored?.settings?.[spec.name] ?? '');
      const attrs = {
        id: inputId, name: spec.name, 'data-setting': spec.name, 'data-testid': inputId, value,
        required: spec.required && !kept ? true : undefined, spellcheck: 'false',
      };
      parts.push(h('label', { for: inputId }, label));
      parts.push(spec.multiline
        ? h('textarea', { ...attrs, rows: 3 })
        : h('input', {
          ...attrs, type: spec.secret ? 'password' : 'text',
          autocomplete: spec.secret ? 'new-password' : 'off', placeholder: kept ? '********' : undefined,
        }));
      if (kept) parts.push(h('p', { class: 'hintline muted small', 'data-testid': 'erp-secret-kept' }, t('erp.secret_kept')));
    }
    parts.push(h('label', { for: 'erp-other' }, t('erp.other')));
    parts.push(h('textarea', { id: 'erp-other', rows: 2, 'data-testid': 'erp-other', spellcheck: 'false', value: other[k] ?? otherSettingsText(state?.connection, k) }));
    settingsBox.replaceChildren(...parts);
  }

  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : t('erp.never'));
  function renderStatus() {
    if (!state) return;
    const s = state.sync ?? {};
    const c = state.counts;
    const row = (label: string, value: Node | string, testid: string) => [h('dt', null, label), h('dd', { 'data-testid': testid }, value)];
    status.replaceChildren(state.connection ? h('dl', { class: 'erpstatus' },
      row(t('erp.reachable'), s.last_attempt_at ? h('span', { class: s.available ? '' : 'error' }, t(s.available ? 'erp.available' : 'erp.unavailable')) : '—', 'erp-available'),
      row(t('erp.last_success'), when(s.last_success_at), 'erp-last-success'),
      row(t('erp.last_attempt'), when(s.last_attempt_at), 'erp-last-attempt'),
      s.last_error ? row(t('erp.last_error'), h('span', { class: 'error' }, s.last_error), 'erp-last-error') : null,
      row(t('erp.copy'), t('erp.counts', { suppliers: c.suppliers, articles: c.articles, orders: c.orders, lines: c.order_lines }), 'erp-counts'),
      state.today ? row(t('erp.today'), formatDate(state.today), 'erp-today') : null)
      : h('p', { class: 'muted', 'data-testid': 'erp-not-connected' }, t('erp.not_connected')));
    sync.disabled = !state.connection;
  }

  function show(next: ErpState, resetForm: boolean) {
    state = next;
    if (resetForm) {
      for (const k of Object.keys(typed)) delete typed[k];
      for (const k of Object.keys(other)) delete other[k];
      kind.dataset.shown = '';
      if (state.connection?.kind && ERP_KINDS[state.connection.kind]) kind.value = state.connection.kind;
      renderSettings();
    }
    renderStatus();
  }

  const say = (text: string, isError: boolean) => {
    result.textContent = isError ? '' : text;
    error.textContent = isError ? text : '';
    error.hidden = !isError;
  };

  async function load(resetForm = true) {
    try {
      const s = await api.getErp();
      if (!stopped) show(s, resetForm);
    } catch (e) {
      if (!stopped) say(t('error.generic', { message: (e as Error).message }), true);
    }
  }

  async function saveNow() {
    keepTyped();
    const k = kind.value;
    save.disabled = true;
    say('', false);
    try {
      const s = await api.putErpConnection({ kind: k, settings: settingsToSave(k, typed[k] ?? {}, other[k] ?? '', state?.connection) });
      if (stopped) return;
      show(s, true);
      say(t('erp.saved'), false);
      app.toast(t('erp.saved'));
    } catch (e) {
      const err = e as api.ApiError;
      say(err.status === 400 ? t('erp.refused', { message: err.message }) : t('error.generic', { message: err.message }), true);
    } finally { save.disabled = false; }
  }

  async function syncNow() {
    sync.disabled = true;
    say(t('erp.syncing'), false);
    try {
      const r = await api.syncErp();
      if (stopped) return;
      say(t('erp.synced', { seconds: formatQuantity(Number(r.seconds.toPrecision(2)), lang()), orders: r.orders_written, documents: r.documents_checked_again })
        + (r.complete ? '' : ' ' + t('erp.sync_partial')), false);
    } catch (e) {
      const err = e as api.ApiError;
      say(err.status === 503 ? t('erp.sync_failed', { message: err.message }) : t('error.generic', { message: err.message }), true);
    } finally {
      if (!stopped) { sync.disabled = false; await load(false); }
    }
  }

  const el = h('main', { class: 'page erp', 'data-testid': 'erp-view' },
    h('h1', null, t('erp.title')),
    h('h2', null, t('erp.status')), status,
    h('h2', null, t('erp.connection')), form, result, error);
  renderSettings();
  load();
  return { el, unmount: () => { stopped = true; } };
}

// The validation screen's "Exports" panel: where the document's accepted versions were sent
// (target, version, when, state, attempts, the target's answer or the last error), with
// "Send again" on a dead one for reviewers. Polls while an export is still pending.
import * as api from '../api';
import { h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { App } from '../main';
import { exportKindLabel, exportStateLabel, mayRetry, sortExports } from '../receiving';
import type { ExportRecord } from '../types';

const POLL_MS = 1500;

export function exportStateBadge(state: string) {
  return h('span', { class: 'badge export-' + state, 'data-testid': 'export-state', 'data-state': state }, exportStateLabel(state));
}

/** When it was delivered, else when it last changed. */
export const exportWhen = (e: ExportRecord) => formatDateTime(e.delivered_at || e.updated_at || e.created_at);

/** The target's answer (delivered) or the last error, one line. */
export function exportOutcome(e: ExportRecord) {
  if (e.state === 'delivered' || !e.last_error)
    return e.answer ? h('span', { class: 'answer muted small', 'data-testid': 'export-answer', title: e.answer }, e.answer) : null;
  return h('span', { class: 'error small', 'data-testid': 'export-error', title: e.last_error }, e.last_error);
}

/**
 * "Send again" for a dead export: POST …/retry, then `done` (to reload); a refusal (not dead
 * any more, target disabled) is said beside the button.
 */
export function retryButton(app: App, e: ExportRecord, done: () => void) {
  const msg = h('span', { class: 'error small', role: 'alert', 'data-testid': 'export-retry-error' });
  const button = h('button', {
    type: 'button', class: 'small', 'data-testid': 'export-retry',
    onclick: async () => {
      button.disabled = true;
      msg.textContent = '';
      try {
        await api.retryExport(e.id);
        app.toast(t('export.retried', { target: e.target }));
        done();
      } catch (err) {
        msg.textContent = t('export.retry_refused', { message: (err as Error).message });
        button.disabled = false;
      }
    },
  }, t('export.retry'));
  return h('span', { class: 'retry' }, button, ' ', msg);
}

export interface ExportsPanel { el: HTMLElement; load(): void; stop(): void }

export function exportsPanel(app: App, documentId: number): ExportsPanel {
  const body = h('ul', { class: 'exportlist', 'data-testid': 'exports-list' });
  const el = h('section', { class: 'receiving exports', 'data-testid': 'exports-panel', 'aria-labelledby': 'exports-title', hidden: true },
    h('h2', { id: 'exports-title' }, t('export.panel')), body);
  let stopped = false;
  let timer: number | undefined;
  let asked = 0;

  function row(e: ExportRecord) {
    return h('li', { 'data-testid': 'export-row', 'data-id': e.id, 'data-target': e.target, 'data-state': e.state, class: 'state-' + e.state },
      h('div', { class: 'exporthead' },
        h('strong', { 'data-testid': 'export-target' }, e.target), ' ',
        h('span', { class: 'muted small' }, exportKindLabel(e.kind)), ' ',
        h('span', { class: 'small', 'data-testid': 'export-version' }, t('export.version', { n: e.version })), ' ',
        exportStateBadge(e.state)),
      h('div', { class: 'small muted' },
        h('span', { 'data-testid': 'export-when' }, exportWhen(e)), ' · ',
        h('span', { 'data-testid': 'export-attempts' }, t('export.attempts', { n: e.attempts }))),
      h('div', null, exportOutcome(e)),
      mayRetry(app.user?.role, e) ? retryButton(app, e, load) : null);
  }

  async function load() {
    const mine = ++asked;
    clearTimeout(timer);
    try {
      await app.session;
      const { exports } = await api.getDocumentExports(documentId);
      if (stopped || mine !== asked) return;
      el.hidden = exports.length === 0;
      body.replaceChildren(...sortExports(exports).map(row));
      if (exports.some((e) => e.state === 'pending')) timer = window.setTimeout(load, POLL_MS);
    } catch {
      if (!stopped && mine === asked) el.hidden = true; // a server without exports: nothing to say
    }
  }

  return { el, load, stop: () => { stopped = true; clearTimeout(timer); } };
}

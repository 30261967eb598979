// Refused and waiting documents. The refused list: each file that could not be read, with its
// cause in the user's words and the technical detail, "read again" (after a new model or new
// settings; a reviewer) and "delete" (an administrator; the original goes too unless another
// document holds it). The same two actions on a refused document's review screen, so that it is
// never a dead end. And the queue's line on reading: how many documents wait, how many are being
// read, and when the waiting ones should be read, kept up to date.
import * as api from '../api';
import { h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { App, View } from '../main';
import { may, refusalCause } from '../admin';
import { errorText } from '../logic';
import type { Doc, DocSummary } from '../types';

/** The error a refused summary carries (its refused reason's text). */
export function refusalText(d: DocSummary): string {
  return d.reason_codes?.find((c) => c.code === 'refused')?.text ?? d.reasons?.[0] ?? '';
}

function failedToast(app: App, e: unknown) {
  const err = e as api.ApiError;
  if (api.isUnreachable(e)) app.toast(t('review.unreachable'), 'error');
  else if (err.code === 'not_refused') app.toast(t('refused.not_refused'), 'error');
  else if (err.status === 403) app.toast(t('error.forbidden'), 'error');
  else app.toast(t('error.generic', { message: err.message }), 'error');
}

/** Read again / delete buttons for one refused document (only those the user's role may use). */
export function refusedButtons(app: App, d: { id: number; file: string }, done: { readAgain: () => void; deleted: () => void }) {
  const role = app.user?.role;
  const again = may(role, 'review') ? h('button', {
    'data-testid': 'refused-read-again', title: t('refused.retry.title', { file: d.file }),
    onclick: async () => {
      again!.disabled = true;
      try { await api.readAgain(d.id); app.toast(t('refused.retry.done', { file: d.file })); done.readAgain(); }
      catch (e) { failedToast(app, e); } finally { again!.disabled = false; }
    },
  }, t('refused.retry')) : null;
  const del = may(role, 'administer') ? h('button', {
    class: 'danger', 'data-testid': 'refused-delete', title: t('refused.delete.title', { file: d.file }),
    onclick: async () => {
      if (!window.confirm(t('refused.delete.confirm', { file: d.file }))) return;
      try { await api.deleteDocument(d.id); app.toast(t('refused.delete.done', { file: d.file })); done.deleted(); }
      catch (e) { failedToast(app, e); }
    },
  }, t('refused.delete')) : null;
  return h('span', { class: 'rowactions' }, again, del);
}

/** On a refused document's review screen: the actions and the way back to the list. */
export function refusedActions(app: App, d: Doc, done: { readAgain: (doc: Doc) => void; deleted: () => void }) {
  return h('div', { class: 'actions', 'data-testid': 'refused-actions' },
    refusedButtons(app, d, {
      readAgain: () => { api.getDocument(d.id).then(done.readAgain).catch((e) => failedToast(app, e)); },
      deleted: done.deleted,
    }),
    h('a', { href: '#/refused', 'data-testid': 'refused-back' }, t('refused.back')));
}

export function refusedView(app: App): View {
  const body = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const el = h('main', { class: 'page', 'data-testid': 'refused-view' },
    h('h1', null, t('refused.title')), h('p', { class: 'muted' }, t('refused.intro')), body);
  let stopped = false;
  let timer: number | undefined;
  const load = async () => {
    clearTimeout(timer);
    try {
      const list = await api.listDocuments({ status: 'refused', limit: 200 });
      if (stopped) return;
      body.replaceChildren(
        h('p', { 'data-testid': 'refused-count' }, t('refused.count', { n: list.total })),
        list.documents.length ? h('table', { class: 'list', 'data-testid': 'refused-table' },
          h('thead', null, h('tr', null,
            h('th', null, t('col.id')), h('th', null, t('col.file')), h('th', null, t('col.received')),
            h('th', null, t('refused.col.cause')), h('th', null, h('span', { class: 'visually-hidden' }, t('sources.col.actions'))))),
          h('tbody', null, list.documents.map((d) => {
            const text = refusalText(d);
            const cause = refusalCause(errorText(text));
            return h('tr', { 'data-testid': 'refused-row', 'data-id': d.id },
              h('td', null, d.id),
              h('td', null, h('a', { href: '#/doc/' + d.id }, d.file)),
              h('td', null, formatDateTime(d.created_at)),
              h('td', { 'data-testid': 'refused-cause', 'data-cause': cause },
                t(('refused.cause.' + cause) as 'refused.cause.other'),
                h('div', { class: 'muted small' }, t('refused.detail', { message: text }))),
              h('td', null, refusedButtons(app, d, { readAgain: load, deleted: load })));
          })))
          : h('p', { class: 'empty', 'data-testid': 'refused-empty' }, t('refused.empty')));
    } catch (e) {
      if (!stopped) failedToast(app, e);
    }
    // A document read again leaves the list once it reads: look again while the page is open.
    if (!stopped) timer = window.setTimeout(load, 3000);
  };
  load();
  return { el, unmount: () => { stopped = true; clearTimeout(timer); } };
}

/** "about 40 s", "about 3 min", "about 2 h". */
export function durationText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return t('reading.seconds', { n: s });
  const m = Math.round(s / 60);
  if (m < 90) return t('reading.minutes', { n: m });
  return t('reading.hours', { n: Math.round(m / 6) / 10 });
}

/** The queue's line on reading, refreshed every `everyMs` while shown. */
export function readingStrip(everyMs = 2000) {
  const el = h('p', { class: 'reading', 'data-testid': 'reading-strip', role: 'status' });
  const refusedLink = h('a', { href: '#/refused', 'data-testid': 'refused-link', hidden: true });
  const box = h('div', { class: 'readingbox' }, el, refusedLink);
  let stopped = false;
  let timer: number | undefined;
  const load = async () => {
    try {
      const [r, refused] = await Promise.all([api.getReading(), api.listDocuments({ status: 'refused', limit: 1 })]);
      if (stopped) return;
      el.dataset.waiting = String(r.waiting);
      el.dataset.reading = String(r.reading);
      el.dataset.untilMs = r.until_read_ms === null ? '' : String(r.until_read_ms);
      if (!r.waiting && !r.reading) el.textContent = t('reading.none');
      else {
        const eta = r.until_read_ms === null ? t('reading.eta.unknown') : t('reading.eta', { eta: durationText(r.until_read_ms) });
        el.textContent = t('reading.counts', { waiting: r.waiting, reading: r.reading }) + ' — ' + eta;
      }
      refusedLink.hidden = refused.total === 0;
      refusedLink.textContent = t('refused.count', { n: refused.total });
    } catch { /* keep the last figures; the next look may work */ }
    if (!stopped) timer = window.setTimeout(load, everyMs);
  };
  load();
  return { el: box, stop: () => { stopped = true; clearTimeout(timer); } };
}

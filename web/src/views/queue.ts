import * as api from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { App, View } from '../main';
import { summaryTable } from './common';
import { readingStrip } from './refused';

export function queueView(app: App): View {
  const body = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const reading = readingStrip();
  const el = h('main', { class: 'page', 'data-testid': 'queue-view' },
    h('h1', null, t('queue.title')), reading.el, h('p', { class: 'muted' }, t('queue.oldest')), body);
  let stopped = false;
  let timer: number | undefined;
  const load = async () => {
    try {
      const q = await api.reviewQueue(100, 0);
      if (stopped) return;
      body.replaceChildren(
        h('p', { 'data-testid': 'queue-count' }, t('queue.count', { n: q.total })),
        q.documents.length ? summaryTable(q.documents, { reasons: true, testid: 'queue-table' })
          : h('p', { class: 'empty', 'data-testid': 'queue-empty' }, t('queue.empty')));
    } catch (e) {
      if (!stopped) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
    if (!stopped) timer = window.setTimeout(load, 10000);
  };
  load();
  return { el, unmount: () => { stopped = true; clearTimeout(timer); reading.stop(); } };
}

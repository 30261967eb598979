import * as api from '../api';
import { h } from '../dom';
import { statusLabel, t, typeLabel } from '../i18n';
import { errorText } from '../logic';
import { may } from '../admin';
import type { App, View } from '../main';

interface Item { file: string; id?: number; status: string; type?: string | null; error?: string; row: HTMLElement }

export function uploadView(app: App): View {
  if (!may(app.user?.role, 'upload'))
    return { el: h('main', { class: 'page', 'data-testid': 'upload-view' }, h('h1', null, t('upload.title')), h('p', { class: 'error', 'data-testid': 'upload-forbidden' }, t('upload.forbidden'))) };
  const progress = h('progress', { max: 1, value: 0, 'data-testid': 'upload-progress', hidden: true });
  const progressText = h('span', { 'data-testid': 'upload-progress-text' });
  const list = h('ul', { class: 'uploads', 'data-testid': 'upload-results' });
  const input = h('input', { type: 'file', multiple: true, accept: '.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/*', 'data-testid': 'upload-input', id: 'upload-input' });
  const items: Item[] = [];
  let stopped = false;
  let timer: number | undefined;

  const renderItem = (it: Item) => {
    const done = it.status !== 'received';
    it.row.replaceChildren(...[
      h('span', { class: 'file' }, it.file),
      h('span', { class: 'badge status-' + it.status, 'data-testid': 'upload-status' },
        it.error ? t('upload.refused') : it.status === 'duplicate' ? t('upload.duplicate') : statusLabel(it.status)),
      it.type ? h('span', { class: 'muted' }, typeLabel(it.type)) : null,
      it.status === 'received' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
      it.error ? h('span', { class: 'error' }, it.error) : null,
      it.id !== undefined && done ? h('a', { href: '#/doc/' + it.id, 'data-testid': 'upload-open' }, t('upload.open')) : null,
    ].filter((x) => !!x) as HTMLElement[]);
    it.row.dataset.status = it.status;
    if (it.id !== undefined) it.row.dataset.id = String(it.id);
  };

  const poll = async () => {
    const pending = items.filter((i) => i.id !== undefined && i.status === 'received');
    await Promise.all(pending.map(async (it) => {
      try {
        const d = await api.getDocument(it.id!);
        it.status = d.status; it.type = d.document_type;
        if (d.status === 'refused') it.error = errorText(d.error);
        renderItem(it);
      } catch { /* try again next time */ }
    }));
    if (!stopped && items.some((i) => i.id !== undefined && i.status === 'received')) timer = window.setTimeout(poll, 1000);
  };

  const send = async (files: File[]) => {
    if (!files.length) return;
    progress.hidden = false; progress.value = 0;
    progressText.textContent = t('upload.sending', { pct: 0 });
    try {
      const r = await api.upload(files, (f) => { progress.value = f; progressText.textContent = t('upload.sending', { pct: Math.round(f * 100) }); });
      progressText.textContent = t('upload.done');
      for (const d of r.documents) {
        const it: Item = { file: d.file, id: d.id, status: d.error ? 'refused' : d.status ?? 'received', error: d.error?.message, row: h('li', { 'data-testid': 'upload-item' }) };
        items.unshift(it);
        list.prepend(it.row);
        renderItem(it);
        // A duplicate has the id of the document already there: show where it stands.
        if (it.status === 'duplicate' && it.id !== undefined) api.getDocument(it.id).then((doc) => { it.type = doc.document_type; renderItem(it); }).catch(() => undefined);
      }
      clearTimeout(timer);
      poll();
    } catch (e) {
      progressText.textContent = t('upload.failed', { message: (e as Error).message });
      app.toast(t('upload.failed', { message: (e as Error).message }), 'error');
    }
  };

  input.addEventListener('change', () => { send(Array.from(input.files ?? [])); input.value = ''; });
  const zone = h('label', {
    class: 'dropzone', for: 'upload-input', 'data-testid': 'dropzone', tabindex: 0,
    ondragover: (e: DragEvent) => { e.preventDefault(); zone.classList.add('over'); },
    ondragleave: () => zone.classList.remove('over'),
    ondrop: (e: DragEvent) => { e.preventDefault(); zone.classList.remove('over'); send(Array.from(e.dataTransfer?.files ?? [])); },
    onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } },
  }, h('p', null, t('upload.drop')), h('p', { class: 'link' }, t('upload.pick')), input);

  const el = h('main', { class: 'page', 'data-testid': 'upload-view' },
    h('h1', null, t('upload.title')), zone,
    h('div', { class: 'progress' }, progress, progressText),
    h('h2', null, t('upload.results')), list);
  return { el, unmount: () => { stopped = true; clearTimeout(timer); } };
}

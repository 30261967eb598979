// The form of a watched folder or mailbox (admin): name, kind, enabled, the kind's settings
// (numbers, yes/no, choices, lists one a line) and, for a mailbox, its secret (password or
// refresh token: write-only, "set" when stored, kept unless retyped). POST for a new
// source, PUT for a stored one; the server's refusal is shown under the form, in words.
import * as api from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { App } from '../main';
import {
  DEFAULT_IGNORE, SOURCE_FIELDS, SOURCE_KINDS, fieldLabel, formValues, optionLabel, sourceBody, sourceKindLabel, type FormValues,
} from '../sources';
import type { Source } from '../types';

const inputId = (name: string) => 'source-setting-' + name.replace(/\./g, '-');

export function sourceForm(app: App, stored: Source | undefined, onSaved: (saved: Source) => void, onCancel: () => void): HTMLFormElement {
  // What the admin typed, per kind, so that looking at the other kind loses nothing.
  const typed: Record<string, FormValues> = {};
  const name = h('input', {
    id: 'source-name', required: true, autocomplete: 'off', spellcheck: 'false', value: stored?.name ?? '',
    disabled: !!stored, 'data-testid': 'source-name',
  });
  const kind = h('select', { id: 'source-kind', disabled: !!stored, 'data-testid': 'source-kind' },
    SOURCE_KINDS.map((k) => h('option', { value: k, selected: stored?.kind === k }, sourceKindLabel(k))));
  const enabled = h('input', { type: 'checkbox', id: 'source-enabled', checked: stored ? stored.enabled : true, 'data-testid': 'source-enabled' });
  const settingsBox = h('div', { class: 'settings', style: { display: 'contents' } });
  const error = h('p', { class: 'result error', role: 'alert', 'data-testid': 'source-error', hidden: true });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'source-save' }, t('sources.save'));

  function readValues(): FormValues {
    const out: FormValues = {};
    for (const el of settingsBox.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-setting]'))
      out[el.dataset.setting!] = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    return out;
  }

  function renderSettings() {
    if (kind.dataset.shown) typed[kind.dataset.shown] = readValues();
    const k = kind.value;
    kind.dataset.shown = k;
    const values = typed[k] ?? formValues(k, stored?.kind === k ? stored.settings : undefined);
    const parts: HTMLElement[] = [];
    for (const f of SOURCE_FIELDS[k] ?? []) {
      const id = inputId(f.name);
      const common = { id, name: f.name, 'data-setting': f.name, 'data-testid': id };
      const v = values[f.name];
      parts.push(h('label', { for: id }, fieldLabel(f.name)));
      if (f.kind === 'bool') {
        parts.push(h('div', null, h('input', { ...common, type: 'checkbox', checked: !!v })));
      } else if (f.kind === 'select') {
        parts.push(h('select', common, f.options!.map((o) => h('option', { value: o, selected: o === v }, optionLabel(f.name, o)))));
      } else if (f.kind === 'list') {
        const hint = f.name === 'ignore' ? DEFAULT_IGNORE.join(', ') : undefined;
        parts.push(h('textarea', { ...common, rows: 2, spellcheck: 'false', value: String(v ?? ''), placeholder: hint, 'aria-describedby': id + '-hint' }));
        parts.push(h('p', { class: 'hintline muted small', id: id + '-hint' }, t(f.name === 'ignore' ? 'sources.hint.ignore' : 'sources.hint.list')));
      } else {
        const kept = f.kind === 'password' && stored?.kind === k && !!stored.settings?.[f.name];
        parts.push(h('input', {
          ...common, value: String(v ?? ''), spellcheck: 'false', required: f.required ? true : undefined,
          type: f.kind === 'password' ? 'password' : f.kind === 'text' ? 'text' : 'number',
          step: f.kind === 'number' ? 'any' : f.kind === 'integer' ? 1 : undefined, min: f.kind === 'number' || f.kind === 'integer' ? 0 : undefined,
          autocomplete: f.kind === 'password' ? 'new-password' : 'off',
          placeholder: kept ? '********' : f.fallback ?? (f.name === 'url' ? 'imaps://mail.example.com/INBOX' : f.name === 'path' ? '/srv/scans/inbox' : undefined),
        }));
        if (kept) parts.push(h('p', { class: 'hintline muted small' }, t('erp.secret_kept')));
      }
    }
    if (k === 'imap') {
      const kept = stored?.kind === 'imap' && stored.has_secret;
      parts.push(h('label', { for: 'source-secret' }, t('sources.secret')));
      parts.push(h('input', {
        id: 'source-secret', type: 'password', autocomplete: 'new-password', 'data-testid': 'source-secret',
        placeholder: kept ? '********' : undefined, 'aria-describedby': 'source-secret-hint',
      }));
      parts.push(h('p', { class: 'hintline muted small', id: 'source-secret-hint', 'data-testid': kept ? 'source-secret-kept' : 'source-secret-none' },
        t(kept ? 'sources.secret_set' : 'sources.secret_none')));
    }
    settingsBox.replaceChildren(...parts);
  }
  kind.addEventListener('change', renderSettings);

  async function submit() {
    const k = kind.value;
    const secret = settingsBox.querySelector<HTMLInputElement>('#source-secret')?.value ?? '';
    const body = sourceBody(k, name.value, readValues(), secret, enabled.checked, stored);
    save.disabled = true;
    error.hidden = true;
    try {
      const saved = stored ? await api.putSource(stored.name, body) : await api.addSource(body);
      app.toast(t('sources.saved', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      const err = e as api.ApiError;
      error.textContent = err.status === 409 ? t('sources.taken', { name: name.value.trim() })
        : err.status === 400 ? t('sources.refused', { message: err.message }) : t('error.generic', { message: err.message });
      error.hidden = false;
    } finally { save.disabled = false; }
  }

  const form = h('form', {
    class: 'erpform', 'data-testid': 'source-form', 'aria-labelledby': 'source-form-title',
    onsubmit: (e: Event) => { e.preventDefault(); submit(); },
  },
  h('h3', { class: 'formtitle', id: 'source-form-title' }, stored ? t('sources.edit_title', { name: stored.name }) : t('sources.add_title')),
  h('label', { for: 'source-name' }, t('sources.name')), name,
  h('label', { for: 'source-kind' }, t('sources.kind')), kind,
  h('label', { for: 'source-enabled' }, t('sources.enabled')), h('div', null, enabled),
  settingsBox,
  h('div', { class: 'buttons' }, save, h('button', { type: 'button', 'data-testid': 'source-cancel', onclick: onCancel }, t('sources.cancel'))),
  error);
  renderSettings();
  return form;
}

// The form of an export target (admin): name, kind and the kind's settings (webhook url,
// secret, timeout; files folder, formats, GLNs; Tryton url, database, user, password; any
// other as name=value lines), document types, validated only, field mapping, max attempts,
// enabled. Secrets are never shown back: left empty, the mask is sent and the server keeps
// the stored one. POST for a new target, PUT for a stored one.
import * as api from '../api';
import { h } from '../dom';
import { t, tOr, typeLabel } from '../i18n';
import type { App } from '../main';
import {
  EXPORT_KINDS, FILE_FORMATS, exportKindLabel, mappingText, otherTargetSettings, parseMapping, storedTargetSecret,
  targetSettingsToSave,
} from '../receiving';
import type { ExportTarget, ExportTargetInput } from '../types';

export function exportTargetForm(app: App, stored: ExportTarget | undefined, onSaved: (saved: ExportTarget) => void, onCancel: () => void): HTMLElement {
  // What the admin typed, per kind, so that looking at another kind loses nothing.
  const typed: Record<string, Record<string, string>> = {};
  const other: Record<string, string> = {};
  const field = (name: string, input: HTMLElement) => [h('label', { for: input.id }, t(`target.${name}` as Parameters<typeof t>[0])), input];

  const name = h('input', { id: 'target-name', required: true, autocomplete: 'off', spellcheck: 'false', value: stored?.name ?? '', 'data-testid': 'target-name' });
  const kind = h('select', { id: 'target-kind', 'data-testid': 'target-kind' },
    Object.keys(EXPORT_KINDS).map((k) => h('option', { value: k, selected: stored?.kind === k }, exportKindLabel(k))));
  const settingsBox = h('div', { class: 'settings', style: { display: 'contents' } });
  const types = [...new Set([...app.schemas.map((s) => s.document_type), ...(stored?.document_types ?? [])])];
  const typeBoxes = h('div', { class: 'checks', id: 'target-types', 'data-testid': 'target-types' }, types.map((ty) =>
    h('label', null, h('input', { type: 'checkbox', value: ty, checked: stored?.document_types.includes(ty), 'data-testid': 'target-type-' + ty }), ' ', typeLabel(ty))));
  const validatedOnly = h('input', { type: 'checkbox', id: 'target-validated-only', checked: stored ? !stored.include_auto_accepted : false, 'data-testid': 'target-validated-only' });
  const mapping = h('textarea', { id: 'target-mapping', rows: 3, spellcheck: 'false', value: mappingText(stored?.field_mapping), 'data-testid': 'target-mapping', placeholder: 'po_number=PurchaseOrder\nlines.quantity=Qty' });
  const maxAttempts = h('input', { id: 'target-max-attempts', type: 'number', min: 1, max: 100, value: stored?.max_attempts ?? 10, 'data-testid': 'target-max-attempts' });
  const enabled = h('input', { type: 'checkbox', id: 'target-enabled', checked: stored ? stored.enabled : true, 'data-testid': 'target-enabled' });
  const error = h('p', { class: 'result error', role: 'alert', 'data-testid': 'target-error', hidden: true });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'target-save' }, t('target.save'));

  function keepTyped() {
    const k = kind.dataset.shown;
    if (!k) return;
    typed[k] = {};
    for (const input of settingsBox.querySelectorAll<HTMLInputElement>('[data-setting]')) typed[k][input.dataset.setting!] = input.value;
    const formats = [...settingsBox.querySelectorAll<HTMLInputElement>('[data-format]')];
    if (formats.length) typed[k].formats = formats.filter((f) => f.checked).map((f) => f.value).join(',');
    const o = settingsBox.querySelector<HTMLTextAreaElement>('[data-testid="target-other"]');
    if (o) other[k] = o.value;
  }

  function renderSettings() {
    keepTyped();
    const k = kind.value;
    kind.dataset.shown = k;
    const same = stored?.kind === k ? stored : undefined;
    const parts: HTMLElement[] = [];
    for (const spec of EXPORT_KINDS[k] ?? []) {
      const id = 'target-setting-' + spec.name;
      const label = tOr('target.setting.' + spec.name, spec.name);
      const value = typed[k]?.[spec.name] ?? (spec.secret ? '' : same?.settings?.[spec.name] ?? '');
      parts.push(h('label', { for: id }, label));
      if (spec.kind === 'formats') {
        const chosen = new Set((value || 'json').split(',').map((f) => f.trim()));
        parts.push(h('div', { class: 'checks', id }, FILE_FORMATS.map((f) => h('label', null,
          h('input', { type: 'checkbox', value: f, checked: chosen.has(f), 'data-format': f, 'data-testid': 'target-format-' + f }), ' ', tOr('target.format.' + f, f)))));
        continue;
      }
      const kept = spec.secret && storedTargetSecret(stored, k, spec.name);
      parts.push(h('input', {
        id, name: spec.name, value, 'data-setting': spec.name, 'data-testid': id, spellcheck: 'false',
        type: spec.secret ? 'password' : spec.kind === 'number' ? 'number' : 'text',
        autocomplete: spec.secret ? 'new-password' : 'off', placeholder: kept ? '********' : undefined,
        required: spec.required && !kept ? true : undefined,
      }));
      if (kept) parts.push(h('p', { class: 'hintline muted small', 'data-testid': 'target-secret-kept' }, t('erp.secret_kept')));
    }
    parts.push(h('label', { for: 'target-other' }, t('target.other')));
    parts.push(h('textarea', { id: 'target-other', rows: 2, spellcheck: 'false', 'data-testid': 'target-other', value: other[k] ?? otherTargetSettings(stored, k) }));
    settingsBox.replaceChildren(...parts);
  }
  kind.addEventListener('change', renderSettings);

  async function submit() {
    keepTyped();
    const k = kind.value;
    const body: ExportTargetInput = {
      name: name.value.trim(), kind: k,
      settings: targetSettingsToSave(k, typed[k] ?? {}, other[k] ?? '', stored),
      document_types: [...typeBoxes.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
      include_auto_accepted: !validatedOnly.checked,
      field_mapping: parseMapping(mapping.value),
      max_attempts: Number(maxAttempts.value) || 10,
      enabled: enabled.checked,
    };
    save.disabled = true;
    error.hidden = true;
    try {
      const saved = stored ? await api.putExportTarget(stored.id, body) : await api.addExportTarget(body);
      app.toast(t('target.saved', { name: saved.name }));
      onSaved(saved);
    } catch (e) {
      const err = e as api.ApiError;
      error.textContent = err.status === 400 || err.status === 409 ? t('target.refused', { message: err.message }) : t('error.generic', { message: err.message });
      error.hidden = false;
    } finally { save.disabled = false; }
  }

  const form = h('form', { class: 'erpform', 'data-testid': 'target-form', onsubmit: (e: Event) => { e.preventDefault(); submit(); } },
    h('h3', { class: 'formtitle' }, stored ? t('target.edit_title', { name: stored.name }) : t('target.add_title')),
    field('name', name), field('kind', kind),
    settingsBox,
    field('types', typeBoxes), h('p', { class: 'hintline muted small' }, t('target.types_hint')),
    h('label', { for: 'target-validated-only' }, t('target.validated_only')), h('div', null, validatedOnly, ' ', h('span', { class: 'muted small' }, t('target.validated_only_hint'))),
    field('mapping', mapping),
    field('max_attempts', maxAttempts),
    h('label', { for: 'target-enabled' }, t('target.enabled')),
    h('div', null, enabled, stored?.disabled_reason ? h('span', { class: 'error small', 'data-testid': 'target-disabled-reason' }, ' ', stored.disabled_reason) : null),
    h('div', { class: 'buttons' }, save, h('button', { type: 'button', 'data-testid': 'target-cancel', onclick: onCancel }, t('target.cancel'))),
    error);
  renderSettings();
  return form;
}

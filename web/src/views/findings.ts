// Findings as the validation screen shows them, beside the field or line they concern:
// severity (block red, warn amber, info grey), a short title in the clerk's language with
// the server's message as the detail, the ERP's values, and for a finding that still blocks
// an "Override…" action asking for a reason inline.
import { h } from '../dom';
import { canOverride, severityOf, sortFindings, worstSeverity } from '../erp';
import { fieldLabel, findingTitle, t } from '../i18n';
import type { Finding } from '../types';

export interface FindingActions {
  /** Whether this user may override here (role, document editable). */
  mayOverride: boolean;
  /** Sends the override and shows the document it returns; rejects with the server's error. */
  override: (finding: Finding, reason: string) => Promise<void>;
}

/** A stable DOM id for a finding, for aria-describedby on the input it concerns. */
export const findingDomId = (f: Finding) => 'finding-' + (f.code + '-' + (f.field ?? '')).replace(/[^A-Za-z0-9_-]/g, '_');

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The title (when the code has one) and the message, for a tooltip. */
export function findingText(f: Finding): string {
  const title = findingTitle(f.code);
  return title ? `${title}: ${f.message}` : f.message || f.code;
}

/** ARIA for the input a finding concerns: described by its findings, invalid while one blocks. */
export function markerAttrs(findings: Finding[]): Record<string, string | undefined> {
  if (!findings.length) return {};
  const worst = worstSeverity(findings);
  return {
    'aria-describedby': findings.map(findingDomId).join(' '),
    'aria-invalid': worst === 'block' ? 'true' : undefined,
  };
}

/** `where` names the field a finding concerns when the list is not beside it ("" for none). */
export function findingList(findings: Finding[], actions: FindingActions, opts: { where?: (field: string | undefined) => string } = {}) {
  return h('ul', { class: 'findinglist' }, sortFindings(findings).map((f) => findingItem(f, actions, opts.where?.(f.field) ?? '')));
}

export function findingItem(f: Finding, actions: FindingActions, where = ''): HTMLLIElement {
  const severity = severityOf(f);
  const title = findingTitle(f.code);
  // The ERP's values the finding was judged against, for a closer look (the order panel shows them too).
  const erp = f.erp && Object.keys(f.erp).length
    ? t('finding.erp_values', { values: Object.entries(f.erp).map(([k, v]) => `${fieldLabel(k)} ${show(v)}`).join(', ') }) : undefined;
  const li = h('li', {
    class: `finding sev-${severity}` + (f.overridden_by ? ' overridden' : ''),
    id: findingDomId(f), 'data-testid': 'finding', 'data-code': f.code, 'data-field': f.field ?? '', 'data-severity': severity,
  },
  h('span', { class: 'sev', 'data-testid': 'finding-severity' }, t(`severity.${severity}`)), ' ',
  where ? [h('span', { class: 'where' }, where), ' · '] : null,
  title ? [h('strong', { class: 'title', 'data-testid': 'finding-title' }, title), ' '] : null,
  h('span', { class: 'msg', 'data-testid': 'finding-message', title: erp }, f.message || f.code),
  f.overridden_by ? h('span', { class: 'override-note', 'data-testid': 'finding-overridden' },
    t('finding.overridden', { user: f.overridden_by, reason: f.override_reason ?? '' })) : null);
  if (actions.mayOverride && canOverride(f)) {
    const open: HTMLButtonElement = h('button', {
      type: 'button', class: 'small', 'data-testid': 'finding-override', title: t('finding.override.title'),
      onclick: () => {
        const form = overrideForm(f, actions, title, () => { form.replaceWith(open); open.focus(); });
        open.replaceWith(form);
        form.querySelector('input')?.focus();
      },
    }, t('finding.override'));
    li.append(' ', open);
  }
  return li;
}

function overrideForm(f: Finding, actions: FindingActions, title: string, cancel: () => void): HTMLElement {
  const reason = h('input', {
    type: 'text', class: 'reason', 'data-testid': 'override-reason', maxlength: 500,
    'aria-label': `${t('finding.override.reason')} — ${title || f.code}`, placeholder: t('finding.override.reason'),
  });
  const msg = h('span', { class: 'error small', role: 'alert', 'data-testid': 'override-error' });
  const confirm = h('button', { type: 'submit', class: 'danger small', 'data-testid': 'override-confirm' }, t('finding.override.confirm'));
  const form = h('form', {
    class: 'overrideform', 'data-testid': 'override-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const text = reason.value.trim();
      if (!text) { msg.textContent = t('finding.override.need_reason'); reason.focus(); return; }
      msg.textContent = '';
      confirm.disabled = true;
      try {
        await actions.override(f, text);
      } catch (err) {
        if (!form.isConnected) return;
        msg.textContent = (err as Error).message;
        confirm.disabled = false;
        reason.focus();
      }
    },
  },
  reason, confirm,
  h('button', { type: 'button', class: 'small', 'data-testid': 'override-cancel', onclick: cancel }, t('finding.override.cancel')),
  msg);
  reason.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); } });
  return form;
}

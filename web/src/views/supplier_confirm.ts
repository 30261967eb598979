// The first document of a new supplier: validation teaches quai its name, so the
// review panel says so beside Validate and shows the name that will be learned, in a
// field the person confirms by validating or corrects first. The name is offered
// without the OCR specks a drag selection picks up at its ends, and what was read is
// shown beside it, so specks never become a supplier's name silently.
import { h } from '../dom';
import { t } from '../i18n';
import { cleanSupplierName } from '../suppliers';

export interface SupplierConfirmation {
  el: HTMLElement;
  /** The confirmed name; undefined (with the field focused and the need said) when it is empty. */
  name: () => string | undefined;
}

export function supplierConfirmation(read: string): SupplierConfirmation {
  const input = h('input', { id: 'supplier-confirm-name', 'data-testid': 'supplier-confirm-input', value: cleanSupplierName(read), maxlength: 200 }) as HTMLInputElement;
  const need = h('p', { class: 'error small', hidden: true, 'data-testid': 'supplier-confirm-need' }, t('suppliers.confirm.need'));
  const el = h('div', { class: 'supplierconfirm', role: 'group', 'aria-labelledby': 'supplier-confirm-title', 'data-testid': 'supplier-confirm' },
    h('p', { id: 'supplier-confirm-title', class: 'warn' }, h('strong', null, t('suppliers.confirm.title'))),
    h('p', { class: 'small' }, t('suppliers.confirm.intro')),
    read.trim() !== input.value ? h('p', { class: 'muted small', 'data-testid': 'supplier-confirm-read' }, t('suppliers.confirm.read', { name: read })) : null,
    h('label', { for: 'supplier-confirm-name' }, t('suppliers.confirm.label')), ' ', input, need);
  return {
    el,
    name: () => {
      const name = input.value.trim().replace(/\s+/g, ' ');
      need.hidden = !!name;
      if (!name) input.focus();
      return name || undefined;
    },
  };
}

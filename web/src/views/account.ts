// The user's own account: changes their password (the current one, the new
// one twice). Every session of the user ends, so the browser logs in again.
import * as api from '../api';
import { passwordProblem } from '../admin';
import { h } from '../dom';
import { roleLabel, t } from '../i18n';
import type { App, View } from '../main';

export function accountView(app: App): View {
  const user = app.user!;
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'password-error', hidden: true });
  const input = (name: string, autocomplete: string) =>
    h('input', { name, type: 'password', autocomplete, required: true, 'data-testid': 'password-' + name });
  const current = input('current', 'current-password');
  const next = input('new', 'new-password');
  const confirm = input('confirm', 'new-password');
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'password-submit' }, t('account.password.submit'));
  const say = (text: string) => { message.textContent = text; message.hidden = false; };
  const form = h('form', {
    class: 'login card', 'data-testid': 'password-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      message.hidden = true;
      const problem = passwordProblem(user.name, current.value, next.value, confirm.value);
      if (problem) { say(t(('account.password.' + problem) as 'account.password.length')); return; }
      submit.disabled = true;
      try {
        await api.changePassword(current.value, next.value);
        app.user = undefined;
        app.toast(t('account.password.changed'));
        app.go('#/login');
      } catch (err) {
        const er = err as api.ApiError;
        say(er.status === 400 && /current password/.test(er.message) ? t('account.password.wrong') : t('error.generic', { message: er.message }));
        current.focus();
      } finally { submit.disabled = false; }
    },
  },
  h('h2', null, t('account.password.title')),
  h('p', { class: 'muted small' }, t('account.password.rule')),
  h('label', null, t('account.password.current'), current),
  h('label', null, t('account.password.new'), next),
  h('label', null, t('account.password.confirm'), confirm),
  message, submit);
  return {
    el: h('main', { class: 'page', 'data-testid': 'account-view' },
      h('h1', null, t('account.title')),
      h('p', { 'data-testid': 'account-who' }, t('account.who', { name: user.name, role: roleLabel(user.role) })),
      form),
  };
}

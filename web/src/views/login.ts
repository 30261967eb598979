import * as api from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { App, View } from '../main';
import { loadSchemas } from '../main';

export function loginView(app: App, done: () => void): View {
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, 'data-testid': 'login-username', autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, t('login.submit'));
  const form = h('form', {
    class: 'login card', 'data-testid': 'login-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      submit.disabled = true;
      message.hidden = true;
      try {
        const s = await api.login(username.value.trim(), password.value);
        app.user = s.user;
        loadSchemas();
        done();
      } catch (err) {
        const e = err as api.ApiError;
        message.textContent = e.status === 401 ? t('login.failed') : e.status === 429 ? t('login.rate_limited') : t('login.error', { message: e.message });
        message.hidden = false;
        password.value = '';
        password.focus();
      } finally { submit.disabled = false; }
    },
  },
  h('h1', null, t('login.title')),
  h('label', null, t('login.username'), username),
  h('label', null, t('login.password'), password),
  message,
  submit);
  setTimeout(() => username.focus(), 0);
  return { el: h('main', { class: 'center', 'data-testid': 'login-view' }, form) };
}

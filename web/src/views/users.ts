// Users (admin only): the list, and a form that adds one and shows its one-time password once.
import * as api from '../api';
import { h } from '../dom';
import { formatDateTime, roleLabel, t } from '../i18n';
import type { App, View } from '../main';
import type { UserSummary } from '../types';

const ROLES = ['reviewer', 'viewer', 'integration', 'admin'];

export function usersView(app: App): View {
  if (app.user?.role !== 'admin')
    return { el: h('main', { class: 'page', 'data-testid': 'users-view' }, h('h1', null, t('users.title')), h('p', { class: 'error', 'data-testid': 'users-forbidden' }, t('users.forbidden'))) };

  const body = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'users-error', hidden: true });
  const created = h('div', { class: 'onetime', role: 'status', 'data-testid': 'users-created', hidden: true });
  const name = h('input', { name: 'name', required: true, autocomplete: 'off', 'data-testid': 'users-name' });
  const role = h('select', { name: 'role', 'data-testid': 'users-role' }, ROLES.map((r) => h('option', { value: r }, roleLabel(r))));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'users-submit' }, t('users.submit'));
  let stopped = false;

  const table = (users: UserSummary[]) => h('table', { class: 'list', 'data-testid': 'users-table' },
    h('thead', null, h('tr', null, h('th', null, t('users.col.name')), h('th', null, t('users.col.role')), h('th', null, t('users.col.created')))),
    h('tbody', null, users.map((u) => h('tr', { 'data-testid': 'user-row', 'data-name': u.name },
      h('td', null, u.name), h('td', null, roleLabel(u.role)), h('td', null, formatDateTime(u.created_at))))));

  const load = async () => {
    try {
      const r = await api.listUsers();
      if (stopped) return;
      body.replaceChildren(r.users.length ? table(r.users) : h('p', { class: 'empty' }, t('users.empty')));
    } catch (e) {
      if (!stopped) app.toast(t('error.generic', { message: (e as Error).message }), 'error');
    }
  };

  const form = h('form', {
    class: 'adduser', 'data-testid': 'users-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const wanted = name.value.trim();
      submit.disabled = true;
      message.hidden = true;
      created.hidden = true;
      created.replaceChildren();
      try {
        const u = await api.addUser(wanted, role.value);
        created.replaceChildren(
          h('p', null, t('users.created', { name: u.name, role: roleLabel(u.role) })),
          h('code', { 'data-testid': 'users-password' }, u.password),
          h('p', { class: 'notice', 'data-testid': 'users-once' }, h('strong', null, t('users.once'))));
        created.hidden = false;
        name.value = '';
        load();
      } catch (err) {
        const er = err as api.ApiError;
        message.textContent = er.status === 409 ? t('users.taken', { name: wanted })
          : er.status === 400 ? t('users.invalid', { message: er.message })
            : t('error.generic', { message: er.message });
        message.hidden = false;
        name.focus();
      } finally { submit.disabled = false; }
    },
  },
  h('label', null, t('users.name'), name),
  h('label', null, t('users.role'), role),
  submit);

  const el = h('main', { class: 'page', 'data-testid': 'users-view' },
    h('h1', null, t('users.title')),
    h('h2', null, t('users.add')), form, message, created,
    body);
  load();
  return { el, unmount: () => { stopped = true; } };
}

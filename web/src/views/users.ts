// Users (admin only): the list, where each user (but oneself) is given another
// role, disabled or enabled again; a form that adds one and shows its one-time
// password once; the API tokens, listed and revoked, and a form that creates
// one (with an optional lifetime) and shows it once.
import * as api from '../api';
import { parseExpiryDays, tokenState } from '../admin';
import { h } from '../dom';
import { formatDateTime, roleLabel, t } from '../i18n';
import type { App, View } from '../main';
import type { ApiToken, UserSummary } from '../types';

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
  const tokensBody = h('div', null, h('p', { class: 'muted' }, t('review.loading')));
  const tokenMessage = h('p', { class: 'error', role: 'alert', 'data-testid': 'tokens-error', hidden: true });
  const tokenCreated = h('div', { class: 'onetime', role: 'status', 'data-testid': 'tokens-created', hidden: true });
  const tokenUser = h('select', { name: 'user', 'data-testid': 'tokens-user', 'aria-label': t('tokens.user') });
  const tokenLabel = h('input', { name: 'label', autocomplete: 'off', maxlength: 200, 'data-testid': 'tokens-label' });
  const tokenDays = h('input', { name: 'days', inputmode: 'numeric', autocomplete: 'off', placeholder: t('tokens.days.never'), 'data-testid': 'tokens-days' });
  const tokenSubmit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'tokens-submit' }, t('tokens.submit'));
  let stopped = false;
  const self = app.user.name;

  const fail = (e: unknown) => { if (!stopped) app.toast(t('error.generic', { message: (e as Error).message }), 'error'); };

  const change = async (u: UserSummary, wanted: { role?: string; disabled?: boolean }, done: string) => {
    try {
      await api.updateUser(u.name, wanted);
      app.toast(done);
    } catch (e) { fail(e); }
    load();
  };

  const actions = (u: UserSummary) => u.name === self
    ? h('span', { class: 'muted small', 'data-testid': 'user-self' }, t('users.self'))
    : h('button', {
      'data-testid': u.disabled ? 'user-enable' : 'user-disable', class: u.disabled ? '' : 'danger',
      onclick: () => change(u, { disabled: !u.disabled }, t(u.disabled ? 'users.enabled' : 'users.disabled', { name: u.name })),
    }, t(u.disabled ? 'users.enable' : 'users.disable'));

  const roleCell = (u: UserSummary) => u.name === self ? roleLabel(u.role)
    : h('select', {
      'data-testid': 'user-role', 'aria-label': t('users.role.of', { name: u.name }),
      onchange: (e: Event) => change(u, { role: (e.target as HTMLSelectElement).value }, t('users.role.changed', { name: u.name })),
    }, ROLES.map((r) => h('option', { value: r, selected: r === u.role }, roleLabel(r))));

  const table = (users: UserSummary[]) => h('table', { class: 'list', 'data-testid': 'users-table' },
    h('thead', null, h('tr', null, h('th', null, t('users.col.name')), h('th', null, t('users.col.role')), h('th', null, t('users.col.state')),
      h('th', null, t('users.col.created')), h('th', null, h('span', { class: 'visually-hidden' }, t('sources.col.actions'))))),
    h('tbody', null, users.map((u) => h('tr', { 'data-testid': 'user-row', 'data-name': u.name, 'data-disabled': u.disabled ? 'true' : 'false' },
      h('td', null, u.name), h('td', null, roleCell(u)),
      h('td', { 'data-testid': 'user-state' }, u.disabled ? h('span', { class: 'badge status-rejected' }, t('users.state.disabled')) : t('users.state.active')),
      h('td', null, formatDateTime(u.created_at)), h('td', null, actions(u))))));

  const tokenTable = (tokens: ApiToken[]) => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return h('table', { class: 'list', 'data-testid': 'tokens-table' },
      h('thead', null, h('tr', null, h('th', null, t('tokens.col.user')), h('th', null, t('tokens.col.label')), h('th', null, t('tokens.col.created')),
        h('th', null, t('tokens.col.expires')), h('th', null, t('tokens.col.state')), h('th', null, h('span', { class: 'visually-hidden' }, t('sources.col.actions'))))),
      h('tbody', null, tokens.map((k) => {
        const state = tokenState(k, now);
        return h('tr', { 'data-testid': 'token-row', 'data-id': k.id, 'data-state': state },
          h('td', null, k.user), h('td', null, k.label || '—'), h('td', null, formatDateTime(k.created_at)),
          h('td', null, k.expires_at ? formatDateTime(k.expires_at) : t('tokens.never')),
          h('td', { 'data-testid': 'token-state' }, state === 'revoked' ? t('tokens.state.revoked', { at: formatDateTime(k.revoked_at) })
            : state === 'expired' ? t('tokens.state.expired') : t('tokens.state.active')),
          h('td', null, state === 'revoked' ? null : h('button', {
            class: 'danger', 'data-testid': 'token-revoke',
            onclick: async () => {
              if (!window.confirm(t('tokens.revoke.confirm', { user: k.user }))) return;
              try { await api.revokeToken(k.id); app.toast(t('tokens.revoked')); } catch (e) { fail(e); }
              loadTokens();
            },
          }, t('tokens.revoke'))));
      })));
  };

  const load = async () => {
    try {
      const r = await api.listUsers();
      if (stopped) return;
      body.replaceChildren(r.users.length ? table(r.users) : h('p', { class: 'empty' }, t('users.empty')));
      const chosen = tokenUser.value;
      tokenUser.replaceChildren(...r.users.filter((u) => !u.disabled).map((u) => h('option', { value: u.name, selected: u.name === chosen }, `${u.name} (${roleLabel(u.role)})`)));
    } catch (e) { fail(e); }
  };

  const loadTokens = async () => {
    try {
      const r = await api.listTokens();
      if (stopped) return;
      tokensBody.replaceChildren(r.tokens.length ? tokenTable(r.tokens) : h('p', { class: 'empty', 'data-testid': 'tokens-empty' }, t('tokens.empty')));
    } catch (e) { fail(e); }
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

  const tokenForm = h('form', {
    class: 'adduser', 'data-testid': 'tokens-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      tokenMessage.hidden = true;
      tokenCreated.hidden = true;
      tokenCreated.replaceChildren();
      const days = parseExpiryDays(tokenDays.value);
      if (days === undefined) {
        tokenMessage.textContent = t('tokens.days.invalid');
        tokenMessage.hidden = false;
        tokenDays.focus();
        return;
      }
      tokenSubmit.disabled = true;
      try {
        const k = await api.createToken(tokenUser.value, tokenLabel.value.trim(), days);
        tokenCreated.replaceChildren(
          h('p', null, t('tokens.created', { user: k.user })),
          h('code', { 'data-testid': 'tokens-secret' }, k.token),
          h('p', { class: 'notice' }, h('strong', null, t('tokens.once'))));
        tokenCreated.hidden = false;
        tokenLabel.value = '';
        tokenDays.value = '';
        loadTokens();
      } catch (err) {
        tokenMessage.textContent = t('error.generic', { message: (err as Error).message });
        tokenMessage.hidden = false;
      } finally { tokenSubmit.disabled = false; }
    },
  },
  h('label', null, t('tokens.user'), tokenUser),
  h('label', null, t('tokens.label'), tokenLabel),
  h('label', null, t('tokens.days'), tokenDays),
  tokenSubmit);

  const el = h('main', { class: 'page', 'data-testid': 'users-view' },
    h('h1', null, t('users.title')),
    h('h2', null, t('users.add')), form, message, created,
    body,
    h('h2', null, t('tokens.title')),
    h('p', { class: 'muted small' }, t('tokens.hint')),
    tokenForm, tokenMessage, tokenCreated, tokensBody);
  load();
  loadTokens();
  return { el, unmount: () => { stopped = true; } };
}

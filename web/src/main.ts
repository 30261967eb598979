// The review desk: app shell, hash router, session.
import './style.css';
import * as api from './api';
import builtinSchemas from 'virtual:quai-schemas';
import { clear, h } from './dom';
import { initLang, lang, setLang, t } from './i18n';
import type { Schema, User } from './types';
import { loginView } from './views/login';
import { queueView } from './views/queue';
import { refusedView } from './views/refused'; // desk-rest
import { documentsView } from './views/documents';
import { uploadView } from './views/upload';
import { reviewView } from './views/review';
import { usersView } from './views/users';
import { erpView } from './views/erp_admin';
import { exportsView } from './views/exports_admin';
import { sourcesView } from './views/sources';
import { lotsView } from './views/lots';
import { lotView } from './views/lot';
import { accountView } from './views/account';
import { may } from './admin';
import { dashboardView } from './views/dashboard';
import { suppliersView } from './views/suppliers';

export interface View { el: HTMLElement; unmount?: () => void }

export interface App {
  user?: User;
  schemas: Schema[];
  session: Promise<unknown>;
  go: (hash: string) => void;
  toast: (message: string, kind?: 'info' | 'error') => void;
  render: () => void;
}

initLang(safeStorage());
document.documentElement.lang = lang();

const root = document.getElementById('app')!;
let current: View | undefined;
let returnTo = '';

const app: App = {
  schemas: builtinSchemas,
  session: Promise.resolve(),
  go: (hash) => { if (location.hash === hash) render(); else location.hash = hash; },
  toast,
  render: () => render(),
};

function safeStorage(): Storage | undefined {
  try { return window.localStorage; } catch { return undefined; }
}

function toast(message: string, kind: 'info' | 'error' = 'info') {
  const box = document.getElementById('toasts') ?? document.body.appendChild(h('div', { id: 'toasts', 'aria-live': 'polite' }));
  const el = h('div', { class: 'toast ' + kind, 'data-testid': kind === 'error' ? 'toast-error' : 'toast' }, message);
  box.appendChild(el);
  while (box.children.length > 3) box.firstElementChild?.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 6000 : 2000);
}

function header(): HTMLElement {
  const route = location.hash.split('?')[0];
  const link = (hash: string, key: Parameters<typeof t>[0], testid: string) =>
    h('a', { href: hash, class: route.startsWith(hash) || (hash === '#/lots' && route.startsWith('#/lot/')) ? 'active' : '', 'data-testid': testid }, t(key));
  return h('header', { class: 'top' },
    h('a', { class: 'brand', href: '#/queue' }, 'quai'),
    app.user ? h('nav', null,
      link('#/queue', 'nav.queue', 'nav-queue'),
      link('#/documents', 'nav.documents', 'nav-documents'),
      link('#/refused', 'nav.refused', 'nav-refused'), // desk-rest
      may(app.user.role, 'upload') ? link('#/upload', 'nav.upload', 'nav-upload') : null,
      link('#/lots', 'nav.lots', 'nav-lots'),
      link('#/dashboard', 'nav.dashboard', 'nav-dashboard'),
      link('#/suppliers', 'nav.suppliers', 'nav-suppliers'),
      app.user.role === 'admin' ? link('#/users', 'nav.users', 'nav-users') : null,
      app.user.role === 'admin' ? link('#/erp', 'nav.erp', 'nav-erp') : null,
      app.user.role === 'admin' ? link('#/exports', 'nav.exports', 'nav-exports') : null,
      app.user.role === 'admin' ? link('#/sources', 'nav.sources', 'nav-sources') : null) : h('nav'),
    h('div', { class: 'right' },
      app.user ? h('a', { class: 'user', href: '#/account', title: t('nav.account'), 'data-testid': 'user-name' }, `${app.user.name} (${app.user.role})`) : null,
      h('button', {
        class: 'link', 'data-testid': 'lang-switch', title: t('lang.switch.title'),
        onclick: () => { setLang(lang() === 'fr' ? 'en' : 'fr', safeStorage()); document.documentElement.lang = lang(); render(); },
      }, t('lang.switch')),
      app.user ? h('button', {
        class: 'link', 'data-testid': 'logout',
        onclick: async () => { await api.logout().catch(() => undefined); app.user = undefined; app.go('#/login'); },
      }, t('nav.logout')) : null));
}

function parseRoute(): { path: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#/, '') || '/queue';
  const [path, query] = raw.split('?');
  return { path, params: new URLSearchParams(query ?? '') };
}

function render() {
  document.title = t('app.title');
  current?.unmount?.();
  current = undefined;
  clear(root);
  const { path, params } = parseRoute();
  let view: View;
  const doc = /^\/doc\/(\d+)$/.exec(path);
  if (path === '/login' || (!app.user && !doc)) {
    if (path !== '/login') returnTo = location.hash;
    view = loginView(app, () => { const to = returnTo && !returnTo.startsWith('#/login') ? returnTo : '#/queue'; returnTo = ''; app.go(to); });
  } else if (doc) {
    // The validation screen starts fetching before the session answers: it is the screen that must be fast.
    view = reviewView(app, Number(doc[1]));
  } else if (path === '/documents') view = documentsView(app, params);
  else if (path === '/upload') view = uploadView(app);
  else if (path === '/refused') view = refusedView(app); // desk-rest
  else if (path === '/users') view = usersView(app);
  else if (path === '/account') view = accountView(app);
  else if (path === '/erp') view = erpView(app);
  else if (path === '/sources') view = sourcesView(app);
  else if (path === '/exports') view = exportsView(app, params);
  else if (path === '/dashboard') view = dashboardView(app, params);
  else if (path === '/suppliers') view = suppliersView(app, params);
  else if (path === '/lots') view = lotsView(app, params);
  else if (/^\/lot\/\d+$/.test(path)) view = lotView(app, Number(path.split('/')[2]));
  else view = queueView(app);
  current = view;
  root.appendChild(header());
  root.appendChild(view.el);
}

api.setUnauthenticatedHandler(() => {
  if (parseRoute().path === '/login') return;
  app.user = undefined;
  returnTo = location.hash;
  app.go('#/login');
});

window.addEventListener('hashchange', render);

const onDocRoute = /^\/doc\/\d+$/.test(parseRoute().path);
app.session = api.getSession().then((s) => {
  app.user = s.user;
  loadSchemas();
  if (!onDocRoute) render();
  else { const top = root.querySelector('header.top'); if (top) top.replaceWith(header()); }
}).catch(() => {
  app.user = undefined;
  if (!onDocRoute) render();
});
if (onDocRoute) render();
// Schemas from the server when it has them (a company's own types), else the built-in ones.
export function loadSchemas() {
  api.getSchemas().then((schemas) => { if (schemas?.length) app.schemas = schemas; });
}

// End to end: administration on the review desk. A viewer is not shown Upload (nor
// Validate/Reject); an admin creates an API token with a lifetime, the token works, the
// admin revokes it and it stops working; the admin disables, re-enables and gives another
// role to a user; a reviewer changes their own password and logs in with the new one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page;

before(async () => {
  server = await startServer({
    role: 'admin', username: 'chef',
    extraUsers: [['vera', 'viewer'], ['erp', 'integration'], ['ana', 'reviewer']],
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('dialog', (d) => d.accept());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const logout = async () => {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-view').waitFor();
};
const bearer = (token) => fetch(server.base + '/api/v1/documents', { headers: { Authorization: 'Bearer ' + token } });

test('a viewer is not shown Upload, and the upload screen says why', async () => {
  await loginUI(page, { ...server, username: 'vera', password: server.users.vera });
  await page.getByTestId('nav-documents').waitFor();
  assert.equal(await page.getByTestId('nav-upload').count(), 0);
  assert.equal(await page.getByTestId('nav-users').count(), 0);
  await page.goto(server.base + '/#/upload');
  await page.getByTestId('upload-forbidden').waitFor();
  assert.equal(await page.getByTestId('upload-input').count(), 0);
  await shot(page, 'admin-01-viewer-no-upload');
  await logout();
});

test('an admin creates a token with a lifetime, the token works, the admin revokes it and it stops working', async () => {
  await loginUI(page, server);
  assert.equal(await page.getByTestId('nav-upload').count(), 1);
  await page.getByTestId('nav-users').click();
  await page.getByTestId('tokens-empty').waitFor();
  await page.locator('[data-testid="tokens-user"] option[value="erp"]').waitFor({ state: 'attached' });
  await page.getByTestId('tokens-user').selectOption('erp');
  await page.getByTestId('tokens-label').fill('import nocturne');
  await page.getByTestId('tokens-days').fill('douze');
  await page.getByTestId('tokens-submit').click();
  await page.getByTestId('tokens-error').waitFor({ state: 'visible' });
  await page.getByTestId('tokens-days').fill('30');
  await page.getByTestId('tokens-submit').click();
  await page.getByTestId('tokens-created').waitFor({ state: 'visible' });
  const token = (await page.getByTestId('tokens-secret').textContent()).trim();
  assert.match(token, /^quai_/);
  const row = page.locator('[data-testid="token-row"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'active');
  assert.match(await row.textContent(), /erp.*import nocturne/);
  assert.doesNotMatch(await row.textContent(), /Jamais/, 'the token expires');
  assert.equal((await bearer(token)).status, 200);
  await shot(page, 'admin-02-token-created');

  await row.getByTestId('token-revoke').click();
  await page.locator('[data-testid="token-row"][data-state="revoked"]').waitFor();
  assert.equal(await page.getByTestId('token-revoke').count(), 0);
  assert.equal((await bearer(token)).status, 401);
  await shot(page, 'admin-03-token-revoked');
});

test('an admin disables, re-enables and gives another role to a user, never to themselves', async () => {
  const vera = await apiClient(server.base, 'vera', server.users.vera);
  assert.equal((await vera.get('/session')).user.role, 'viewer');
  const veraRow = page.locator('[data-testid="user-row"][data-name="vera"]');
  await veraRow.getByTestId('user-disable').click();
  await page.locator('[data-testid="user-row"][data-name="vera"][data-disabled="true"]').waitFor();
  await assert.rejects(vera.get('/session'), (e) => e.status === 401);
  await shot(page, 'admin-04-user-disabled');
  await veraRow.getByTestId('user-enable').click();
  await page.locator('[data-testid="user-row"][data-name="vera"][data-disabled="false"]').waitFor();
  await veraRow.getByTestId('user-role').selectOption('reviewer');
  await page.getByTestId('toast').filter({ hasText: 'vera' }).first().waitFor();
  const again = await apiClient(server.base, 'vera', server.users.vera);
  assert.equal((await again.get('/session')).user.role, 'reviewer');
  const self = page.locator('[data-testid="user-row"][data-name="chef"]');
  assert.equal(await self.getByTestId('user-disable').count(), 0);
  assert.equal(await self.getByTestId('user-role').count(), 0);
  const log = await (await apiClient(server.base, 'chef', server.password)).get('/audit?limit=1000');
  const kinds = log.events.map((e) => e.kind);
  for (const k of ['token_created', 'token_revoked', 'user_disabled', 'user_enabled', 'user_role_changed']) assert.ok(kinds.includes(k), k);
  assert.ok(log.chain.intact);
  await logout();
});

test('a reviewer changes their own password and logs in with it', async () => {
  await loginUI(page, { ...server, username: 'ana', password: server.users.ana });
  await page.getByTestId('user-name').click();
  await page.getByTestId('account-view').waitFor();
  const fill = async (current, next, confirm) => {
    await page.getByTestId('password-current').fill(current);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-confirm').fill(confirm);
    await page.getByTestId('password-submit').click();
  };
  const error = page.getByTestId('password-error');
  await fill(server.users.ana, 'court', 'court');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /12 à 256/);
  await fill(server.users.ana, 'un-nouveau-secret', 'un-autre-secret');
  assert.match(await error.textContent(), /diffèrent/);
  await fill('pas-le-bon-mot-de-passe', 'un-nouveau-secret', 'un-nouveau-secret');
  await page.waitForFunction(() => /actuel est faux/.test(document.querySelector('[data-testid="password-error"]').textContent));
  await shot(page, 'admin-05-password-wrong');
  await fill(server.users.ana, 'un-nouveau-secret', 'un-nouveau-secret');
  await page.getByTestId('login-view').waitFor();
  await loginUI(page, { ...server, username: 'ana', password: 'un-nouveau-secret' });
  assert.match(await page.getByTestId('user-name').textContent(), /ana/);
  await assert.rejects(apiClient(server.base, 'ana', server.users.ana), /401/);
  await shot(page, 'admin-06-logged-in-with-new-password');
});

// End to end: an admin opens the Users screen, adds a reviewer and reads the one-time
// password shown once; a taken name and a bad name get messages; the new reviewer logs in
// with that password and has no Users link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page;
let reviewerPassword;

before(async () => {
  server = await startServer({ role: 'admin', username: 'chef' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // A loaded 2-core CI machine reads scans slowly: wait longer than Playwright's 30 s default.
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin sees the Users screen and adds a reviewer', async () => {
  await loginUI(page, server);
  await page.getByTestId('nav-users').click();
  await page.getByTestId('users-view').waitFor();
  await page.locator('[data-testid="user-row"][data-name="chef"]').waitFor();

  await page.getByTestId('users-name').fill('ana');
  await page.getByTestId('users-role').selectOption('reviewer');
  await page.getByTestId('users-submit').click();
  const created = page.getByTestId('users-created');
  await created.waitFor({ state: 'visible' });
  reviewerPassword = (await page.getByTestId('users-password').textContent()).trim();
  assert.match(reviewerPassword, /^\S{12,}$/);
  assert.match(await page.getByTestId('users-once').textContent(), /ne sera plus jamais affiché/);
  const row = page.locator('[data-testid="user-row"][data-name="ana"]');
  await row.waitFor();
  assert.match(await row.textContent(), /valideur/);
  await shot(page, 'users-01-added-reviewer');

  await page.getByTestId('users-name').fill('ana');
  await page.getByTestId('users-submit').click();
  const error = page.getByTestId('users-error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'Le nom « ana » est déjà pris.');
  assert.ok(await created.isHidden(), 'the password is not shown again');

  await page.getByTestId('users-name').fill('bad name!');
  await page.getByTestId('users-submit').click();
  await page.waitForFunction(() => /^Nom refusé/.test(document.querySelector('[data-testid="users-error"]').textContent));
  await shot(page, 'users-02-bad-name');
});

test('the new reviewer logs in with the one-time password and has no Users link', async () => {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-view').waitFor();
  await loginUI(page, { ...server, username: 'ana', password: reviewerPassword });
  assert.match(await page.getByTestId('user-name').textContent(), /ana \(reviewer\)/);
  assert.equal(await page.getByTestId('nav-users').count(), 0);
  await page.goto(server.base + '/#/users');
  await page.getByTestId('users-forbidden').waitFor();
  assert.equal(await page.getByTestId('nav-users').count(), 0);
  await shot(page, 'users-03-reviewer-no-users');
});

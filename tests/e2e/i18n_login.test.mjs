// End to end: a failed login says so (in French, then in English), the language switch
// changes every label and is remembered across a reload, a good login then works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, shot, startServer } from './lib.mjs';

let server, browser, page;

before(async () => {
  server = await startServer({ username: 'lea' });
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

async function tryLogin(user, password) {
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('a failed login shows a message, in French by default', async () => {
  await page.goto(server.base + '/');
  await page.getByTestId('login-view').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByTestId('login-submit').textContent(), 'Se connecter');
  await tryLogin(server.username, 'not-the-password');
  const error = page.getByTestId('login-error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'Identifiant ou mot de passe incorrect.');
  await tryLogin('nobody-here', 'whatever');
  await page.waitForFunction(() => !document.querySelector('[data-testid="login-submit"]').disabled);
  assert.equal(await error.textContent(), 'Identifiant ou mot de passe incorrect.', 'same message for an unknown name');
  await shot(page, 'i18n-01-login-failed-fr');
});

test('the English switch changes the labels and is remembered', async () => {
  await page.getByTestId('lang-switch').click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByTestId('login-submit').textContent(), 'Log in');
  await tryLogin(server.username, 'still-wrong');
  await page.getByTestId('login-error').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]').textContent === 'Wrong user name or password.');
  await shot(page, 'i18n-02-login-failed-en');

  await page.reload();
  await page.getByTestId('login-view').waitFor();
  assert.equal(await page.getByTestId('login-submit').textContent(), 'Log in', 'English kept after a reload');

  await tryLogin(server.username, server.password);
  await page.getByTestId('queue-view').waitFor();
  assert.equal(await page.getByTestId('nav-queue').textContent(), 'To review');
  assert.equal(await page.getByTestId('nav-upload').textContent(), 'Upload');
  await shot(page, 'i18n-03-queue-en');

  await page.getByTestId('lang-switch').click();
  assert.equal(await page.getByTestId('nav-queue').textContent(), 'À valider');
  assert.equal(await page.getByTestId('nav-upload').textContent(), 'Déposer');
  assert.match(await page.locator('main h1').first().textContent(), /Documents à valider/);
  await shot(page, 'i18n-04-queue-fr');
  await page.reload();
  await page.getByTestId('queue-view').waitFor();
  assert.equal(await page.getByTestId('nav-queue').textContent(), 'À valider', 'French kept after a reload');
});

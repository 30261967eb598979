// End to end, the watched folders: an admin opens the Sources screen, is told in words why a
// relative path is refused, adds a folder source pointing at a temp folder, sees it listed,
// presses Test and reads the lines; a small PNG dropped into the folder is taken (the source
// shows 1 document taken) and appears in the document list, labelled with its folder, and
// the document view says where it came from. A viewer has no Sources entry. Every input of
// the screen has a label and every button a name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page, inbox;
const errors = [];

/** A grey PNG of width × height with a black bar, made with zlib (no image library). */
function png(width = 240, height = 120) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 0; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit greyscale
  const raw = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    if (y >= 50 && y < 60) raw.fill(0, y * (width + 1) + 21, y * (width + 1) + 1 + width - 20);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Inputs without a label and buttons without a name inside `selector` (empty: all good). */
const unlabelled = (selector) => page.evaluate((sel) => {
  const root = document.querySelector(sel);
  const bad = [];
  for (const el of root.querySelectorAll('input, select, textarea')) {
    const named = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) bad.push(`${el.tagName} ${el.id || el.name}`);
  }
  for (const b of root.querySelectorAll('button')) if (!(b.getAttribute('aria-label') || b.textContent.trim())) bad.push('button ' + b.outerHTML);
  return bad;
}, selector);

before(async () => {
  server = await startServer({ role: 'admin', username: 'root', extraUsers: [['vera', 'viewer'], ['ana', 'reviewer']] });
  inbox = join(server.data, 'scans-inbox');
  mkdirSync(inbox, { recursive: true });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  await context.addInitScript(() => localStorage.setItem('quai.lang', 'en'));
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin adds a watched folder, tests it, and a dropped PNG comes in with its origin', { timeout: 300000 }, async () => {
  await loginUI(page, server);
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('sources-empty').waitFor();

  // A relative path: the server's refusal, in words, next to the form.
  await page.getByTestId('sources-add').click();
  await page.getByTestId('source-name').fill('scans');
  assert.equal(await page.getByTestId('source-kind').inputValue(), 'folder');
  await page.getByTestId('source-setting-path').fill('scans/inbox');
  await page.getByTestId('source-save').click();
  const refusal = page.getByTestId('source-error');
  await refusal.waitFor({ state: 'visible' });
  assert.match(await refusal.textContent(), /^Setting refused: .*path.*absolute/);
  assert.ok(await page.getByTestId('source-form').isVisible(), 'the form stays, with what was typed');
  assert.deepEqual(await unlabelled('[data-testid="sources-view"]'), [], 'every input labelled, every button named');
  await shot(page, 'sources-01-relative-path-refused');

  // The mailbox's form too: every input labelled, the secret a password field.
  await page.getByTestId('source-kind').selectOption('imap');
  assert.equal(await page.getByTestId('source-secret').getAttribute('type'), 'password');
  assert.deepEqual(await unlabelled('[data-testid="sources-view"]'), []);
  await page.getByTestId('source-kind').selectOption('folder');
  assert.equal(await page.getByTestId('source-setting-path').inputValue(), 'scans/inbox', 'what was typed is kept across kinds');

  // The right path: saved and listed.
  await page.getByTestId('source-setting-path').fill(inbox);
  await page.getByTestId('source-setting-stable_seconds').fill('0.5');
  await page.getByTestId('source-save').click();
  const row = page.locator('[data-testid="source-row"][data-name="scans"]');
  await row.waitFor();
  assert.equal(await page.getByTestId('source-form').count(), 0, 'the form closes once saved');
  assert.equal(await row.getByTestId('source-state').textContent(), 'enabled');
  assert.equal(await row.getByTestId('source-taken').textContent(), '0');

  // Test: the lines of what a pass would take now.
  await row.getByTestId('source-test').click();
  const lines = page.locator('[data-testid="source-test-lines"][data-name="scans"]');
  await lines.waitFor();
  assert.match(await lines.textContent(), new RegExp(`folder ${inbox}: 0 file\\(s\\) to take`));

  // A PNG dropped into the folder: taken, counted, listed.
  writeFileSync(join(inbox, 'delivery-note.png'), png());
  await row.getByTestId('source-test').click();
  await page.waitForFunction(() => /delivery-note\.png/.test(document.querySelector('[data-testid="source-test-lines"]')?.textContent ?? '')
    || document.querySelector('[data-testid="source-row"][data-name="scans"] [data-testid="source-taken"]')?.textContent === '1');
  await row.getByTestId('source-taken').filter({ hasText: /^1$/ }).waitFor({ timeout: 90000 });
  assert.notEqual(await row.getByTestId('source-last-run').textContent(), 'never');
  assert.equal(await row.getByTestId('source-errors').textContent(), '0');
  await shot(page, 'sources-02-folder-took-one');

  // Disable and enable again.
  await row.getByTestId('source-toggle').click();
  await row.getByTestId('source-state').filter({ hasText: 'disabled' }).waitFor();
  await row.getByTestId('source-toggle').click();
  await row.getByTestId('source-state').filter({ hasText: /^enabled$/ }).waitFor();

  // In the document list, labelled with its folder; the document view says where it came from.
  await page.getByTestId('nav-documents').click();
  const docRow = page.locator('[data-testid="doc-row"]').filter({ hasText: 'delivery-note.png' });
  await docRow.waitFor();
  assert.equal(await docRow.getByTestId('doc-source').textContent(), 'Folder scans');
  await docRow.locator('a').first().click();
  const origin = page.getByTestId('doc-origin');
  await origin.waitFor();
  assert.equal(await origin.textContent(), 'Folder scans: delivery-note.png');
  assert.equal(await origin.getAttribute('data-source'), 'folder:scans');
  await shot(page, 'sources-03-document-origin');

  // Edit then remove (asked again).
  await page.getByTestId('nav-sources').click();
  await row.getByTestId('source-edit').click();
  assert.equal(await page.getByTestId('source-setting-path').inputValue(), inbox);
  assert.equal(await page.getByTestId('source-name').isDisabled(), true);
  await page.getByTestId('source-setting-subfolders').check();
  await page.getByTestId('source-save').click();
  await page.getByTestId('source-form').waitFor({ state: 'detached' });
  await row.getByTestId('source-remove').click();
  await row.getByTestId('source-remove-confirm').click();
  await page.getByTestId('sources-empty').waitFor();
  assert.deepEqual(errors, [], 'no script error in the page');
});

test('a viewer and a reviewer have no Sources entry', { timeout: 120000 }, async () => {
  for (const name of ['vera', 'ana']) {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-view').waitFor();
    await loginUI(page, { ...server, username: name, password: server.users[name] });
    assert.equal(await page.getByTestId('nav-sources').count(), 0, name);
    await page.goto(server.base + '/#/sources');
    await page.getByTestId('sources-forbidden').waitFor();
  }
  assert.deepEqual(errors, [], 'no script error in the page');
});

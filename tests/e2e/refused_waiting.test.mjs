// End to end, refused and waiting documents (issue 19, item 6): refused documents in their own
// list with the cause in the clerk's words; "read again" after new settings takes a document out
// of the list once it reads; "delete" (administrators only) removes one; a refused document's
// screen offers the same actions (never a dead end). The queue says how many documents wait and
// are being read, and when the waiting ones should be read, without reloading.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, checkA11y, launchBrowser, loginUI, quai, shot, startServer } from './lib.mjs';

const TWO_PAGES = join(REPO, 'samples/dev-inv-0003.pdf');
const TRUNCATED = join(REPO, 'tests/fixtures/truncated.pdf');
let browser;
const servers = [];
after(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
});

async function newPage(viewport = { width: 1440, height: 900 }) {
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

test('refused documents: listed with their cause, read again after new settings, deleted by an administrator', { timeout: 300000 }, async () => {
  // A page limit of 1: a two-page invoice is refused on opening, as is a truncated PDF.
  const server = await startServer({ role: 'admin', username: 'chef', extraUsers: [['rita', 'reviewer']], serveArgs: ['--max-pages', '1'] });
  servers.push(server);
  let api = await apiClient(server.base, server.username, server.password);
  const up = await api.upload([TWO_PAGES, TRUNCATED]);
  const [long, broken] = up.documents.map((d) => d.id);
  for (const id of [long, broken]) assert.equal((await api.waitProcessed(id)).status, 'refused');

  const page = await newPage();
  await loginUI(page, server);
  await page.goto(server.base + '/#/refused');
  await page.getByTestId('refused-view').waitFor();
  await page.locator('[data-testid="refused-row"]').nth(1).waitFor();
  const row = (id) => page.locator(`[data-testid="refused-row"][data-id="${id}"]`);
  assert.equal(await row(long).getByTestId('refused-cause').getAttribute('data-cause'), 'limit');
  assert.match(await row(long).getByTestId('refused-cause').textContent(), /dépasse les limites de lecture.*Détail technique/);
  assert.equal(await row(broken).getByTestId('refused-cause').getAttribute('data-cause'), 'corrupt');
  assert.match(await page.getByTestId('refused-count').textContent(), /2 document\(s\) refusé\(s\)/);
  await checkA11y(page, 'refused list');
  await shot(page, 'refused-list-01');

  // A refused document's screen is no dead end: the same actions and the way back.
  await page.goto(server.base + '/#/doc/' + long);
  await page.getByTestId('refused-actions').waitFor();
  assert.ok(await page.getByTestId('refused-read-again').isVisible());
  assert.ok(await page.getByTestId('refused-delete').isVisible());
  await page.getByTestId('refused-back').click();
  await page.getByTestId('refused-view').waitFor();

  // A reviewer may read again but not delete: the button is not shown to them.
  const rita = await newPage();
  await loginUI(rita, { base: server.base, username: 'rita', password: server.users.rita });
  await rita.goto(server.base + '/#/refused');
  await rita.locator('[data-testid="refused-row"]').first().waitFor();
  assert.equal(await rita.getByTestId('refused-read-again').count(), 2);
  assert.equal(await rita.getByTestId('refused-delete').count(), 0);
  await rita.context().close();

  // New settings (no page limit): read again from the list; the document reads and leaves it.
  await server.pause();
  await server.resume({ serveArgs: [] });
  api = await apiClient(server.base, server.username, server.password);
  await loginUI(page, server);
  await page.goto(server.base + '/#/refused');
  await row(long).waitFor();
  await row(long).getByTestId('refused-read-again').click();
  await row(long).waitFor({ state: 'detached', timeout: 120000 });
  const read = await api.waitProcessed(long);
  assert.ok(['needs_review', 'auto_accepted'].includes(read.status), read.status);
  assert.equal(read.pages, 2);

  // Delete the truncated one: asked first, then gone with its original, in the security log.
  page.once('dialog', (d) => d.accept());
  await row(broken).getByTestId('refused-delete').click();
  await page.getByTestId('refused-empty').waitFor();
  await assert.rejects(api.get('/documents/' + broken), (e) => e.status === 404);
  const audit = await api.get('/audit?limit=1000');
  assert.ok(audit.events.some((e) => e.kind === 'document_deleted' && e.actor === 'chef' && /truncated\.pdf/.test(e.detail)), JSON.stringify(audit.events.slice(-3)));
  await shot(page, 'refused-list-02-empty');
});

test('the queue shows how many documents wait and are being read, and when they should be read', { timeout: 400000 }, async () => {
  // Nobody reads in this server: documents wait until a `quai worker` reads them.
  const server = await startServer({ role: 'reviewer', username: 'ana', serveArgs: ['--no-workers'] });
  servers.push(server);
  const api = await apiClient(server.base, server.username, server.password);
  const worker = () => quai(['worker', '--data', server.data, '--jobs', '1', '--exit-when-idle', '--poll-ms', '100', '--retrain-hours', '0'],
    { env: { ...process.env, QUAI_HOME: server.data }, timeout: 300000 });
  const page = await newPage();
  await loginUI(page, server);
  const strip = page.getByTestId('reading-strip');
  await page.waitForFunction(() => /Aucun document en attente de lecture/.test(document.querySelector('[data-testid="reading-strip"]')?.textContent ?? ''));

  // Two uploads wait: counted at once, with no estimate before any document has been read.
  await api.upload([join(REPO, 'samples/dev-coc-0006.pdf'), join(REPO, 'samples/dev-coc-0002.pdf')]);
  await page.waitForFunction(() => document.querySelector('[data-testid="reading-strip"]')?.dataset.waiting === '2');
  assert.match(await strip.textContent(), /2 en attente de lecture, 0 en cours de lecture — estimation après la première lecture/);

  // A worker reads them; two more wait: now an estimate from how long the reads took.
  await worker();
  await api.upload([join(REPO, 'samples/dev-coc-0010.jpg'), join(REPO, 'samples/dev-sds-0008.pdf')]);
  await page.waitForFunction(() => { const s = document.querySelector('[data-testid="reading-strip"]'); return s?.dataset.waiting === '2' && !!s.dataset.untilMs; });
  const reading = await api.get('/reading');
  assert.ok(reading.per_document_ms > 0, JSON.stringify(reading));
  assert.equal(reading.until_read_ms, Math.ceil(2 / reading.readers) * reading.per_document_ms);
  assert.equal(await strip.getAttribute('data-until-ms'), String(reading.until_read_ms));
  assert.match(await strip.textContent(), /2 en attente de lecture, 0 en cours de lecture — tous lus d’ici \d+ (s|min) environ/);
  await shot(page, 'queue-reading-01');

  // Read: the line says so without reloading the page.
  await worker();
  await page.waitForFunction(() => /Aucun document en attente de lecture/.test(document.querySelector('[data-testid="reading-strip"]')?.textContent ?? ''));
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => /No document waiting to be read/.test(document.querySelector('[data-testid="reading-strip"]')?.textContent ?? ''));
});

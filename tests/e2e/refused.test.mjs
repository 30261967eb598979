// End to end: a document refused on opening (a truncated PDF) shows its cause, in the clerk's
// language with the technical detail beneath, on the review screen, with no broken page image and no Validate/Reject that could never work.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page;

before(async () => {
  server = await startServer({ role: 'reviewer', username: 'ana' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a refused document says why, without a page image or actions', async () => {
  const api = await apiClient(server.base, server.username, server.password);
  const uploaded = await api.upload([join(REPO, 'tests/fixtures/truncated.pdf')]);
  const [item] = uploaded.documents;
  assert.equal(item.status, 'refused', JSON.stringify(item));
  await loginUI(page, server);
  await page.goto(server.base + '/#/doc/' + item.id);
  const view = page.locator('[data-testid="review-view"].refused');
  await view.waitFor();
  await page.waitForFunction(() => /n’a pas pu être lu/.test(document.querySelector('[data-testid="fields-panel"]').textContent));
  const refusal = page.getByTestId('refusal');
  assert.equal(await refusal.getAttribute('data-cause'), 'corrupt');
  assert.match(await refusal.textContent(), /tronqué ou abîmé.*Détail technique : truncated\.pdf: truncated PDF/);
  assert.ok(await page.locator('section.viewer').isHidden());
  assert.ok(await page.getByTestId('pick-hint').isHidden());
  assert.ok(await page.getByTestId('validate').isHidden());
  assert.ok(await page.getByTestId('reject').isHidden());
  await shot(page, 'refused-01-cause');
});

// End to end, the validation screen on a long document: fit page shows the whole page in
// the viewer, fit width fills it, Ctrl+wheel zooms around the pointer (the point under it
// stays under it), and the toolbar and the Validate button stay in view while page and
// fields scroll apart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page, api, id;

before(async () => {
  server = await startServer({ username: 'zoe' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  const up = await api.upload([join(REPO, 'samples/dev-inv-0003.pdf')]);
  id = (up.documents ?? up)[0].id;
  await api.waitProcessed(id);
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const box = (testid) => page.getByTestId(testid).boundingBox();

test('fit page, fit width and Ctrl+wheel around the pointer; toolbar and actions stay visible', async () => {
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-image"]')?.naturalWidth > 0);
  const scroller = await box('page-scroller');

  await page.getByTestId('zoom-fit-page').click();
  const fitted = await page.locator('.pagebox').boundingBox();
  assert.ok(fitted.height <= scroller.height + 1, `whole page: ${fitted.height} <= ${scroller.height}`);
  assert.ok(fitted.height >= scroller.height - 40, 'and not much smaller');
  await shot(page, 'layout-01-fit-page');

  await page.getByTestId('zoom-fit').click();
  assert.equal(await page.getByTestId('zoom-label').textContent(), '100 %');

  // Ctrl+wheel over a point of the page: zoom in, the same point of the page stays under the pointer.
  const x = scroller.x + scroller.width * 0.7, y = scroller.y + scroller.height * 0.4;
  const pointOf = () => page.evaluate(([px, py]) => {
    const r = document.querySelector('.pagebox').getBoundingClientRect();
    return [(px - r.left) / r.width, (py - r.top) / r.height];
  }, [x, y]);
  const before = await pointOf();
  await page.mouse.move(x, y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => document.querySelector('[data-testid="zoom-label"]').textContent !== '100 %');
  const zoom = parseInt(await page.getByTestId('zoom-label').textContent(), 10);
  assert.ok(zoom > 100, `zoomed in: ${zoom} %`);
  const after = await pointOf();
  assert.ok(Math.abs(after[0] - before[0]) < 0.01 && Math.abs(after[1] - before[1]) < 0.01, `same point: ${before} -> ${after}`);
  await shot(page, 'layout-02-ctrl-wheel');

  // Scroll the page and the fields to their ends: the toolbar and the Validate button stay on screen.
  await page.getByTestId('page-scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.getByTestId('fields-panel').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const viewport = page.viewportSize();
  for (const testid of ['zoom-in', 'validate']) {
    const b = await box(testid);
    assert.ok(b && b.y >= 0 && b.y + b.height <= viewport.height, `${testid} visible: ${JSON.stringify(b)}`);
  }
  assert.ok((await box('zoom-in')).y < scroller.y, 'the toolbar is above the page, not in it');
});

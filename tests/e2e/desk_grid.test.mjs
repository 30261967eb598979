// End to end, the validation screen's layout for real documents (issue 19, item 4): the line
// grid shows every column, columns widen by dragging their edge, and the grid is edited like a
// spreadsheet (arrows between cells, Enter/F2 edits, Escape restores, Tab moves on); focusing a
// value zooms and scrolls the page to its box; a drag over the page ignores specks; shift-click
// adds a word to the value.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, page, api, id;

before(async () => {
  server = await startServer({ username: 'lea' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  const up = await api.upload([join(REPO, 'samples/dev-dn-0001.pdf')]);
  id = up.documents[0].id;
  await api.waitProcessed(id);
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open() {
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
  await page.waitForSelector('[data-testid="word"]');
}
const focusedKey = () => page.evaluate(() => document.activeElement?.dataset?.key ?? '');
const editing = () => page.evaluate(() => document.activeElement?.dataset?.editing);

test('the line grid: every column in view, resizable, edited from the keyboard like a spreadsheet', async () => {
  let doc = await api.get(`/documents/${id}`);
  if (doc.lines.length < 2) doc = await api.post(`/documents/${id}/lines`, { values: { quantity: '3' } });
  await open();
  const cols = await page.locator('[data-testid="line-table"] thead th[data-col]').evaluateAll((ths) => ths.map((th) => th.dataset.col));
  assert.ok(cols.length >= 4, cols.join());
  // Every column lies inside the grid's visible width (nothing cut off at the right).
  const wrap = await page.locator('.tablewrap').boundingBox();
  for (const c of cols) {
    const b = await page.locator(`th[data-col="${c}"]`).boundingBox();
    assert.ok(b.x >= wrap.x - 1 && b.x + b.width <= wrap.x + wrap.width + 1, `column ${c} at ${b.x}+${b.width} outside ${wrap.x}+${wrap.width}`);
  }

  // Widen the first column by dragging its edge; it keeps its width after the grid is drawn again.
  const [c0, c1] = cols;
  const th0 = page.locator(`th[data-col="${c0}"]`);
  const w0 = (await th0.boundingBox()).width;
  const edge = await page.getByTestId('col-resize-' + c0).boundingBox();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 60, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  const w1 = (await th0.boundingBox()).width;
  assert.ok(w1 >= w0 + 50, `widened from ${w0} to ${w1}`);

  // Arrows move between cells (reached by the keyboard: selected, not being edited).
  const cell = (r, c) => `l:${r}:${c}`;
  await page.getByTestId(`line-cell-0-${c0}`).focus();
  assert.equal(await editing(), 'false');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedKey(), cell(0, c1));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedKey(), cell(1, c1));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedKey(), cell(1, c0));
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedKey(), cell(0, c0));

  // Enter edits (arrows then move the caret, not the cell); Escape restores what was saved.
  const input = page.getByTestId(`line-cell-0-${c0}`);
  const before = await input.inputValue();
  await page.keyboard.press('Enter');
  assert.equal(await editing(), 'true');
  await page.keyboard.type('ZZ');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focusedKey(), cell(0, c0));
  assert.equal(await input.inputValue(), before + 'ZZ');
  await page.keyboard.press('Escape');
  assert.equal(await input.inputValue(), before);
  await page.waitForFunction(() => document.activeElement?.dataset?.editing === 'false');

  // Typing over a selected cell replaces it; Enter saves; Tab moves on to the next cell.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const target = page.getByTestId(`line-cell-1-${c1}`);
  await page.keyboard.type('42');
  assert.equal(await target.inputValue(), '42');
  await page.keyboard.press('Enter');
  await page.waitForFunction(async ([docId, col]) => (await (await fetch(`/api/v1/documents/${docId}`)).json()).lines[1]?.[col]?.value === '42', [id, c1]);
  await page.waitForFunction((k) => document.activeElement?.dataset?.key === k, cell(1, c1));
  // F2 edits too, and Escape without a change saves nothing.
  await page.keyboard.press('F2');
  assert.equal(await editing(), 'true');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const after = await focusedKey();
  assert.equal(after, cell(1, cols[2]), `Tab went to ${after}`);
  assert.ok((await th0.boundingBox()).width >= w0 + 50, 'the widened column kept its width after saving');
  const { events } = await api.get(`/documents/${id}/events`);
  assert.equal(events.filter((e) => e.action === 'line_corrected' && e.field === `lines[0].${c0}`).length, 0, 'the Escaped edit saved nothing');
  await shot(page, 'grid-01-keyboard');
});

test('focusing a value zooms and scrolls the page to its box', async () => {
  await open();
  const doc = await api.get(`/documents/${id}`);
  const name = Object.keys(doc.fields).find((k) => doc.fields[k].box && (doc.fields[k].page ?? 1) === 1 && doc.fields[k].box[1] < doc.page_sizes[0].height / 3);
  assert.ok(name, 'a field with a box near the top of page 1');
  await page.getByTestId('zoom-fit-page').click();
  // Away from the value: zoomed in on the bottom of the page.
  for (let i = 0; i < 6; i++) await page.getByTestId('zoom-in').click();
  await page.getByTestId('page-scroller').evaluate((s) => { s.scrollTop = s.scrollHeight; s.scrollLeft = s.scrollWidth; });
  await page.getByTestId('field-input-' + name).focus();
  const scroller = await page.getByTestId('page-scroller').boundingBox();
  const box = await page.locator(`[data-testid="value-box"][data-key="f:${name}"]`).boundingBox();
  assert.ok(box.y >= scroller.y && box.y + box.height <= scroller.y + scroller.height, `box ${JSON.stringify(box)} in ${JSON.stringify(scroller)} (vertically)`);
  assert.ok(box.x >= scroller.x && box.x + box.width <= scroller.x + scroller.width, `box ${JSON.stringify(box)} in ${JSON.stringify(scroller)} (horizontally)`);
  // Fit page makes small print unreadable: focusing a value zooms until its box is readable.
  await page.getByTestId('zoom-fit-page').click();
  await page.getByTestId('validate').focus();
  await page.getByTestId('field-input-' + name).focus();
  const readable = await page.locator(`[data-testid="value-box"][data-key="f:${name}"]`).boundingBox();
  assert.ok(readable.height >= 10, `box ${readable.height}px tall after focusing`);
  await shot(page, 'grid-02-zoom-to-value');
});

test('a drag over the page ignores specks; shift-click adds a word', async () => {
  const doc = await api.get(`/documents/${id}`);
  const truth = doc.fields.supplier_name;
  assert.ok(truth?.box, 'the supplier name has a box');
  const [bx0, by0, bx1, by1] = truth.box;
  const h = by1 - by0;
  // A stand-in for an OCR speck: the words the server sends get a 1.5 pt "x" inside the
  // supplier name's box, as Tesseract reads a smudge (the rule under test is geometric).
  await page.route(`**/api/v1/documents/${id}/pages/1/words`, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    body.words.push({ text: 'x', box: [bx0 + 0.5, by0 - h * 0.6, bx0 + 2, by0 - h * 0.6 + 1.5], line: 9999 });
    await route.fulfill({ response: res, json: body });
  });
  await api.put(`/documents/${id}/fields/supplier_name`, { value: 'Chimirone' });
  await open();
  const size = doc.page_sizes[0];
  await page.getByTestId('field-input-supplier_name').click();
  const rect = await page.getByTestId('page-overlay').boundingBox();
  const at = (x, y) => [rect.x + (x / size.width) * rect.width, rect.y + (y / size.height) * rect.height];
  const [x0, y0] = at(bx0 - 2, by0 - h);
  const [x1, y1] = at(bx1 + 2, by1 + 2);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 5 });
  assert.equal(await page.locator('[data-testid="word"][data-text="x"].picked').count(), 0, 'the speck is not highlighted');
  await page.mouse.up();
  await page.waitForFunction(async ([docId, v]) => (await (await fetch(`/api/v1/documents/${docId}`)).json()).fields.supplier_name?.value === v, [id, truth.value]);
  assert.equal(await page.getByTestId('field-input-supplier_name').inputValue(), truth.value);

  // Shift-click a word on the next line: it is added to the value.
  const { words } = await api.get(`/documents/${id}/pages/1/words`);
  const below = words.filter((w) => w.box[1] > by1 && w.box[1] < by1 + 4 * h && w.box[0] < bx1 && w.box[2] > bx0)
    .sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0])[0];
  assert.ok(below, 'a word under the supplier name');
  const [cx, cy] = at((below.box[0] + below.box[2]) / 2, (below.box[1] + below.box[3]) / 2);
  await page.keyboard.down('Shift');
  await page.mouse.click(cx, cy);
  await page.keyboard.up('Shift');
  const want = `${truth.value} ${below.text}`;
  await page.waitForFunction(async ([docId, v]) => (await (await fetch(`/api/v1/documents/${docId}`)).json()).fields.supplier_name?.value === v, [id, want]);
  const stored = (await api.get(`/documents/${id}`)).fields.supplier_name;
  assert.ok(stored.box[3] >= below.box[3] - 0.5, `the value's box ${stored.box} holds the added word ${below.box}`);
  await shot(page, 'grid-03-shift-click');
});

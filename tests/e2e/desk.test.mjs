// End to end, the rest of the desk: upload two files with the file picker, fill a field by
// dragging a box over several words, edit/add/remove line items from the keyboard, Tab
// between fields, the history panel, Ctrl+Enter (validate and open the next), reject with a
// reason, page navigation and zoom, and the document list's search and filters.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

const DN = join(REPO, 'samples/dev-dn-0001.pdf'); // born-digital delivery note, one line
const INV = join(REPO, 'samples/dev-inv-0003.pdf'); // born-digital invoice, two pages
const DN_TRUTH = JSON.parse(readFileSync(join(REPO, 'samples/dev-dn-0001.json'), 'utf8'));

let server, browser, page, api;
const ids = {};

before(async () => {
  server = await startServer({ username: 'marc' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // A loaded 2-core CI machine reads scans slowly: wait longer than Playwright's 30 s default.
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const saved = (testid, value) => page.waitForFunction(([t, v]) => {
  const input = document.querySelector(`[data-testid="${t}"]`);
  return input && input.value === v && document.activeElement !== null;
}, [testid, value]);

// The document once the server holds `value` for `field` (or as it is after 10 s).
async function stored(id, field, value) {
  let doc;
  for (let tries = 0; tries < 50; ++tries) {
    doc = await api.get(`/documents/${id}`);
    if (doc.fields[field]?.value === value) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return doc;
}

test('upload two files with the file picker; both are read', { timeout: 240000 }, async () => {
  await page.getByTestId('nav-upload').click();
  await page.getByTestId('upload-input').setInputFiles([DN, INV]);
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('[data-testid="upload-item"]')];
    return items.length === 2 && items.every((i) => i.dataset.status && i.dataset.status !== 'received');
  }, null, { timeout: 200000, polling: 250 });
  for (const item of await page.getByTestId('upload-item').all()) {
    const name = await item.locator('.file').textContent();
    ids[name] = Number(await item.getAttribute('data-id'));
  }
  assert.ok(ids['dev-dn-0001.pdf'] && ids['dev-inv-0003.pdf'], JSON.stringify(ids));
  await shot(page, 'desk-01-two-uploads');
});

test('drag a box over several words to fill a field', async () => {
  const id = ids['dev-dn-0001.pdf'];
  let doc = await api.get(`/documents/${id}`);
  const box = doc.fields.supplier_name.box;
  const size = doc.page_sizes[0];
  doc = await api.put(`/documents/${id}/fields/supplier_name`, { value: 'Chimirone' });
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
  await page.waitForSelector('[data-testid="word"]');
  await page.getByTestId('field-input-supplier_name').click();
  const rect = await page.getByTestId('page-overlay').boundingBox();
  const at = (x, y) => [rect.x + (x / size.width) * rect.width, rect.y + (y / size.height) * rect.height];
  const [x0, y0] = at(box[0] - 2, box[1] - 2);
  const [x1, y1] = at(box[2] + 2, box[3] + 2);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 3 });
  await page.mouse.move(x1, y1, { steps: 3 });
  await shot(page, 'desk-02-dragging');
  await page.mouse.up();
  await saved('field-input-supplier_name', DN_TRUTH.fields.supplier_name);
  await page.waitForFunction(() => /corrig|correct/.test(document.querySelector('[data-testid="field-supplier_name"] [data-testid="field-confidence"]').textContent));
  // The input shows the value before its save returns: the server has it once the save is done.
  doc = await stored(id, 'supplier_name', DN_TRUTH.fields.supplier_name);
  assert.equal(doc.fields.supplier_name.value, DN_TRUTH.fields.supplier_name);
  const { events } = await api.get(`/documents/${id}/events`);
  const ev = events.filter((e) => e.field === 'supplier_name').pop();
  assert.equal(ev.after, DN_TRUTH.fields.supplier_name);
  assert.ok(ev.box[0] >= box[0] - 2.5 && ev.box[2] <= box[2] + 2.5, `the event's box ${ev.box} lies in the dragged one`);
});

test('Tab moves between fields; line items are edited, added and removed from the keyboard', async () => {
  const id = ids['dev-dn-0001.pdf'];
  const first = page.getByTestId('fields').locator('input').first();
  await first.focus();
  const firstKey = await first.getAttribute('data-key');
  await page.keyboard.press('Tab');
  const nextKey = await page.evaluate(() => document.activeElement?.dataset?.key);
  assert.ok(nextKey && nextKey.startsWith('f:') && nextKey !== firstKey, `Tab went from ${firstKey} to ${nextKey}`);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.key), firstKey);

  // Edit a cell: type, Enter.
  const qty = page.getByTestId('line-cell-0-quantity');
  await qty.click();
  await qty.fill('7');
  await qty.press('Enter');
  await page.waitForFunction(async (docId) => {
    const r = await fetch(`/api/v1/documents/${docId}`);
    return (await r.json()).lines[0].quantity.value === '7';
  }, id);
  // Add a line, fill one cell, remove it again.
  await page.getByTestId('line-add').click();
  await page.getByTestId('line-row').nth(1).waitFor();
  const cell = page.getByTestId('line-cell-1-supplier_article_code');
  await cell.fill('X-1');
  await cell.press('Enter');
  await page.waitForFunction(async (docId) => {
    const r = await fetch(`/api/v1/documents/${docId}`);
    return (await r.json()).lines[1]?.supplier_article_code?.value === 'X-1';
  }, id);
  await shot(page, 'desk-03-line-added');
  await page.getByTestId('line-remove').nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="line-row"]').length === 1);
  const doc = await api.get(`/documents/${id}`);
  assert.equal(doc.lines.length, 1);
  assert.equal(doc.lines[0].quantity.value, '7');

  // The history panel lists what was done.
  await page.getByTestId('history').locator('summary').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="event"][data-action="line_removed"]').length === 1);
  for (const action of ['field_corrected', 'line_corrected', 'line_added', 'line_removed'])
    assert.ok(await page.locator(`[data-testid="event"][data-action="${action}"]`).count() >= 1, action);
  await shot(page, 'desk-04-history');
});

test('Ctrl+Enter validates and opens the next document of the queue', async () => {
  const id = ids['dev-dn-0001.pdf'];
  const queue = await api.get('/review-queue');
  const next = queue.documents.find((d) => d.id !== id);
  await page.getByTestId('field-input-po_number').focus();
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((docId) => !location.hash.endsWith('/doc/' + docId), id);
  assert.equal((await api.get(`/documents/${id}`)).status, 'validated');
  if (next) {
    assert.equal(await page.evaluate(() => location.hash), `#/doc/${next.id}`);
    await page.waitForSelector(`[data-testid="review-view"][data-doc-id="${next.id}"][data-ready="true"]`);
  } else {
    await page.getByTestId('queue-view').waitFor();
  }
});

test('pages and zoom; reject with a reason', async () => {
  const id = ids['dev-inv-0003.pdf'];
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector(`[data-testid="review-view"][data-doc-id="${id}"][data-ready="true"]`);
  assert.equal(await page.getByTestId('page-label').textContent(), 'Page 1 / 2');
  await page.getByTestId('page-next').click();
  assert.equal(await page.getByTestId('page-label').textContent(), 'Page 2 / 2');
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="page-image"]');
    return img.src.endsWith('/pages/2.png') && img.complete && img.naturalWidth > 0;
  });
  const before = (await page.getByTestId('page-overlay').boundingBox()).width;
  await page.getByTestId('zoom-in').click();
  assert.equal(await page.getByTestId('zoom-label').textContent(), '125 %');
  const zoomed = (await page.getByTestId('page-overlay').boundingBox()).width;
  assert.ok(Math.abs(zoomed / before - 1.25) < 0.02, `zoomed ${before} → ${zoomed}`);
  await shot(page, 'desk-05-page-2-zoomed');

  await page.getByTestId('reject').click();
  await page.getByTestId('reject-confirm').click(); // no reason yet: refused by the UI
  assert.notEqual((await api.get(`/documents/${id}`)).status, 'rejected');
  await page.getByTestId('reject-reason').fill('pas notre commande');
  await page.getByTestId('reject-confirm').click();
  await page.waitForFunction((docId) => !location.hash.endsWith('/doc/' + docId), id);
  const doc = await api.get(`/documents/${id}`);
  assert.equal(doc.status, 'rejected');
  assert.equal(doc.rejected_reason, 'pas notre commande');
});

test('the document list searches and filters', async () => {
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('documents-table').waitFor();
  assert.equal(await page.getByTestId('doc-row').count(), 2);
  await page.getByTestId('search-q').fill('dev-inv');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="doc-row"]');
    return rows.length === 1 && rows[0].textContent.includes('dev-inv-0003.pdf');
  });
  await page.getByTestId('search-q').fill('');
  await page.getByTestId('filter-status').selectOption('validated');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="doc-row"]');
    return rows.length === 1 && rows[0].textContent.includes('dev-dn-0001.pdf');
  });
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-type').selectOption('invoice');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="doc-row"]');
    return rows.length === 1 && rows[0].textContent.includes('dev-inv-0003.pdf');
  });
  await shot(page, 'desk-06-documents-filtered');
});

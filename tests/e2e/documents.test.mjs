// End to end, the document list: supplier, type, order and document number columns; sorting
// by a column on the server; a search that ignores accents and case ("isere" finds "Isère");
// a saved filter that survives a reload; the CSV of the selection with the visible columns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, apiClient, checkA11y, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

const FILES = ['dev-dn-0001.pdf', 'dev-inv-0003.pdf', 'dev-coc-0002.pdf'];
// Suppliers set by hand so the order is known whatever the reading gave.
const SUPPLIERS = { 'dev-dn-0001.pdf': 'Éole Isère SAS', 'dev-inv-0003.pdf': 'Van Dijk Lubricants B.V.', 'dev-coc-0002.pdf': 'Duval et Fils' };

let server, browser, context, page, api;
const ids = {};

before(async () => {
  server = await startServer({ username: 'lea' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  const up = await api.upload(FILES.map((f) => join(REPO, 'samples', f)));
  for (const [i, d] of (up.documents ?? up).entries()) ids[FILES[i]] = d.id;
  for (const f of FILES) {
    await api.waitProcessed(ids[f]);
    await api.put(`/documents/${ids[f]}/fields/supplier_name`, { value: SUPPLIERS[f] });
  }
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const rowIds = () => page.$$eval('[data-testid="doc-row"]', (rows) => rows.map((r) => Number(r.dataset.id)));
async function waitRows(expected) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('[data-testid="doc-row"]')].map((r) => Number(r.dataset.id));
    return JSON.stringify(got) === JSON.stringify(want);
  }, expected, { timeout: 15000 }).catch(async () => assert.deepEqual(await rowIds(), expected));
}

test('the list shows supplier, type, order and document number; "isere" finds "Isère"', async () => {
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('documents-table').waitFor();
  await waitRows([ids['dev-coc-0002.pdf'], ids['dev-inv-0003.pdf'], ids['dev-dn-0001.pdf']]); // newest first
  const doc = await api.get(`/documents/${ids['dev-dn-0001.pdf']}`);
  const row = page.locator(`[data-testid="doc-row"][data-id="${ids['dev-dn-0001.pdf']}"]`);
  assert.equal(await row.locator('[data-col="supplier"]').textContent(), 'Éole Isère SAS');
  assert.equal(await row.locator('[data-col="type"]').textContent(), 'Bon de livraison');
  assert.equal(await row.locator('[data-col="po_number"]').textContent(), doc.fields.po_number.value);
  assert.equal(await row.locator('[data-col="document_number"]').textContent(), doc.fields.delivery_note_number.value);
  assert.ok(doc.fields.po_number.value, 'the note has an order number');

  await page.getByTestId('search-q').fill('isere');
  await waitRows([ids['dev-dn-0001.pdf']]);
  await page.getByTestId('search-q').fill('ISÈRE');
  await waitRows([ids['dev-dn-0001.pdf']]);
  await page.getByTestId('search-q').fill('');
  await page.getByTestId('filter-supplier').fill('eole');
  await waitRows([ids['dev-dn-0001.pdf']]);
  await page.getByTestId('filter-supplier').fill('');
  await shot(page, 'documents-01-columns');
  // The API agrees, and says so for the supplier filter too.
  assert.deepEqual((await api.get('/documents?q=isere')).documents.map((d) => d.id), [ids['dev-dn-0001.pdf']]);
  assert.deepEqual((await api.get('/documents?supplier=EOLE%20ISERE')).documents.map((d) => d.id), [ids['dev-dn-0001.pdf']]);
});

test('sorting by a column is done by the server, both ways', async () => {
  const bySupplier = [ids['dev-coc-0002.pdf'], ids['dev-dn-0001.pdf'], ids['dev-inv-0003.pdf']]; // Duval, Éole, Van Dijk
  await page.getByTestId('sort-supplier').click();
  await waitRows(bySupplier);
  assert.equal(await page.locator('th[data-sort="supplier"]').getAttribute('aria-sort'), 'ascending');
  assert.match(page.url(), /sort=supplier&order=asc|order=asc.*sort=supplier/);
  await page.getByTestId('sort-supplier').click();
  await waitRows([...bySupplier].reverse());
  assert.equal(await page.locator('th[data-sort="supplier"]').getAttribute('aria-sort'), 'descending');
  const apiOrder = (await api.get('/documents?sort=supplier&order=desc&limit=2&offset=1')).documents.map((d) => d.id);
  await assert.rejects(api.get('/documents?sort=bogus'), (e) => e.status === 400 && /sort must be one of/.test(e.message));
  await assert.rejects(api.get('/documents?order=up'), (e) => e.status === 400);
  assert.deepEqual(apiOrder, [...bySupplier].reverse().slice(1));
  await page.getByTestId('sort-type').click();
  await page.waitForFunction(() => document.querySelector('th[data-sort="type"]')?.getAttribute('aria-sort') === 'ascending');
  const types = await page.$$eval('[data-testid="doc-row"]', (rows) => rows.map((r) => r.querySelector('[data-col="type"]').textContent));
  assert.equal(types.length, 3);
  await shot(page, 'documents-02-sorted');
  const a11y = await checkA11y(page, 'documents sorted');
  assert.ok(Array.isArray(a11y));
});

test('a saved filter comes back after a reload and applies search and order', async () => {
  await page.getByTestId('sort-supplier').click(); // supplier ascending
  await page.getByTestId('search-q').fill('isère');
  await waitRows([ids['dev-dn-0001.pdf']]);
  await page.getByTestId('saved-name').fill('Isère');
  await page.getByTestId('saved-save').click();
  await page.locator('[data-testid="saved-filter"][data-name="Isère"]').waitFor();
  await page.getByTestId('search-q').fill('');
  await waitRows([ids['dev-coc-0002.pdf'], ids['dev-dn-0001.pdf'], ids['dev-inv-0003.pdf']]);
  await page.goto(server.base + '/#/documents');
  await page.reload();
  await page.getByTestId('documents-table').waitFor();
  await page.locator('[data-testid="saved-filter"][data-name="Isère"]').getByTestId('saved-apply').click();
  await waitRows([ids['dev-dn-0001.pdf']]);
  assert.equal(await page.getByTestId('search-q').inputValue(), 'isère');
  await shot(page, 'documents-03-saved-filter');
  await page.locator('[data-testid="saved-filter"][data-name="Isère"]').getByTestId('saved-delete').click();
  assert.equal(await page.getByTestId('saved-filter').count(), 0);
});

test('the CSV holds every row of the selection with the visible columns', async () => {
  await page.getByTestId('search-q').fill('');
  await page.getByTestId('filter-type').selectOption('');
  await waitRows([ids['dev-coc-0002.pdf'], ids['dev-dn-0001.pdf'], ids['dev-inv-0003.pdf']]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('documents-csv').click()]);
  assert.match(download.suggestedFilename(), /^documents-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(lines.length, 4, text);
  const header = lines[0].split(';');
  assert.deepEqual(header, ['N°', 'Fichier', 'Fournisseur', 'Type', 'Commande', 'N° de pièce', 'Statut', 'Pages', 'Reçu le']);
  const rows = lines.slice(1).map((l) => l.split(';'));
  assert.deepEqual(rows.map((r) => Number(r[0])), [ids['dev-coc-0002.pdf'], ids['dev-dn-0001.pdf'], ids['dev-inv-0003.pdf']]);
  const dn = await api.get(`/documents/${ids['dev-dn-0001.pdf']}`);
  assert.deepEqual(rows[1].slice(1, 6), ['dev-dn-0001.pdf', 'Éole Isère SAS', 'Bon de livraison', dn.fields.po_number.value, dn.fields.delivery_note_number.value]);
});

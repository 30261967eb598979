// End to end, the ERP: an admin connects a folder of ERP exports on the ERP screen and syncs;
// a reviewer opens a delivery note that brings 6 drums on an order line with 4 open, sees the
// Purchase order panel (ordered 4, open 4, this delivery 6 in red) and the blocking
// quantity_over_open marker on the line's quantity, is refused validation with the server's
// message shown beside the button, overrides the finding with a reason, and validates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, shot, startServer } from './lib.mjs';

const NOTE = join(REPO, 'samples/dev-dn-0001.pdf'); // Chimirhône SAS, PO CA/25/8006, one line CH-3452, 6 FÛT
const REASON = 'two extra drums agreed by phone with purchasing';

// The master data of tests/api/erp_test.cc: order CA/25/8006 line 10, 4 drums ordered, none received.
const EXPORTS = {
  'suppliers.csv': 'supplier_id,name,vat_number,registration_number,iban\nS1,Chimirhône SAS,,,\n',
  'articles.csv': 'article_code,supplier_id,supplier_article_code,description,unit,min_shelf_life_days,certificate_required,lot_managed,conversions\n'
    + "CA518612,S1,CH-3452,Acétate d'éthyle,PCE,0,false,true,FUT=1\n",
  'purchase_orders.csv': 'po_number,supplier_id,status,order_date\nCA/25/8006,S1,open,2025-09-01\n',
  'purchase_order_lines.csv': 'po_number,line,article_code,quantity_ordered,quantity_received,unit,unit_price,currency\n'
    + 'CA/25/8006,10,CA518612,4,0,PCE,310,EUR\n',
};

let server, browser, api, folder, admin;
const errors = [];

async function newPage(lang) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  if (lang) await context.addInitScript((l) => localStorage.setItem('quai.lang', l), lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

async function logIn(page, username, password) {
  await page.goto(server.base + '/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('queue-view').waitFor();
}

before(async () => {
  server = await startServer({ role: 'reviewer', username: 'ana', extraUsers: [['root', 'admin']] });
  folder = join(server.data, 'erp-exports');
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(EXPORTS)) writeFileSync(join(folder, name), text);
  browser = await launchBrowser();
  api = await apiClient(server.base, server.username, server.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin connects the ERP; a reviewer sees the over-delivery, overrides it with a reason, validates', { timeout: 300000 }, async () => {
  // The note is read while the admin connects the ERP (a sync checks waiting documents again).
  const uploaded = await api.upload([NOTE]);
  const id = uploaded.documents[0].id;
  assert.ok(id > 0, JSON.stringify(uploaded));

  // --- the admin: ERP screen, files kind, folder, Save, Sync now.
  admin = await newPage('en');
  await logIn(admin, 'root', server.users.root);
  await admin.getByTestId('nav-erp').click();
  await admin.getByTestId('erp-not-connected').waitFor();
  assert.equal(await admin.getByTestId('erp-sync').isDisabled(), true, 'nothing to sync before a connection is saved');
  await admin.getByTestId('erp-kind').selectOption('files');
  await admin.getByTestId('erp-setting-folder').fill(folder);
  await admin.getByTestId('erp-save').click();
  await admin.getByTestId('erp-result').filter({ hasText: 'Connection saved.' }).waitFor();
  assert.equal(await admin.getByTestId('erp-setting-folder').inputValue(), folder, 'the saved folder is shown back');
  await admin.getByTestId('erp-sync').click();
  await admin.getByTestId('erp-result').filter({ hasText: /Synced in .* s: orders written: 1, documents checked again: \d+\./ }).waitFor();
  await admin.getByTestId('erp-counts').filter({ hasText: 'suppliers: 1 · articles: 1 · orders: 1 · order lines: 1' }).waitFor();
  assert.notEqual(await admin.getByTestId('erp-last-success').textContent(), 'never');
  assert.equal(await admin.getByTestId('erp-available').textContent(), 'reachable');
  await shot(admin, 'erp-01-admin-synced');

  // --- the reviewer, in French (the clerk's language by default).
  let doc = await api.waitProcessed(id);
  if (!doc.findings.some((f) => f.code === 'quantity_over_open')) {
    // Read before the sync finished checking it again: the admin syncs once more.
    await admin.getByTestId('erp-sync').click();
    await admin.getByTestId('erp-result').filter({ hasText: /documents checked again/ }).waitFor();
    doc = await api.get(`/documents/${id}`);
  }
  const over = doc.findings.find((f) => f.code === 'quantity_over_open');
  assert.ok(over, `6 drums on a line with 4 open: ${JSON.stringify(doc.findings)}`);
  const line = Number(/^lines\[(\d+)\]/.exec(over.field)?.[1]);
  const column = over.field.split('.').pop();
  const refused = await api.post(`/documents/${id}/validate`).then(() => undefined, (e) => e);
  assert.equal(refused?.status, 409, 'the server refuses validation while the finding blocks');
  const serverMessage = refused.body.error.message;

  const page = await newPage();
  await logIn(page, 'ana', server.password);
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
  const linesTop = await page.getByTestId('line-table').evaluate((el) => el.getBoundingClientRect().top);

  // The Purchase order panel, beside the values, with the page image still in view.
  const order = page.locator('[data-testid="po-order"][data-po="CA/25/8006"]');
  await order.waitFor();
  assert.equal(await order.getByTestId('po-number').textContent(), 'CA/25/8006');
  assert.equal(await order.getByTestId('po-status').textContent(), 'ouverte');
  const poLine = order.getByTestId('po-line').first();
  assert.equal(await poLine.getByTestId('po-line-number').textContent(), '10');
  assert.equal(await poLine.getByTestId('po-article').textContent(), 'CA518612');
  assert.equal(await poLine.getByTestId('po-ordered').textContent(), '4');
  assert.equal(await poLine.getByTestId('po-received').textContent(), '0');
  assert.equal(await poLine.getByTestId('po-open').textContent(), '4');
  const thisDelivery = poLine.getByTestId('po-this');
  assert.equal(await thisDelivery.locator('.qty').textContent(), '6');
  assert.equal(await thisDelivery.getAttribute('data-over'), 'true');
  assert.equal(await poLine.getByTestId('po-over').textContent(), '+2');
  const red = await thisDelivery.evaluate((el) => getComputedStyle(el).color);
  assert.equal(red, 'rgb(198, 40, 40)', 'this delivery is highlighted in red');
  assert.deepEqual(await poLine.getByTestId('po-doc-line').allTextContents(), [String(line + 1)]);
  assert.equal(await page.getByTestId('line-table').evaluate((el) => el.getBoundingClientRect().top), linesTop,
    'the orders, loaded after the document, move nothing above them');
  // The panel scrolls by itself: the page image stays in view beside it.
  await page.getByTestId('validate').scrollIntoViewIfNeeded();
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight), true, 'the window itself never scrolls');
  assert.ok(await page.getByTestId('page-image').isVisible(), 'the page image stays visible');
  await shot(page, 'erp-02-purchase-order-panel');

  // The marker on the line's quantity, and the finding under the line, titled in French.
  const cell = page.getByTestId(`line-td-${line}-${column}`);
  assert.equal(await cell.getAttribute('data-severity'), 'block');
  const input = page.getByTestId(`line-cell-${line}-${column}`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const finding = page.locator(`[data-testid="line-findings"][data-line="${line}"] [data-testid="finding"][data-code="quantity_over_open"]`);
  assert.ok(await finding.isVisible(), 'the finding is listed under its line');
  assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(await finding.getAttribute('id')), 'the input is described by its finding');
  assert.equal(await finding.getByTestId('finding-severity').textContent(), 'Bloquant');
  assert.equal(await finding.getByTestId('finding-title').textContent(), 'Plus que le reste à livrer');
  assert.equal(await finding.getByTestId('finding-message').textContent(), over.message, 'the server\'s message is the detail');

  // Validation refused: why, in words, beside the button, and what blocks it, listed.
  assert.ok(serverMessage);
  await page.getByTestId('validate').click();
  const refusal = page.getByTestId('validate-error');
  await refusal.waitFor({ state: 'visible' });
  assert.match(await refusal.textContent(), /^Validation bloquée \(\d+\) : corrigez, ou validez quand même en donnant un motif\.$/);
  assert.equal(await page.locator('[data-testid="validate-blocker"][data-code="quantity_over_open"]').count(), 1);
  assert.ok(await refusal.isVisible());
  assert.ok(page.url().endsWith(`#/doc/${id}`), 'still on the document');
  await shot(page, 'erp-03-validation-refused');

  // Override: a reason is required, given inline.
  await finding.getByTestId('finding-override').click();
  const reason = finding.getByTestId('override-reason');
  assert.ok(await reason.evaluate((el) => el === document.activeElement), 'the reason input has the focus');
  await finding.getByTestId('override-confirm').click();
  assert.equal(await finding.getByTestId('override-error').textContent(), 'Indiquez un motif.');
  await reason.fill(REASON);
  await reason.press('Enter');
  const lifted = page.locator(`[data-testid="finding"][data-code="quantity_over_open"] [data-testid="finding-overridden"]`);
  await lifted.waitFor();
  assert.equal(await lifted.textContent(), `Levée par ana : ${REASON}`);
  assert.equal(await refusal.isHidden(), true, 'the refusal is gone once nothing blocks');
  assert.equal(await page.getByTestId(`line-cell-${line}-${column}`).getAttribute('aria-invalid'), null);
  assert.ok(await page.getByTestId('validate').evaluate((el) => el === document.activeElement), 'the focus moves on to Validate');
  await shot(page, 'erp-04-overridden');

  // Validate: the screen moves on, the document is validated, the override is in the history.
  await page.keyboard.press('Enter');
  await page.waitForFunction((docId) => !location.hash.endsWith('/doc/' + docId), id);
  const stored = await api.get(`/documents/${id}`);
  assert.equal(stored.status, 'validated');
  const { events } = await api.get(`/documents/${id}/events`);
  assert.ok(events.some((e) => e.action === 'finding_overridden' && e.reason === REASON && e.user === 'ana'), JSON.stringify(events));
  assert.deepEqual(errors, [], 'no script error in the pages');
});

test('a secret is never shown back and is kept unless retyped; an ERP that does not answer is said so', { timeout: 120000 }, async () => {
  const rootApi = await apiClient(server.base, 'root', server.users.root);
  await admin.getByTestId('erp-kind').selectOption('rest');
  await admin.getByTestId('erp-setting-base_url').fill('http://127.0.0.1:9');
  await admin.getByTestId('erp-setting-token').fill('s3cr3t-t0ken');
  await admin.getByTestId('erp-setting-suppliers_url').fill('/suppliers');
  await admin.getByTestId('erp-setting-articles_url').fill('/articles');
  await admin.getByTestId('erp-setting-purchase_orders_url').fill('/orders');
  await admin.getByTestId('erp-other').fill('suppliers.name=/label');
  await admin.getByTestId('erp-save').click();
  await admin.getByTestId('erp-result').filter({ hasText: 'Connection saved.' }).waitFor();
  await admin.getByTestId('erp-secret-kept').waitFor();
  const token = admin.getByTestId('erp-setting-token');
  assert.equal(await token.inputValue(), '', 'the secret is not in the page');
  assert.equal(await token.getAttribute('placeholder'), '********');
  assert.equal(await token.getAttribute('type'), 'password');
  assert.equal(await admin.getByTestId('erp-other').inputValue(), 'suppliers.name=/label');
  assert.ok(!(await admin.content()).includes('s3cr3t-t0ken'), 'nowhere in the page');

  // Saved again without retyping it: still there (the server shows it masked, never empty).
  await admin.getByTestId('erp-setting-base_url').fill('http://127.0.0.1:9/');
  await admin.getByTestId('erp-save').click();
  await admin.getByTestId('erp-result').filter({ hasText: 'Connection saved.' }).waitFor();
  assert.equal(await admin.getByTestId('erp-setting-base_url').inputValue(), 'http://127.0.0.1:9/');
  const stored = await rootApi.get('/erp');
  assert.equal(stored.connection.settings.token, '********', JSON.stringify(stored.connection));
  assert.equal(stored.connection.settings['suppliers.name'], '/label');

  // Sync now against an ERP that does not answer: the error beside the button, the state updated.
  await admin.getByTestId('erp-sync').click();
  const error = admin.getByTestId('erp-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /^The ERP does not answer: /);
  await admin.getByTestId('erp-available').filter({ hasText: 'unreachable' }).waitFor();
  assert.notEqual((await admin.getByTestId('erp-last-error').textContent()).trim(), '');
  await shot(admin, 'erp-05-admin-erp-down');
  assert.deepEqual(errors, [], 'no script error in the pages');
});

// End to end: log in, upload a scanned delivery note by dropping it, see it processed, fix a
// wrong field by clicking the field and then the word on the page, validate (≤ 3 actions),
// and check through the API the stored value and the event.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, shot, startServer } from './lib.mjs';

const SAMPLE = join(REPO, 'samples/dev-dn-0005.tif'); // a 200 dpi scanned delivery note, mild degradation
const TRUTH = JSON.parse(readFileSync(join(REPO, 'samples/dev-dn-0005.json'), 'utf8'));
// Fields whose printed form is the stored form and fits in one word, so one click fills them.
const ONE_WORD_FIELDS = ['po_number', 'delivery_note_number'];

let server, browser, context, page, api;
// What the browser blocked under the server's Content-Security-Policy (the UI's
// own boot script included): must stay empty.
const blocked = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  // A loaded 2-core CI machine reads scans slowly: wait longer than Playwright's 30 s default.
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
  api = await apiClient(server.base, server.username, server.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('log in, upload a scan, fix a wrong field with a click on the page, validate', { timeout: 300000 }, async () => {
  // Log in.
  await page.goto(server.base + '/');
  await page.getByTestId('login-username').fill(server.username);
  await page.getByTestId('login-password').fill(server.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('queue-view').waitFor();
  await shot(page, '01-queue-after-login');

  // Upload by dropping the file on the drop zone (the browser builds the File, as a real drop does).
  await page.getByTestId('nav-upload').click();
  await page.getByTestId('dropzone').waitFor();
  const bytes = readFileSync(SAMPLE).toString('base64');
  const dataTransfer = await page.evaluateHandle(([b64, name]) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], name, { type: 'image/tiff' }));
    return dt;
  }, [bytes, 'bl-scan-0005.tif']);
  await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  const item = page.getByTestId('upload-item').first();
  await item.waitFor();
  assert.equal(await page.getByTestId('upload-progress').evaluate((p) => p.value), 1, 'the progress bar reaches the end');
  const id = Number(await item.getAttribute('data-id'));
  assert.ok(id > 0, 'the upload answered an id');
  await shot(page, '02-uploaded-being-read');

  // The status updates by itself until the document is read.
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="upload-item"]')?.getAttribute('data-status');
    return s && s !== 'received';
  }, null, { timeout: 240000, polling: 250 });
  const status = await item.getAttribute('data-status');
  assert.ok(['needs_review', 'auto_accepted'].includes(status), `processed, got ${status}`);
  await shot(page, '03-processed');

  // Choose the field to put right: one the machine got wrong, else make one wrong through the API.
  let doc = await api.get(`/documents/${id}`);
  assert.equal(doc.document_type, 'delivery_note');
  const { words } = await api.get(`/documents/${id}/pages/1/words`);
  const printed = (v) => words.some((w) => w.text === v);
  let field = ONE_WORD_FIELDS.find((f) => doc.fields[f]?.value !== TRUTH.fields[f] && printed(TRUTH.fields[f]));
  let madeWrong = false;
  if (!field) {
    field = ONE_WORD_FIELDS.find((f) => printed(TRUTH.fields[f]));
    assert.ok(field, 'the true value of a one-word field is on the page');
    const wrong = TRUTH.fields[field].replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    doc = await api.put(`/documents/${id}/fields/${field}`, { value: wrong });
    madeWrong = true;
  }
  const wrongValue = doc.fields[field]?.value ?? null;
  const truth = TRUTH.fields[field];
  console.log(`# fixing ${field}: ${JSON.stringify(wrongValue)} -> ${truth}${madeWrong ? ' (made wrong through the API first)' : ''}`);

  // Open it from the upload list and wait until page and fields are shown.
  await page.getByTestId('upload-open').first().click();
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
  await page.waitForSelector('[data-testid="word"]');
  const boxes = await page.getByTestId('value-box').count();
  assert.ok(boxes >= Object.keys(doc.fields).length, `every value has its box drawn (${boxes})`);
  assert.equal(await page.getByTestId(`field-input-${field}`).inputValue(), wrongValue ?? '');
  await shot(page, '04-validation-screen');

  // The three actions.
  let actions = 0;
  await page.getByTestId(`field-input-${field}`).click(); actions++;
  await page.locator(`[data-testid="word"][data-text="${truth}"]`).first().click(); actions++;
  await page.waitForFunction(([f, v]) => {
    const box = document.querySelector(`[data-testid="field-${f}"] [data-testid="field-confidence"]`);
    const input = document.querySelector(`[data-testid="field-input-${f}"]`);
    return input?.value === v && box && /corrig|correct/.test(box.textContent ?? '');
  }, [field, truth]);
  await shot(page, '05-field-fixed');
  await page.getByTestId('validate').click(); actions++;
  assert.ok(actions <= 3, `put right and validated in ${actions} actions`);
  console.log(`# actions: ${actions}`);
  await page.waitForFunction((docId) => !location.hash.endsWith('/doc/' + docId), id);
  await shot(page, '06-after-validate');

  // Through the API: the value, the status, the event with user, before, after and box.
  const stored = await api.get(`/documents/${id}`);
  assert.equal(stored.status, 'validated');
  assert.equal(stored.fields[field].value, truth);
  assert.equal(stored.fields[field].corrected, true);
  assert.equal(stored.validated_by, server.username);
  const { events } = await api.get(`/documents/${id}/events`);
  const fix = events.filter((e) => e.action === 'field_corrected' && e.field === field && e.user === server.username).pop();
  assert.ok(fix, `a field_corrected event for ${field}: ${JSON.stringify(events)}`);
  assert.equal(fix.before, wrongValue);
  assert.equal(fix.after, truth);
  assert.equal(fix.page, 1);
  assert.ok(Array.isArray(fix.box) && fix.box.length === 4, 'the event keeps the box pointed at');
  const word = words.find((w) => w.text === truth);
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(fix.box[k] - word.box[k]) < 0.5, `box ${fix.box} is the word's ${word.box}`);
  const validated = events.filter((e) => e.action === 'validated');
  assert.equal(validated.length, 1);
  assert.equal(validated[0].user, server.username);
  assert.ok(events.indexOf(fix) < events.indexOf(validated[0]), 'corrected, then validated');
  assert.deepEqual(blocked, [], 'the UI runs under its Content-Security-Policy');
});

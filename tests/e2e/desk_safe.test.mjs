// End to end, a desk a clerk can trust (issue 19, "safe validation"): Escape in a field goes
// back to the value last saved and Tab then saves nothing; an edit that changes nothing records
// nothing; a stopped server leaves the edit marked "not saved" and it is saved when the server
// is back; an empty required field blocks validation until it is overridden with a reason,
// which the history shows. The desk is in French, as a clerk's first session is.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

const DN = join(REPO, 'samples/dev-dn-0001.pdf'); // born-digital delivery note, one line

let server, browser, page, api, id;
const toasts = [];

before(async () => {
  server = await startServer({ username: 'claire' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  id = (await api.upload([DN])).documents[0].id;
  await api.waitProcessed(id);
  await loginUI(page, server);
  // Every toast the desk shows, to prove no raw "Failed to fetch" reaches the clerk.
  await page.exposeFunction('__toast', (text) => toasts.push(text));
  await page.addInitScript(() => {
    const watch = () => {
      if (!document.body) { setTimeout(watch, 10); return; }
      new MutationObserver((ms) => { for (const m of ms) for (const n of m.addedNodes) if (n.textContent) window.__toast?.(n.textContent); })
        .observe(document.body, { childList: true, subtree: true, characterData: true });
    };
    watch();
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const people = async () => (await api.get(`/documents/${id}/events`)).events.filter((e) => e.user !== 'system');

async function open() {
  // A fresh page: the previous one may still be on its way to the next
  // document after a validation, and would take the reload with it.
  await page.goto('about:blank');
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
}

test('the colours, the queue and the decision agree; the queue says its reasons grouped, in French', async () => {
  const doc = await api.get(`/documents/${id}`);
  const queue = await api.get('/review-queue?limit=50');
  const inQueue = queue.documents.find((d) => d.id === id);
  const codes = doc.reason_codes ?? [];
  const doubted = new Set(codes.filter((c) => c.code === 'low_confidence' || c.code === 'doubted').map((c) => c.field));
  await open();
  let checked = 0;
  for (const [name, f] of Object.entries(doc.fields)) {
    if (f.value === null || f.value === '') continue;
    const level = await page.getByTestId('field-' + name).getAttribute('data-level');
    assert.equal(f.doubt, doubted.has(name), `${name}: the value's verdict is the decision's`);
    assert.equal(level !== 'high', doubted.has(name), `${name} is coloured ${level}; the decision ${doubted.has(name) ? 'doubts' : 'accepts'} it`);
    ++checked;
  }
  for (const [i, line] of (doc.lines ?? []).entries()) for (const [name, f] of Object.entries(line)) {
    if (f.value === null || f.value === '') continue;
    const cls = await page.getByTestId(`line-td-${i}-${name}`).getAttribute('class');
    const path = `lines[${i}].${name}`;
    assert.equal(!/level-high/.test(cls), doubted.has(path), `${path} is ${cls}; the decision ${doubted.has(path) ? 'doubts' : 'accepts'} it`);
    ++checked;
  }
  console.log(`colours: ${checked} values checked, ${doubted.size} in doubt, status ${doc.status}`);
  if (inQueue) {
    assert.deepEqual(inQueue.reason_codes, doc.reason_codes, 'the queue lists the same decision');
    await page.goto(`${server.base}/#/queue`);
    const row = page.locator(`[data-testid="doc-row"][data-id="${id}"]`);
    await row.waitFor();
    const texts = await row.locator('[data-testid="reason"]').allTextContents();
    console.log('queue reasons:', JSON.stringify(texts));
    assert.ok(texts.length >= 1 && texts.length <= 3, `a few reasons: ${texts}`);
    for (const x of texts) assert.ok(!/low confidence|doubted:|missing:/.test(x), `in words, not codes: ${x}`);
  }
});

test('Alt+↓ goes to the next value in doubt; Alt+Enter confirms it as right, an event the history keeps', async () => {
  const before = await api.get(`/documents/${id}`);
  const doubted = (before.reason_codes ?? []).filter((c) => c.code === 'low_confidence' || c.code === 'doubted');
  if (!doubted.length) { console.log('no value in doubt: nothing to confirm'); return; }
  await open();
  await page.keyboard.press('Alt+ArrowDown');
  const key = await page.evaluate(() => document.activeElement?.dataset?.key);
  assert.ok(key, 'a value is focused');
  const path = key.startsWith('f:') ? key.slice(2) : key.replace(/^l:(\d+):(.+)$/, 'lines[$1].$2');
  assert.ok(doubted.some((c) => c.field === path), `${path} is one the decision doubts`);
  await page.keyboard.press('Alt+Enter');
  await page.waitForFunction(async ([docId, p]) => {
    const r = await fetch(`/api/v1/documents/${docId}/events`);
    return (await r.json()).events.some((e) => e.action === 'value_confirmed' && e.field === p);
  }, [id, path]);
  const after = await api.get(`/documents/${id}`);
  const m = /^lines\[(\d+)\]\.(.+)$/.exec(path);
  const value = m ? after.lines[Number(m[1])][m[2]] : after.fields[path];
  assert.equal(value.doubt, false);
  assert.equal(value.confirmed_by, server.username);
  assert.ok(!(after.reason_codes ?? []).some((c) => c.field === path), 'no longer a reason');
  const holder = m ? page.getByTestId(`line-td-${m[1]}-${m[2]}`) : page.getByTestId('field-' + path);
  await page.waitForFunction(() => true);
  assert.match(await holder.getAttribute('class'), /level-high/);
  console.log(`confirmed ${path} with Alt+Enter`);
});

test('the evidence of the value being worked on is readable in full', async () => {
  await open();
  const name = (await page.locator('[data-testid^="field-"] .evidence').first().evaluate((e) => e.closest('li').dataset.field));
  const evidence = page.locator(`[data-testid="field-${name}"] .evidence`);
  await page.getByTestId('field-input-' + name).focus();
  const cut = await evidence.evaluate((e) => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis');
  assert.equal(cut, false, 'not cut off on focus');
});

test('Escape goes back to the saved value, and Tab then saves nothing', async () => {
  await open();
  const input = page.getByTestId('field-input-po_number');
  const before = await input.inputValue();
  assert.ok(before, 'the PO number was read');
  const events = (await people()).length;
  await input.click();
  await input.fill('');
  await page.keyboard.type('WRONG-123');
  await page.keyboard.press('Escape');
  assert.equal(await input.inputValue(), before, 'Escape restores the saved value');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(500);
  assert.equal((await api.get(`/documents/${id}`)).fields.po_number.value, before, 'the server still has it');
  assert.equal((await people()).length, events, 'no event recorded');
  // A second Escape after an edit that was emptied: still the saved value, never empty.
  await input.click();
  await input.fill('');
  await page.keyboard.press('Escape');
  assert.equal(await input.inputValue(), before);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(500);
  assert.equal((await api.get(`/documents/${id}`)).fields.po_number.value, before);
  assert.equal((await people()).length, events);
});

test('an edit that changes nothing records nothing: no event, no correction', async () => {
  await open();
  const input = page.getByTestId('field-input-delivery_note_number');
  const value = await input.inputValue();
  const before = await api.get(`/documents/${id}`);
  const events = (await people()).length;
  // The same value with spaces around it: the desk sends it, the server finds nothing changed.
  const answered = page.waitForResponse((r) => r.url().includes('/fields/delivery_note_number') && r.request().method() === 'PUT');
  await input.fill(`  ${value} `);
  await input.press('Enter');
  assert.equal((await answered).status(), 200);
  // And through the API, the very same value.
  await api.put(`/documents/${id}/fields/delivery_note_number`, { value });
  const now = await api.get(`/documents/${id}`);
  assert.equal((await people()).length, events, 'no event');
  assert.ok(!now.fields.delivery_note_number.corrected, 'not marked corrected (no training signal)');
  assert.equal(now.updated_at, before.updated_at, 'nothing written');
});

test('a stopped server: the edit is marked "not saved", then saved when the server is back', { timeout: 120000 }, async () => {
  await open();
  const input = page.getByTestId('field-input-delivery_note_number');
  toasts.length = 0;
  await server.pause();
  await input.fill('BL-OFFLINE-1');
  await input.press('Enter');
  const badge = page.locator('[data-testid="field-delivery_note_number"] [data-testid="unsaved-badge"]');
  await badge.waitFor();
  assert.equal(await badge.textContent(), 'non enregistré');
  assert.equal(await input.getAttribute('data-unsaved'), 'true');
  await shot(page, 'desk-safe-01-not-saved');
  assert.ok(toasts.some((x) => /Serveur injoignable/.test(x)), `the clerk is told, in words: ${JSON.stringify(toasts)}`);
  assert.ok(!toasts.some((x) => /Failed to fetch/i.test(x)), `no raw error shown: ${JSON.stringify(toasts)}`);
  await server.resume();
  await badge.waitFor({ state: 'detached', timeout: 30000 });
  assert.equal(await input.inputValue(), 'BL-OFFLINE-1');
  assert.equal((await api.get(`/documents/${id}`)).fields.delivery_note_number.value, 'BL-OFFLINE-1');
  const last = (await people()).pop();
  assert.equal(last.action, 'field_corrected');
  assert.equal(last.after, 'BL-OFFLINE-1');
  assert.ok(!toasts.some((x) => /Failed to fetch/i.test(x)), JSON.stringify(toasts));
});

test('an empty required field blocks validation until overridden with a reason, kept in the history', async () => {
  await open();
  const input = page.getByTestId('field-input-po_number');
  await input.fill('');
  await input.press('Enter');
  await page.waitForFunction(async (docId) => {
    const r = await fetch(`/api/v1/documents/${docId}`);
    return !(await r.json()).fields.po_number;
  }, id);
  await page.keyboard.press('Control+Enter');
  const blockers = page.getByTestId('validate-blockers');
  await blockers.waitFor();
  const blocker = page.locator('[data-testid="validate-blocker"][data-code="required_field_missing"][data-field="po_number"]');
  await blocker.waitFor();
  assert.match(await blocker.textContent(), /Champ obligatoire manquant/);
  assert.notEqual((await api.get(`/documents/${id}`)).status, 'validated', 'not validated silently');
  // No reason: still refused.
  await page.getByTestId('validate-override').click();
  await page.getByTestId('validate-override-need').waitFor();
  assert.notEqual((await api.get(`/documents/${id}`)).status, 'validated');
  await shot(page, 'desk-safe-02-blocked');
  await page.getByTestId('validate-override-reason').fill('Pas de commande : livraison gratuite du fournisseur');
  await page.getByTestId('validate-override').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="validate-blockers"]:not([hidden])'));
  const doc = await api.get(`/documents/${id}`);
  assert.equal(doc.status, 'validated');
  const events = await people();
  const overridden = events.find((e) => e.action === 'validation_overridden');
  assert.ok(overridden, JSON.stringify(events));
  assert.equal(overridden.reason, 'Pas de commande : livraison gratuite du fournisseur');
  assert.deepEqual(overridden.after, [{ code: 'required_field_missing', field: 'po_number' }]);
  // The history shows it, in words.
  await open();
  await page.getByTestId('history').locator('summary').click();
  const item = page.locator('[data-testid="event"][data-action="validation_overridden"]');
  await item.waitFor();
  assert.match(await item.textContent(), /validé malgré les blocages.*livraison gratuite/);
  await shot(page, 'desk-safe-03-history');
});

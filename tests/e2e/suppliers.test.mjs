// End to end, the Suppliers screen (issue 19, item 5) in Debian's Chromium: the first document of
// a new supplier asks for its name before validation teaches it (a drag selection's OCR specks are
// offered cleaned and shown, never learned silently); a reviewer renames a supplier, merges another
// one into it and sees the merged supplier's next document attributed to the kept one and read
// with what it taught; forgets a learned convention and sees it no longer applied to the next
// document; a viewer sees the screen without its actions; axe-core finds no serious violation.
// The delivery notes come from tools/docgen (dev family, seed 7: suppliers dealt round robin, so
// notes 3, 17 and 31 are of one supplier and layout, note 1 of another).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, apiClient, checkA11y, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

let server, browser, context, page, api, notes;
const note = (n) => join(notes, `dev-dn-${String(n).padStart(4, '0')}.pdf`);
const truth = (n) => JSON.parse(readFileSync(note(n).replace(/\.pdf$/, '.json'), 'utf8'));

before(async () => {
  notes = mkdtempSync(join(tmpdir(), 'quai-e2e-suppliers-'));
  execFileSync('/usr/bin/python3', [join(REPO, 'tools/docgen/docgen.py'), '--out', notes, '--family', 'dev', '--types', 'delivery_note',
    '--count', '31', '--seed', '7', '--form', 'born', '--jobs', '1'], { stdio: 'ignore', timeout: 300000 });
  assert.equal(truth(3).fields.supplier_name, truth(17).fields.supplier_name, 'docgen no longer deals suppliers round robin');
  assert.equal(truth(3).fields.supplier_name, truth(31).fields.supplier_name);
  assert.notEqual(truth(1).fields.supplier_name, truth(3).fields.supplier_name);
  server = await startServer({ username: 'rita', extraUsers: [['vic', 'viewer']] });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (notes) rmSync(notes, { recursive: true, force: true });
});

/** Uploads note `n` (with `tag`, a copy with a comment appended: another file, the same page) and waits until it is read. */
async function read(n, tag = '') {
  let file = note(n);
  if (tag) {
    file = join(notes, `copy-${tag}-${n}.pdf`);
    writeFileSync(file, Buffer.concat([readFileSync(note(n)), Buffer.from(`\n% ${tag}\n`)]));
  }
  const id = (await api.upload([file])).documents[0].id;
  return api.waitProcessed(id);
}

/** Every header field of the document set to its true value, as a clerk would. */
async function correctToTruth(id, n) {
  const d = await api.get(`/documents/${id}`);
  for (const [field, value] of Object.entries(truth(n).fields)) {
    if (field === 'supplier_name') continue;
    if (d.fields[field]?.value !== value) await api.put(`/documents/${id}/fields/${field}`, { value });
  }
}

async function openDoc(id) {
  await page.goto(`${server.base}/#/doc/${id}`);
  await page.waitForSelector('[data-testid="review-view"][data-ready="true"]');
}

async function validatedThroughTheDesk(id) {
  // The validate request answers once its learn job ran (the document is `validated` a moment
  // before, in the same request): wait for that answer, not only for the status.
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/documents/${id}/validate`),
    { timeout: 60000 });
  await page.getByTestId('validate').click();
  assert.equal((await answered).status(), 200, 'the validate request succeeded');
  for (let i = 0; i < 200; ++i) {
    const d = await api.get(`/documents/${id}`);
    if (d.status === 'validated') return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`document ${id} was not validated`);
}

const suppliers = async () => (await api.get('/suppliers')).suppliers;
const learnedFields = (doc) => Object.entries(doc.fields).filter(([, v]) => (v.evidence ?? '').startsWith('learned from')).map(([f]) => f);
let kept, keptName;

test('the first document of a new supplier asks for its name, offered without the specks a drag picked up', async () => {
  const first = await read(1);
  assert.equal(first.supplier.known, false);
  await correctToTruth(first.id, 1);
  // What a drag over the name picks up on a scan: specks before it (as the desk's drag would write it).
  const name = truth(1).fields.supplier_name;
  await api.put(`/documents/${first.id}/fields/supplier_name`, { value: `x 1 ${name}` });
  await openDoc(first.id);
  await page.getByTestId('supplier-confirm').waitFor();
  assert.ok(await page.getByTestId('supplier-new-badge').isVisible(), 'the head says the supplier is new');
  assert.equal(await page.getByTestId('supplier-confirm-input').inputValue(), name, 'offered without the specks');
  assert.match(await page.getByTestId('supplier-confirm-read').textContent(), /x 1 /, 'what was read is shown beside it');
  await shot(page, 'suppliers-01-confirm-name');
  const validated = await validatedThroughTheDesk(first.id);
  assert.equal(validated.fields.supplier_name.value, name);
  let list = await suppliers();
  assert.deepEqual(list.map((s) => s.name), [name], 'learned under the confirmed name, not the specks');

  // The second new supplier: the clerk corrects the offered name before validating.
  const second = await read(3);
  await correctToTruth(second.id, 3);
  await openDoc(second.id);
  await page.getByTestId('supplier-confirm').waitFor();
  const corrected = truth(3).fields.supplier_name.replace(/\s+\S+$/, ''); // without its legal form
  await page.getByTestId('supplier-confirm-input').fill(corrected);
  await validatedThroughTheDesk(second.id);
  list = await suppliers();
  assert.deepEqual(list.map((s) => s.name).sort(), [name, corrected].sort());

  // A known supplier's next document asks nothing.
  const again = await read(17, 'known');
  assert.equal(again.supplier.known, true);
  await openDoc(again.id);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('supplier-confirm').count(), 0);
  assert.equal(await page.getByTestId('supplier-new-badge').count(), 0);
  await api.post(`/documents/${again.id}/reject`, { reason: 'not needed for this test' });
});

test('a reviewer renames a supplier, merges another into it and forgets a learned convention', async () => {
  const list = await suppliers();
  const chimi = list.find((s) => s.name === truth(1).fields.supplier_name);
  const other = list.find((s) => s.id !== chimi.id);
  await page.goto(`${server.base}/#/suppliers`);
  await page.getByTestId('suppliers-table').waitFor();
  assert.equal(await page.getByTestId('supplier-row').count(), 2);
  const row = page.locator(`[data-testid="supplier-row"][data-id="${chimi.id}"]`);
  assert.match(await row.getByTestId('supplier-documents').textContent(), /^1 /);
  assert.match(await row.getByTestId('supplier-overall').textContent(), /%/);

  // Rename.
  await row.getByTestId('supplier-open').click();
  await page.getByTestId('supplier-detail-name').waitFor();
  keptName = 'Chimirhône Lyon';
  await page.getByTestId('supplier-rename-input').fill(keptName);
  await page.getByTestId('supplier-rename-save').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="supplier-detail-name"]')?.textContent === n, keptName);
  assert.match(await page.locator(`[data-testid="supplier-row"][data-id="${chimi.id}"] [data-testid="supplier-aliases"]`).textContent(), new RegExp(truth(1).fields.supplier_name));

  // Merge the other supplier into it, asked again first.
  await page.getByTestId('supplier-merge-select').selectOption(String(other.id));
  await page.getByTestId('supplier-merge-start').click();
  await page.getByTestId('supplier-merge-ask').waitFor();
  await shot(page, 'suppliers-02-merge-ask');
  await page.getByTestId('supplier-merge-confirm').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="supplier-row"]').length === 1);
  kept = chimi.id;
  const [merged] = await suppliers();
  assert.equal(merged.id, kept);
  assert.equal(merged.documents_validated, 2);
  assert.ok(merged.aliases.includes(other.name), JSON.stringify(merged.aliases));

  // The merged supplier's next document: attributed to the kept one, read with what it taught.
  const next = await read(17);
  assert.equal(next.supplier.known, true);
  assert.equal(next.supplier.id, kept);
  assert.equal(next.supplier.name, keptName);
  const learned = learnedFields(next);
  assert.ok(learned.length > 0, 'read with the merged supplier\'s conventions: ' + JSON.stringify(next.fields));
  await openDoc(next.id);
  assert.match(await page.getByTestId('doc-head').textContent(), new RegExp(keptName));
  assert.equal(await page.getByTestId('supplier-confirm').count(), 0);

  // Forget the label of one field it was read with: gone from the list, then not applied.
  const field = learned[0];
  const key = `label/delivery_note/${field}`;
  await page.goto(`${server.base}/#/suppliers?id=${kept}`);
  const convention = page.locator(`[data-testid="supplier-convention"][data-key="${key}"]`);
  await convention.waitFor();
  await shot(page, 'suppliers-03-conventions');
  await convention.getByTestId('convention-forget').click();
  await convention.getByTestId('convention-forget-confirm').click();
  await convention.waitFor({ state: 'detached' });
  const detail = await api.get(`/suppliers/${kept}`);
  assert.ok(!detail.conventions.some((c) => c.key === key));
  const later = await read(31);
  assert.equal(later.supplier.id, kept);
  assert.ok(!(later.fields[field]?.evidence ?? '').startsWith('learned from'), `${field} no longer learned: ${JSON.stringify(later.fields[field])}`);

  await page.goto(`${server.base}/#/suppliers?id=${kept}`);
  await page.getByTestId('supplier-detail-name').waitFor();
  const violations = await checkA11y(page, 'suppliers');
  console.log(`axe-core on suppliers: 0 serious/critical (${violations.length} minor or moderate)`);
});

test('a viewer sees the suppliers without the actions', async () => {
  const viewer = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await viewer.newPage();
  await loginUI(p, { base: server.base, username: 'vic', password: server.users.vic });
  await p.goto(`${server.base}/#/suppliers?id=${kept}`);
  await p.getByTestId('supplier-detail-name').waitFor();
  assert.equal(await p.getByTestId('supplier-conventions').or(p.getByTestId('supplier-no-conventions')).count(), 1);
  for (const testid of ['supplier-rename', 'supplier-merge', 'convention-forget'])
    assert.equal(await p.getByTestId(testid).count(), 0, `${testid} is not shown to a viewer`);
  await viewer.close();
});

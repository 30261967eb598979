// End to end, the managers' dashboard: the figures it shows match what the test did —
// three documents received today, one corrected then validated, one rejected, one left
// waiting — and the per-day chart is drawn (uPlot canvas). No serious axe violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, apiClient, checkA11y, launchBrowser, loginUI, shot, startServer } from './lib.mjs';

const FILES = ['dev-dn-0001.pdf', 'dev-inv-0003.pdf', 'dev-coc-0002.pdf'];
let server, browser, page, api;
const ids = {};

before(async () => {
  process.env.QUAI_SERVE_ARGS = [process.env.QUAI_SERVE_ARGS ?? '', '--manual-minutes', '7'].join(' ');
  server = await startServer({ username: 'dir' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(120000);
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  api = await apiClient(server.base, server.username, server.password);
  const up = await api.upload(FILES.map((f) => join(REPO, 'samples', f)));
  for (const [i, d] of (up.documents ?? up).entries()) ids[FILES[i]] = d.id;
  for (const f of FILES) await api.waitProcessed(ids[f]);
  // The note: one correction, then validated. The invoice: rejected. The certificate: as read (waiting or auto-accepted).
  await api.put(`/documents/${ids['dev-dn-0001.pdf']}/fields/supplier_name`, { value: 'Chimirhône Isère SAS' });
  await api.post(`/documents/${ids['dev-dn-0001.pdf']}/validate`, {});
  await api.post(`/documents/${ids['dev-inv-0003.pdf']}/reject`, { reason: 'pas notre commande' });
  await loginUI(page, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the dashboard shows the figures of what was done', async () => {
  const statuses = {};
  for (const f of FILES) statuses[f] = (await api.get(`/documents/${ids[f]}`)).status;
  assert.equal(statuses['dev-dn-0001.pdf'], 'validated');
  assert.equal(statuses['dev-inv-0003.pdf'], 'rejected');
  await assert.rejects(api.get('/dashboard?days=0'), (e) => e.status === 400);
  const d = await api.get('/dashboard?days=7');
  assert.equal(d.documents, 3);
  assert.equal(d.per_day.reduce((n, p) => n + p.count, 0), 3);
  assert.ok(d.per_day.every((p) => p.source === 'upload' && p.day === new Date().toISOString().slice(0, 10)), JSON.stringify(d.per_day));
  assert.equal(d.corrections.total, 1);
  assert.deepEqual(d.corrections.by_field, [{ field: 'supplier_name', count: 1 }]);
  assert.deepEqual(d.corrections.by_supplier, [{ supplier: 'Chimirhône Isère SAS', count: 1 }]);
  const coc = statuses['dev-coc-0002.pdf'];
  const finished = 2 + (coc === 'auto_accepted' ? 1 : 0);
  assert.equal(d.straight_through.finished, finished);
  assert.equal(d.straight_through.without_person, finished - 2);
  assert.equal(d.to_validation_minutes.count, 1);
  assert.equal(d.time_saved.manual_minutes_per_document, 7);
  assert.equal(d.time_saved.manual_minutes, 7 * finished);
  if (coc === 'needs_review') assert.equal(d.oldest_waiting.id, ids['dev-coc-0002.pdf']);

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('dashboard-view').waitFor();
  await page.getByTestId('dash-documents-value').waitFor();
  assert.equal(await page.getByTestId('dash-documents-value').textContent(), '3');
  assert.equal(await page.getByTestId('dash-stp-value').textContent(), `${Math.round((100 * (finished - 2)) / finished)} %`);
  assert.equal(await page.getByTestId('dash-corrections-value').textContent(), '1');
  const field = page.locator('[data-testid="dash-by-field-row"]');
  assert.equal(await field.count(), 1);
  assert.match(await field.textContent(), /Fournisseur.*1|1/);
  assert.equal(await page.locator('[data-testid="dash-by-supplier-row"][data-name="Chimirhône Isère SAS"]').count(), 1);
  assert.equal(await page.getByTestId('dash-per-day-row').count(), d.per_day.length);
  if (coc === 'needs_review') assert.equal(await page.getByTestId('dash-oldest-link').textContent(), 'dev-coc-0002.pdf');
  assert.match(await page.getByTestId('dash-saved').textContent(), /7 min/);
  await page.locator('[data-testid="dash-chart"] canvas').waitFor();
  await shot(page, 'dashboard-01');
  await checkA11y(page, 'dashboard');
});

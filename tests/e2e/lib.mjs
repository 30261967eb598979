// Shared by the end-to-end tests and the review-screen benchmark: a real `quai serve` on a
// free loopback port with a fresh data directory, a reviewer account, Debian's Chromium
// driven by playwright-core, and a small API client.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '../..');
export const QUAI = process.env.QUAI_BINARY ?? join(REPO, 'build/quai');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS ?? join(here, 'artifacts'));
mkdirSync(ARTIFACTS, { recursive: true });

// `QUAI_BINARY` may be web/dev/fake-quai.mjs (the UI's stand-in server) while developing.
const command = (args) => (QUAI.endsWith('.mjs') ? [process.execPath, [QUAI, ...args]] : [QUAI, args]);

export async function quai(args, opts = {}) {
  const [cmd, argv] = command(args);
  const { stdout } = await promisify(execFile)(cmd, argv, { timeout: 60000, ...opts });
  return stdout;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

/** Starts `quai serve` on a fresh data directory and adds a user; stop() kills it and removes the directory. */
export async function startServer({ role = 'reviewer', username = 'e2e', extraUsers = [], serveArgs = [] } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'quai-e2e-'));
  const env = { ...process.env, QUAI_HOME: data };
  const addUser = async (name, r) => {
    const out = await quai(['user', 'add', name, '--role', r, '--data', data], { env });
    return out.trim().split('\n').pop().trim();
  };
  const password = await addUser(username, role);
  const others = {};
  for (const [name, r] of extraUsers) others[name] = await addUser(name, r);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const extra = (process.env.QUAI_SERVE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const web = process.env.QUAI_WEB ?? join(REPO, 'web/dist');
  const argvFor = (more) => command(['serve', '--listen', `127.0.0.1:${port}`, '--data', data, '--web', web, ...extra, ...more]);
  let [cmd, argv] = argvFor(serveArgs);
  let proc;
  let log = '';
  // Never leave a server behind, even when this process dies on a signal or a broken pipe.
  const killServer = () => { if (proc && proc.exitCode === null) proc.kill('SIGKILL'); };
  process.once('exit', killServer);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE']) process.once(sig, () => { killServer(); process.exit(1); });
  const launch = async () => {
    proc = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
    proc.stdout.on('data', (b) => { log += b; });
    proc.stderr.on('data', (b) => { log += b; });
    const deadline = Date.now() + 30000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`quai serve exited (${proc.exitCode}):\n${log}`);
      try { if ((await fetch(base + '/api/v1/health')).ok) break; } catch { /* not yet */ }
      if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`quai serve did not answer within 30 s:\n${log}`); }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const halt = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 10000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
  };
  await launch();
  return {
    base, data, username, password, users: others, get proc() { return proc; }, log: () => log,
    /** Stops the server, keeping its data: the desk finds it out of reach until resume(). */
    pause: halt,
    /** Starts it again on the same port and data (with other `serveArgs` when given: new settings). */
    resume: (opts = {}) => { if (opts.serveArgs) [cmd, argv] = argvFor(opts.serveArgs); return launch(); },
    async stop() {
      await halt();
      if (!process.env.E2E_KEEP_DATA) rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    headless: true,
  });
}

/** A cookie-session API client, as the UI is (CSRF header on every change). */
export async function apiClient(base, username, password) {
  const res = await fetch(base + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await res.json();
  const call = async (method, path, body) => {
    const headers = { Cookie: cookie, Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
    const r = await fetch(base + '/api/v1' + path, { method, headers, body: payload });
    const text = await r.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!r.ok) throw Object.assign(new Error(`${method} ${path}: ${r.status} ${text}`), { status: r.status, body: json });
    return json;
  };
  return {
    get: (p) => call('GET', p), put: (p, b) => call('PUT', p, b), post: (p, b) => call('POST', p, b), del: (p) => call('DELETE', p),
    async upload(paths) {
      const { readFile } = await import('node:fs/promises');
      const { basename } = await import('node:path');
      const form = new FormData();
      for (const p of paths) form.append('file', new Blob([await readFile(p)]), basename(p));
      return call('POST', '/documents', form);
    },
    async waitProcessed(id, timeoutMs = 180000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const d = await call('GET', `/documents/${id}`);
        if (d.status !== 'received') return d;
        if (Date.now() > deadline) throw new Error(`document ${id} still ${d.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

export async function shot(page, name) {
  const path = join(ARTIFACTS, name + '.png');
  await page.screenshot({ path, fullPage: false });
  return path;
}

export async function loginUI(page, server) {
  await page.goto(server.base + '/#/login');
  await page.getByTestId('login-username').fill(server.username);
  await page.getByTestId('login-password').fill(server.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('queue-view').waitFor();
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page as it is now and throws when
 * it finds a serious or critical violation, listing each rule with the elements it flags.
 * Returns every violation (any impact) for the test to report.
 */
export async function checkA11y(page, screen) {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source); // through the devtools protocol: the page's CSP stays as it is
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const list = bad.map((v) => `- [${v.impact}] ${v.id} (${v.help}):\n    ${v.nodes.slice(0, 8).join('\n    ')}`).join('\n');
    throw new Error(`axe-core on "${screen}": ${bad.length} serious or critical violation(s):\n${list}`);
  }
  return violations;
}

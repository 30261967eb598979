#!/usr/bin/env node
// A stand-in for `quai serve` and `quai user add`, for working on the UI and the end-to-end
// tests without the C++ server: it follows docs/api.md closely enough for the UI, in memory,
// and reads documents with the real `quai extract --json` / `quai ocr --json` (QUAI_REAL,
// default build/quai). Not a reference implementation: the C++ server is.
//
//   node web/dev/fake-quai.mjs user add ana --role reviewer --data DIR   # last line: password
//   node web/dev/fake-quai.mjs serve --listen 127.0.0.1:8080 --data DIR
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const REAL = process.env.QUAI_REAL ?? join(repo, 'build/quai');
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const dataDir = resolve(opt('--data', process.env.QUAI_HOME ?? '/tmp/fake-quai'));
mkdirSync(join(dataDir, 'fake'), { recursive: true });
const usersFile = join(dataDir, 'fake', 'users.json');
const users = existsSync(usersFile) ? JSON.parse(readFileSync(usersFile, 'utf8')) : {};

if (args[0] === 'user' && args[1] === 'add') {
  const password = randomBytes(9).toString('base64url');
  users[args[2]] = { role: opt('--role', 'reviewer'), password, created_at: new Date().toISOString() };
  writeFileSync(usersFile, JSON.stringify(users));
  console.log(`user ${args[2]} added (${users[args[2]].role}); one-time password:`);
  console.log(password);
  process.exit(0);
}
if (args[0] !== 'serve') { console.error('usage: fake-quai.mjs serve|user add'); process.exit(2); }

const [host, port] = opt('--listen', '127.0.0.1:8080').split(':');
const dist = resolve(opt('--web', join(repo, 'web/dist')));
const schemas = Object.fromEntries(['delivery_note', 'certificate_of_conformity', 'invoice', 'safety_data_sheet', 'other'].map((t) => {
  const s = JSON.parse(readFileSync(join(repo, 'config/schemas', t + '.json'), 'utf8'));
  return [t, s];
}));
const sessions = new Map();
const docs = new Map();
const events = new Map();
let nextId = 1;
const queue = [];
let busy = 0;
const now = () => new Date().toISOString();

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(data);
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message } });
const cookieOf = (req) => Object.fromEntries((req.headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((c) => c.split('=')));

function event(id, user, action, extra = {}) {
  if (!events.has(id)) events.set(id, []);
  const list = events.get(id);
  list.push({ id: list.length + 1, user, at: now(), action, field: '', before: null, after: null, page: null, box: null, reason: '', ...extra });
}

function reasonsOf(d) {
  const s = schemas[d.document_type];
  const reasons = [];
  for (const f of s?.fields ?? []) {
    const v = d.fields[f.name];
    if (!v && f.required) reasons.push(`required field ${f.name} missing`);
    else if (v && !v.corrected && v.confidence < f.auto_accept) reasons.push(`${f.name} under its threshold (${v.confidence.toFixed(2)})`);
  }
  for (const f of d.findings ?? []) if (f.blocking) reasons.push(f.message);
  return reasons;
}

function summary(d) {
  return { id: d.id, file: d.file, sha256: d.sha256, status: d.status, document_type: d.document_type || null,
    supplier: d.supplier?.name ?? null, pages: d.pages, review_required: d.review_required,
    reasons: d.status === 'needs_review' ? reasonsOf(d) : [], created_at: d.created_at, updated_at: d.updated_at };
}
const full = (d) => ({ ...d, reasons: d.status === 'needs_review' ? reasonsOf(d) : [], original: undefined, ocr: undefined });

async function processNext() {
  if (busy >= 2 || queue.length === 0) return;
  busy++;
  const d = queue.shift();
  try {
    const [ex, oc] = await Promise.all([
      run(REAL, ['extract', '--json', '--jobs', '1', d.original], { maxBuffer: 64 << 20, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }),
      run(REAL, ['ocr', '--json', '--jobs', '1', d.original], { maxBuffer: 64 << 20, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }),
    ]);
    const x = JSON.parse(ex.stdout.trim().split('\n')[0]);
    const o = JSON.parse(oc.stdout);
    Object.assign(d, { document_type: x.document_type, type_confidence: x.type_confidence, supplier: x.supplier ?? null,
      fields: x.fields ?? {}, lines: x.lines ?? [], findings: x.findings ?? [], review_required: x.review_required,
      timings_ms: x.timings_ms, pages: o.pages.length, page_sizes: o.pages.map((p) => ({ width: p.width, height: p.height })), ocr: o,
      status: x.review_required ? 'needs_review' : 'auto_accepted', updated_at: now() });
    event(d.id, 'system', 'extracted');
  } catch (e) {
    Object.assign(d, { status: 'refused', error: String(e.stderr || e.message).trim().split('\n').pop(), updated_at: now() });
  }
  busy--;
  processNext();
}

async function pageImage(d, n) {
  const out = join(dataDir, 'fake', `page-${d.id}-${n}.png`);
  if (existsSync(out)) return readFile(out);
  const p = d.ocr.pages[n - 1];
  if (/\.pdf$/i.test(d.original)) {
    await run('pdftoppm', ['-png', '-r', '150', '-f', String(n), '-l', String(n), '-singlefile', d.original, out.replace(/\.png$/, '')]);
  } else {
    const w = Math.round(p.width * 150 / 72), hgt = Math.round(p.height * 150 / 72);
    await run('/usr/bin/python3', ['-c', `import sys
from PIL import Image
im = Image.open(sys.argv[1]); im.seek(int(sys.argv[2]) - 1)
im.convert('L').resize((int(sys.argv[3]), int(sys.argv[4]))).save(sys.argv[5])`, d.original, String(n), String(w), String(hgt), out]);
  }
  return readFile(out);
}

function parseMultipart(buf, boundary) {
  const files = [];
  const sep = Buffer.from('--' + boundary);
  let pos = buf.indexOf(sep);
  while (pos >= 0) {
    const next = buf.indexOf(sep, pos + sep.length);
    if (next < 0) break;
    const part = buf.subarray(pos + sep.length + 2, next - 2);
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString();
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name === 'file' && filename !== undefined) files.push({ filename, data: part.subarray(headEnd + 4) });
    pos = next;
  }
  return files;
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (!path.startsWith('/api/')) {
    const file = path === '/' ? join(dist, 'index.html') : join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
    return;
  }
  const route = path.replace(/^\/api\/v1/, '');
  if (route === '/health') return send(res, 200, { status: 'ok', version: 'fake', queue: { waiting: queue.length, processing: busy } });
  const sid = cookieOf(req).quai_session;
  let session = sid ? sessions.get(sid) : undefined;
  if (route === '/session' && req.method === 'POST') {
    const b = JSON.parse((await body(req)).toString() || '{}');
    const u = users[b.username];
    if (!u || u.password !== b.password) return fail(res, 401, 'unauthenticated', 'wrong user name or password');
    const token = randomBytes(16).toString('hex');
    session = { user: { name: b.username, role: u.role }, csrf_token: randomBytes(16).toString('hex') };
    sessions.set(token, session);
    return send(res, 200, session, { 'Set-Cookie': `quai_session=${token}; HttpOnly; SameSite=Strict; Path=/` });
  }
  if (!session) return fail(res, 401, 'unauthenticated', 'log in first');
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf_token) return fail(res, 403, 'csrf_failed', 'missing or wrong X-CSRF-Token');
  const user = session.user.name;
  const mayChange = ['admin', 'reviewer'].includes(session.user.role);
  if (route === '/session' && req.method === 'GET') return send(res, 200, session);
  if (route === '/session' && req.method === 'DELETE') { sessions.delete(sid); res.writeHead(204, { 'Set-Cookie': 'quai_session=; Max-Age=0; Path=/' }); res.end(); return; }
  if (route === '/schemas') return send(res, 200, { schemas: Object.values(schemas).map((s) => ({ document_type: s.document_type,
    fields: (s.fields ?? []).map(({ name, type, required, auto_accept }) => ({ name, type, required, auto_accept })),
    lines: (s.lines ?? []).map(({ name, type, required, auto_accept }) => ({ name, type, required, auto_accept })) })) });
  if (route === '/documents' && req.method === 'POST') {
    if (session.user.role === 'viewer') return fail(res, 403, 'forbidden', 'viewers may not upload');
    const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
    const files = boundary ? parseMultipart(await body(req), boundary) : [];
    if (!files.length) return fail(res, 400, 'invalid_argument', 'no file field');
    const out = [];
    for (const f of files) {
      if (!f.data.length) { out.push({ file: f.filename, error: { code: 'invalid_argument', message: `${f.filename}: empty file` } }); continue; }
      const sha256 = createHash('sha256').update(f.data).digest('hex');
      const dup = [...docs.values()].find((d) => d.sha256 === sha256);
      if (dup) { out.push({ file: f.filename, id: dup.id, status: 'duplicate' }); continue; }
      const id = nextId++;
      const original = join(dataDir, 'fake', `orig-${id}${extname(f.filename)}`);
      await writeFile(original, f.data);
      const d = { id, file: f.filename, sha256, status: 'received', error: null, pages: 0, document_type: '', type_confidence: 0,
        supplier: null, fields: {}, lines: [], findings: [], review_required: true, page_sizes: [], created_at: now(), updated_at: now(),
        validated_by: null, validated_at: null, rejected_reason: null, original };
      docs.set(id, d);
      event(id, user, 'received');
      queue.push(d);
      out.push({ file: f.filename, id, status: 'received' });
    }
    processNext(); processNext();
    return send(res, 202, { documents: out });
  }
  if (route === '/documents' && req.method === 'GET') {
    const q = url.searchParams;
    let list = [...docs.values()].reverse();
    if (q.get('status')) list = list.filter((d) => d.status === q.get('status'));
    if (q.get('type')) list = list.filter((d) => d.document_type === q.get('type'));
    if (q.get('supplier')) list = list.filter((d) => (d.supplier?.name ?? '').toLowerCase().includes(q.get('supplier').toLowerCase()));
    if (q.get('q')) { const t = q.get('q').toLowerCase(); list = list.filter((d) => d.file.toLowerCase().includes(t) || JSON.stringify(d.fields).toLowerCase().includes(t)); }
    const limit = Number(q.get('limit') ?? 50), offset = Number(q.get('offset') ?? 0);
    return send(res, 200, { documents: list.slice(offset, offset + limit).map(summary), total: list.length, limit, offset });
  }
  if (route === '/review-queue') {
    const list = [...docs.values()].filter((d) => d.status === 'needs_review');
    const limit = Number(url.searchParams.get('limit') ?? 50), offset = Number(url.searchParams.get('offset') ?? 0);
    return send(res, 200, { documents: list.slice(offset, offset + limit).map(summary), total: list.length });
  }
  const m = /^\/documents\/(\d+)(\/.*)?$/.exec(route);
  const d = m ? docs.get(Number(m[1])) : undefined;
  if (!d) return fail(res, 404, 'not_found', 'no such document');
  const rest = m[2] ?? '';
  let pm;
  if (rest === '' && req.method === 'GET') return send(res, 200, full(d));
  if (rest === '/events') return send(res, 200, { events: events.get(d.id) ?? [] });
  if (rest === '/original') { res.writeHead(200, { 'Content-Disposition': `attachment; filename="${d.file}"` }); res.end(await readFile(d.original)); return; }
  if ((pm = /^\/pages\/(\d+)\.png$/.exec(rest))) {
    const n = Number(pm[1]);
    if (!d.ocr || n < 1 || n > d.pages) return fail(res, 404, 'not_found', 'no such page');
    const png = await pageImage(d, n);
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400' });
    res.end(png);
    return;
  }
  if ((pm = /^\/pages\/(\d+)\/words$/.exec(rest))) {
    const n = Number(pm[1]);
    const p = d.ocr?.pages[n - 1];
    if (!p) return fail(res, 404, 'not_found', 'no such page');
    return send(res, 200, { page: n, width: p.width, height: p.height, words: p.words.map((w) => ({ text: w.text, box: w.box, line: w.line })) });
  }
  if (!mayChange) return fail(res, 403, 'forbidden', 'your role may not change documents');
  const b = req.method === 'GET' ? {} : JSON.parse((await body(req)).toString() || '{}');
  const corrected = (v) => (v === null ? undefined : { value: v, confidence: 1, corrected: true, evidence: `corrected by ${user}`, page: b.page, box: b.box });
  if ((pm = /^\/fields\/(\w+)$/.exec(rest)) && req.method === 'PUT') {
    const name = pm[1];
    if (!(schemas[d.document_type]?.fields ?? []).some((f) => f.name === name)) return fail(res, 404, 'not_found', `no field ${name} in ${d.document_type}`);
    const before = d.fields[name]?.value ?? null;
    if (b.value === null) delete d.fields[name]; else d.fields[name] = corrected(b.value);
    event(d.id, user, 'field_corrected', { field: name, before, after: b.value, page: b.page ?? null, box: b.box ?? null });
  } else if ((pm = /^\/lines\/(\d+)\/(\w+)$/.exec(rest)) && req.method === 'PUT') {
    const i = Number(pm[1]), name = pm[2];
    if (!d.lines[i]) return fail(res, 404, 'not_found', `no line ${i}`);
    const before = d.lines[i][name]?.value ?? null;
    if (b.value === null) delete d.lines[i][name]; else d.lines[i][name] = corrected(b.value);
    event(d.id, user, 'line_corrected', { field: `lines[${i}].${name}`, before, after: b.value, page: b.page ?? null, box: b.box ?? null });
  } else if (rest === '/lines' && req.method === 'POST') {
    d.lines.push(Object.fromEntries(Object.entries(b.values ?? {}).map(([k, v]) => [k, corrected(v)])));
    event(d.id, user, 'line_added', { field: `lines[${d.lines.length - 1}]`, after: b.values ?? {} });
  } else if ((pm = /^\/lines\/(\d+)$/.exec(rest)) && req.method === 'DELETE') {
    const i = Number(pm[1]);
    if (!d.lines[i]) return fail(res, 404, 'not_found', `no line ${i}`);
    d.lines.splice(i, 1);
    event(d.id, user, 'line_removed', { field: `lines[${i}]` });
  } else if (rest === '/type' && req.method === 'PUT') {
    event(d.id, user, 'type_changed', { before: d.document_type, after: b.document_type });
    d.document_type = b.document_type;
  } else if (rest === '/validate' && req.method === 'POST') {
    Object.assign(d, { status: 'validated', validated_by: user, validated_at: now() });
    event(d.id, user, 'validated');
  } else if (rest === '/reject' && req.method === 'POST') {
    if (!b.reason) return fail(res, 400, 'invalid_argument', 'a reason is required');
    Object.assign(d, { status: 'rejected', rejected_reason: b.reason });
    event(d.id, user, 'rejected', { reason: b.reason });
  } else return fail(res, 404, 'not_found', 'no such route');
  d.updated_at = now();
  return send(res, 200, full(d));
});
server.listen(Number(port), host, () => console.log(`fake quai listening on http://${host}:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

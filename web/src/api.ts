// The REST API of docs/api.md: cookie session, X-CSRF-Token on every change.
import type {
  Dashboard, Doc, DocSummary, DocumentOrders, DocumentReceipt, ErpConnection, ErpState, ErpSyncReport, ExportRecord, ExportTarget,
  ExportTargetInput, Lot, LotPage, PageWords, ReviewEvent, Schema, Source, SourceTest, UnlinkedCertificate, User, UserSummary, ApiToken,
} from './types';
import type { SourceInput } from './sources';

export class ApiError extends Error {
  /** The error's whole JSON body (e.g. a refused validation's `blockers`), when it had one. */
  public body?: any;
  constructor(public status: number, public code: string, message: string) { super(message); }
}

/** Whether a failure is the server out of reach (stopped, restarting, network down) rather than an answer. */
export function isUnreachable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true; // fetch itself failed: "Failed to fetch"
  return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504;
}

const BASE = '/api/v1';
let csrfToken = '';
let onUnauthenticated: (() => void) | undefined;

export function setCsrf(token: string) { csrfToken = token; }
export function setUnauthenticatedHandler(handler: () => void) { onUnauthenticated = handler; }

async function errorFrom(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = res.statusText || code;
  let parsed: any;
  try {
    const body = await res.json();
    parsed = body;
    if (body?.error) { code = body.error.code ?? code; message = body.error.message ?? message; }
  } catch { /* not JSON */ }
  const err = new ApiError(res.status, code, message);
  err.body = parsed;
  return err;
}

/** The body of a response, or the API error it carries (the 401 handler called). */
export async function readResponse<T>(res: Response, quiet401 = false): Promise<T> {
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !quiet401) onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(BASE + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readResponse<T>(res, opts.quiet401);
}

type SessionBody = { user: User; csrf_token: string };

export async function getSession(): Promise<SessionBody> {
  const s = await request<SessionBody>('GET', '/session', undefined, { quiet401: true });
  setCsrf(s.csrf_token);
  return s;
}
export async function login(username: string, password: string): Promise<SessionBody> {
  const s = await request<SessionBody>('POST', '/session', { username, password }, { quiet401: true });
  setCsrf(s.csrf_token);
  return s;
}
export async function logout(): Promise<void> {
  try { await request('DELETE', '/session', undefined, { quiet401: true }); } finally { setCsrf(''); }
}

export interface DocumentQuery {
  status?: string; type?: string; supplier?: string; q?: string; sort?: string; order?: string; limit?: number; offset?: number;
}
export function listDocuments(query: DocumentQuery) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return request<{ documents: DocSummary[]; total: number; limit: number; offset: number }>('GET', '/documents?' + params);
}
export const getDashboard = (days = 30) => request<Dashboard>('GET', `/dashboard?days=${days}`);
export const reviewQueue = (limit = 50, offset = 0) =>
  request<{ documents: DocSummary[]; total: number }>('GET', `/review-queue?limit=${limit}&offset=${offset}`);
export const getDocument = (id: number) => request<Doc>('GET', `/documents/${id}`);
export const pageImageUrl = (id: number, page: number) => `${BASE}/documents/${id}/pages/${page}.png`;
export const originalUrl = (id: number) => `${BASE}/documents/${id}/original`;
export const getWords = (id: number, page: number) => request<PageWords>('GET', `/documents/${id}/pages/${page}/words`);
// Refused and waiting documents (views/refused.ts).
export const readAgain = (id: number) => request<{ id: number; status: string }>('POST', `/documents/${id}/read-again`);
export const deleteDocument = (id: number) => request<{ deleted: number; original_removed: boolean }>('DELETE', `/documents/${id}`);
export interface Reading { waiting: number; reading: number; readers: number; per_document_ms: number | null; until_read_ms: number | null }
export const getReading = () => request<Reading>('GET', '/reading');
export const getEvents = (id: number) => request<{ events: ReviewEvent[] }>('GET', `/documents/${id}/events`);

export interface Pointed { page?: number; box?: [number, number, number, number] }
export const putField = (id: number, name: string, value: string | null, where: Pointed = {}) =>
  request<Doc>('PUT', `/documents/${id}/fields/${encodeURIComponent(name)}`, { value, ...where });
export const putLineField = (id: number, line: number, name: string, value: string | null, where: Pointed = {}) =>
  request<Doc>('PUT', `/documents/${id}/lines/${line}/${encodeURIComponent(name)}`, { value, ...where });
export const addLine = (id: number, values: Record<string, string>) =>
  request<Doc>('POST', `/documents/${id}/lines`, { values });
export const removeLine = (id: number, line: number) => request<Doc>('DELETE', `/documents/${id}/lines/${line}`);
export const changeType = (id: number, type: string) => request<Doc>('PUT', `/documents/${id}/type`, { document_type: type });
/** With `overrideReason`: validate although a required value is missing or invalid or a finding blocks. */
export const validate = (id: number, overrideReason?: string) =>
  request<Doc>('POST', `/documents/${id}/validate`, overrideReason ? { override_reason: overrideReason } : {});
/** A value the decision doubts, said right as read ("po_number", "lines[2].quantity"). */
export const confirmValue = (id: number, field: string) => request<Doc>('POST', `/documents/${id}/confirm`, { field });
export const reject = (id: number, reason: string) => request<Doc>('POST', `/documents/${id}/reject`, { reason });

// The ERP: a document's orders and finding overrides (reviewer); the connection and sync (admin).
export const getOrders = (id: number) => request<DocumentOrders>('GET', `/documents/${id}/orders`);
export const overrideFinding = (id: number, code: string, field: string, reason: string) =>
  request<Doc>('POST', `/documents/${id}/findings/override`, { code, field, reason });
export const getErp = () => request<ErpState>('GET', '/erp');
export const putErpConnection = (connection: ErpConnection) => request<ErpState>('PUT', '/erp/connection', connection);
export const syncErp = () => request<ErpSyncReport>('POST', '/erp/sync', {});

// Exports: a document's and retry (reviewer); the targets and every export (admin).
const query = (q: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString() ? '?' + params : '';
};
export const getDocumentExports = (id: number) => request<{ exports: ExportRecord[] }>('GET', `/documents/${id}/exports`);
export const retryExport = (id: number) => request<ExportRecord>('POST', `/exports/${id}/retry`, {});
export const listExportTargets = () => request<{ targets: ExportTarget[] }>('GET', '/exports/targets');
export const addExportTarget = (target: ExportTargetInput) => request<ExportTarget>('POST', '/exports/targets', target);
export const putExportTarget = (id: number, target: ExportTargetInput) => request<ExportTarget>('PUT', `/exports/targets/${id}`, target);
export const removeExportTarget = (id: number) => request<unknown>('DELETE', `/exports/targets/${id}`);
export interface ExportQuery { state?: string; document?: number; target?: number; limit?: number; offset?: number }
export const listExports = (q: ExportQuery) => request<{ exports: ExportRecord[] }>('GET', '/exports' + query({ ...q }));

// The goods receipt and the lot book (everyone who reads).
export const getReceipt = (id: number) => request<DocumentReceipt>('GET', `/documents/${id}/receipt`);
export interface LotQuery { q?: string; state?: string; document?: number; limit?: number; offset?: number }
export const listLots = (q: LotQuery) => request<{ lots: Lot[] }>('GET', '/lots' + query({ ...q }));
export const getLot = (id: number) => request<LotPage>('GET', `/lots/${id}`);
export const unlinkedCertificates = () => request<{ certificates: UnlinkedCertificate[] }>('GET', '/certificates/unlinked');

// Watched folders and mailboxes (admin only).
const sourcePath = (name: string) => '/sources/' + encodeURIComponent(name);
export const listSources = () => request<{ sources: Source[] }>('GET', '/sources');
export const addSource = (source: SourceInput) => request<Source>('POST', '/sources', source);
export const putSource = (name: string, source: SourceInput) => request<Source>('PUT', sourcePath(name), source);
export const removeSource = (name: string) => request<unknown>('DELETE', sourcePath(name));
export const testSource = (name: string) => request<SourceTest>('POST', sourcePath(name) + '/test', {});

// Users (admin only).
export const listUsers = () => request<{ users: UserSummary[] }>('GET', '/users');
export const addUser = (name: string, role: string) =>
  request<{ name: string; role: string; password: string }>('POST', '/users', { name, role });
export const updateUser = (name: string, change: { role?: string; disabled?: boolean }) =>
  request<UserSummary>('PUT', '/users/' + encodeURIComponent(name), change);
export const listTokens = () => request<{ tokens: ApiToken[] }>('GET', '/tokens');
export const createToken = (user: string, label: string, expiresInDays: number) =>
  request<ApiToken & { token: string }>('POST', '/tokens', { user, label, expires_in_days: expiresInDays });
export const revokeToken = (id: number) => request<unknown>('DELETE', '/tokens/' + id);
/** The user's own change; every session of the user ends (log in again). */
export const changePassword = (current: string, next: string) =>
  request<void>('PUT', '/session/password', { current_password: current, new_password: next });

/** GET /api/v1/schemas (proposed in docs/api.md); undefined when the server does not have it. */
export async function getSchemas(): Promise<Schema[] | undefined> {
  try {
    const body = await request<{ schemas: Schema[] }>('GET', '/schemas', undefined, { quiet401: true });
    return body?.schemas;
  } catch { return undefined; }
}

export interface UploadResult {
  documents: { file: string; id?: number; status?: string; error?: { code: string; message: string } }[];
}

/** POST /api/v1/documents with XMLHttpRequest, for its upload progress events. */
export function upload(files: File[], onProgress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + '/documents');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: any;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      if (xhr.status >= 200 && xhr.status < 300 && body) { onProgress(1); resolve(body); return; }
      if (xhr.status === 401) onUnauthenticated?.();
      reject(new ApiError(xhr.status, body?.error?.code ?? 'http_' + xhr.status, body?.error?.message ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.send(form);
  });
}

// Pure logic of the watched folders and mailboxes (no DOM): the admin form's fields per
// kind, settings JSON ↔ form values (numbers, yes/no, choices, lists one a line or
// comma-separated), the request body (the secret only when retyped: the server keeps the
// stored one otherwise), and where a document came from in words. Unit-tested in sources.test.ts.
import { formatDateTime, t, tOr } from './i18n';
import type { Doc, Source } from './types';

export type FieldKind = 'text' | 'number' | 'integer' | 'bool' | 'select' | 'list' | 'password';
export interface SourceField {
  /** The setting's name; "rules.from" is `from` inside the `rules` object. */
  name: string;
  kind: FieldKind;
  options?: string[];
  required?: boolean;
  /** What the server takes when the setting is left out (shown as the placeholder). */
  fallback?: string;
  /** For a bool, its value when absent. */
  checked?: boolean;
}

export const SOURCE_KINDS = ['folder', 'imap'] as const;

/** The default ignore patterns (src/source/folder_settings.cc), used when "ignore" is left out. */
export const DEFAULT_IGNORE = ['.*', '~$*', '~*', '*~', '*.tmp', '*.temp', '*.part', '*.partial', '*.crdownload', '*.download',
  '*.swp', '*.lock', '*.lck', 'Thumbs.db', 'desktop.ini', '*.ini', '*.lnk', '*.url', '*.DS_Store'];

export const SOURCE_FIELDS: Record<string, SourceField[]> = {
  folder: [
    { name: 'path', kind: 'text', required: true },
    { name: 'document_type', kind: 'text' },
    { name: 'stable_seconds', kind: 'number', fallback: '5' },
    { name: 'poll_seconds', kind: 'number', fallback: '0' },
    { name: 'rescan_seconds', kind: 'number', fallback: '60' },
    { name: 'subfolders', kind: 'bool', checked: false },
    { name: 'ignore', kind: 'list' },
    { name: 'after', kind: 'select', options: ['move', 'delete'] },
    { name: 'done_folder', kind: 'text' },
    { name: 'refused_folder', kind: 'text' },
  ],
  imap: [
    { name: 'url', kind: 'text', required: true },
    { name: 'user', kind: 'text', required: true },
    { name: 'auth', kind: 'select', options: ['password', 'xoauth2'] },
    { name: 'token_url', kind: 'text' },
    { name: 'client_id', kind: 'text' },
    { name: 'client_secret', kind: 'password' },
    { name: 'tls_verify', kind: 'bool', checked: true },
    { name: 'ca_file', kind: 'text' },
    { name: 'after', kind: 'select', options: ['mark_seen', 'move', 'flag', 'delete'] },
    { name: 'move_to', kind: 'text' },
    { name: 'mode', kind: 'select', options: ['poll', 'idle'] },
    { name: 'interval_seconds', kind: 'integer', fallback: '60' },
    { name: 'batch_size', kind: 'integer', fallback: '50' },
    { name: 'max_attempts', kind: 'integer', fallback: '10' },
    { name: 'rules.from', kind: 'list' },
    { name: 'rules.subject', kind: 'list' },
    { name: 'rules.attachments', kind: 'list' },
    { name: 'parts.inline_images', kind: 'bool', checked: false },
  ],
};

export type FormValues = Record<string, string | boolean>;
type Json = Record<string, unknown>;

function getPath(settings: Json | undefined, name: string): unknown {
  const [a, b] = name.split('.');
  const first = settings?.[a];
  if (b === undefined) return first;
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Json)[b] : undefined;
}

function setPath(settings: Json, name: string, value: unknown) {
  const [a, b] = name.split('.');
  if (b === undefined) { settings[a] = value; return; }
  const inner = settings[a] && typeof settings[a] === 'object' && !Array.isArray(settings[a]) ? settings[a] as Json : {};
  inner[b] = value;
  settings[a] = inner;
}

function deletePath(settings: Json, name: string) {
  const [a, b] = name.split('.');
  if (b === undefined) { delete settings[a]; return; }
  const inner = settings[a];
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
    delete (inner as Json)[b];
    if (!Object.keys(inner).length) delete settings[a];
  }
}

/** A list as typed: one a line, or comma-separated; blanks dropped. */
export function parseList(text: string): string[] {
  return text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/** The form's values for a stored source's settings (a secret-like setting left empty: never shown back). */
export function formValues(kind: string, settings: Json | undefined): FormValues {
  const out: FormValues = {};
  for (const f of SOURCE_FIELDS[kind] ?? []) {
    const v = getPath(settings, f.name);
    if (f.kind === 'bool') out[f.name] = typeof v === 'boolean' ? v : !!f.checked;
    else if (f.kind === 'password') out[f.name] = '';
    else if (f.kind === 'list') out[f.name] = Array.isArray(v) ? v.map(String).join('\n') : typeof v === 'string' ? v : '';
    else if (f.kind === 'select') out[f.name] = typeof v === 'string' && v ? v : f.options![0];
    else out[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/**
 * The settings to send: what the form holds over the stored settings it has no input for
 * (kept as they were). Empty text and numbers are left out (the server's default); a
 * select left on its first option is left out too, unless the stored settings had it; a
 * password-like setting left empty keeps its stored value.
 */
export function settingsFromForm(kind: string, values: FormValues, stored?: Json): Json {
  const out: Json = JSON.parse(JSON.stringify(stored ?? {}));
  for (const f of SOURCE_FIELDS[kind] ?? []) {
    const v = values[f.name];
    const text = typeof v === 'string' ? v.trim() : '';
    if (f.kind === 'bool') {
      const checked = !!v;
      if (checked === !!f.checked && getPath(stored, f.name) === undefined) deletePath(out, f.name);
      else setPath(out, f.name, checked);
    } else if (f.kind === 'password') {
      if (text) setPath(out, f.name, v);
    } else if (!text) {
      deletePath(out, f.name);
    } else if (f.kind === 'number' || f.kind === 'integer') {
      const n = Number(text.replace(',', '.'));
      setPath(out, f.name, Number.isFinite(n) ? n : text);
    } else if (f.kind === 'list') {
      setPath(out, f.name, parseList(text));
    } else if (f.kind === 'select' && text === f.options![0] && getPath(stored, f.name) === undefined) {
      deletePath(out, f.name);
    } else {
      setPath(out, f.name, text);
    }
  }
  return out;
}

export interface SourceInput { name?: string; kind?: string; settings?: Json; secret?: string; enabled?: boolean }

/** The body of POST /sources (no stored source) or PUT /sources/{name}: the secret only when typed. */
export function sourceBody(kind: string, name: string, values: FormValues, secret: string, enabled: boolean, stored?: Source): SourceInput {
  const body: SourceInput = { settings: settingsFromForm(kind, values, stored?.kind === kind ? stored.settings : undefined), enabled };
  if (!stored) { body.name = name.trim(); body.kind = kind; }
  if (secret !== '') body.secret = secret;
  return body;
}

/** "folder:NAME" → { kind: 'folder', name: 'NAME' }; "upload", "cli" have no name. */
export function parseSource(source: string | null | undefined): { kind: string; name: string } {
  const s = source ?? '';
  const colon = s.indexOf(':');
  return colon < 0 ? { kind: s || 'upload', name: '' } : { kind: s.slice(0, colon), name: s.slice(colon + 1) };
}

/** A short label of where a document came from, for the list: "Upload", "Folder inbox", "Mail orders". */
export function sourceLabel(source: string | null | undefined): string {
  const { kind, name } = parseSource(source);
  if (kind === 'folder') return t('origin.label.folder', { name });
  if (kind === 'mail') return t('origin.label.mail', { name });
  return tOr('origin.label.' + kind, source ?? '');
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Where the document came from, in a sentence: "Mail from SENDER — SUBJECT (date)", "Folder NAME: path", "Upload". */
export function originText(doc: Pick<Doc, 'source' | 'origin'>): string {
  const { kind, name } = parseSource(doc.source);
  const o = (doc.origin ?? {}) as Json;
  if (kind === 'mail') {
    const sender = text(o.sender) || '?';
    const subject = text(o.subject) || t('origin.no_subject');
    const date = text(o.date);
    return t('origin.mail', { sender, subject }) + (date ? ` (${formatDateTime(date)})` : '');
  }
  if (kind === 'folder') return t('origin.folder', { name: text(o.folder) || name, path: text(o.path) || '?' });
  return sourceLabel(doc.source);
}

export const sourceKindLabel = (kind: string) => tOr('sources.kind.' + kind, kind);
export const fieldLabel = (name: string) => tOr('sources.setting.' + name, name);
export const optionLabel = (name: string, option: string) => tOr(`sources.option.${name}.${option}`, option);

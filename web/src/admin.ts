// Administration in words and rules: what a role may do (as src/review/roles.cc
// decides on the server), a token's state, a new password's problems (as
// Accounts::ChangePassword checks them).
import type { ApiToken } from './types';

export type Permission = 'read' | 'upload' | 'review' | 'administer';

/** Whether `role` may take actions needing `permission` (the server refuses the others). */
export function may(role: string | undefined, permission: Permission): boolean {
  switch (permission) {
    case 'read': return !!role;
    case 'upload': return role === 'admin' || role === 'reviewer' || role === 'integration';
    case 'review': return role === 'admin' || role === 'reviewer';
    case 'administer': return role === 'admin';
  }
  return false;
}

export type TokenState = 'active' | 'revoked' | 'expired';

/** A token's state at `now` (an ISO time). */
export function tokenState(token: Pick<ApiToken, 'expires_at' | 'revoked_at'>, now: string): TokenState {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && token.expires_at <= now) return 'expired';
  return 'active';
}

/** Days of a token's lifetime from the form's text: 0 (never) for empty, undefined when not a whole number 0-3650. */
export function parseExpiryDays(text: string): number | undefined {
  const s = text.trim();
  if (!s) return 0;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 3650 ? n : undefined;
}

export type PasswordProblem = '' | 'length' | 'same' | 'mismatch';

/** What is wrong with a new password, before the server says it: 12 to 256 characters (bytes, as the server counts), neither the name nor the current one, typed twice alike. */
export function passwordProblem(name: string, current: string, next: string, confirm: string): PasswordProblem {
  const bytes = new TextEncoder().encode(next).length;
  if (bytes < 12 || bytes > 256) return 'length';
  if (next === name || next === current) return 'same';
  if (next !== confirm) return 'mismatch';
  return '';
}

export type RefusalCause = 'password' | 'corrupt' | 'limit' | 'memory' | 'unsupported' | 'other';

/** Why a document was refused on opening, from the reader's message (src/intake): the kind a clerk can act on. */
export function refusalCause(message: string): RefusalCause {
  if (/password-protected/i.test(message)) return 'password';
  if (/not enough memory/i.test(message)) return 'memory';
  if (/\blimit\b|more pages than|has \d+ pages/i.test(message)) return 'limit';
  if (/truncated|corrupt|cannot be rendered|has no size/i.test(message)) return 'corrupt';
  if (/unsupported/i.test(message)) return 'unsupported';
  return 'other';
}

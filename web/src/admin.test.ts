import { describe, expect, it } from 'vitest';
import { may, parseExpiryDays, passwordProblem, refusalCause, tokenState } from './admin';

describe('what a role may do', () => {
  it('follows the server: viewers read only, integration uploads, reviewers review, admins administer', () => {
    expect(may('viewer', 'read')).toBe(true);
    expect(may('viewer', 'upload')).toBe(false);
    expect(may('viewer', 'review')).toBe(false);
    expect(may('integration', 'upload')).toBe(true);
    expect(may('integration', 'review')).toBe(false);
    expect(may('reviewer', 'upload')).toBe(true);
    expect(may('reviewer', 'review')).toBe(true);
    expect(may('reviewer', 'administer')).toBe(false);
    expect(may('admin', 'administer')).toBe(true);
    expect(may(undefined, 'read')).toBe(false);
  });
});

describe('tokens', () => {
  const now = '2026-12-07T12:00:00Z';
  it('are revoked, expired or active', () => {
    expect(tokenState({ expires_at: '', revoked_at: '' }, now)).toBe('active');
    expect(tokenState({ expires_at: '2027-01-01T00:00:00Z', revoked_at: '' }, now)).toBe('active');
    expect(tokenState({ expires_at: '2026-12-01T00:00:00Z', revoked_at: '' }, now)).toBe('expired');
    expect(tokenState({ expires_at: '2026-12-01T00:00:00Z', revoked_at: '2026-11-01T00:00:00Z' }, now)).toBe('revoked');
  });
  it('take a lifetime in whole days, empty for never', () => {
    expect(parseExpiryDays('')).toBe(0);
    expect(parseExpiryDays(' 90 ')).toBe(90);
    expect(parseExpiryDays('-1')).toBeUndefined();
    expect(parseExpiryDays('1.5')).toBeUndefined();
    expect(parseExpiryDays('4000')).toBeUndefined();
  });
});

describe('a new password', () => {
  it('has 12 to 256 bytes, is neither the name nor the current one, and is typed twice alike', () => {
    expect(passwordProblem('ana', 'old-password-1', 'short', 'short')).toBe('length');
    expect(passwordProblem('ana', 'old-password-1', 'x'.repeat(257), 'x'.repeat(257))).toBe('length');
    expect(passwordProblem('ana', 'éééééé', 'éééééé', 'éééééé')).toBe('same');
    expect(passwordProblem('anastasia-long', 'old', 'anastasia-long', 'anastasia-long')).toBe('same');
    expect(passwordProblem('ana', 'old-password-1', 'old-password-1', 'old-password-1')).toBe('same');
    expect(passwordProblem('ana', 'old-password-1', 'new-password-2', 'new-password-3')).toBe('mismatch');
    expect(passwordProblem('ana', 'old-password-1', 'new-password-2', 'new-password-2')).toBe('');
  });
});

describe('a refused document', () => {
  it('says the cause a clerk can act on', () => {
    expect(refusalCause('truncated.pdf: truncated PDF (no end-of-file marker, and poppler cannot open it)')).toBe('corrupt');
    expect(refusalCause('x.pdf: password-protected PDF (it does not open without a password)')).toBe('password');
    expect(refusalCause('TIFF has more pages than the limit of 500')).toBe('limit');
    expect(refusalCause('not enough memory to decode the JPEG image')).toBe('memory');
    expect(refusalCause('unsupported TIFF layout in page 2 (tiles)')).toBe('unsupported');
    expect(refusalCause('something else')).toBe('other');
  });
});

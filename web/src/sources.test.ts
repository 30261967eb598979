import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from './i18n';
import { formValues, originText, parseList, parseSource, settingsFromForm, sourceBody, sourceLabel } from './sources';
import type { Source } from './types';

const mailbox: Source = {
  name: 'orders', kind: 'imap', enabled: true, has_secret: true, documents_taken: 3, errors: 0,
  settings: {
    url: 'imaps://mail.example.com/INBOX', user: 'quai', after: 'move', move_to: 'Done', interval_seconds: 120,
    rules: { from: ['@supplier.example', 're:^orders?@'], attachments: ['*.pdf'] }, parts: { inline_images: true, mail: false },
  },
};

describe('settings form ↔ JSON', () => {
  it('reads a folder with the defaults where nothing is stored', () => {
    const v = formValues('folder', { path: '/srv/in', stable_seconds: 2, ignore: ['*.tmp', '~*'], subfolders: true });
    expect(v.path).toBe('/srv/in');
    expect(v.stable_seconds).toBe('2');
    expect(v.poll_seconds).toBe('');
    expect(v.subfolders).toBe(true);
    expect(v.ignore).toBe('*.tmp\n~*');
    expect(v.after).toBe('move');
  });
  it('writes numbers as numbers, lists as lists, leaves empty ones and untouched defaults out', () => {
    const v = { ...formValues('folder', undefined), path: ' /srv/in ', stable_seconds: '1,5', poll_seconds: '', ignore: '*.tmp, *.part\n~*' };
    expect(settingsFromForm('folder', v)).toEqual({ path: '/srv/in', stable_seconds: 1.5, ignore: ['*.tmp', '*.part', '~*'] });
    expect(settingsFromForm('folder', { ...v, after: 'delete', subfolders: true })).toMatchObject({ after: 'delete', subfolders: true });
  });
  it('round-trips a mailbox, nested rules and parts included, keeping settings it has no input for', () => {
    const v = formValues('imap', mailbox.settings);
    expect(v['rules.from']).toBe('@supplier.example\nre:^orders?@');
    expect(v['rules.subject']).toBe('');
    expect(v['parts.inline_images']).toBe(true);
    expect(v.tls_verify).toBe(true);
    expect(settingsFromForm('imap', v, mailbox.settings)).toEqual(mailbox.settings);
    const changed = settingsFromForm('imap', { ...v, 'rules.from': '', 'rules.subject': 'delivery note', tls_verify: false, batch_size: '20' }, mailbox.settings);
    expect(changed.rules).toEqual({ subject: ['delivery note'], attachments: ['*.pdf'] });
    expect(changed.tls_verify).toBe(false);
    expect(changed.batch_size).toBe(20);
    expect(changed.parts).toEqual({ inline_images: true, mail: false });
  });
  it('never shows a client secret back and keeps the stored one unless retyped', () => {
    const stored = { ...mailbox.settings, auth: 'xoauth2', client_secret: 'abc' };
    const v = formValues('imap', stored);
    expect(v.client_secret).toBe('');
    expect(settingsFromForm('imap', v, stored).client_secret).toBe('abc');
    expect(settingsFromForm('imap', { ...v, client_secret: 'new' }, stored).client_secret).toBe('new');
  });
  it('sends the secret only when one is typed, name and kind only for a new source', () => {
    const kept = sourceBody('imap', 'orders', formValues('imap', mailbox.settings), '', true, mailbox);
    expect(kept).not.toHaveProperty('secret');
    expect(kept).not.toHaveProperty('name');
    expect(kept.enabled).toBe(true);
    const added = sourceBody('folder', ' scans ', { ...formValues('folder', undefined), path: '/srv/scans' }, '', false);
    expect(added).toEqual({ name: 'scans', kind: 'folder', settings: { path: '/srv/scans' }, enabled: false });
    expect(sourceBody('imap', 'm', formValues('imap', undefined), 'pw', true).secret).toBe('pw');
  });
  it('splits lists on lines and commas', () => {
    expect(parseList(' a, b\n\n c ,')).toEqual(['a', 'b', 'c']);
  });
});

describe('where a document came from', () => {
  afterEach(() => setLang('fr'));
  it('says it in English', () => {
    setLang('en');
    expect(originText({ source: 'folder:scans', origin: { folder: 'scans', path: 'sub/dn.pdf', modified: '2026-01-02T10:00:00Z' } }))
      .toBe('Folder scans: sub/dn.pdf');
    expect(originText({ source: 'mail:orders', origin: { sender: 'a@b.example', subject: 'Delivery 12', date: '' } }))
      .toBe('Mail from a@b.example — Delivery 12');
    expect(originText({ source: 'mail:orders', origin: { sender: 'a@b.example', subject: 'x', date: 'Tue, 2 Dec 2025 09:30:00 +0000' } }))
      .toMatch(/^Mail from a@b\.example — x \(02\/12\/2025.*\)$/);
    expect(originText({ source: 'upload' })).toBe('Upload');
    expect(originText({})).toBe('Upload');
    expect(sourceLabel('cli')).toBe('Command line');
  });
  it('and in French, with the source name when the origin is missing', () => {
    expect(originText({ source: 'folder:scans', origin: {} })).toBe('Dossier scans : ?');
    expect(originText({ source: 'mail:orders', origin: { sender: 'x@y' } })).toBe('Mail de x@y — (sans objet)');
    expect(sourceLabel('mail:orders')).toBe('Mail orders');
    expect(parseSource('folder:a:b')).toEqual({ kind: 'folder', name: 'a:b' });
  });
});

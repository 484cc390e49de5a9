// The pure config edit: what it appends, what it removes, and what it refuses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffEdit, editConfig } from '../../../app/core/config/edit/edit-config';
import { findGeneratedSections } from '../../../app/core/config/edit/config-sections';
import { bytesToBinary, splitLines } from '../../../app/core/config/edit/config-lines';
import {
  GENERATED_MARKER,
  type ProfileSectionSpec,
} from '../../../app/core/config/edit/profile-section';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import { readAsJsSdk } from '../../../app/core/config/js-reader';

const EDIT_FIXTURES = path.resolve(__dirname, '../../fixtures/config-edit');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(EDIT_FIXTURES, name)));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

const spec = (name: string, over: Partial<ProfileSectionSpec> = {}): ProfileSectionSpec => ({
  name,
  session: 'my-sso',
  accountId: '123456789012',
  roleName: 'Admin',
  region: 'eu-west-1',
  output: null,
  ...over,
});

const section = (name: string, eol = '\n', role = 'Admin') =>
  [
    `[profile ${name}]`,
    GENERATED_MARKER,
    'sso_session = my-sso',
    'sso_account_id = 123456789012',
    `sso_role_name = ${role}`,
    'region = eu-west-1',
  ].join(eol) + eol;

describe('appending profiles', () => {
  it('adds a blank line and the section after a file ending in a newline', () => {
    const original = '[profile a]\nregion = us-east-1\n';
    const edited = editConfig(bytes(original), { add: [spec('x')], remove: [] });
    expect(text(edited.bytes)).toBe(`${original}\n${section('x')}`);
  });

  it('terminates a last line without a newline, inside the appended block', () => {
    const original = '[profile a]\nregion = us-east-1';
    const edited = editConfig(bytes(original), { add: [spec('x')], remove: [] });
    expect(text(edited.bytes)).toBe(`${original}\n\n${section('x')}`);
  });

  it('writes CRLF into a CRLF file and LF into an LF file', () => {
    const crlf = '[profile a]\r\nregion = us-east-1\r\n';
    const edited = editConfig(bytes(crlf), { add: [spec('x'), spec('y')], remove: [] });
    expect(text(edited.bytes)).toBe(
      `${crlf}\r\n${section('x', '\r\n')}\r\n${section('y', '\r\n')}`,
    );
    expect(text(edited.bytes).replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('follows the first line ending in a file that mixes them', () => {
    const original = fixture('mixed-eol.ini');
    const edited = editConfig(original, { add: [spec('x')], remove: [] });
    expect(text(edited.bytes)).toBe(`${text(original)}\r\n${section('x', '\r\n')}`);
  });

  it('writes LF into a file with only lone CRs (the JS SDK splits on LF)', () => {
    const original = fixture('lone-cr.ini');
    const edited = editConfig(original, { add: [spec('x')], remove: [] });
    expect(text(edited.bytes)).toBe(`${text(original)}\n\n${section('x')}`);
  });

  it('adds no extra blank line after a file that already ends with one', () => {
    const original = '[profile a]\nregion = us-east-1\n\n';
    const edited = editConfig(bytes(original), { add: [spec('x')], remove: [] });
    expect(text(edited.bytes)).toBe(`${original}${section('x')}`);
  });

  it('creates the content of an empty or missing file with no leading blank line', () => {
    expect(text(editConfig(new Uint8Array(), { add: [spec('x')], remove: [] }).bytes)).toBe(
      section('x'),
    );
    expect(text(editConfig(null, { add: [spec('x')], remove: [] }).bytes)).toBe(section('x'));
  });

  it('keeps a lone BOM first and puts the section right after it', () => {
    const edited = editConfig(fixture('bom-only.ini'), { add: [spec('x')], remove: [] });
    expect(Buffer.from(edited.bytes).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(Buffer.from(edited.bytes).subarray(3).toString()).toBe(section('x'));
  });

  it('keeps bytes that are not UTF-8 exactly as they were', () => {
    const original = fixture('non-utf8-comment.ini');
    const edited = editConfig(original, { add: [spec('x')], remove: [] });
    expect(Buffer.from(edited.bytes).subarray(0, original.length)).toEqual(Buffer.from(original));
  });

  it('writes output when asked, and leaves region out when there is none', () => {
    const edited = editConfig(null, {
      add: [spec('x', { region: null, output: 'json' })],
      remove: [],
    });
    expect(text(edited.bytes)).toBe(
      `[profile x]\n${GENERATED_MARKER}\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = Admin\noutput = json\n`,
    );
  });

  it('ends a nested block or continuation before the new section in both readers', () => {
    for (const name of ['nested-last.ini', 'continuation-last.ini']) {
      const original = fixture(name);
      const edited = text(editConfig(original, { add: [spec('x')], remove: [] }).bytes);
      for (const reading of [readAsBotocore(edited), readAsJsSdk(edited)]) {
        expect(reading.profiles.get('x')?.keys.get('sso_role_name')?.value).toBe('Admin');
        expect(reading.profiles.get('dev')).toBeDefined();
      }
      expect(readAsBotocore(edited).profiles.get('dev')?.keys).toEqual(
        readAsBotocore(text(original)).profiles.get('dev')?.keys,
      );
    }
  });
});

describe('refusing what could be read differently or inject lines', () => {
  it.each([
    ['a role name with a newline', spec('x', { roleName: 'Admin\n[profile evil]' })],
    ['a role name with an inline comment', spec('x', { roleName: 'Admin #c' })],
    ['a session with a space', spec('x', { session: 'my sso' })],
    ['an upper-case profile name', spec('Dev')],
    ['a profile name with a space', spec('my prof')],
    ['the default profile', spec('default')],
    ['a profile named __proto__', spec('__proto__')],
    ['an empty region', spec('x', { region: '' })],
  ])('refuses %s', (_, bad) => {
    expect(() => editConfig(null, { add: [bad], remove: [] })).toThrow(
      expect.objectContaining({ code: 'unsafe-profile' }),
    );
  });

  it('refuses the same name twice', () => {
    expect(() => editConfig(null, { add: [spec('x'), spec('x')], remove: [] })).toThrow(
      expect.objectContaining({ code: 'duplicate-name' }),
    );
  });
});

describe('pruning generated profiles', () => {
  const original = fixture('generated-existing.ini');
  const lines = splitLines(bytesToBinary(original));

  it('recognises only sections still exactly as generated', () => {
    const names = findGeneratedSections(lines).map((s) => s.name);
    // gone-edited has an extra key, gone-unmarked lost its marker, hand-written never had one.
    expect(names).toEqual(['gone-admin', 'dev-readonly', 'other-session', 'gone-last']);
  });

  it('removes exactly the section and the blank line after it, keeping the comment before the next one', () => {
    const edited = text(editConfig(original, { add: [], remove: ['gone-admin'] }).bytes);
    const expected = text(original).replace(
      `[profile gone-admin]\n${GENERATED_MARKER}\nsso_session = my-sso\nsso_account_id = 333333333333\nsso_role_name = Admin\nregion = us-east-1\n\n`,
      '',
    );
    expect(edited).toBe(expected);
    expect(edited).toContain('# keep this comment: it introduces dev\n[profile dev-readonly]');
  });

  it('removes the last section without touching the blank line before it', () => {
    const edited = text(editConfig(original, { add: [], remove: ['gone-last'] }).bytes);
    expect(edited).toBe(text(original).slice(0, text(original).indexOf('[profile gone-last]')));
  });

  it('refuses to remove a section it did not generate, or one the user edited', () => {
    for (const name of ['hand-written', 'gone-edited', 'gone-unmarked', 'missing']) {
      expect(() => editConfig(original, { add: [], remove: [name] })).toThrow(
        expect.objectContaining({ code: 'not-generated' }),
      );
    }
  });

  it('removes and appends in one edit, the diff showing both', () => {
    const edited = editConfig(original, { add: [spec('x')], remove: ['gone-admin', 'gone-last'] });
    const out = text(edited.bytes);
    expect(out).not.toContain('[profile gone-admin]');
    expect(out).not.toContain('[profile gone-last]');
    expect(out.endsWith(section('x'))).toBe(true);
    const diff = diffEdit(edited, 'config');
    expect(diff).toContain('-[profile gone-admin]');
    expect(diff).toContain('-[profile gone-last]');
    expect(diff).toContain('+[profile x]');
  });

  it('brings a file back to what it was when every added section is pruned', () => {
    for (const original of ['[profile a]\nregion = x\n\n', '[profile a]\nregion = x\n\n\n']) {
      const added = editConfig(bytes(original), { add: [spec('x'), spec('y')], remove: [] });
      const pruned = editConfig(added.bytes, { add: [], remove: ['x', 'y'] });
      expect(text(pruned.bytes)).toBe(original);
    }
  });
});

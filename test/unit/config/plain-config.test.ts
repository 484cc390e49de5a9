// The fast path is only sound if "plain" files really read the same in both
// tools. Generate many files from a vocabulary full of the constructs where
// they differ, and check the implication on every one.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readPlainConfig } from '../../../app/core/config/plain-config';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import type { ConfigReading } from '../../../app/core/config/reading';

const plain = (reading: ConfigReading) => ({
  accepted: reading.accepted,
  profiles: [...reading.profiles].map(([n, s]) => [n, [...s.keys].map(([k, v]) => [k, v.value])]),
  ssoSessions: [...reading.ssoSessions].map(([n, s]) => [
    n,
    [...s.keys].map(([k, v]) => [k, v.value]),
  ]),
});

const headers = fc.constantFrom(
  '[default]',
  '[profile default]',
  '[profile dev]',
  '[profile prod]',
  '[profile a.b]',
  '[profile "q"]',
  '[profile  two]',
  '[profile.dot]',
  '[sso-session s]',
  '[sso-session café]',
  '[DEFAULT]',
  '[services x]',
  '[plugins]',
  '[profile __proto__]',
  '[profilex y]',
  '[profile dev] # c',
  '[ profile dev ]',
  '[Default]',
);
const keys = fc.constantFrom(
  'region',
  'sso_session',
  'Region',
  'sso_start_url',
  's3',
  'output',
  'k.y',
  '__proto__',
);
const values = fc.constantFrom(
  'us-east-1',
  'https://x/start#/a',
  'a # c',
  'a ;c',
  'a#b',
  '',
  's',
  'v=w',
  'x:y',
  ' spaced ',
  'é',
  '\u001cv',
);
const separators = fc.constantFrom(' = ', '=', ' =', ': ', ' : ');
const indents = fc.constantFrom('', '', '', '  ', '\t');
const line = fc.oneof(
  headers,
  fc.tuple(indents, keys, separators, values).map(([i, k, s, v]) => `${i}${k}${s}${v}`),
  fc.constantFrom(
    '',
    '# comment',
    '  ; comment',
    '# Zürich ☃',
    '\t# tab comment',
    '\u00a0# nbsp',
    '\u001c# x = y',
    'garbage',
    '\ufeff[profile dev]',
    '  nested = 1',
    'k = v\u00a0',
    '#k = v',
    ';[profile x]',
  ),
);
const newline = fc.constantFrom('\n', '\n', '\r\n', '\r');

const files = fc
  .array(fc.tuple(line, newline), { minLength: 0, maxLength: 25 })
  .map((parts) => parts.map(([l, nl]) => l + nl).join(''));

describe('plain config files read the same in botocore and the JS SDK', () => {
  it('holds for generated files (fixed seed; replay a failure with its seed and path)', () => {
    let plainSeen = 0;
    fc.assert(
      fc.property(files, (text) => {
        const fast = readPlainConfig(text);
        if (!fast) return;
        plainSeen++;
        expect(plain(fast)).toEqual(plain(readAsBotocore(text)));
        expect(plain(fast)).toEqual(plain(readAsJsSdk(text)));
      }),
      { seed: 20261128, numRuns: 20_000 },
    );
    // The generator must actually exercise the fast path.
    expect(plainSeen).toBeGreaterThan(500);
  });

  it('accepts the ordinary files and refuses the awkward fixtures', () => {
    const dir = path.resolve(__dirname, '../../fixtures/config');
    const verdicts = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ini'))
        .map((f) => [f, readPlainConfig(readFileSync(path.join(dir, f), 'utf8')) !== null]),
    );
    for (const f of [
      'seed.ini',
      'legacy.ini',
      'crlf.ini',
      'no-final-newline.ini',
      'comments.ini',
      'chained.ini',
      'empty.ini',
    ])
      expect(verdicts[f], f).toBe(true);
    for (const f of [
      'bom.ini',
      'inline-comments.ini',
      'quoted-names.ini',
      'duplicate-section.ini',
      'duplicate-key.ini',
      'key-case.ini',
      'unicode.ini',
      'default-both.ini',
      'default-section.ini',
      'colon.ini',
      'continuation.ini',
      'empty-value.ini',
      'text-before-section.ini',
      'empty-session.ini',
      'proto.ini',
      'nested.ini',
    ])
      expect(verdicts[f], f).toBe(false);
  });
});

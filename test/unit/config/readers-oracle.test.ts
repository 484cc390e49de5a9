// Our two config readers must read every fixture exactly as the real tools do:
// botocore (the machine's Python) and the JS SDK's own loader.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { describe, expect, it } from 'vitest';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import type { ConfigReading, SectionReading } from '../../../app/core/config/reading';

const FIXTURES = path.resolve(__dirname, '../../fixtures/config');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.ini'))
  .sort();

type Plain = Record<string, Record<string, unknown>>;

function plain(sections: ReadonlyMap<string, SectionReading>): Plain {
  return Object.fromEntries(
    [...sections].map(([name, section]) => [
      name,
      Object.fromEntries([...section.keys].map(([k, v]) => [k, v.value])),
    ]),
  );
}

function decode(file: string): { text: string; utf8: boolean } {
  const bytes = readFileSync(file);
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      utf8: true,
    };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), utf8: false };
  }
}

function oursAsBotocore(file: string): ConfigReading | null {
  const { text, utf8 } = decode(file);
  return utf8 ? readAsBotocore(text) : null;
}

const botocore = JSON.parse(
  execFileSync(
    'python3',
    [
      path.resolve(__dirname, '../../oracles/botocore_config.py'),
      ...fixtures.map((f) => path.join(FIXTURES, f)),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, PYTHONUTF8: '1' },
    },
  ),
) as Record<string, { accepted: boolean; profiles: Plain; sso_sessions: Plain }>;

describe('config readers agree with the real AWS tools', () => {
  it('covers a corpus of awkward files', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  for (const fixture of fixtures) {
    const file = path.join(FIXTURES, fixture);

    it(`botocore reading of ${fixture}`, () => {
      const expected = botocore[file]!;
      const ours = oursAsBotocore(file);
      if (!expected.accepted) {
        expect(ours === null || !ours.accepted).toBe(true);
        return;
      }
      expect(ours?.accepted).toBe(true);
      expect(plain(ours!.profiles)).toEqual(expected.profiles);
      expect(plain(ours!.ssoSessions)).toEqual(expected.sso_sessions);
    });

    it(`JS SDK reading of ${fixture}`, async () => {
      // The SDK caches reads by path: give every read its own copy.
      const copy = path.join(mkdtempSync(path.join(tmpdir(), 'sso-tray-ini-')), 'config');
      copyFileSync(file, copy);
      const { configFile } = await loadSharedConfigFiles({
        configFilepath: copy,
        filepath: path.join(path.dirname(copy), 'missing-credentials'),
        ignoreCache: true,
      });
      const sessions = await loadSsoSessionData({ configFilepath: copy });
      const profiles = Object.fromEntries(
        Object.entries(configFile).filter(([name]) => !/^(sso-session|services)\./.test(name)),
      );
      const ours = readAsJsSdk(decode(file).text);
      expect(plain(ours.profiles)).toEqual(profiles);
      expect(plain(ours.ssoSessions)).toEqual(sessions);
    });
  }
});

// Differential fuzzing of our config readers against the real tools: generated
// and mutated config files go through botocore (machine's Python) and the JS
// SDK's own parser; our readings must match theirs exactly, file for file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { afterAll, describe, expect, it } from 'vitest';
import { readAsJsSdk } from '../../app/core/config/js-reader';
import { readAsBotocore } from '../../app/core/config/python-reader';
import type { SectionReading } from '../../app/core/config/reading';
import { runs, SEED } from './scale';
import { reportFigures } from './support/report';

const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const toPlain = (sections: ReadonlyMap<string, SectionReading>) =>
  Object.fromEntries(
    [...sections].map(([n, s]) => [
      n,
      Object.fromEntries([...s.keys].map(([k, v]) => [k, v.value])),
    ]),
  );

// Lines drawn from the constructs where parsers go wrong, plus random text.
const fragments = fc.constantFrom(
  '[default]',
  '[profile dev]',
  '[profile "a b"]',
  "[profile 'q']",
  '[profile  x]',
  '[profile.d]',
  '[sso-session s]',
  '[sso-session é]',
  '[DEFAULT]',
  '[services l]',
  '[profile dev] ;c',
  '[a]]',
  '[[b]',
  '[]',
  '[ profile z ]',
  'region = us-east-1',
  'region=eu-west-1',
  'Region = x',
  'region: y',
  'region = a # b',
  'region = a#b',
  'k = v ; c',
  's3 =',
  '  max = 1',
  '\taddressing_style = path',
  '  bad line',
  'empty =',
  '= novalue',
  'sso_session = s',
  'sso_start_url = https://x/start',
  '# comment',
  '; comment',
  '   # indented comment',
  '',
  ' ',
  'key',
  'a = b = c',
  'x = \u00e9',
  'y = \u0085v',
  '\u001cz = 1',
  'url = http://h:8080/p?q=1#f',
  '__proto__ = 1',
  '[profile __proto__]',
);
const randomLine = fc.string({ maxLength: 30 });
const line = fc.oneof({ weight: 5, arbitrary: fragments }, { weight: 1, arbitrary: randomLine });
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '');
const file = fc
  .array(fc.tuple(line, eol), { maxLength: 30 })
  .map((parts) => parts.map(([l, e]) => l + (e || '\n')).join(''))
  .filter((text) => !text.includes('\u0000'));

describe('config readers match botocore and the JS SDK on generated files', () => {
  it(`agree on ${runs(400)} generated files`, async () => {
    const texts = fc.sample(file, { numRuns: runs(400), seed: SEED });
    const paths = texts.map((text, i) => {
      const p = path.join(dir, `f${i}.ini`);
      writeFileSync(p, text, 'utf8');
      return p;
    });
    const oracle = path.resolve(__dirname, '../oracles/botocore_config.py');
    const botocore = JSON.parse(
      execFileSync('python3', [oracle, ...paths], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONUTF8: '1' },
        maxBuffer: 64 * 2 ** 20,
      }),
    ) as Record<string, { accepted: boolean; profiles: object; sso_sessions: object }>;
    let accepted = 0;
    for (const [i, p] of paths.entries()) {
      const text = readFileSync(p, 'utf8');
      const ours = readAsBotocore(text);
      const theirs = botocore[p]!;
      const where = `file ${p} (seed ${SEED}, index ${i}):\n${JSON.stringify(text)}`;
      expect(ours.accepted, where).toBe(theirs.accepted);
      if (theirs.accepted) {
        accepted++;
        expect(toPlain(ours.profiles), where).toEqual(theirs.profiles);
        expect(toPlain(ours.ssoSessions), where).toEqual(theirs.sso_sessions);
      }
      const { configFile } = await loadSharedConfigFiles({
        configFilepath: p,
        filepath: `${p}.none`,
        ignoreCache: true,
      });
      const sessions = await loadSsoSessionData({ configFilepath: p });
      const js = readAsJsSdk(text);
      expect(toPlain(js.profiles), where).toEqual(
        Object.fromEntries(
          Object.entries(configFile).filter(([n]) => !/^(sso-session|services)\./.test(n)),
        ),
      );
      expect(toPlain(js.ssoSessions), where).toEqual(sessions);
    }
    reportFigures('config readers against botocore and the JS SDK', {
      files: texts.length,
      acceptedByBotocore: accepted,
      disagreements: 0,
    });
    // Both outcomes must be exercised for the comparison to mean anything.
    expect(accepted).toBeGreaterThan(texts.length / 10);
    expect(accepted).toBeLessThan(texts.length);
    expect(readdirSync(dir).length).toBe(texts.length);
  });
});

// Hostile input: generated and mutated config and token files must never make
// the core throw or hang (the test's timeout is the bound); problems are reported
// and valid parts are kept. How long the big files take is a benchmark figure
// (`npm run bench`, scripts/bench/hostile-config.ts), never asserted here.
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseTokenFile } from '../../app/core/token-cache/token-file';
import { buildConfigModel } from '../../app/core/config/config-model';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { openTestCore } from '../support/test-core';
import { runs, SEED } from './scale';
import { BIG_CONFIGS, VALID_SESSION } from './support/big-configs';
import { reportFigures, watchForCrashes } from './support/report';

// Thousands of generated files and 10 MB configs take seconds, more on a loaded machine:
// only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

const crashes = watchForCrashes();
const figures = {
  configFiles: 0,
  bigConfigFiles: 0,
  tokenFiles: 0,
  tokenFilesThroughService: 0,
};
afterAll(() =>
  reportFigures('hostile config and token files', { ...figures, crashes: crashes.count }),
);

/** Mutations of a valid config: byte flips, insertions, truncation, duplication. */
const mutatedConfig = fc
  .tuple(
    fc.uint8Array({ maxLength: 64 }),
    fc.nat(),
    fc.constantFrom('insert', 'replace', 'truncate', 'duplicate'),
  )
  .map(([bytes, at, how]) => {
    const base = Buffer.from(SEED_CONFIG);
    const i = at % (base.length + 1);
    if (how === 'truncate') return base.subarray(0, i);
    if (how === 'duplicate') return Buffer.concat([base, base.subarray(0, i)]);
    if (how === 'replace')
      return Buffer.concat([
        base.subarray(0, i),
        Buffer.from(bytes),
        base.subarray(i + bytes.length),
      ]);
    return Buffer.concat([base.subarray(0, i), Buffer.from(bytes), base.subarray(i)]);
  });

const randomConfig = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 2_000 }).map((s) => Buffer.from(s, 'utf8')),
  fc
    .string({ maxLength: 200 })
    .map((s) => Buffer.from(`[profile ${s}]\nregion = ${s}\n[${s}]\n${s} = ${s}\n`)),
  mutatedConfig,
);

const model = (bytes: Uint8Array) =>
  buildConfigModel({ path: '/h/.aws/config', bytes }, { path: '/h/.aws/credentials', bytes: null });

describe('hostile ~/.aws/config', () => {
  it(`never throws on ${runs(3_000)} generated and mutated files, and keeps a valid session`, () => {
    fc.assert(
      fc.property(randomConfig, (bytes) => {
        const withGood = Buffer.concat([Buffer.from(VALID_SESSION), Buffer.from('\n'), bytes]);
        const m = model(withGood);
        figures.configFiles++;
        for (const problem of m.problems) {
          expect(problem.message.length).toBeGreaterThan(0);
          expect(problem.message.length).toBeLessThan(2_000);
        }
        // A file the AWS CLI refuses is still shown as the JS SDK reads it;
        // either way the valid session at the top survives.
        expect(m.sessions.some((s) => s.name === 'good')).toBe(true);
      }),
      { seed: SEED, numRuns: runs(3_000) },
    );
  });

  it.each(BIG_CONFIGS.map((c) => [c.what, c.make] as const))(
    '%s: problems reported, no throw',
    (_what, make) => {
      const m = model(make());
      figures.bigConfigFiles++;
      expect(m.sessions.length + m.problems.length).toBeGreaterThan(0);
      expect(m.problems.length).toBeLessThanOrEqual(60);
    },
  );
});

const tokenValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '1e999',
    'NaN',
    '2026-01-01T12:00:00UTC',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const tokenObject = fc.record(
  {
    startUrl: tokenValue,
    region: tokenValue,
    accessToken: tokenValue,
    expiresAt: tokenValue,
    clientId: tokenValue,
    clientSecret: tokenValue,
    registrationExpiresAt: tokenValue,
    refreshToken: tokenValue,
  },
  { requiredKeys: [] },
);
const tokenText = fc.oneof(
  tokenObject.map((o) => JSON.stringify(o)),
  tokenObject
    .map((o) => JSON.stringify(o))
    .chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
  fc.nat(50_000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.string({ unit: 'binary' }),
);

describe('hostile token files', () => {
  it(`parseTokenFile never throws on ${runs(5_000)} generated files`, () => {
    fc.assert(
      fc.property(tokenText, (text) => {
        const reading = parseTokenFile(text);
        figures.tokenFiles++;
        expect(['token', 'not-a-token', 'unreadable']).toContain(reading.kind);
        if (reading.kind === 'token') expect(Number.isFinite(reading.token.expiresAt)).toBe(true);
      }),
      { seed: SEED, numRuns: runs(5_000) },
    );
  });

  it('the service shows each bad file as invalid and keeps the good session', async () => {
    const config = `${SEED_CONFIG}\n${VALID_SESSION}`;
    const samples = fc.sample(tokenText, { numRuns: runs(60), seed: SEED });
    const home = createTempHome({ config });
    homes.push(home);
    home.writeToken('good', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const service = await openTestCore(home);
    try {
      for (const text of samples) {
        home.writeToken('my-sso', text);
        const snapshot = await service.reload();
        figures.tokenFilesThroughService++;
        const bad = snapshot.sessions.find((s) => s.name === 'my-sso')!;
        expect(['valid', 'expired', 'expiring', 'invalid']).toContain(bad.state);
        if (bad.state === 'invalid') expect(bad.problems[0]?.code).toBe('token-unreadable');
        expect(snapshot.sessions.find((s) => s.name === 'good')?.state).toBe('valid');
      }
    } finally {
      await service.close();
    }
  });
});

// Other writers of the same token file, racing us:
// - another process rewriting it in place in a tight loop (truncate, then
//   write, as the AWS CLI does) while the service watches: no false `invalid`
//   (or `signed-out`) ever reaches a snapshot listener;
// - two renewals of one session at the same moment, by two SSO Tray processes,
//   and by SSO Tray and the real AWS CLI (/usr/bin/aws, forced to refresh): the
//   file always holds a complete token (our writes are atomic; the AWS CLI's
//   in-place write is the only source of half-written reads, counted apart),
//   it ends with a token that works, and the loser does not ask the user to
//   sign in again;
// - SIGKILL during our own atomic write: the file is the old or the new
//   content, never torn, and the temp files a kill leaves are never read as
//   tokens.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseTokenFile, serializeCliToken } from '../../app/core/token-cache/token-file';
import { openTestCore } from '../support/test-core';
import type { Snapshot } from '../../app/shared/model';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../fakes/fake-identity-center';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { waitForSnapshot } from '../support/wait-for-snapshot';
import { runs, SCALE, SEED } from './scale';
import { reportFigures, watchForCrashes } from './support/report';

// Child processes (tsx, python3, the AWS CLI) start slowly on a loaded machine:
// only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), 'sso-tray-reliability-race-'));
const homes: TempHome[] = [];
const fakes: FakeIdentityCenter[] = [];
const children = new Set<ChildProcess>();
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const fake of fakes.splice(0)) await fake.close();
  for (const home of homes.splice(0)) home.cleanup();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const figures = {
  inPlaceRewrites: 0,
  snapshotsSeen: 0,
  falseInvalid: 0,
  concurrentRenewals: 0,
  fileReads: 0,
  tornReads: 0,
  halfWrittenReadsFromAwsCli: 0,
  kills: 0,
  filesCorrupted: 0,
  strayTempFiles: 0,
};

/** Starts a child and resolves with its stdout when it exits (rejects on a non-zero exit). */
function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void = () => {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      const lines = (partial + String(d)).split('\n');
      partial = lines.pop()!;
      lines.forEach(onLine);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
    });
  });
}

// ---- in-place rewrites while we watch ----------------------------------------------

// Rewrites FILE in place, cycling through TEXTS, until the file STOP exists, the
// way the AWS CLI 2.9 writes a token (botocore's JSONFileCache without
// os.replace): open with O_CREAT|O_TRUNC, 0600, then one write of the whole text.
// Prints how many rewrites it made.
const IN_PLACE_WRITER = `
import os, sys
path, stop = sys.argv[1], sys.argv[2]
texts = [t.encode() for t in sys.argv[3:]]
n = 0
while n == 0 or not os.path.exists(stop):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(texts[n % len(texts)])
    n += 1
print(n)
`;

describe('another process rewriting the token file in place', () => {
  it('never shows a false invalid (or signed-out) to a snapshot listener', async () => {
    const home = createTempHome({ config: SEED_CONFIG });
    homes.push(home);
    const a = cliToken({
      expiresAt: '2099-01-01T00:00:00Z',
      accessToken: `aoa-A-${'a'.repeat(600)}`,
    });
    const b = cliToken({
      expiresAt: '2098-06-01T00:00:00Z',
      accessToken: `aoa-B-${'b'.repeat(900)}`,
    });
    const file = home.writeToken('my-sso', a);
    const stop = path.join(scratch, 'stop-in-place-writer');
    const service = await openTestCore(home, { watch: true });
    const seen: Snapshot[] = [];
    service.onSnapshot((s) => seen.push(s));
    // The writer runs until the listener has seen this many changes (not for a set time).
    const wanted = Math.min(8 * SCALE, 40);
    const enough = new Promise<void>((resolve) => {
      const stopListening = service.onSnapshot(() => {
        if (seen.length < wanted) return;
        stopListening();
        resolve();
      });
    });
    const myExpiry = (s: Snapshot) => s.sessions.find((x) => x.name === 'my-sso')!.expiresAt;
    try {
      const writing = runChild('python3', ['-c', IN_PLACE_WRITER, file, stop, a, b], {
        PATH: '/usr/bin:/bin',
      });
      await Promise.race([
        enough,
        writing.then(() => Promise.reject(new Error('the writer stopped by itself'))),
      ]);
      writeFileSync(stop, '');
      const rewrites = Number((await writing).trim());
      // The last rewrite settles: the listener ends on the text written last.
      const last = rewrites % 2 === 1 ? '2099-01-01T00:00:00.000Z' : '2098-06-01T00:00:00.000Z';
      await waitForSnapshot(service, (s) => myExpiry(s) === last);
      const states = seen.map((s) => s.sessions.find((x) => x.name === 'my-sso')!.state);
      figures.inPlaceRewrites += rewrites;
      figures.snapshotsSeen += states.length;
      figures.falseInvalid += states.filter((s) => s !== 'valid').length;
      expect(states.filter((s) => s !== 'valid')).toEqual([]);
      expect(service.snapshot().sessions[0]!.state).toBe('valid');
    } finally {
      await service.close();
    }
  });
});

// ---- two renewals at once ----------------------------------------------------------

const RENEW_CHILD = path.resolve(__dirname, 'children/renew-session.ts');

interface ChildReport {
  readonly events: string[];
  readonly lastError: string | null;
  readonly renewal: string | null;
  readonly state: string | null;
}

/** Reads the token file as fast as it can until stopped, classifying every read. */
function watchFileContents(file: string) {
  const counts = { reads: 0, complete: 0, halfWritten: 0, torn: 0 };
  const tokens = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      counts.reads++;
      const reading = parseTokenFile(text);
      if (reading.kind === 'token' && reading.token.refreshToken) {
        counts.complete++;
        tokens.add(reading.token.accessToken);
      } else if (text.length === 0 || reading.kind === 'unreadable') {
        counts.halfWritten++;
      } else {
        counts.torn++; // parses, but is not a whole token: never acceptable
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    counts,
    tokens,
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function renewalWorld() {
  // The token endpoint answers once both refreshes have arrived: they are in flight together.
  const fake = await startFakeIdentityCenter({ knobs: { holdUntil: { CreateToken: 2 } } });
  fakes.push(fake);
  const home = createTempHome({ config: SEED_CONFIG });
  homes.push(home);
  // Five minutes left: inside our 15-minute window and botocore's 10-minute mandatory one.
  const issued = fake.issueToken({ ttlSeconds: 5 * 60 });
  const file = home.writeToken('my-sso', serializeCliToken(issued));
  const env = {
    HOME: home.home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...fake.env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return { fake, home, issued, file, env };
}

/** The token on disk at the end works: the portal takes its access token and its refresh token renews. */
async function expectWorkingToken(fake: FakeIdentityCenter, file: string) {
  const reading = parseTokenFile(readFileSync(file, 'utf8'));
  expect(reading.kind).toBe('token');
  if (reading.kind !== 'token') return;
  expect(fake.isTokenValid(reading.token.accessToken)).toBe(true);
  fake.knobs.holdUntil = {};
  // Another tool's renewal: the SDK's own client, straight at the fake.
  const client = new SSOOIDCClient({
    region: 'us-east-1',
    endpoint: fake.env.AWS_ENDPOINT_URL_SSO_OIDC,
  });
  try {
    const renewed = await client.send(
      new CreateTokenCommand({
        grantType: 'refresh_token',
        clientId: reading.token.clientId!,
        clientSecret: reading.token.clientSecret!,
        refreshToken: reading.token.refreshToken!,
      }),
    );
    expect(renewed.accessToken).toBeTruthy();
  } finally {
    client.destroy();
  }
}

const refreshRequests = (fake: FakeIdentityCenter) =>
  fake.requestsFor('CreateToken').filter((r) => r.body?.grantType === 'refresh_token');

describe('two renewals of the same session at once', () => {
  it('two SSO Tray processes: the file is always whole, one wins, the other does not cry wolf', async () => {
    const { fake, file, env, issued } = await renewalWorld();
    const reader = watchFileContents(file);
    const reports = (
      await Promise.all(
        [1, 2].map(() =>
          runChild(process.execPath, ['--import', 'tsx', RENEW_CHILD, 'my-sso'], env),
        ),
      )
    ).map((out) => JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
    await reader.stop();
    figures.concurrentRenewals += 2;
    figures.fileReads += reader.counts.reads;
    figures.tornReads += reader.counts.torn + reader.counts.halfWritten;
    // Both refreshed with the same refresh token: a real race.
    const refreshes = refreshRequests(fake);
    expect(refreshes.map((r) => r.body?.refreshToken)).toEqual([
      issued.refreshToken,
      issued.refreshToken,
    ]);
    expect(reader.counts).toMatchObject({ halfWritten: 0, torn: 0 });
    expect(reports.flatMap((r) => r.events).filter((e) => e === 'renewed')).toHaveLength(1);
    // The loser saw the winner's token: no "sign in again", no error, for a session that is fine.
    expect(reports.flatMap((r) => r.events)).not.toContain('needs-sign-in');
    expect(reports.map((r) => [r.state, r.renewal, r.lastError])).toEqual([
      ['valid', 'automatic', null],
      ['valid', 'automatic', null],
    ]);
    await expectWorkingToken(fake, file);
  });

  it.each([
    ['the AWS CLI refreshes first', 'aws-cli'],
    ['SSO Tray refreshes first', 'sso-tray'],
  ] as const)(
    'SSO Tray and the real AWS CLI, %s: the file ends whole and working, nobody cries wolf',
    async (_label, first) => {
      const { fake, file, env, issued } = await renewalWorld();
      const gate = path.join(scratch, `gate-${first}`);
      const reader = watchFileContents(file);
      const awsEnv = {
        HOME: env.HOME,
        PATH: '/usr/bin:/bin',
        AWS_DATA_PATH: fake.awsDataPath(),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      };
      // Our process loads, then waits at the gate; the AWS CLI cannot be held back like that.
      const oursLoaded = { resolve: () => {} };
      const loaded = new Promise<void>((resolve) => (oursLoaded.resolve = resolve));
      const ours = runChild(
        process.execPath,
        ['--import', 'tsx', RENEW_CHILD, 'my-sso'],
        { ...env, SSO_TRAY_RACE_GATE: gate },
        (line) => line === 'loaded' && oursLoaded.resolve(),
      );
      await loaded;
      if (first === 'sso-tray') writeFileSync(gate, '');
      const theirs = run(
        '/usr/bin/aws',
        ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'],
        { env: awsEnv, encoding: 'utf8', timeout: 60_000 },
      );
      // The second one starts once the first one's refresh is on its way (the fake holds it).
      await fake.waitForRequests('CreateToken', 1);
      if (first === 'aws-cli') writeFileSync(gate, '');
      const [oursOut, theirsOut] = await Promise.all([ours, theirs]);
      await reader.stop();
      const report = JSON.parse(oursOut.trim().split('\n').at(-1)!) as ChildReport;
      figures.concurrentRenewals += 2;
      figures.fileReads += reader.counts.reads;
      figures.tornReads += reader.counts.torn;
      figures.halfWrittenReadsFromAwsCli += reader.counts.halfWritten;
      const refreshes = refreshRequests(fake);
      // A real race: both sent the same refresh token, in the intended order.
      expect(refreshes.map((r) => r.body?.refreshToken)).toEqual([
        issued.refreshToken,
        issued.refreshToken,
      ]);
      expect(/^aws-cli\//.test(refreshes[0]!.headers['user-agent'] ?? '')).toBe(
        first === 'aws-cli',
      );
      // The AWS CLI got role credentials either way (with the old or the new token).
      expect(JSON.parse(theirsOut.stdout)).toMatchObject({ Version: 1 });
      expect(reader.counts.torn).toBe(0);
      expect(report.events).toEqual(first === 'sso-tray' ? ['renewed'] : []);
      expect([report.state, report.renewal, report.lastError]).toEqual([
        'valid',
        'automatic',
        null,
      ]);
      await expectWorkingToken(fake, file);
    },
  );
});

// ---- SIGKILL during our atomic write -----------------------------------------------

describe('a kill in the middle of our atomic write', () => {
  let writer: string;
  beforeAll(async () => {
    // Bundled, so each new writer starts in tens of milliseconds.
    writer = path.join(scratch, 'atomic-writer.mjs');
    await build({
      entryPoints: [path.resolve(__dirname, 'children/atomic-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: writer,
      logLevel: 'silent',
    });
  });

  it(`leaves the old or the new token, never a torn one (${runs(25)} kills), and stray temp files are never tokens`, async () => {
    const home = createTempHome({ config: SEED_CONFIG });
    homes.push(home);
    // Big files (about 4 MB) so a kill often lands mid-write.
    const padded = (accessToken: string, expiresAt: string) =>
      JSON.stringify({
        ...JSON.parse(cliToken({ accessToken, expiresAt })),
        padding: 'p'.repeat(4_000_000),
      });
    const old = padded('aoa-old-token', '2099-01-01T00:00:00Z');
    const fresh = padded('aoa-new-token', '2098-01-01T00:00:00Z');
    const sources = [path.join(scratch, 'old.json'), path.join(scratch, 'new.json')];
    writeFileSync(sources[0]!, old);
    writeFileSync(sources[1]!, fresh);
    const file = home.writeToken('my-sso', old);
    let random = SEED;
    const nextDelay = () => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return 5 + (random % 60);
    };
    const seenContents = new Set<string>();
    for (let i = 0; i < runs(25); i++) {
      const child = spawn(process.execPath, [writer, file, ...sources], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.add(child);
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, nextDelay()));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
      children.delete(child);
      figures.kills++;
      const text = readFileSync(file, 'utf8');
      if (text !== old && text !== fresh) figures.filesCorrupted++;
      expect(text === old || text === fresh, `after kill ${i}: ${text.length} bytes`).toBe(true);
      seenContents.add(text === old ? 'old' : 'new');
    }
    // Kills landed on both sides of the rename.
    expect(seenContents.size).toBe(2);
    const strays = readdirSync(home.paths.cacheDir).filter((name) => name.endsWith('.tmp'));
    figures.strayTempFiles += strays.length;
    // The service reads the token file and nothing else: strays are neither sessions nor problems.
    const service = await openTestCore(home);
    const snapshot = service.snapshot();
    await service.close();
    expect(snapshot.sessions.map((s) => [s.name, s.state])).toEqual([['my-sso', 'valid']]);
    expect(JSON.stringify(snapshot.problems)).not.toMatch(/\.tmp/);
  });
});

const crashes = watchForCrashes();
afterAll(() => reportFigures('racing writers', { ...figures, crashes: crashes.count }));

// `sso-tray serve` killed (SIGKILL) in the middle of a device-code sign-in
// while tools wait on it through `sso-tray credential-process`, all real
// processes against the fake IAM Identity Center. At each point of the
// sign-in (polling before the user confirms, the token answer held by the
// fake, and a sweep of moments around the token's arrival and write):
// - the token cache holds the old file byte for byte or a complete token the
//   service accepts, and every JSON file in it parses;
// - a kill between the temp file and the rename (the sweep lands there now
//   and then; planted once to be sure) leaves only that temp file: never read
//   as a token (the AWS CLI 2.9.19 reads the cache as before), removed by the
//   next sign-in's write;
// - every waiting tool exits with the credentials or a clear error, never hangs;
// - a tool that asks while no broker runs fails fast (no hang on the dead socket);
// - the next `serve` takes the dead broker's socket over and signs the new
//   tools in (with no second sign-in when the token had been written).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseTokenFile, serializeCliToken } from '../../app/core/token-cache/token-file';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../fakes/fake-identity-center';
import {
  runSsoTray,
  SSO_TRAY_BIN,
  startLongRunning,
  type CliRun,
  type LongRunning,
} from '../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { reportFigures, watchForCrashes } from './support/report';

// Real processes on a loaded 2-core machine: only a hang should fail these.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

/** Signed in long ago: the sign-in has expired, a tool's request needs a browser sign-in. */
const OLD_TOKEN = cliToken({ expiresAt: '2020-01-01T00:00:00Z' });
/**
 * The fake answers each poll after this long (a slow service). The polls come
 * back to back, so the test can confirm the code and time a kill from a poll's
 * arrival; the sweep's kills land around the end of the token answer's hold.
 */
const HOLD_MS = 150;
/** Milliseconds after the fake lets the token answer go: before, during and after the write. */
const SWEEP_OFFSETS_MS = [0, 5, 10, 20, 40, 80];
/** What a kill between open and rename leaves: `.<token file>.<pid>.<hex>.tmp` (atomic-write.ts). */
const OUR_TEMP = /^\.[0-9a-f]{40}\.json\.\d+\.[0-9a-f]{12}\.tmp$/;
/** A hang detector only: a tool that has not exited by then never would. */
const TOOL_HANG_MS = 90_000;

const figures = {
  kills: 0,
  oldTokenKept: 0,
  newTokenComplete: 0,
  filesCorrupted: 0,
  strayTempFiles: 0,
  toolsWaiting: 0,
  toolsErrored: 0,
  toolsAnswered: 0,
  toolsHung: 0,
  restarts: 0,
};
/** Temp files seen after a kill (one may stay through several rounds until a write removes it). */
const strayTempFiles = new Set<string>();
const crashes = watchForCrashes();
afterAll(() => reportFigures('broker kills', { ...figures, crashes: crashes.count }));

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
const serves: LongRunning[] = [];
afterEach(async () => {
  for (const serve of serves.splice(0)) await serve.stop();
  await fake?.close();
  home?.cleanup();
  fake = home = undefined;
});

interface World {
  readonly env: Record<string, string>;
  readonly fake: FakeIdentityCenter;
  readonly home: TempHome;
  readonly expectedKey: string;
}

async function world(): Promise<World> {
  fake = await startFakeIdentityCenter({
    knobs: { deviceIntervalSeconds: 0, delays: { CreateToken: HOLD_MS } },
  });
  home = createTempHome({ config: SEED_CONFIG });
  home.writeToken('my-sso', OLD_TOKEN);
  return {
    env: { ...home.env, ...fake.env },
    fake,
    home,
    expectedKey: fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
  };
}

async function startServe(w: World): Promise<{ serve: LongRunning; socket: string }> {
  const serve = startLongRunning(
    [SSO_TRAY_BIN, 'serve', '--device-code', '--no-browser', '--no-container'],
    w.env,
  );
  serves.push(serve);
  const ready = await serve.line(/broker ready on /);
  return { serve, socket: ready.split(' broker ready on ')[1]!.trim() };
}

/** A tool's credential_process run; rejects (a hang) only if it never exits. */
function tool(w: World, waitSeconds = 120): Promise<CliRun> {
  return runSsoTray(['credential-process', '--profile', 'dev', '--wait', String(waitSeconds)], {
    env: w.env,
    timeoutMs: TOOL_HANG_MS,
  }).catch((error: unknown) => {
    figures.toolsHung++;
    throw error;
  });
}

async function kill(serve: LongRunning): Promise<void> {
  serve.child.kill('SIGKILL');
  await serve.stop();
  figures.kills++;
}

const deviceAuthorizations = (w: World) => w.fake.requestsFor('StartDeviceAuthorization').length;
const polls = (w: World) => w.fake.requestsFor('CreateToken').length;

/**
 * The cache after a kill: no JSON file is partial (tokens and client
 * registrations), the token file is the old one byte for byte or a complete,
 * private token the service accepts. Returns which, and the other files.
 */
function inspectCache(w: World): { token: 'old' | 'new'; strays: string[] } {
  const dir = w.home.paths.cacheDir;
  const names = readdirSync(dir);
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const parses = (() => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    })();
    if (!parses) figures.filesCorrupted++;
    expect(parses, `${name} is complete JSON`).toBe(true);
  }
  const file = w.home.tokenPath('my-sso');
  const text = readFileSync(file, 'utf8');
  // A kill between open and rename leaves our temp file; nothing else may appear.
  const strays = names.filter((n) => !n.endsWith('.json'));
  for (const stray of strays) expect(stray).toMatch(OUR_TEMP);
  if (text === OLD_TOKEN) return { token: 'old', strays };
  const reading = parseTokenFile(text);
  if (reading.kind !== 'token') figures.filesCorrupted++;
  expect(reading.kind).toBe('token');
  expect(w.fake.isTokenValid(reading.kind === 'token' ? reading.token.accessToken : '')).toBe(true);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  return { token: 'new', strays };
}

/** The cache right after `serve` was killed, counted in the figures. */
function cacheAfterKill(w: World, serve: LongRunning): { token: 'old' | 'new'; strays: string[] } {
  const cache = inspectCache(w);
  // With the new token in place, the killed broker's rename happened: its temp file is gone.
  // (Temp files of an earlier kill stay when this one landed before the write's clean-up.)
  if (cache.token === 'new') {
    expect(cache.strays.filter((n) => n.includes(`.${serve.child.pid}.`))).toEqual([]);
  }
  if (cache.token === 'old') figures.oldTokenKept++;
  else figures.newTokenComplete++;
  for (const stray of cache.strays) strayTempFiles.add(stray);
  figures.strayTempFiles = strayTempFiles.size;
  return cache;
}

/** A tool whose broker died: a clear error on stderr and the network exit status, nothing on stdout. */
function expectBrokerGone(run: CliRun): void {
  expect(run).toEqual({
    code: 5,
    stdout: '',
    stderr: expect.stringMatching(/^sso-tray: The SSO Tray broker stopped before it answered/),
  });
}

/** Every tool got the clear error: the broker died before any sign-in could answer it. */
function expectAllToldWhy(runs: CliRun[]): void {
  figures.toolsWaiting += runs.length;
  figures.toolsErrored += runs.length;
  for (const run of runs) expectBrokerGone(run);
}

/** Each tool got the credentials, or (its broker killed first) the clear error. */
function expectAnsweredOrToldWhy(w: World, runs: CliRun[]): void {
  figures.toolsWaiting += runs.length;
  for (const run of runs) {
    if (run.code === 0) {
      figures.toolsAnswered++;
      expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1, AccessKeyId: w.expectedKey });
    } else {
      figures.toolsErrored++;
      expectBrokerGone(run);
    }
  }
}

/** `aws configure export-credentials` (AWS CLI 2.9.19) with the token cache as it is now. */
function awsExportCredentials(w: World): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'],
      { env: { ...w.env, AWS_DATA_PATH: w.fake.awsDataPath() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out: out.trim() }));
  });
}

/**
 * After a kill: a new serve takes the stale socket over; two new tools get
 * their credentials (through a new sign-in when the old token stayed, at once
 * when the new one was written); the sign-in's write leaves no temp file
 * behind; the AWS CLI then reads the same token.
 */
async function recover(w: World, socket: string, token: 'old' | 'new'): Promise<void> {
  // The dead broker's socket file is still there: the new one must take it over.
  expect(existsSync(socket)).toBe(true);
  const straysBefore = inspectCache(w).strays;
  const { serve, socket: again } = await startServe(w);
  figures.restarts++;
  expect(again).toBe(socket);
  const before = deviceAuthorizations(w);
  const runs = Promise.all([tool(w), tool(w)]);
  if (token === 'old') {
    const url = (await serve.line(/Sign in to my-sso: open /)).split(' open ')[1]!;
    await w.fake.visit(url);
  }
  const results = await runs;
  expect(results.map((r) => [r.code, JSON.parse(r.stdout || '{}').AccessKeyId])).toEqual([
    [0, w.expectedKey],
    [0, w.expectedKey],
  ]);
  expect(deviceAuthorizations(w)).toBe(before + (token === 'old' ? 1 : 0));
  // The token file is complete. A sign-in's write removes what killed writers left; without
  // one (the token was already there), their temp files wait for the next write.
  expect(inspectCache(w)).toEqual({ token: 'new', strays: token === 'old' ? [] : straysBefore });
  const aws = await awsExportCredentials(w);
  expect(aws.code, aws.out).toBe(0);
  expect(JSON.parse(aws.out)).toMatchObject({ AccessKeyId: w.expectedKey });
  expect(await serve.stop()).toBe(0);
  expect(existsSync(socket)).toBe(false);
}

/** Starts serve with `count` tools waiting on it and its sign-in page shown; returns after the first poll. */
async function signInUnderWay(w: World, count: number) {
  const { serve, socket } = await startServe(w);
  const authorizations = deviceAuthorizations(w);
  const pollsBefore = polls(w);
  const runs = Promise.all(Array.from({ length: count }, () => tool(w)));
  await serve.line(new RegExp(`\\(${count} waiting\\)`));
  const url = (await serve.line(/Sign in to my-sso: open /)).split(' open ')[1]!;
  await w.fake.waitForRequests('CreateToken', pollsBefore + 1);
  expect(deviceAuthorizations(w)).toBe(authorizations + 1);
  return { serve, socket, runs, url, pollsBefore };
}

describe('a broker killed mid-sign-in', () => {
  it('while it polls, before the user confirms: the old token stays, the tools are told, a new serve signs them in', async () => {
    const w = await world();
    const { serve, socket, runs } = await signInUnderWay(w, 3);
    await kill(serve);
    expectAllToldWhy(await runs);
    const cache = cacheAfterKill(w, serve);
    expect(cache).toEqual({ token: 'old', strays: [] });

    // No broker now, only its socket file: a tool fails fast, reading the cache itself.
    expect(await tool(w)).toEqual({
      code: 4,
      stdout: '',
      stderr:
        'sso-tray: The sign-in for my-sso has expired; sign in to my-sso again. Run: sso-tray login my-sso\n',
    });

    await recover(w, socket, cache.token);
  });

  it('while the token answer is on its way (the fake holds it): the old token stays, the abandoned request proves where the kill landed', async () => {
    const w = await world();
    const { serve, socket, runs, url, pollsBefore } = await signInUnderWay(w, 2);
    // The service answers pending twice, even after the user confirms.
    await w.fake.waitForRequests('CreateToken', pollsBefore + 2);
    w.fake.knobs.delays.CreateToken = 60_000;
    await w.fake.visit(url);
    const [held] = (await w.fake.waitForRequests('CreateToken', pollsBefore + 3)).slice(-1);
    await kill(serve);
    // The dead broker hung up on the held token answer: it never got the token.
    await w.fake.waitForAborted('CreateToken');
    expect(held!.aborted).toBe(true);
    w.fake.knobs.delays.CreateToken = HOLD_MS;
    expectAllToldWhy(await runs);
    const cache = cacheAfterKill(w, serve);
    expect(cache).toEqual({ token: 'old', strays: [] });
    await recover(w, socket, cache.token);
  });

  it('a kill between the temp file and the rename: the AWS CLI reads the cache as before, and the next sign-in removes the temp file', async () => {
    const w = await world();
    const { serve, socket, runs } = await signInUnderWay(w, 2);
    await kill(serve);
    expectAllToldWhy(await runs);
    expect(cacheAfterKill(w, serve)).toEqual({ token: 'old', strays: [] });
    // Exactly what that kill leaves (the sweep below lands there now and then):
    // the whole new token in the killed broker's temp file, the old token in place.
    const temp = `.${path.basename(w.home.tokenPath('my-sso'))}.${serve.child.pid}.0123456789ab.tmp`;
    writeFileSync(path.join(w.home.paths.cacheDir, temp), serializeCliToken(w.fake.issueToken()), {
      mode: 0o600,
    });
    expect(inspectCache(w)).toEqual({ token: 'old', strays: [temp] });
    const aws = await awsExportCredentials(w);
    // The AWS CLI reads the old token file as before (expired, and it says so), temp file or not.
    expect(aws.code).not.toBe(0);
    expect(aws.out).toMatch(/expired/i);
    // Nor does the new serve: it signs in again (recover counts the device authorization).
    await recover(w, socket, 'old');
  });

  it(`around the token's arrival and write (${SWEEP_OFFSETS_MS.length + 1} kills): the old token or a complete new one, never a partial file; each restart recovers`, async () => {
    const w = await world();
    let last: { socket: string; token: 'old' | 'new' } | null = null;
    /** One round: serve signs in for two tools, and is killed once `killWhen` resolves. */
    const round = async (killWhen: () => Promise<void>) => {
      // Each round starts from the expired sign-in; its serve takes over the last one's socket.
      w.home.writeToken('my-sso', OLD_TOKEN);
      const { serve, socket, runs, url, pollsBefore } = await signInUnderWay(w, 2);
      if (last) expect(socket).toBe(last.socket);
      await w.fake.waitForRequests('CreateToken', pollsBefore + 2);
      await w.fake.visit(url);
      // The third poll gets the token (after the fake's hold), the user having confirmed.
      await w.fake.waitForRequests('CreateToken', pollsBefore + 3);
      await killWhen();
      await kill(serve);
      expectAnsweredOrToldWhy(w, await runs);
      last = { socket, token: cacheAfterKill(w, serve).token };
      return last.token;
    };
    for (const offset of SWEEP_OFFSETS_MS) {
      // The fake's hold started as the request arrived; the kill lands `offset` ms after it ends.
      await round(() => new Promise((resolve) => setTimeout(resolve, HOLD_MS + offset)));
    }
    // And once the new token is in place: the kill cannot undo it.
    expect(await round(() => tokenChanged(w))).toBe('new');
    await recover(w, last!.socket, last!.token);
  });
});

/** Resolves once the token file no longer holds the old token. */
async function tokenChanged(w: World): Promise<void> {
  while (readFileSync(w.home.tokenPath('my-sso'), 'utf8') === OLD_TOKEN) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// The token cache folder disappearing, turning into a file, going read-only or
// filling up while the app runs (a watching core, the real SDK clients, the
// fake IAM Identity Center). The user is told (the outcome and the session's
// last error, or a problem in the snapshot), nothing is half-written (the old
// token stays byte for byte, no temp file is left), and everything works again
// once the condition clears. Read-only and full are real EROFS / ENOSPC on a
// small tmpfs where this machine allows mounting (see support/disk-faults.ts).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseTokenFile, serializeCliToken } from '../../app/core/token-cache/token-file';
import type { Core } from '../../app/core';
import type { CoreEvent } from '../../app/shared/events';
import { FileSettingsStore } from '../../app/core/settings/settings-store';
import type { Snapshot } from '../../app/shared/model';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../fakes/fake-identity-center';
import { FakeClock } from '../support/fake-clock';
import { createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { openTestCore } from '../support/test-core';
import { waitForSnapshot } from '../support/wait-for-snapshot';
import { fillUp, makeReadOnly, mountSmallDisk, type DiskFault } from './support/disk-faults';
import { reportFigures, watchForCrashes } from './support/report';
import { cacheSecrets, fakeSecrets, findSecrets } from './support/secrets';

const MINUTE = 60_000;

interface World {
  readonly home: TempHome;
  readonly fake: FakeIdentityCenter;
  readonly core: Core;
  readonly clock: FakeClock;
  /** `~/.aws/sso`: the small disk, when mounted. */
  readonly disk: string;
  readonly mounted: boolean;
  readonly snapshots: Snapshot[];
  session(): Snapshot['sessions'][number];
  signIn(): ReturnType<Core['signIn']>;
  tokenText(): string | null;
  close(): Promise<void>;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

const figures = {
  faultsInjected: 0,
  userTold: 0,
  filesCorrupted: 0,
  strayTempFiles: 0,
  recovered: 0,
  secretsFound: 0,
};
const methods = new Set<string>();
const crashes = watchForCrashes();

async function startWorld(options: { mount?: boolean } = {}): Promise<World> {
  const home = createTempHome({ config: SEED_CONFIG, withCacheDir: false });
  const disk = path.join(home.home, '.aws', 'sso');
  const unmount = options.mount ? mountSmallDisk(disk, 256) : null;
  mkdirSync(home.paths.cacheDir, { recursive: true, mode: 0o700 });
  const clock = new FakeClock(Date.now());
  const fake = await startFakeIdentityCenter({ clock });
  const core = await openTestCore(home, {
    env: fake.env,
    clock,
    watch: true,
    signInOpener: async (prompt) => {
      await fake.visit(prompt.url);
    },
  });
  const snapshots: Snapshot[] = [];
  core.onSnapshot((s) => snapshots.push(s));
  const world: World = {
    home,
    fake,
    core,
    clock,
    disk,
    mounted: unmount !== null,
    snapshots,
    session: () => core.snapshot().sessions.find((s) => s.name === 'my-sso')!,
    signIn: () => core.signIn('my-sso', { flow: 'pkce' }),
    tokenText: () =>
      existsSync(home.tokenPath('my-sso')) ? readFileSync(home.tokenPath('my-sso'), 'utf8') : null,
    async close() {
      await core.close();
      await fake.close();
      unmount?.();
      home.cleanup();
    },
  };
  worlds.push(world);
  return world;
}

/** Nothing half-written: every file in the cache is whole, and no temp file is left. */
function checkNothingHalfWritten(world: World, expectedToken: string | null): void {
  const dir = world.home.paths.cacheDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.tmp')) {
      figures.strayTempFiles++;
      expect.fail(`temp file left behind: ${name}`);
    }
    const text = readFileSync(path.join(dir, name), 'utf8');
    if (parseTokenFile(text).kind === 'unreadable') {
      figures.filesCorrupted++;
      expect.fail(`half-written file ${name}: ${text.slice(0, 80)}`);
    }
  }
  if (world.tokenText() !== expectedToken) figures.filesCorrupted++;
  expect(world.tokenText()).toBe(expectedToken);
}

function scanSecrets(world: World, label: string, ...extra: unknown[]): void {
  const known = [...cacheSecrets(world.home.paths.cacheDir), ...fakeSecrets(world.fake)];
  const text = [
    ...world.snapshots.map((s) => JSON.stringify(s)),
    ...extra.map((e) => JSON.stringify(e)),
  ].join('\n');
  const found = findSecrets(text, known, label);
  figures.secretsFound += found.length;
  expect(found).toEqual([]);
}

async function signInOk(world: World): Promise<void> {
  const outcome = await world.signIn();
  expect(outcome).toMatchObject({ ok: true });
  await waitForSnapshot(world.core, () => world.session().state === 'valid');
  expect(statSync(world.home.tokenPath('my-sso')).mode & 0o777).toBe(0o600);
}

describe('the cache folder goes away or turns into a file', () => {
  it('deleted while the app runs: the session shows signed out, and a sign-in recreates it (0700)', async () => {
    const world = await startWorld();
    await signInOk(world);
    rmSync(world.home.paths.cacheDir, { recursive: true });
    figures.faultsInjected++;
    await waitForSnapshot(world.core, () => world.session().state === 'signed-out');
    figures.userTold++;
    await signInOk(world);
    expect(statSync(world.home.paths.cacheDir).mode & 0o777).toBe(0o700);
    figures.recovered++;
    checkNothingHalfWritten(world, world.tokenText());
    scanSecrets(world, 'cache folder deleted');
  });

  it.each([
    ['the cache folder is a file', (w: World) => w.home.paths.cacheDir, 'cache-dir-not-directory'],
    ['a folder above it is a file', (w: World) => path.dirname(w.home.paths.cacheDir), null],
  ] as const)(
    '%s: a problem and a clear sign-in error; fixed, it works again',
    async (label, target, problem) => {
      const world = await startWorld();
      const blocked = target(world);
      rmSync(blocked, { recursive: true, force: true });
      writeFileSync(blocked, 'in the way\n');
      figures.faultsInjected++;
      if (problem) {
        await world.core.reload();
        expect(world.core.snapshot().problems.map((p) => p.code)).toContain(problem);
      }
      const outcome = await world.signIn();
      expect(outcome).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(outcome.ok || outcome.error.message).toMatch(
        /^Could not write the token cache file .+ \((ENOTDIR|EEXIST)\)\.$/,
      );
      expect(world.session()).toMatchObject({
        state: 'signed-out',
        signIn: null,
        lastError: { code: 'write-failed' },
      });
      figures.userTold++;
      rmSync(blocked);
      await signInOk(world);
      expect(world.session().lastError).toBeNull();
      await world.core.reload();
      expect(world.core.snapshot().problems.map((p) => p.code)).not.toContain(
        'cache-dir-not-directory',
      );
      figures.recovered++;
      scanSecrets(world, label, outcome);
    },
  );
});

describe('the cache disk goes read-only or fills up', () => {
  /** Each fault, on the whole small disk (`~/.aws/sso`, which also holds the settings here). */
  const FAULTS: [string, (world: World) => DiskFault][] = [
    ['read-only', (w) => makeReadOnly(w.disk, w.mounted)],
    ['full', (w) => fillUp(w.disk, w.mounted)],
  ];

  it.each(FAULTS)(
    '%s: a sign-in says it could not write, the old token stays whole; then it works',
    async (label, inject) => {
      const world = await startWorld({ mount: true });
      await signInOk(world);
      const before = world.tokenText();
      const fault = inject(world);
      methods.add(`${label}: ${fault.how}`);
      figures.faultsInjected++;
      const outcome = await world.signIn();
      expect(outcome).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(outcome.ok || outcome.error.message).toMatch(
        /^Could not write the token cache file .+ \(E[A-Z]+\)\.$/,
      );
      expect(world.session()).toMatchObject({
        state: 'valid',
        signIn: null,
        lastError: { code: 'write-failed' },
      });
      figures.userTold++;
      fault.clear();
      checkNothingHalfWritten(world, before);
      await signInOk(world);
      expect(world.tokenText()).not.toBe(before);
      expect(world.session().lastError).toBeNull();
      figures.recovered++;
      checkNothingHalfWritten(world, world.tokenText());
      scanSecrets(world, label, outcome);
    },
  );

  it.each(FAULTS)(
    '%s during a silent renewal: the user is told, and renewal succeeds once it clears, with no new sign-in',
    async (label, inject) => {
      const world = await startWorld({ mount: true });
      // A refreshable token with 16 minutes left; the fake rotates refresh tokens.
      const issued = world.fake.issueToken({ ttlSeconds: 16 * 60 });
      world.home.writeToken('my-sso', serializeCliToken(issued));
      await waitForSnapshot(world.core, () => world.session().state === 'valid');
      const before = world.tokenText();
      const fault = inject(world);
      methods.add(`${label} (renewal): ${fault.how}`);
      figures.faultsInjected++;
      const failed = nextRenewalEvent(world);
      world.clock.advance(MINUTE);
      expect(await failed).toMatchObject({ kind: 'renewal-failed', code: 'write-failed' });
      expect(world.session().renewal).toMatchObject({
        mode: 'failing',
        reason: expect.stringContaining('(write-failed)'),
      });
      figures.userTold++;
      fault.clear();
      checkNothingHalfWritten(world, before);
      const next = nextRenewalEvent(world);
      world.clock.advance(MINUTE);
      // Identity Center already rotated the refresh token: the renewed sign-in must not be lost.
      expect(await next).toMatchObject({ kind: 'renewed' });
      await waitForSnapshot(world.core, () => world.session().renewal.mode === 'automatic');
      const written = JSON.parse(world.tokenText()!) as { accessToken: string };
      expect(world.fake.isTokenValid(written.accessToken)).toBe(true);
      figures.recovered++;
      checkNothingHalfWritten(world, world.tokenText());
      scanSecrets(world, `${label} renewal`);
    },
  );

  it.each(FAULTS)(
    '%s: saving settings is refused with a message, the old settings stay',
    async (label, inject) => {
      const world = await startWorld({ mount: true });
      const settingsDir = path.join(world.disk, 'settings');
      const { store } = await FileSettingsStore.open(settingsDir);
      await store.update({ defaultShell: 'fish' });
      const before = readFileSync(store.file, 'utf8');
      const fault = inject(world);
      figures.faultsInjected++;
      await expect(store.update({ defaultShell: 'zsh' })).rejects.toMatchObject({
        code: 'settings-write-failed',
        message: expect.stringMatching(
          /^Your settings could not be saved to .+settings\.json \(E[A-Z]+\); the previous settings stay in use\.$/,
        ),
      });
      expect(store.get().defaultShell).toBe('fish');
      figures.userTold++;
      fault.clear();
      expect(readFileSync(store.file, 'utf8')).toBe(before);
      expect(readdirSync(settingsDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect((await store.update({ defaultShell: 'zsh' })).defaultShell).toBe('zsh');
      figures.recovered++;
      methods.add(`${label} (settings): ${fault.how}`);
    },
  );
});

function nextRenewalEvent(world: World): Promise<CoreEvent> {
  return new Promise((resolve) => {
    const stop = world.core.onEvent((event) => {
      stop();
      resolve(event);
    });
  });
}

afterAll(() => {
  reportFigures('cache folder faults', {
    ...figures,
    crashes: crashes.count,
    simulatedAs: [...methods].join('; ') || 'n/a',
  });
});

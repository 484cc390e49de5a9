import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../app/core';
import { cacheDirProblems } from '../../../app/core/sessions/file-problems';
import type { Snapshot } from '../../../app/shared/model';
import { FakeClock } from '../../support/fake-clock';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore, type TestCoreOptions } from '../../support/test-core';
import { waitForSnapshot } from '../../support/wait-for-snapshot';

// The snapshot a core publishes from the files, the clock and the settings:
// what every view (tray, window, CLI) reads.

const homes: TempHome[] = [];
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  homes.splice(0).forEach((h) => h.cleanup());
});

function setup(options: { config?: string; withCacheDir?: boolean } & TestCoreOptions = {}) {
  const { config, withCacheDir, ...coreOptions } = options;
  const home = createTempHome({ config: config ?? SEED_CONFIG, withCacheDir });
  homes.push(home);
  /** Opens the core now: it reads every file once (and watches them with `watch: true`). */
  const open = async () => {
    const core = await openTestCore(home, coreOptions);
    cores.push(core);
    return core;
  };
  return { home, open };
}

const session = (s: Snapshot, name = 'my-sso') => s.sessions.find((x) => x.name === name)!;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('loading', () => {
  it('builds sessions and profiles from config + cache', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken('my-sso', cliToken({ expiresAt: '2026-01-01T20:00:00Z' }));
    const snapshot = (await open()).snapshot();
    expect(session(snapshot)).toMatchObject({
      state: 'valid',
      expiresAt: '2026-01-01T20:00:00.000Z',
      renewal: { mode: 'not-possible', reason: expect.stringContaining('no refresh token') },
      profiles: ['dev', 'prod'],
      tokenFile: home.tokenPath('my-sso'),
    });
    expect(session(snapshot).lastSignIn).not.toBeNull();
    expect(snapshot.profiles.map((p) => p.name)).toEqual(['dev', 'prod']);
    expect(JSON.stringify(snapshot)).not.toContain('aoa-access-token-secret');
    expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.sessions[0])).toBe(true);
  });

  it('reports signed-out without a token file, and ignores registrations and foreign files', async () => {
    const { home, open } = setup();
    writeFileSync(
      path.join(home.paths.cacheDir, 'botocore-client-id-us-east-1.json'),
      '{"clientId":"x","clientSecret":"y"}',
    );
    writeFileSync(path.join(home.paths.cacheDir, 'other-tool.json'), 'not json at all');
    const snapshot = (await open()).snapshot();
    expect(session(snapshot).state).toBe('signed-out');
    expect(snapshot.problems).toEqual([]);
  });

  it('says a refreshable token renews automatically, and never calls it expiring', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken('my-sso', cliToken({ expiresAt: '2026-01-01T12:10:00Z', refreshToken: 'r' }));
    expect(session((await open()).snapshot())).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic', reason: null },
    });
  });

  it('with renewal turned off in the settings, the same token is expiring and says so', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken('my-sso', cliToken({ expiresAt: '2026-01-01T12:10:00Z', refreshToken: 'r' }));
    const core = await open();
    await core.settings.update({ renewal: { enabled: false, leadMinutes: 15 } });
    expect(session(core.snapshot())).toMatchObject({
      state: 'expiring',
      renewal: { mode: 'off', reason: expect.stringContaining('Preferences') },
    });
    await core.settings.update({ renewal: { enabled: true, leadMinutes: 15 } });
    expect(session(core.snapshot())).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic' },
    });
  });

  it.each([
    [
      'truncated JSON',
      '{"startUrl": "https://d-abc123.awsapps.com/start", "accessTo',
      'not valid JSON',
    ],
    ['no expiry', '{"accessToken": "t"}', 'expiresAt is missing'],
    [
      'a registration where a token should be',
      '{"clientId": "c", "clientSecret": "s"}',
      'holds no accessToken',
    ],
  ])('shows %s as invalid with a problem, and keeps the rest', async (_what, content, reason) => {
    const { home, open } = setup({
      config: `${SEED_CONFIG}\n[sso-session other]\nsso_start_url = https://o/start\nsso_region = us-east-1\n`,
    });
    home.writeToken('my-sso', content);
    home.writeToken('other', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const snapshot = (await open()).snapshot();
    expect(session(snapshot).state).toBe('invalid');
    expect(session(snapshot).problems).toEqual([
      expect.objectContaining({
        code: 'token-unreadable',
        message: expect.stringContaining(reason),
      }),
    ]);
    expect(session(snapshot, 'other').state).toBe('valid');
  });

  it('turns a cache path that is a file and a config path that is a directory into problems', async () => {
    const { home, open } = setup({ withCacheDir: false });
    mkdirSync(path.dirname(home.paths.cacheDir), { recursive: true });
    writeFileSync(home.paths.cacheDir, 'oops');
    const core = await open();
    let snapshot = core.snapshot();
    expect(snapshot.problems.map((p) => p.code)).toEqual(['cache-dir-not-directory']);
    expect(session(snapshot).state).toBe('signed-out');

    rmSync(home.paths.configFile);
    mkdirSync(home.paths.configFile);
    snapshot = await core.reload();
    expect(snapshot.problems.map((p) => p.code)).toContain('config-unreadable');
    expect(snapshot.sessions).toEqual([]);
  });

  it('warns when other users can write to the token cache folder, with the fix, until it is fixed', async () => {
    const { home, open } = setup();
    chmodSync(home.paths.cacheDir, 0o777);
    const core = await open();
    expect(core.snapshot().problems).toEqual([
      expect.objectContaining({
        code: 'cache-dir-writable-by-others',
        severity: 'warning',
        message: expect.stringContaining('mode 777'),
        fix: [`chmod 700 ${home.paths.cacheDir}`],
      }),
    ]);
    chmodSync(home.paths.cacheDir, 0o700);
    expect((await core.reload()).problems).toEqual([]);
  });

  it('leaves a cache folder others can only list (as the AWS CLI creates it) to a doctor note', async () => {
    const { home, open } = setup();
    chmodSync(home.paths.cacheDir, 0o755);
    const core = await open();
    expect(core.snapshot().problems).toEqual([]);
    const report = await core.diagnose({ cwd: home.home });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        id: 'cache-dir-listable-by-others',
        severity: 'info',
        fix: [`chmod 700 ${home.paths.cacheDir}`],
      }),
    );
  });

  it('warns about a cache folder that is a symbolic link into a folder anyone can write to', async () => {
    const { home, open } = setup({ withCacheDir: false });
    const shared = mkdtempSync(path.join(tmpdir(), 'sso-tray-shared-'));
    chmodSync(shared, 0o1777);
    try {
      mkdirSync(path.dirname(home.paths.cacheDir), { recursive: true });
      symlinkSync(shared, home.paths.cacheDir);
      home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
      const snapshot = (await open()).snapshot();
      expect(snapshot.problems).toEqual([
        expect.objectContaining({
          code: 'cache-dir-symlink',
          severity: 'warning',
          message: expect.stringContaining(`symbolic link to ${shared}`),
          fix: [`rm ${home.paths.cacheDir}`, `mkdir -m 700 ${home.paths.cacheDir}`],
        }),
      ]);
      // Still read, as every AWS tool reads it: the warning is the point.
      expect(session(snapshot).state).toBe('valid');
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it('warns about a cache folder that belongs to another user', async () => {
    const home = createTempHome();
    homes.push(home);
    const notMine = (process.getuid?.() ?? 0) + 1;
    expect(await cacheDirProblems(home.paths.cacheDir, notMine)).toEqual([
      expect.objectContaining({
        code: 'cache-dir-not-yours',
        message: expect.stringContaining('belongs to another user'),
      }),
    ]);
  });

  it('waits out a token file caught half-written instead of flashing invalid', async () => {
    const { home, open } = setup({ watch: true });
    const core = await open();
    const states: string[] = [];
    core.onSnapshot((s) => states.push(session(s).state));
    const full = cliToken({ expiresAt: '2099-01-01T00:00:00Z' });
    home.writeToken('my-sso', full.slice(0, 40));
    setTimeout(() => home.writeToken('my-sso', full), 20);
    await waitForSnapshot(core, (s) => session(s).state === 'valid');
    expect(states).not.toContain('invalid');
  });
});

describe('clock boundaries (one timer for the next change, no polling)', () => {
  it('moves valid -> expiring -> expired with exactly two wake-ups', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken('my-sso', cliToken({ expiresAt: iso(clock.now() + 20 * 60_000) }));
    const core = await open();
    const states: string[] = [];
    core.onSnapshot((s) => states.push(session(s).state));
    expect(session(core.snapshot()).state).toBe('valid');
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextDue()).toBe(clock.now() + 5 * 60_000);

    clock.advance(4 * 60_000);
    expect(states).toEqual([]);
    clock.advance(60_000);
    expect(states).toEqual(['expiring']);
    clock.advance(15 * 60_000);
    expect(states).toEqual(['expiring', 'expired']);
    expect(clock.wakeUps).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(24 * 3_600_000);
    expect(clock.wakeUps).toBe(2);
  });

  it('wakes a renewable session only at expiry (it never enters the warning window)', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken(
      'my-sso',
      cliToken({ expiresAt: iso(clock.now() + 20 * 60_000), refreshToken: 'r' }),
    );
    const core = await open();
    expect(clock.nextDue()).toBe(clock.now() + 20 * 60_000);
    clock.advance(24 * 3_600_000);
    expect(clock.wakeUps).toBe(1);
    expect(session(core.snapshot()).state).toBe('expired');
  });

  it('honours a changed warning lead time', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken('my-sso', cliToken({ expiresAt: iso(clock.now() + 20 * 60_000) }));
    const core = await open();
    expect(session(core.snapshot()).state).toBe('valid');
    await core.settings.update({ notificationLeadMinutes: [30, 5] });
    expect(session(core.snapshot()).state).toBe('expiring');
  });

  it('stops saying a session renews automatically when its client registration lapses', async () => {
    const clock = new FakeClock('2026-01-01T12:00:00Z');
    const { home, open } = setup({ clock });
    home.writeToken(
      'my-sso',
      cliToken({
        expiresAt: '2026-01-01T20:00:00Z',
        refreshToken: 'r',
        registrationExpiresAt: '2026-01-01T13:00:00Z',
      }),
    );
    const core = await open();
    expect(session(core.snapshot()).renewal.mode).toBe('automatic');
    clock.advance(60 * 60_000);
    expect(session(core.snapshot()).renewal).toEqual({
      mode: 'not-possible',
      reason: expect.stringContaining('registration has expired'),
    });
  });
});

describe('watching files', () => {
  async function watching(options: { withCacheDir?: boolean } = {}) {
    const { home, open } = setup({ ...options, watch: true });
    return { home, service: await open() };
  }

  it('follows a token written by atomic rename, rewritten in place, and deleted', async () => {
    const { home, service } = await watching();
    const file = home.tokenPath('my-sso');
    const temp = path.join(home.paths.cacheDir, 'tmp-write');
    writeFileSync(temp, cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    renameSync(temp, file);
    await waitForSnapshot(service, (s) => session(s).state === 'valid');

    writeFileSync(file, cliToken({ expiresAt: '2098-01-01T00:00:00Z' }));
    await waitForSnapshot(service, (s) => session(s).expiresAt === '2098-01-01T00:00:00.000Z');

    rmSync(file);
    await waitForSnapshot(service, (s) => session(s).state === 'signed-out');
  });

  it('notices a cache directory created after start', async () => {
    const { home, service } = await watching({ withCacheDir: false });
    expect(session(service.snapshot()).state).toBe('signed-out');
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    await waitForSnapshot(service, (s) => session(s).state === 'valid');
  });

  it('notices the cache directory deleted and re-created (aws sso logout, rm -rf)', async () => {
    const { home, service } = await watching();
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    await waitForSnapshot(service, (s) => session(s).state === 'valid');
    rmSync(home.paths.cacheDir, { recursive: true });
    await waitForSnapshot(service, (s) => session(s).state === 'signed-out');
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    await waitForSnapshot(service, (s) => session(s).state === 'valid');
  });

  it('follows config edits, including replacement by rename', async () => {
    const { home, service } = await watching();
    writeFileSync(
      home.paths.configFile,
      `${SEED_CONFIG}\n[profile ops]\nsso_session = my-sso\nsso_account_id = 333333333333\nsso_role_name = Ops\n`,
    );
    await waitForSnapshot(service, (s) => s.profiles.some((p) => p.name === 'ops'));
    const temp = `${home.paths.configFile}.new`;
    writeFileSync(temp, SEED_CONFIG.replace('[profile prod]', '[profile production]'));
    renameSync(temp, home.paths.configFile);
    await waitForSnapshot(service, (s) => s.profiles.some((p) => p.name === 'production'));
  });

  it('emits nothing for files that do not change what a user sees', async () => {
    const { home, service } = await watching();
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    await waitForSnapshot(service, (s) => session(s).state === 'valid');
    const emitted: Snapshot[] = [];
    service.onSnapshot((s) => emitted.push(s));
    writeFileSync(path.join(home.paths.cacheDir, 'a-registration.json'), '{"clientId": "c"}');
    writeFileSync(home.paths.credentialsFile, '');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emitted).toEqual([]);
  });
});

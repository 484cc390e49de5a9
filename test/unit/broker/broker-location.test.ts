// Where the broker listens and where its clients look, and the checks that
// keep its folder (and the container token) to the user.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  brokerAddresses,
  type LocationEnvironment,
} from '../../../app/core/broker/broker-location';
import {
  loadOrCreateContainerToken,
  readContainerToken,
} from '../../../app/core/broker/container-token';
import { preparePrivateDir } from '../../../app/core/broker/private-dir';

const uid = process.getuid!();
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sso-tray-broker-loc-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const posix = (env: Record<string, string>, asUid = uid): LocationEnvironment => ({
  env,
  platform: 'linux',
  homedir: () => '/nonexistent',
  uid: asUid,
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe('brokerAddresses', () => {
  it('uses the home folder when XDG_RUNTIME_DIR is not set', () => {
    expect(brokerAddresses(posix({ HOME: '/home/ann' }))).toEqual([
      {
        kind: 'unix',
        path: '/home/ann/.sso-tray/run/broker.sock',
        dir: '/home/ann/.sso-tray/run',
        privateParent: true,
      },
    ]);
  });

  it('puts a usable XDG_RUNTIME_DIR first and keeps the home folder second', () => {
    const xdg = path.join(root, 'xdg');
    mkdirSync(xdg, { mode: 0o700 });
    expect(
      brokerAddresses(posix({ HOME: '/home/ann', XDG_RUNTIME_DIR: xdg })).map((a) => a.path),
    ).toEqual([path.join(xdg, 'sso-tray', 'broker.sock'), '/home/ann/.sso-tray/run/broker.sock']);
  });

  it('ignores an XDG_RUNTIME_DIR that others can enter, that is a link, or that belongs to someone else', () => {
    const open = path.join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    const real = path.join(root, 'real');
    mkdirSync(real, { mode: 0o700 });
    const link = path.join(root, 'link');
    symlinkSync(real, link);
    const onlyHome = ['/home/ann/.sso-tray/run/broker.sock'];
    for (const [dir, asUid] of [
      [open, uid],
      [link, uid],
      [real, uid + 1],
      ['relative/dir', uid],
      [path.join(root, 'missing'), uid],
    ] as const) {
      const addresses = brokerAddresses(posix({ HOME: '/home/ann', XDG_RUNTIME_DIR: dir }, asUid));
      expect(addresses.map((a) => a.path)).toEqual(onlyHome);
    }
  });

  it('takes SSO_TRAY_BROKER_SOCKET alone when set', () => {
    expect(
      brokerAddresses(posix({ HOME: '/home/ann', SSO_TRAY_BROKER_SOCKET: '/tmp/t/b.sock' })),
    ).toEqual([{ kind: 'unix', path: '/tmp/t/b.sock', dir: '/tmp/t', privateParent: false }]);
  });

  it('names a Windows pipe after the user, with the token folder in LOCALAPPDATA', () => {
    const [address] = brokerAddresses({
      env: {
        USERNAME: 'Ann Lee',
        USERPROFILE: 'C:\\Users\\ann',
        LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
      },
      platform: 'win32',
      homedir: () => 'C:\\Users\\ann',
      uid: null,
    });
    expect(address).toEqual({
      kind: 'pipe',
      path: '\\\\.\\pipe\\sso-tray-broker-Ann_Lee',
      dir: 'C:\\Users\\ann\\AppData\\Local\\sso-tray\\run',
      privateParent: false,
    });
  });
});

describe('preparePrivateDir', () => {
  it('creates the folder and its parent with mode 0700', async () => {
    const dir = path.join(root, '.sso-tray', 'run');
    await preparePrivateDir(dir, uid, { ownParent: true });
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
  });

  it('refuses a folder that group or others may enter, and says how to fix it', async () => {
    const dir = path.join(root, 'run');
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    await expect(preparePrivateDir(dir, uid)).rejects.toMatchObject({
      code: 'unsafe-directory',
      message: expect.stringContaining(`chmod 700 '${dir}'`),
    });
    expect(mode(dir)).toBe(0o750);
  });

  it('refuses a symbolic link, even to a private folder', async () => {
    const real = path.join(root, 'real');
    mkdirSync(real, { mode: 0o700 });
    const link = path.join(root, 'run');
    symlinkSync(real, link);
    await expect(preparePrivateDir(link, uid)).rejects.toMatchObject({
      code: 'unsafe-directory',
      message: expect.stringContaining('symbolic link'),
    });
  });

  it("refuses a folder that is not the user's", async () => {
    const dir = path.join(root, 'run');
    mkdirSync(dir, { mode: 0o700 });
    await expect(preparePrivateDir(dir, uid + 1)).rejects.toMatchObject({
      code: 'unsafe-directory',
      message: expect.stringContaining('another user'),
    });
  });

  it('refuses an open ~/.sso-tray above a private run folder', async () => {
    const parent = path.join(root, '.sso-tray');
    mkdirSync(parent);
    chmodSync(parent, 0o777);
    await expect(
      preparePrivateDir(path.join(parent, 'run'), uid, { ownParent: true }),
    ).rejects.toMatchObject({
      code: 'unsafe-directory',
    });
  });
});

describe('the container token file', () => {
  it('is created 0600 with a fresh random token and read back on the next start', async () => {
    const first = await loadOrCreateContainerToken(root, uid);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mode(first.file)).toBe(0o600);
    const again = await loadOrCreateContainerToken(root, uid);
    expect(again.token).toBe(first.token);
    const otherDir = mkdtempSync(path.join(root, 'other-'));
    expect((await loadOrCreateContainerToken(otherDir, uid)).token).not.toBe(first.token);
  });

  it('is replaced when others could read it or it holds something else', async () => {
    const { file, token } = await loadOrCreateContainerToken(root, uid);
    chmodSync(file, 0o644);
    expect(await readContainerToken(file, uid)).toBeNull();
    const replaced = await loadOrCreateContainerToken(root, uid);
    expect(replaced.token).not.toBe(token);
    expect(mode(file)).toBe(0o600);
    writeFileSync(file, 'short', { mode: 0o600 });
    expect((await loadOrCreateContainerToken(root, uid)).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

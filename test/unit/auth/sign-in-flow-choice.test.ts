// The flow fits where the user is: device code over SSH, in a container and on
// a Linux box without a display; PKCE on a desktop and under WSL (the Windows
// browser reaches the loopback redirect). What the user says wins, in order:
// a flag, the session's setting, sso_use_device_code, then the environment,
// then the global setting. Detection runs over injected files and variables.
import { describe, expect, it } from 'vitest';
import {
  chooseSignInFlow,
  detectSurroundings,
  DESKTOP,
  type FlowInputs,
  type PlaceHost,
} from '../../../app/core/auth/sign-in-flow-choice';

function host(
  options: {
    env?: Record<string, string>;
    platform?: NodeJS.Platform;
    files?: Record<string, string>;
  } = {},
): PlaceHost {
  const files = options.files ?? {};
  return {
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    exists: (file) => file in files,
    readText: (file) => files[file] ?? null,
  };
}

const LINUX_DESKTOP = { DISPLAY: ':0' };
const CGROUP_V2 = { '/proc/1/cgroup': '0::/\n' };

describe('detectSurroundings', () => {
  it('a Linux desktop, a Mac and Windows have nothing against the browser flow', () => {
    expect(detectSurroundings(host({ env: LINUX_DESKTOP, files: CGROUP_V2 }))).toEqual(DESKTOP);
    expect(detectSurroundings(host({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toEqual(DESKTOP);
    expect(detectSurroundings(host({ platform: 'darwin' }))).toEqual(DESKTOP);
    expect(detectSurroundings(host({ platform: 'win32' }))).toEqual(DESKTOP);
  });

  it('SSH is seen from any of its variables, on every platform', () => {
    for (const name of ['SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT']) {
      expect(detectSurroundings(host({ env: { ...LINUX_DESKTOP, [name]: 'x' } })).ssh).toBe(true);
    }
    expect(
      detectSurroundings(host({ platform: 'darwin', env: { SSH_TTY: '/dev/ttys001' } })).ssh,
    ).toBe(true);
    // An empty variable is not a session.
    expect(detectSurroundings(host({ env: { ...LINUX_DESKTOP, SSH_CONNECTION: '' } })).ssh).toBe(
      false,
    );
  });

  it('a container is seen from Docker’s and Podman’s marker files, the container variable, Kubernetes and cgroup v1 names', () => {
    const inside = (options: Parameters<typeof host>[0]) =>
      detectSurroundings(host({ env: LINUX_DESKTOP, ...options })).container;
    expect(inside({ files: { '/.dockerenv': '' } })).toBe(true);
    expect(inside({ files: { '/run/.containerenv': '' } })).toBe(true);
    expect(inside({ env: { ...LINUX_DESKTOP, container: 'podman' } })).toBe(true);
    expect(inside({ env: { ...LINUX_DESKTOP, KUBERNETES_SERVICE_HOST: '10.0.0.1' } })).toBe(true);
    expect(inside({ files: { '/proc/1/cgroup': '12:cpu:/docker/3f2a\n' } })).toBe(true);
    expect(
      inside({ files: { '/proc/1/cgroup': '1:name=systemd:/kubepods/besteffort/pod1\n' } }),
    ).toBe(true);
    expect(inside({ files: CGROUP_V2 })).toBe(false);
    expect(inside({ files: { '/proc/1/cgroup': '1:name=systemd:/init.scope\n' } })).toBe(false);
  });

  it('Linux without DISPLAY or WAYLAND_DISPLAY has no display; WSL never counts as that', () => {
    expect(detectSurroundings(host()).noDisplay).toBe(true);
    const wsl = detectSurroundings(host({ env: { WSL_DISTRO_NAME: 'Ubuntu' } }));
    expect(wsl).toEqual({ ...DESKTOP, wsl: true });
  });

  it('WSL is seen from its variables or /proc/version, but not inside a container on the WSL kernel', () => {
    const kernel = 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f)';
    expect(detectSurroundings(host({ files: { '/proc/version': kernel } })).wsl).toBe(true);
    expect(detectSurroundings(host({ env: { WSL_INTEROP: '/run/WSL/1_interop' } })).wsl).toBe(true);
    // Docker Desktop's containers share the WSL kernel but cannot start Windows programs.
    const dockerDesktop = detectSurroundings(
      host({ files: { '/proc/version': kernel, '/.dockerenv': '' } }),
    );
    expect(dockerDesktop).toMatchObject({ wsl: false, container: true });
    expect(
      detectSurroundings(
        host({ env: LINUX_DESKTOP, files: { '/proc/version': 'Linux version 6.8.0-45-generic' } }),
      ).wsl,
    ).toBe(false);
  });
});

describe('chooseSignInFlow', () => {
  const base: FlowInputs = {
    legacy: false,
    configDeviceCode: false,
    surroundings: DESKTOP,
    setting: 'pkce',
  };
  const overSsh = { ...DESKTOP, ssh: true };

  it('the browser flow on a desktop and under WSL, from the global setting', () => {
    expect(chooseSignInFlow(base)).toEqual({
      flow: 'pkce',
      source: 'setting',
      reason: 'the sign-in setting',
    });
    expect(chooseSignInFlow({ ...base, surroundings: { ...DESKTOP, wsl: true } }).flow).toBe(
      'pkce',
    );
    expect(chooseSignInFlow({ ...base, setting: 'device-code' }).flow).toBe('device-code');
  });

  it('the device code over SSH, in a container and without a display, saying why', () => {
    expect(chooseSignInFlow({ ...base, surroundings: overSsh })).toEqual({
      flow: 'device-code',
      source: 'environment',
      reason: 'this runs over SSH',
    });
    expect(
      chooseSignInFlow({
        ...base,
        surroundings: { ...DESKTOP, container: true, noDisplay: true },
      }).reason,
    ).toBe('this runs in a container without a display');
    // Toolbox, Distrobox or a Flatpak terminal: a container on the desktop, with its browser.
    expect(
      chooseSignInFlow({ ...base, surroundings: { ...DESKTOP, container: true } }),
    ).toMatchObject({ flow: 'pkce', source: 'setting' });
    expect(
      chooseSignInFlow({ ...base, surroundings: { ...DESKTOP, noDisplay: true } }).reason,
    ).toMatch(/no display/);
  });

  it('precedence: flag > session setting > sso_use_device_code > environment > global setting', () => {
    const all: FlowInputs = {
      legacy: false,
      explicit: 'pkce',
      sessionSetting: 'device-code',
      configDeviceCode: true,
      surroundings: overSsh,
      setting: 'device-code',
    };
    expect(chooseSignInFlow(all)).toMatchObject({ flow: 'pkce', source: 'flag' });
    const { explicit: _flag, ...noFlag } = all;
    expect(chooseSignInFlow(noFlag)).toMatchObject({
      flow: 'device-code',
      source: 'session-setting',
    });
    // A session set to the browser flow keeps it over SSH and over the config key.
    expect(chooseSignInFlow({ ...noFlag, sessionSetting: 'pkce' })).toMatchObject({
      flow: 'pkce',
      source: 'session-setting',
    });
    const { sessionSetting: _session, ...noSession } = noFlag;
    expect(
      chooseSignInFlow({ ...noSession, surroundings: DESKTOP, setting: 'pkce' }),
    ).toMatchObject({
      flow: 'device-code',
      source: 'config',
    });
    expect(
      chooseSignInFlow({ ...noSession, configDeviceCode: false, setting: 'pkce' }),
    ).toMatchObject({
      flow: 'device-code',
      source: 'environment',
    });
  });

  it('legacy profiles use the device code whatever is asked', () => {
    expect(chooseSignInFlow({ ...base, legacy: true, explicit: 'pkce' })).toMatchObject({
      flow: 'device-code',
      source: 'legacy',
    });
  });
});

// What main relies on to reach the user: the clipboard (with clearing), the
// core's URL launcher behind the URL policy (the system browser, or the browser
// chosen in main's picker, run for real), and launch at login (login items, or
// an XDG autostart file on Linux).

import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClipboardAdapter } from '../../../app/main/clipboard';
import {
  checkExternalUrl,
  endpointOverrides,
  type UrlPolicyContext,
} from '../../../app/core/browser/url-policy';
import type { BrowserSetting, UrlLauncher } from '../../../app/core';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore, settingsDirOf } from '../../support/test-core';
import {
  applyLaunchAtLogin,
  autostartDesktopEntry,
  autostartFile,
  launchCommand,
} from '../../../app/main/launch-at-login';
import { clipboard, standIn } from '../../support/electron-stand-in';
import { FakeClock } from '../../support/fake-clock';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-main-'));
  temps.push(dir);
  return dir;
};
/** Lets the clipboard's pending read (a promise) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('clipboard', () => {
  function adapter(seconds: number) {
    standIn.reset();
    const clock = new FakeClock();
    return {
      clock,
      board: createClipboardAdapter({ clipboard, clock, clearAfterSeconds: () => seconds }),
    };
  }

  it('clears copied credentials after N seconds if they are still there', async () => {
    const { clock, board } = adapter(30);
    await board.writeText('export AWS_SECRET_ACCESS_KEY=abc', { secret: true });
    expect(clipboard.text).toBe('export AWS_SECRET_ACCESS_KEY=abc');
    clock.advance(29_999);
    expect(clipboard.text).not.toBe('');
    clock.advance(1);
    await expect.poll(() => clipboard.text).toBe('');
  });

  it('leaves something the user copied since alone', async () => {
    const { clock, board } = adapter(30);
    await board.writeText('secret', { secret: true });
    clipboard.text = 'the user copied this';
    clock.advance(60_000);
    await settle();
    expect(clipboard.text).toBe('the user copied this');
    expect(standIn.calls.some((c) => c.api === 'clipboard.clear')).toBe(false);
  });

  it('never clears non-secret text, nor anything when the setting is 0', async () => {
    const a = adapter(30);
    await a.board.writeText('ABCD-EFGH');
    a.clock.advance(60_000);
    expect(a.clock.pendingTimers()).toBe(0);
    const b = adapter(0);
    await b.board.writeText('secret', { secret: true });
    expect(b.clock.pendingTimers()).toBe(0);
    expect(clipboard.text).toBe('secret');
  });

  it('a newer copy replaces the pending clear', async () => {
    const { clock, board } = adapter(30);
    await board.writeText('first', { secret: true });
    clock.advance(20_000);
    await board.writeText('second', { secret: true });
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(20_000);
    await settle();
    expect(clipboard.text).toBe('second');
  });
});

describe('URL policy', () => {
  const context: UrlPolicyContext = {
    startUrls: ['https://d-abc123.awsapps.com/start', 'https://sso.example.com/start'],
    endpointOverrides: [],
  };
  const allowed = (url: string, ctx = context) => checkExternalUrl(url, ctx).ok;

  it('allows the sign-in and console addresses the app builds', () => {
    expect(allowed('https://d-abc123.awsapps.com/start/#/console?account_id=1&role_name=R')).toBe(
      true,
    );
    expect(allowed('https://sso.example.com/start/#/device?user_code=ABCD-EFGH')).toBe(true);
    expect(allowed('https://oidc.us-east-1.amazonaws.com/authorize?response_type=code')).toBe(true);
    expect(allowed('https://oidc.cn-north-1.amazonaws.com.cn/authorize')).toBe(true);
    expect(allowed('https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH')).toBe(true);
    expect(allowed('https://signin.aws.amazon.com/federation?Action=login')).toBe(true);
    expect(allowed('https://us-west-2.signin.aws.amazon.com/federation')).toBe(true);
    expect(allowed('https://eu-central-1.console.aws.amazon.com/console/home')).toBe(true);
    expect(allowed('https://signin.amazonaws-us-gov.com/federation')).toBe(true);
  });

  it('refuses everything else, with a reason', () => {
    expect(checkExternalUrl('http://oidc.us-east-1.amazonaws.com/authorize', context)).toEqual({
      ok: false,
      reason: 'only https addresses are opened',
    });
    expect(allowed('javascript:alert(1)')).toBe(false);
    expect(allowed('file:///etc/passwd')).toBe(false);
    expect(allowed('https://evil.example/')).toBe(false);
    expect(allowed('https://oidc.us-east-1.amazonaws.com.evil.example/')).toBe(false);
    expect(allowed('https://d-other.awsapps.com/start')).toBe(false);
    expect(allowed('https://user:pw@signin.aws.amazon.com/')).toBe(false);
    expect(allowed('https://signin.aws.amazon.com:8443/')).toBe(false);
    expect(allowed('not a url')).toBe(false);
    expect(checkExternalUrl('https://evil.example/', context)).toEqual({
      ok: false,
      reason: 'evil.example is not an IAM Identity Center or AWS console address',
    });
  });

  it('allows exactly the endpoint overrides the SDK uses (a local Identity Center)', () => {
    const env = { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4455', AWS_ENDPOINT_URL_SSO: '' };
    const ctx = { startUrls: [], endpointOverrides: endpointOverrides(env) };
    expect(ctx.endpointOverrides).toEqual(['http://127.0.0.1:4455']);
    expect(allowed('http://127.0.0.1:4455/authorize?x=1', ctx)).toBe(true);
    expect(allowed('http://127.0.0.1:4456/authorize', ctx)).toBe(false);
  });
});

describe('URL opener', () => {
  const noSystemBrowser = async () => {
    throw new Error('the system browser must not be used');
  };
  /** A stand-in browser program: a real executable that writes its argv, one per line. */
  function recordingProgram(): { file: string; argv: () => string[] | null } {
    const dir = tempDir();
    const out = path.join(dir, 'argv.txt');
    const file = path.join(dir, 'browser');
    writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(out)}\n`);
    chmodSync(file, 0o755);
    return {
      file,
      argv: () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').slice(0, -1) : null),
    };
  }

  const homes: TempHome[] = [];
  afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

  /** A core whose settings file holds `browser` (as main's picker, or an older version, stored it). */
  async function coreWith(browser: BrowserSetting, systemBrowser: UrlLauncher = noSystemBrowser) {
    const home = createTempHome({ config: SEED_CONFIG });
    homes.push(home);
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const stored =
      browser.kind === 'legacy-command'
        ? { browserCommand: browser.commandLine }
        : browser.kind === 'system'
          ? {}
          : { browser };
    mkdirSync(settingsDirOf(home), { recursive: true });
    writeFileSync(path.join(settingsDirOf(home), 'settings.json'), JSON.stringify(stored));
    const core = await openTestCore(home, { systemBrowser });
    cores.push(core);
    return core;
  }
  const cores: Awaited<ReturnType<typeof openTestCore>>[] = [];
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
  });

  it('hands allowed URLs to the system browser and refuses others', async () => {
    const opened: string[] = [];
    const core = await coreWith({ kind: 'system' }, async (url) => void opened.push(url));
    await core.openUrl('https://d-abc123.awsapps.com/start/#/console?account_id=1');
    await expect(core.openUrl('https://evil.example/')).rejects.toMatchObject({
      code: 'url-refused',
    });
    await expect(core.openUrl('file:///etc/passwd')).rejects.toMatchObject({
      code: 'url-refused',
    });
    expect(opened).toEqual(['https://d-abc123.awsapps.com/start/#/console?account_id=1']);
  });

  it('runs the browser and profile chosen in the picker, with the URL as one argument (a real process)', async () => {
    const program = recordingProgram();
    const core = await coreWith({
      kind: 'installed',
      browser: 'firefox',
      executable: program.file,
      profile: 'work stuff',
      label: 'Firefox: work stuff',
    });
    const url = 'https://signin.aws.amazon.com/federation?Action=login&x=$(touch%20/tmp/pwned)';
    await core.openUrl(url);
    await expect.poll(program.argv).toEqual(['-P', 'work stuff', url]);
  });

  it('runs a program picked in the file picker with the URL as its only argument', async () => {
    const program = recordingProgram();
    const core = await coreWith({ kind: 'program', executable: program.file });
    await core.openUrl('https://signin.aws.amazon.com/');
    await expect.poll(program.argv).toEqual(['https://signin.aws.amazon.com/']);
  });

  it('still runs a command line an older version stored (a real process)', async () => {
    const out = path.join(tempDir(), 'opened.txt');
    const script = `require("fs").writeFileSync(${JSON.stringify(out)}, process.argv[1])`;
    const core = await coreWith({
      kind: 'legacy-command',
      commandLine: `"${process.execPath}" -e '${script}' {url}`,
    });
    await core.openUrl('https://signin.aws.amazon.com/federation?Action=login');
    await expect
      .poll(() => (existsSync(out) ? readFileSync(out, 'utf8') : null))
      .toBe('https://signin.aws.amazon.com/federation?Action=login');
  });

  it('reports a stored command line that cannot be parsed', async () => {
    const core = await coreWith({
      kind: 'legacy-command',
      commandLine: 'firefox "unbalanced {url}',
    });
    await expect(core.openUrl('https://signin.aws.amazon.com/')).rejects.toMatchObject({
      code: 'browser-failed',
      message: expect.stringContaining('unbalanced quote'),
    });
  });

  it('reports a browser that is gone, and how to choose another', async () => {
    const core = await coreWith({
      kind: 'program',
      executable: path.join(tempDir(), 'uninstalled'),
    });
    await expect(core.openUrl('https://signin.aws.amazon.com/')).rejects.toMatchObject({
      code: 'browser-failed',
      message: expect.stringMatching(/ENOENT.*Choose another one in Preferences/),
    });
  });
});

describe('launch at login', () => {
  it('uses the OS login items on macOS and Windows', async () => {
    const calls: unknown[] = [];
    const app = { setLoginItemSettings: (s: unknown) => void calls.push(s) };
    await applyLaunchAtLogin(true, {
      platform: 'darwin',
      app,
      autostartFile: '/unused',
      command: [],
    });
    await applyLaunchAtLogin(false, {
      platform: 'win32',
      app,
      autostartFile: '/unused',
      command: [],
    });
    expect(calls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const home = tempDir();
    const file = autostartFile({}, home);
    expect(file).toBe(path.join(home, '.config', 'autostart', 'sso-tray.desktop'));
    expect(autostartFile({ XDG_CONFIG_HOME: '/x' }, home)).toBe('/x/autostart/sso-tray.desktop');
    const app = {
      setLoginItemSettings: () => {
        throw new Error('not on Linux');
      },
    };
    const command = launchCommand({
      env: {},
      execPath: '/opt/SSO Tray/sso-tray-app',
      isPackaged: true,
      appPath: '/x',
    });
    await applyLaunchAtLogin(true, { platform: 'linux', app, autostartFile: file, command });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/SSO Tray/sso-tray-app"\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await applyLaunchAtLogin(false, { platform: 'linux', app, autostartFile: file, command });
    expect(existsSync(file)).toBe(false);
  });

  it('starts the AppImage itself, or Electron with the app folder in development', () => {
    expect(
      launchCommand({
        env: { APPIMAGE: '/home/u/SSO.AppImage' },
        execPath: '/tmp/.mount/x',
        isPackaged: true,
        appPath: '',
      }),
    ).toEqual(['/home/u/SSO.AppImage']);
    expect(
      launchCommand({
        env: {},
        execPath: '/repo/node_modules/electron/dist/electron',
        isPackaged: false,
        appPath: '/repo',
      }),
    ).toEqual(['/repo/node_modules/electron/dist/electron', '/repo']);
    expect(autostartDesktopEntry(['/a b/c$d', '50%'])).toContain('Exec="/a b/c\\$d" 50%%');
  });
});

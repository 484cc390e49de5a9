// The secrets boundary in the Electron main process, run under the recording
// STAND-IN for `electron` (test/support/electron-stand-in.ts; the Electron
// binary cannot run here) against the real core and the fake IAM Identity
// Center. Everything main hands to Electron (IPC results, snapshots sent to the
// window, tray menus and tooltips, notifications, URLs given to
// shell.openExternal) and everything it logs is scanned for secrets while the
// window signs in, renews, exports, opens consoles, discovers and meets
// faults. The clipboard is the one place credentials go on purpose (the
// stand-in records only their length).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MainProcess } from '../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../support/main-in-stand-in';
import { SETTINGS_FILE_NAME } from '../../app/core/settings/settings-store';
import {
  API_METHODS,
  channelOf,
  EXPORT_MODES,
  EXPORT_SHELLS,
  EXPORT_TOOLS,
  READY_CHANNEL,
  type ApiMethod,
} from '../../app/shared/api';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../fakes/fake-identity-center';
import {
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  standIn,
  Tray,
} from '../support/electron-stand-in';
import { createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { reportFigures } from './support/report';
import { cacheSecrets, fakeSecrets, findSecrets } from './support/secrets';

vi.mock('electron', () => import('../support/electron-stand-in'));

const ROLES = [
  ['111111111111', 'DeveloperAccess'],
  ['222222222222', 'ReadOnly'],
] as const;
const BROWSER = `${process.execPath} ${path.resolve(__dirname, '../integration/auth/support/fake-browser.mjs')}`;

describe('main process (Electron stand-in): what leaves main holds no secret', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let started: MainInStandIn;
  let main: MainProcess;
  const logged: string[] = [];
  const results: unknown[] = [];
  const seen = new Set<string>();
  const called = new Set<ApiMethod>();
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    standIn.reset();
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '),
        );
      });
    }
    fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 1 } });
    home = createTempHome({ config: SEED_CONFIG });
    // A browser command an older version stored: a stand-in browser that follows the sign-in page.
    started = await startMainInStandIn({ env: { ...home.env, ...fake.env } }, (settingsDir) =>
      writeFileSync(
        path.join(settingsDir, SETTINGS_FILE_NAME),
        JSON.stringify({ browserCommand: BROWSER }),
      ),
    );
    main = started.main;
    main.window.show();
    ipcMain.sendFrom(BrowserWindow.instances[0]!.webContents, READY_CHANNEL);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    // Reported once console is itself again (the test captures it).
    reportFigures('secrets boundary (main process under the Electron stand-in)', figures);
    await started?.stop();
    await fake?.close();
    home?.cleanup();
  });

  async function invoke(method: ApiMethod, ...args: unknown[]): Promise<unknown> {
    const result = await ipcMain.invoke(
      BrowserWindow.instances[0]!.webContents,
      channelOf(method),
      args,
    );
    called.add(method);
    results.push(result);
    for (const secret of [...cacheSecrets(home.paths.cacheDir), ...fakeSecrets(fake, ROLES)])
      seen.add(secret);
    return result;
  }

  it('through sign-in, renewal, exports, console, discovery, faults and sign-out', async () => {
    expect(await invoke('signIn', 'my-sso')).toMatchObject({ ok: true });
    expect(await main.core.renewNow('my-sso')).toMatchObject({ kind: 'renewed' });
    // From here on, links go to the system browser (shell.openExternal): the user picks it in
    // main's dialog, whose first button is the system default.
    expect(await invoke('getBrowser')).toMatchObject({ kind: 'legacy-command' });
    dialog.answers.push({ kind: 'message', response: 0 });
    expect(await invoke('chooseBrowser')).toEqual({
      ok: true,
      value: { kind: 'system', label: 'System default browser' },
    });

    // The broker main started: container-mode previews carry its bearer token (masked).
    expect(await invoke('getBroker')).toMatchObject({
      running: true,
      address: main.broker!.address.path,
    });
    seen.add(readFileSync(main.broker!.containerEndpoint!.tokenFile, 'utf8'));
    for (const profile of ['dev', 'prod']) {
      for (const target of [...EXPORT_SHELLS, ...EXPORT_TOOLS]) {
        for (const mode of EXPORT_MODES) await invoke('previewExport', { profile, target, mode });
      }
      expect(
        await invoke('copyExport', { profile, target: 'powershell', mode: 'credentials' }),
      ).toMatchObject({
        ok: true,
      });
      expect(await invoke('openConsole', profile)).toMatchObject({ ok: true });
    }
    await invoke('diagnose');
    await invoke('diagnose', 'dev');
    expect(await invoke('discover', 'my-sso')).toMatchObject({ ok: true });
    const plan = (await invoke('planProfiles', { session: 'my-sso' })) as {
      ok: boolean;
      value: unknown;
    };
    expect(plan.ok).toBe(true);
    expect(await invoke('applyProfilePlan', plan.value)).toMatchObject({ ok: true });
    await invoke('getSnapshot');
    await invoke('getAppInfo');
    await invoke('getSettings');
    await invoke('updateSettings', { clipboardClearSeconds: 30 });
    await invoke('copyText', 'ABCD-EFGH');

    // Faults: a failing token endpoint, a failing portal, then a revoked sign-in.
    fake.knobs.failures = {
      CreateToken: { status: 500, count: 1000 },
      GetRoleCredentials: { status: 500, count: 1000 },
    };
    main.core.forgetCredentials();
    expect(await invoke('signIn', 'my-sso', { flow: 'device-code' })).toMatchObject({ ok: false });
    expect(
      await invoke('copyExport', { profile: 'dev', target: 'bash', mode: 'credentials' }),
    ).toMatchObject({
      ok: false,
    });
    fake.knobs.failures = {};
    fake.revokeAllSessions();
    expect(
      await invoke('previewExport', { profile: 'prod', target: 'fish', mode: 'credentials' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'session-expired' },
    });
    expect(await invoke('discover', 'my-sso')).toMatchObject({ ok: false });
    await invoke('cancelSignIn', 'my-sso');
    await invoke('reopenSignInPage', 'my-sso');
    expect(await invoke('signOut', 'my-sso')).toMatchObject({ ok: true });
    // A stranger's call is refused and logged: the log must stay clean too.
    const { StandInWebContents } = await import('../support/electron-stand-in');
    await expect(
      ipcMain.invoke(new StandInWebContents(), channelOf('getSnapshot'), []),
    ).rejects.toThrow();

    expect(API_METHODS.filter((m) => !called.has(m))).toEqual([]);

    const sent = BrowserWindow.instances.flatMap((w) =>
      w.webContents.sent.map((m) => JSON.stringify(m.payload)),
    );
    const texts: [string, string][] = [
      ['calls main made to Electron', JSON.stringify(standIn.calls)],
      ['messages sent to the window', sent.join('\n')],
      ['IPC results', JSON.stringify(results)],
      ['logs', logged.join('\n')],
      ['notifications', JSON.stringify(Notification.instances.map((n) => n.options))],
      ['tray', JSON.stringify(Tray.instances.map((t) => [t.tooltip, t.title, t.menu?.labels()]))],
    ];
    const findings = texts.flatMap(([where, text]) => findSecrets(text, seen, where));
    // The scans had something to look at.
    expect(sent.length).toBeGreaterThan(3);
    expect(standIn.calls.some((c) => c.api === 'shell.openExternal')).toBe(true);
    expect(standIn.calls.some((c) => c.api === 'clipboard.writeText')).toBe(true);
    expect(seen.size).toBeGreaterThan(8);
    Object.assign(figures, {
      electronCallsScanned: standIn.calls.length,
      windowMessagesScanned: sent.length,
      ipcResultsScanned: results.length,
      logLinesScanned: logged.length,
      secretsKnown: seen.size,
      secretsFound: findings.length,
    });
    expect(findings).toEqual([]);
  }, 60_000);
});

// Main's MFA prompt under the recording Electron stand-in (the Electron binary
// cannot run here; the page itself runs in real Chromium in
// test/e2e/mfa-prompt-page.spec.ts). The prompt is a window of its own with no
// preload and no script, never the app's window; the answer is the navigation
// its form starts, which main cancels. Then the whole app: a tool asking the
// broker for a chained profile with mfa_serial gets the prompt, the code
// reaches STS, and the credentials are kept, so the next tool is not asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import type { CredentialsError } from '../../../app/core';
import { createMfaPromptWindow, MFA_PROMPT_TIMEOUT_MS } from '../../../app/main/mfa-prompt-window';
import { startMainProcess, type MainProcess } from '../../../app/main/main-process';
import { channelOf, type ApiResult } from '../../../app/shared/api';
import { FakeClock } from '../../support/fake-clock';
import { BrowserWindow, app, clipboard, ipcMain, standIn } from '../../support/electron-stand-in';
import { SEED_CONFIG } from '../../support/temp-home';
import {
  ROLES,
  startChainWorld,
  type ChainWorld,
} from '../../integration/credentials/support/chain-world';

vi.mock('electron', () => import('../../support/electron-stand-in'));

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const ANSWER = 'sso-tray://mfa/answer';

/** The page a prompt window loaded, decoded from its data: URL. */
const pageOf = (window: BrowserWindow, load = 0) =>
  decodeURIComponent(window.loads[load]!.replace(/^data:text\/html;charset=utf-8,/, ''));

/** The prompt window number `count` (1-based), once it is open: each waits for the one before. */
async function promptWindow(count: number): Promise<BrowserWindow> {
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(count));
  return BrowserWindow.instances[count - 1]!;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as CredentialsError,
  );

describe('the prompt window', () => {
  let clock: FakeClock;
  beforeEach(() => {
    standIn.reset();
    clock = new FakeClock();
  });
  const prompt = () => createMfaPromptWindow({ BrowserWindow: BrowserWindow as never, clock });

  it('is a window of its own: no preload, no script, sandboxed; the page names the device and the profile', async () => {
    const answer = prompt()(SERIAL, 'deploy');
    const window = await promptWindow(1);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(window.options).toMatchObject({ title: 'SSO Tray: MFA code for deploy' });
    expect(window.isVisible()).toBe(true);
    const page = pageOf(window);
    expect(page).toContain(`Enter the current code of ${SERIAL}.`);
    expect(page).toContain('MFA code for profile deploy');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(`form-action sso-tray:`);
    // The form's answer is a navigation main stops and reads.
    expect(window.webContents.tryNavigate(`${ANSWER}?code=123+456&action=ok`)).toBe(true);
    expect(await answer).toBe('123456');
    expect(window.isDestroyed()).toBe(true);
  });

  it('a code that is not 6 digits shows the page again, saying so; Cancel refuses naming the profile', async () => {
    const answer = prompt()(SERIAL, 'deploy');
    const window = await promptWindow(1);
    window.webContents.tryNavigate(`${ANSWER}?code=12ab&action=ok`);
    expect(window.isDestroyed()).toBe(false);
    expect(pageOf(window, 1)).toContain('Enter the 6 digits the device shows now.');
    // Any other navigation is stopped and changes nothing.
    expect(window.webContents.tryNavigate('https://example.com/?code=123456')).toBe(true);
    expect(window.isDestroyed()).toBe(false);
    window.webContents.tryNavigate(`${ANSWER}?code=&action=cancel`);
    expect(await failure(answer)).toMatchObject({
      code: 'mfa-cancelled',
      message: 'Cancelled: no MFA code was entered for profile "deploy".',
    });
    expect(window.isDestroyed()).toBe(true);
  });

  it('closing the window cancels (exit 130); nobody answering gives up (exit 1) after a few minutes', async () => {
    const ask = prompt();
    const closed = ask(SERIAL, 'deploy');
    (await promptWindow(1)).close();
    expect(await failure(closed)).toMatchObject({ code: 'mfa-cancelled' });

    const ignored = ask(SERIAL, 'audit');
    await promptWindow(2);
    clock.advance(MFA_PROMPT_TIMEOUT_MS);
    expect(await failure(ignored)).toMatchObject({
      code: 'mfa-unavailable',
      message: `Profile "audit" needs an MFA code from ${SERIAL}, and nobody entered it within 5 minutes.`,
    });
    expect(BrowserWindow.instances[1]!.isDestroyed()).toBe(true);
  });

  it('one prompt at a time: the second waits for the answer to the first', async () => {
    const ask = prompt();
    const first = ask(SERIAL, 'deploy');
    const second = ask('arn:aws:iam::111111111111:mfa/bob', 'audit');
    const firstWindow = await promptWindow(1);
    // The first is still unanswered: the second has no window yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(BrowserWindow.instances).toHaveLength(1);
    firstWindow.webContents.tryNavigate(`${ANSWER}?code=111111&action=ok`);
    expect(await first).toBe('111111');
    const secondWindow = await promptWindow(2);
    expect(pageOf(secondWindow)).toContain('profile audit');
    secondWindow.webContents.tryNavigate(`${ANSWER}?code=222222&action=ok`);
    expect(await second).toBe('222222');
  });

  it('writes names as text, never as markup', async () => {
    void prompt()(SERIAL, '<img src=x onerror=alert(1)>&"').catch(() => undefined);
    const page = pageOf(await promptWindow(1));
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;');
  });
});

describe('the app asks for the code when a tool needs a chained profile', () => {
  const CONFIG = `${SEED_CONFIG}
[profile guarded]
role_arn = ${ROLES.guarded}
source_profile = dev
mfa_serial = ${SERIAL}
region = eu-west-1

[profile guarded-again]
role_arn = ${ROLES.guarded}
source_profile = dev
mfa_serial = ${SERIAL}
region = eu-west-1
`;
  let world: ChainWorld;
  let userData: string;
  let main: MainProcess;
  const code = '424242';
  const expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;

  beforeAll(async () => {
    standIn.reset();
    world = await startChainWorld(CONFIG);
    world.signIn();
    world.sts.knobs.mfaDevices = { [SERIAL]: code };
    world.sts.knobs.expiresAt = expiresAt;
    userData = mkdtempSync(path.join(tmpdir(), 'sso-tray-userdata-'));
    standIn.userData = userData;
    const started = await startMainProcess({
      env: { ...world.env, SSO_TRAY_CONFIG_DIR: userData },
    });
    if (!started) throw new Error('main did not start');
    main = started;
  });

  afterAll(async () => {
    app.quit();
    await main.core.close();
    await world.close();
    rmSync(userData, { recursive: true, force: true });
  });

  const ask = (profile = 'guarded') =>
    requestCredentials(
      profile,
      { waitSeconds: 30, caller: { name: 'terraform' } },
      { addresses: brokerAddressesFor(world.home.env) },
    );
  const promptWindows = () =>
    BrowserWindow.instances.filter((w) => String(w.options.title).includes('MFA code'));

  it('main shows its own prompt, the code reaches STS, and the tool gets the credentials', async () => {
    expect(main.window.contentsId()).toBeNull();
    const reply = ask();
    await vi.waitFor(() => expect(promptWindows()).toHaveLength(1), { timeout: 10_000 });
    const window = promptWindows()[0]!;
    // Not the app's window: that one was never created.
    expect(main.window.contentsId()).toBeNull();
    expect(BrowserWindow.instances).toEqual([window]);
    expect(pageOf(window)).toContain('MFA code for profile guarded');
    window.webContents.tryNavigate(`${ANSWER}?code=${code}&action=ok`);
    const sso = world.ic.roleCredentials('111111111111', 'DeveloperAccess');
    expect(await reply).toEqual({
      ok: true,
      value: world.sts.credentialsFor(ROLES.guarded, sso.accessKeyId, expiresAt),
    });
    expect(world.sts.requestsFor('AssumeRole').at(-1)).toMatchObject({
      serialNumber: SERIAL,
      tokenCode: code,
      outcome: 'ok',
    });
  });

  it('asked once per duration: the next tool and the window’s export get the kept credentials', async () => {
    const windows = BrowserWindow.instances.length;
    const assumed = world.sts.requestsFor('AssumeRole').length;
    const reply = await ask();
    expect(reply.ok).toBe(true);
    main.window.show();
    const ours = BrowserWindow.instances.at(-1)!.webContents;
    const copied = (await ipcMain.invoke(ours, channelOf('copyExport'), [
      { profile: 'guarded', target: 'bash', mode: 'credentials' },
    ])) as ApiResult<{ maskedText: string }>;
    expect(copied.ok).toBe(true);
    expect(clipboard.text).toContain(
      `export AWS_ACCESS_KEY_ID=${reply.ok ? reply.value.accessKeyId : ''}`,
    );
    // Only the app's window was added; no new prompt, no new AssumeRole.
    expect(BrowserWindow.instances.length).toBe(windows + 1);
    expect(promptWindows()).toHaveLength(1);
    expect(world.sts.requestsFor('AssumeRole').length).toBe(assumed);
  });

  it('Cancel in the prompt: the tool gets a cancel naming the profile, and nothing goes to STS', async () => {
    const windows = promptWindows().length;
    const assumed = world.sts.requestsFor('AssumeRole').length;
    const reply = ask('guarded-again');
    await vi.waitFor(() => expect(promptWindows()).toHaveLength(windows + 1), {
      timeout: 10_000,
    });
    promptWindows().at(-1)!.webContents.tryNavigate(`${ANSWER}?code=&action=cancel`);
    expect(await reply).toEqual({
      ok: false,
      error: {
        code: 'mfa-cancelled',
        message: 'Cancelled: no MFA code was entered for profile "guarded-again".',
      },
    });
    expect(world.sts.requestsFor('AssumeRole').length).toBe(assumed);
  });
});

// Sign-in where the user is, through the real core and the fake IAM Identity
// Center: the flow follows the place (device code over SSH) unless the session,
// the config or the request says otherwise; and a session with a browser of its
// own signs in (and opens its consoles) there, while others use the default.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP } from '../../../app/core';
import { SEED_CONFIG } from '../../support/temp-home';
import { startAuthHarness, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const OVER_SSH = { ...DESKTOP, ssh: true };
/** Device polls back to back: the pending replies stay, the waits between them go. */
const FAST_POLLS = { deviceIntervalSeconds: 0 };

const OTHER = `
[sso-session other]
sso_start_url = https://d-other.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
`;

const flowsUsed = () => ({
  pkce: h.fake.requestsFor('Authorize').length,
  deviceCode: h.fake.requestsFor('StartDeviceAuthorization').length,
});

describe('the flow where the user is', () => {
  it('over SSH the device code, unless the session’s own setting or the request says otherwise', async () => {
    h = await startAuthHarness({ knobs: FAST_POLLS, core: { surroundings: OVER_SSH } });
    expect(h.core.signInFlowChoice('dev')).toEqual({
      flow: 'device-code',
      source: 'environment',
      reason: 'this runs over SSH',
    });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    expect(flowsUsed()).toEqual({ pkce: 0, deviceCode: 1 });
    expect(h.prompts.at(-1)).toMatchObject({ flow: 'device-code' });

    // The session's own setting (what `login --pkce --remember` stores) wins over the place.
    await h.core.settings.update({ sessionSignIn: { 'my-sso': { flow: 'pkce' } } });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    expect(flowsUsed()).toEqual({ pkce: 1, deviceCode: 1 });
    // And a request's own flow wins over the setting.
    expect(await h.core.signIn('my-sso', { flow: 'device-code' })).toMatchObject({ ok: true });
    expect(flowsUsed()).toEqual({ pkce: 1, deviceCode: 2 });
  });

  it('sso_use_device_code = true in the [sso-session] picks the device code on a desktop', async () => {
    h = await startAuthHarness({
      config: SEED_CONFIG.replace(
        'sso_registration_scopes = sso:account:access',
        'sso_registration_scopes = sso:account:access\nsso_use_device_code = true',
      ),
      knobs: FAST_POLLS,
      core: { surroundings: DESKTOP },
    });
    expect(h.core.signInFlowChoice('my-sso').source).toBe('config');
    expect(await h.core.signIn('dev')).toMatchObject({ ok: true });
    expect(flowsUsed()).toEqual({ pkce: 0, deviceCode: 1 });
  });

  it('on a desktop the global setting decides', async () => {
    h = await startAuthHarness({ core: { surroundings: DESKTOP } });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    expect(flowsUsed()).toEqual({ pkce: 1, deviceCode: 0 });
  });
});

/** A browser program (chosen in main's picker) that follows the page like a signed-in user, and says which page it got. */
function browserProgram(): { program: string; opened: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-session-browser-'));
  dirs.push(dir);
  const opened = path.join(dir, 'opened.txt');
  const program = path.join(dir, 'work-browser.mjs');
  const follower = readFileSync(path.join(__dirname, 'support', 'fake-browser.mjs'), 'utf8');
  writeFileSync(
    program,
    `#!${process.execPath}\nimport { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(opened)}, process.argv[2] + '\\n');\n${follower.replace(/^#!.*\n/, '')}`,
  );
  chmodSync(program, 0o755);
  return { program, opened };
}

describe('a browser per session', () => {
  it('signs a session in through its own browser; another session uses the default one', async () => {
    const system: string[] = [];
    h = await startAuthHarness({
      config: `${SEED_CONFIG}${OTHER}`,
      core: {
        surroundings: DESKTOP,
        // No opener of the test's: the core's own launcher decides where pages go.
        signInOpener: undefined,
        systemBrowser: async (url) => {
          system.push(url);
          await h.fake.visit(url);
        },
      },
    });
    const { program, opened } = browserProgram();
    await h.core.settings.setSessionBrowser('my-sso', { kind: 'program', executable: program });

    expect(await h.core.signIn('dev')).toMatchObject({ ok: true, session: 'my-sso' });
    const [page] = readFileSync(opened, 'utf8').trim().split('\n');
    expect(page).toMatch(new RegExp(`^${h.fake.url}/authorize\\?response_type=code&`));
    expect(system).toEqual([]);

    expect(await h.core.signIn('other')).toMatchObject({ ok: true, session: 'other' });
    expect(system).toHaveLength(1);
    expect(system[0]).toMatch(new RegExp(`^${h.fake.url}/authorize\\?`));
    // The program saw only its session's page.
    expect(readFileSync(opened, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

// The right action where the user is, through the real bin against the fake
// IAM Identity Center: over SSH the device code is chosen and said so; a
// browser sign-in over SSH points at --device-code; `--remember` keeps a flow
// for the session; an export of a profile that needs a sign-in still prints
// but says how to sign in; the doctor without any config says how to start.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let fake: FakeIdentityCenter | undefined;
const homes: TempHome[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  homes.splice(0).forEach((h) => h.cleanup());
});

function home(config = SEED_CONFIG): TempHome {
  const h = createTempHome({ config });
  homes.push(h);
  return h;
}

type Knobs = NonNullable<Parameters<typeof startFakeIdentityCenter>[0]>['knobs'];

async function world(knobs: Knobs = {}) {
  fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 0, ...knobs } });
  const h = home();
  return { h, env: { ...h.env, ...fake.env } };
}

const FAKE_BROWSER = `${process.execPath} ${path.resolve(__dirname, '../auth/support/fake-browser.mjs')} %s`;
const ours = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('sso-tray:'));

describe('login where the user is', () => {
  it('over SSH: the device code, saying why and how to choose the browser flow', async () => {
    const { env } = await world({ autoApprove: false });
    const run = await runSsoTray(['login', 'my-sso', '--no-browser', '--timeout', '1'], {
      env: { ...env, SSH_CONNECTION: '203.0.113.7 50022 10.0.0.5 22', DISPLAY: ':0' },
    });
    expect(run.code).toBe(5);
    expect(ours(run.stderr)[0]).toBe(
      'sso-tray: signing in with a device code because this runs over SSH; --pkce uses a browser on this machine instead.',
    );
    const out = run.stdout.split('\n');
    expect(out[0]).toBe('Open this URL in a browser to sign in to my-sso:');
    expect(out[1]).toMatch(/\/device\?user_code=/);
    expect(out[4]).toBe('Waiting for you to confirm the code in the browser…');
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
  });

  it('--pkce --no-browser over SSH: waits for the browser and points at --device-code', async () => {
    const { env } = await world();
    const run = await runSsoTray(['login', 'my-sso', '--pkce', '--no-browser', '--timeout', '1'], {
      env: { ...env, SSH_TTY: '/dev/pts/3' },
    });
    expect(run.code).toBe(5);
    const out = run.stdout.split('\n');
    expect(out[1]).toMatch(/\/authorize\?response_type=code&/);
    expect(out[2]).toBe('Waiting for the browser…');
    expect(ours(run.stderr)[0]).toMatch(
      /^sso-tray: this terminal runs over SSH: .*127\.0\.0\.1.* run: sso-tray login my-sso --device-code$/,
    );
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(0);
  });

  it('--remember keeps the flow for the session, over what the place would choose', async () => {
    const { h, env } = await world();
    const settingsDir = path.join(h.home, 'settings');
    const withBrowser = { ...env, BROWSER: FAKE_BROWSER, SSO_TRAY_CONFIG_DIR: settingsDir };
    const first = await runSsoTray(['login', 'my-sso', '--pkce', '--remember'], {
      env: withBrowser,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('my-sso signs in with the browser flow (--pkce) from now on.');
    expect(JSON.parse(readFileSync(path.join(settingsDir, 'settings.json'), 'utf8'))).toMatchObject(
      { sessionSignIn: { 'my-sso': { flow: 'pkce' } } },
    );
    rmSync(h.tokenPath('my-sso'));
    // Over SSH, where the device code would be chosen, the remembered flow is used.
    const again = await runSsoTray(['login', 'my-sso'], {
      env: { ...withBrowser, SSH_CONNECTION: '203.0.113.7 50022 10.0.0.5 22' },
    });
    expect(again.code).toBe(0);
    expect(ours(again.stderr).filter((l) => l.includes('device code'))).toEqual([]);
    expect(fake!.requestsFor('Authorize')).toHaveLength(2);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(0);

    const lonely = await runSsoTray(['login', 'my-sso', '--remember'], { env: withBrowser });
    expect(lonely.code).toBe(2);
    expect(ours(lonely.stderr)).toEqual([
      'sso-tray: --remember keeps the flow you choose: add --device-code or --pkce.',
    ]);
  });
});

describe('export of a profile that needs a sign-in', () => {
  it('prints the profile lines and warns on stderr with the login command', async () => {
    const h = home();
    h.writeToken('my-sso', cliToken({ expiresAt: '2000-01-01T00:00:00Z' }));
    const run = await runSsoTray(['export', 'dev', '--shell', 'bash'], { env: h.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('export AWS_PROFILE=dev');
    expect(run.stderr).toBe(
      'sso-tray: warning: the sign-in for my-sso has expired; tools using dev fail until you sign in: sso-tray login my-sso\n',
    );
    // Tool lines select the profile too: the same warning.
    const pulumi = await runSsoTray(['export', 'prod', '--tool', 'pulumi'], { env: h.env });
    expect(pulumi.stdout).toContain('aws:profile');
    expect(pulumi.stderr).toContain(
      'tools using prod fail until you sign in: sso-tray login my-sso',
    );
    rmSync(h.tokenPath('my-sso'));
    const missing = await runSsoTray(['export', 'prod'], { env: { ...h.env, SHELL: '/bin/zsh' } });
    expect(missing.stderr).toBe(
      'sso-tray: warning: my-sso is not signed in; tools using prod fail until you sign in: sso-tray login my-sso\n',
    );
  });

  it('says nothing for a valid sign-in', async () => {
    const h = home();
    h.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const run = await runSsoTray(['export', 'dev'], { env: h.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('doctor without any AWS config', () => {
  it('says there is no config file and how to create one', async () => {
    const h = home();
    rmSync(h.paths.configFile);
    const run = await runSsoTray(['doctor'], { env: h.env, cwd: h.home });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      '1 warning:',
      '',
      'warning  There is no AWS config file  [config-missing]',
    ]);
    expect(run.stdout).toContain('does not exist');
    expect(run.stdout).toContain('aws configure sso');
    expect(run.stdout).toContain('[sso-session my-sso]');
  });
});

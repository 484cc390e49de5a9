// `sso-tray login` / `sso-tray logout` against the fake IAM Identity Center:
// in-process through runCli (to drive the printed URL like a user would) and
// through the real bin in a child process.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { runSsoTray, SSO_TRAY_BIN } from '../../support/run-cli';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { secretsOf } from './support/auth-harness';

let fake: FakeIdentityCenter;
let home: TempHome;
afterEach(async () => {
  await fake?.close();
  home?.cleanup();
});

async function world(options: Parameters<typeof startFakeIdentityCenter>[0] = {}) {
  // Device polls back to back: the pending replies stay, the real-time waits between them go.
  fake = await startFakeIdentityCenter({
    ...options,
    knobs: { deviceIntervalSeconds: 0, ...options.knobs },
  });
  home = createTempHome({ config: SEED_CONFIG });
  return { ...home.env, ...fake.env };
}

/** Runs the CLI in-process; `onUrl` sees each URL printed on a line of its own. */
async function cli(
  args: string[],
  env: Record<string, string | undefined>,
  onUrl: (url: string) => void = () => {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    cwd: home.home,
    isTty: false,
    stdout: (text) => {
      stdout += text;
      for (const line of text.split('\n')) if (/^https?:\/\/\S+$/.test(line)) onUrl(line);
    },
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const visit = (url: string) => void fake.visit(url);

describe('sso-tray login', () => {
  it('--pkce --no-browser prints the authorize URL on its own line, waits, writes the token', async () => {
    const env = await world();
    const urls: string[] = [];
    const run = await cli(['login', 'my-sso', '--pkce', '--no-browser'], env, (url) => {
      urls.push(url);
      visit(url);
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(new RegExp(`^${fake.url}/authorize\\?response_type=code&`));
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Open this URL in a browser to sign in to my-sso:');
    expect(lines[1]).toBe(urls[0]);
    expect(lines[2]).toBe('Waiting for the browser…');
    expect(lines[3]).toMatch(
      /^Signed in to my-sso; valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z \(8h left\)\.$/,
    );
    const token = readFileSync(home.tokenPath('my-sso'), 'utf8');
    for (const secret of secretsOf(token)) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('--device-code --no-browser prints the URL and the code, for a profile name too', async () => {
    const env = await world();
    // The user opens the printed page, which confirms the code; the CLI polls through "pending".
    const run = await cli(['login', 'dev', '--device-code', '--no-browser'], env, visit);
    expect(run.code).toBe(0);
    const [device] = fake.requestsFor('StartDeviceAuthorization');
    expect(device).toBeDefined();
    expect(fake.requestsFor('VerifyDevice')).toHaveLength(1);
    expect(fake.requestsFor('CreateToken')).toHaveLength(3);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Open this URL in a browser to sign in to my-sso:');
    expect(lines[1]).toMatch(new RegExp(`^${fake.url}/device\\?user_code=[A-Z]{4}-[A-Z]{4}$`));
    expect(lines[2]).toBe('Then confirm the code:');
    expect(lines[3]).toBe(lines[1]!.split('=')[1]);
    expect(lines[4]).toBe('Waiting for you to confirm the code in the browser…');
    expect(lines[5]).toMatch(/^Signed in to my-sso; valid until /);
  });

  it('fails with one line: exit 3 for an unknown name, 2 for bad options', async () => {
    const env = await world();
    const unknown = await cli(['login', 'nope'], env);
    expect(unknown).toEqual({
      code: 3,
      stdout: '',
      stderr: 'sso-tray: No sso-session or profile named "nope" in the AWS config file.\n',
    });
    const bad = await cli(['login', 'my-sso', '--timeout', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(
      'sso-tray: --timeout needs a number of seconds, not "soon"',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('fails with exit 6 (refused) when the user denies access', async () => {
    const env = await world({ knobs: { deny: true } });
    const run = await cli(['login', 'my-sso', '--device-code', '--no-browser'], env);
    expect(run.code).toBe(6);
    expect(run.stderr).toBe('sso-tray: Access was denied when trying to sign in to my-sso.\n');
  });

  it('times out with exit 5 when nobody opens the page', async () => {
    const env = await world();
    const run = await cli(['login', 'my-sso', '--pkce', '--no-browser', '--timeout', '1'], env);
    expect(run.code).toBe(5);
    expect(run.stderr).toBe('sso-tray: The sign-in of my-sso timed out after 1 s.\n');
    // It waited for the browser (the page was printed), and no code ever came back.
    expect(run.stdout.split('\n')[1]).toMatch(new RegExp(`^${fake.url}/authorize\\?`));
    expect(fake.requestsFor('Authorize')).toHaveLength(0);
    expect(fake.requestsFor('CreateToken')).toHaveLength(0);
    expect(existsSync(home.tokenPath('my-sso'))).toBe(false);
  });

  it('fails with exit 5 (network) and one line when IAM Identity Center cannot be reached', async () => {
    const env = await world();
    await fake.close();
    const run = await cli(['login', 'my-sso', '--device-code', '--no-browser'], env);
    expect(run.code).toBe(5);
    expect(run.stderr).toBe(
      'sso-tray: Could not reach IAM Identity Center (ECONNREFUSED) to sign in to my-sso. Check the network and try again.\n',
    );
  });
});

describe('sso-tray logout', () => {
  it('signs one session out, and says when there was nothing to do', async () => {
    const env = await world();
    expect((await cli(['login', 'my-sso', '--device-code', '--no-browser'], env, visit)).code).toBe(
      0,
    );
    const out = await cli(['logout', 'my-sso'], env);
    expect(out).toEqual({ code: 0, stdout: 'Signed out of my-sso.\n', stderr: '' });
    expect(fake.requestsFor('Logout')).toHaveLength(1);
    expect(await cli(['logout', 'dev'], env)).toEqual({
      code: 0,
      stdout: 'my-sso was not signed in; nothing to remove.\n',
      stderr: '',
    });
    expect((await cli(['logout', 'nope'], env)).code).toBe(3);
  });

  it('removes the local sign-in even when the portal is down, and says so', async () => {
    const env = await world();
    expect((await cli(['login', 'my-sso', '--device-code', '--no-browser'], env, visit)).code).toBe(
      0,
    );
    fake.knobs.failures.Logout = { status: 500, count: 3 };
    const out = await cli(['logout', 'my-sso'], env);
    expect(out).toEqual({
      code: 0,
      stdout: 'Signed out of my-sso.\n',
      stderr:
        'sso-tray: IAM Identity Center could not be told (service-error); the local sign-in is removed anyway.\n',
    });
  });
});

describe('the real sso-tray bin', () => {
  it('signs in with the device flow, then `status --json` reports the session valid', async () => {
    // Pending twice, then approved (the user confirms in another window): the process waits it out.
    const env = await world({ knobs: { autoApprove: true } });
    const login = await runSsoTray(['login', 'my-sso', '--device-code', '--no-browser'], { env });
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^Signed in to my-sso; valid until /m);
    expect(login.stderr.split('\n').filter((l) => l.startsWith('sso-tray:'))).toEqual([]);
    const status = await runSsoTray(['status', '--json'], { env });
    const session = JSON.parse(status.stdout).sessions[0];
    expect(session).toMatchObject({
      name: 'my-sso',
      state: 'valid',
      renewal: { mode: 'automatic' },
    });
    expect(fake.requestsFor('CreateToken').length).toBeGreaterThanOrEqual(3);
  });

  it('opens the page with $BROWSER (a command, the URL as its argument) for PKCE', async () => {
    const env = await world();
    const browser = `${process.execPath} ${path.join(__dirname, 'support', 'fake-browser.mjs')} %s`;
    const login = await runSsoTray(['login', 'my-sso', '--pkce'], {
      env: { ...env, BROWSER: browser },
    });
    expect(login.code).toBe(0);
    expect(login.stdout.split('\n')[0]).toBe(
      'Opening the sign-in page for my-sso in your browser. If it does not open, open this URL:',
    );
    expect(fake.requestsFor('Authorize')).toHaveLength(1);
    expect(login.stdout).toMatch(/^Signed in to my-sso; valid until /m);
  });

  it('prints the URL and carries on when $BROWSER cannot be started', async () => {
    const env = await world();
    const result = await runSsoTray(['login', 'my-sso', '--pkce', '--timeout', '2'], {
      env: { ...env, BROWSER: '/nonexistent/browser' },
    });
    expect(result.code).toBe(5);
    const ours = result.stderr.split('\n').filter((l) => l.startsWith('sso-tray:'));
    expect(ours).toEqual([
      'sso-tray: Could not start the browser "/nonexistent/browser" (ENOENT). Open the URL above by hand.',
      'sso-tray: The sign-in of my-sso timed out after 2 s.',
    ]);
    expect(result.stdout.split('\n')[1]).toMatch(new RegExp(`^${fake.url}/authorize\\?`));
  });

  it('Ctrl-C cancels a waiting sign-in: exit 130, one line, nothing written', async () => {
    const env = await world();
    const child = spawn(
      process.execPath,
      [SSO_TRAY_BIN, 'login', 'my-sso', '--pkce', '--no-browser'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/^http:\/\/\S+$/m.test(stdout)) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.split('\n').filter((l) => l.startsWith('sso-tray:'))).toEqual([
      'sso-tray: The sign-in of my-sso was cancelled.',
    ]);
    expect(existsSync(home.tokenPath('my-sso'))).toBe(false);
    const redirect = new URL(stdout.split('\n')[1]!).searchParams.get('redirect_uri')!;
    await expect(fetch(redirect)).rejects.toThrow();
  });
});

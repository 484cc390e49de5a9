// `sso-tray login --device-code` as a child process against a fake that answers
// "authorization pending" the way the real service does until the user confirms
// the code: the process must stay alive through the waits between polls, finish
// once the user approves, and honour --timeout when nobody does.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { SSO_TRAY_BIN } from '../../support/run-cli';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
afterEach(async () => {
  await fake?.close();
  home?.cleanup();
});

const LEGACY = `
[profile legacy]
sso_start_url = https://d-xyz.awsapps.com/start
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = ReadOnly
`;

interface Running {
  readonly url: Promise<string>;
  readonly exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startLogin(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [SSO_TRAY_BIN, 'login', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let foundUrl: (url: string) => void;
  const url = new Promise<string>((resolve) => (foundUrl = resolve));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    const line = stdout.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/device\?/.test(l));
    if (line) foundUrl(line);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { url, exit };
}

async function world() {
  // The service's real behaviour: pending until the user confirms the code in a browser.
  fake = await startFakeIdentityCenter({
    knobs: { autoApprove: false, pollsBeforeApproval: 0, deviceIntervalSeconds: 1 },
  });
  home = createTempHome({ config: SEED_CONFIG + LEGACY });
  return { ...home.env, ...fake.env };
}

describe('sso-tray login --device-code against pending polls (child process)', () => {
  it('keeps polling through "authorization pending" and signs in once the user approves', async () => {
    const env = await world();
    const login = startLogin(['my-sso', '--device-code', '--no-browser'], env);
    const url = await login.url;
    await fake!.waitForRequests('CreateToken', 2);
    await fake!.visit(url);
    const run = await login.exit;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Signed in to my-sso; valid until /m);
    expect(existsSync(home!.tokenPath('my-sso'))).toBe(true);
  });

  it('does the same for a legacy profile (always the device flow)', async () => {
    const env = await world();
    const login = startLogin(['legacy', '--no-browser'], env);
    const url = await login.url;
    await fake!.waitForRequests('CreateToken', 2);
    await fake!.visit(url);
    const run = await login.exit;
    expect(run.code).toBe(0);
    expect(existsSync(home!.tokenPath('https://d-xyz.awsapps.com/start'))).toBe(true);
  });

  it('gives up at --timeout with a message and the timeout exit code', async () => {
    const env = await world();
    const login = startLogin(['my-sso', '--device-code', '--no-browser', '--timeout', '2'], env);
    // Nobody approves: whatever the flow waits for when the time is up, it gives up.
    const run = await login.exit;
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^sso-tray: The sign-in of my-sso timed out after 2 s\.?/m);
    expect(existsSync(home!.tokenPath('my-sso'))).toBe(false);
  });
});

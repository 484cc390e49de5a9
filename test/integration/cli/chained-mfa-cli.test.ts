// MFA for chained profiles through the built `sso-tray`, on a real
// pseudo-terminal (python's pty): the code is asked on the terminal with the
// typed digits hidden, while stdout goes to a pipe as a tool reads it; the
// device's serial and the code reach STS; the time the user takes to type does
// not count against the command's deadline; botocore running `sso-tray
// credential-process` as a credential_process gets the prompt too; a tool
// asking `serve`, whose prompt is cancelled, gets the cancel at once. Without a
// terminal: a refusal naming MFA and the profile, and nothing sent to STS.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatAwsCliCredentials } from '../../../app/core/export/aws-cli-format';
import { SSO_TRAY_BIN } from '../../support/run-cli';
import {
  ROLES,
  startChainWorld,
  type ChainWorld,
  chainConfig,
  MFA_SERIAL,
} from '../credentials/support/chain-world';

const CONFIG = chainConfig(['guarded', 'above-guarded']);
const PROMPT = (profile: string) => `Enter MFA code for ${MFA_SERIAL} (profile ${profile}): `;
const PTY_RUN = path.resolve(__dirname, '../credentials/support/pty_run.py');
const BOTOCORE = path.resolve(__dirname, '../credentials/support/botocore_credentials.py');

let world: ChainWorld;
let expiresAt: number;
let codeCounter = 300000;
/** A new code on the device (STS accepts each code once). */
const nextCode = () => {
  const code = String(++codeCounter);
  world.sts.knobs.mfaDevices = { [MFA_SERIAL]: code };
  return code;
};
const assumeRequests = () => world.sts.requestsFor('AssumeRole');

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  world.sts.knobs.expiresAt = expiresAt;
  world.signIn();
});
afterAll(() => world.close());

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-mfa-cli-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

interface TerminalRun {
  readonly sawPrompt: boolean;
  readonly transcript: string;
  readonly exitCode: number;
  readonly echoAfter: boolean;
}

/** `sh -c command` on a new pseudo-terminal; the "user" types `answer` at the prompt. */
async function onTerminal(
  prompt: string,
  answer: string,
  command: string,
  env: Record<string, string> = {},
): Promise<TerminalRun> {
  const { stdout } = await promisify(execFile)(
    'python3',
    [PTY_RUN, prompt, answer, 'sh', '-c', command],
    { env: { ...world.env, ...env }, encoding: 'utf8' },
  );
  return JSON.parse(stdout) as TerminalRun;
}

/** The bin with stdin from nowhere and stdout into a file, as a tool runs it; stderr stays on the terminal. */
const ssoTray = (args: string) =>
  `exec "${process.execPath}" "${SSO_TRAY_BIN}" ${args} </dev/null >"${dir}/stdout"`;
const stdout = () => readFileSync(path.join(dir, 'stdout'), 'utf8');

const sso = () => world.ic.roleCredentials('111111111111', 'DeveloperAccess');
const guardedCredentials = () =>
  world.sts.credentialsFor(ROLES.guarded, sso().accessKeyId, expiresAt);

describe('sso-tray on a terminal', { timeout: 60_000 }, () => {
  it('export --format process: asks on the terminal, hides the code, prints the credentials', async () => {
    const code = nextCode();
    const before = assumeRequests().length;
    const session = await onTerminal(
      PROMPT('guarded'),
      code,
      ssoTray('export guarded --format process'),
    );
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 0, echoAfter: true });
    // The prompt, the newline after the hidden answer, and nothing else.
    expect(session.transcript).toBe(`${PROMPT('guarded')}\r\n`);
    expect(stdout()).toBe(formatAwsCliCredentials(guardedCredentials(), 'process'));
    expect(
      assumeRequests()
        .slice(before)
        .map((r) => [r.serialNumber, r.tokenCode, r.outcome]),
    ).toEqual([[MFA_SERIAL, code, 'ok']]);
  });

  it('credential-process: typing slower than --timeout does not fail the command', async () => {
    const code = nextCode();
    const before = assumeRequests().length;
    const session = await onTerminal(
      PROMPT('guarded'),
      code,
      ssoTray('credential-process --profile guarded --timeout 1'),
      // The user takes two seconds to type; the deadline is one.
      { PTY_ANSWER_DELAY: '2' },
    );
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 0 });
    expect(session.transcript).toBe(`${PROMPT('guarded')}\r\n`);
    expect(JSON.parse(stdout())).toMatchObject({
      AccessKeyId: guardedCredentials().accessKeyId,
    });
    expect(
      assumeRequests()
        .slice(before)
        .map((r) => r.tokenCode),
    ).toEqual([code]);
  });

  it('two hops with MFA in the middle: one code, for the hop that needs it', async () => {
    const code = nextCode();
    const before = assumeRequests().length;
    const session = await onTerminal(
      PROMPT('guarded'),
      code,
      ssoTray('export above-guarded --format env'),
    );
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 0 });
    const above = world.sts.credentialsFor(
      ROLES.audit,
      guardedCredentials().accessKeyId,
      expiresAt,
    );
    expect(stdout()).toBe(formatAwsCliCredentials(above, 'env'));
    expect(
      assumeRequests()
        .slice(before)
        .map((r) => [r.roleArn, r.serialNumber, r.tokenCode]),
    ).toEqual([
      [ROLES.guarded, MFA_SERIAL, code],
      [ROLES.audit, null, null],
    ]);
  });

  it('botocore running `sso-tray credential-process` as credential_process: the prompt reaches the terminal', async () => {
    world.home.writeConfig(`${CONFIG}
[profile guarded-process]
credential_process = "${process.execPath}" "${SSO_TRAY_BIN}" credential-process --profile guarded
`);
    try {
      const code = nextCode();
      const session = await onTerminal(
        PROMPT('guarded'),
        code,
        `exec python3 "${BOTOCORE}" guarded-process </dev/null >"${dir}/stdout"`,
      );
      expect(session).toMatchObject({ sawPrompt: true, exitCode: 0 });
      expect(session.transcript).not.toContain(code);
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = guardedCredentials();
      expect(JSON.parse(stdout())).toEqual({
        'guarded-process': {
          method: 'custom-process',
          accessKeyId,
          secretAccessKey,
          sessionToken,
          expiration,
        },
      });
    } finally {
      world.home.writeConfig(CONFIG);
    }
  });

  it('Ctrl-C at the prompt: one line, exit 130 as for any cancel, nothing sent to STS', async () => {
    const before = assumeRequests().length;
    const session = await onTerminal(
      PROMPT('guarded'),
      '12\x03',
      ssoTray('credential-process --profile guarded'),
    );
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 130, echoAfter: true });
    expect(session.transcript).toBe(
      `${PROMPT('guarded')}\r\nsso-tray: Cancelled: no MFA code was entered for profile "guarded".\r\n`,
    );
    expect(stdout()).toBe('');
    expect(assumeRequests().length).toBe(before);
  });
});

describe('serve on a terminal, a tool asking through its broker', { timeout: 60_000 }, () => {
  it("Ctrl-C at serve's prompt: the tool exits 130 with the cancel, nothing sent to STS", async () => {
    const before = assumeRequests().length;
    const bin = `"${process.execPath}" "${SSO_TRAY_BIN}"`;
    // serve in the background holds the prompt; the tool in the foreground waits on its broker.
    const script = `
${bin} serve </dev/null >"${dir}/serve.log" 2>&1 &
serve=$!
tries=0
until grep -q 'broker ready' "${dir}/serve.log" 2>/dev/null; do
  tries=$((tries + 1)); [ $tries -gt 300 ] && { kill $serve; exit 99; }
  sleep 0.1
done
${bin} credential-process --profile guarded </dev/null >"${dir}/stdout" 2>"${dir}/tool-stderr"
status=$?
kill $serve; wait $serve
exit $status`;
    const session = await onTerminal(PROMPT('guarded'), '\x03', script);
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 130, echoAfter: true });
    expect(session.transcript).toBe(`${PROMPT('guarded')}\r\n`);
    expect(readFileSync(path.join(dir, 'tool-stderr'), 'utf8')).toBe(
      'sso-tray: Cancelled: no MFA code was entered for profile "guarded".\n',
    );
    expect(stdout()).toBe('');
    expect(readFileSync(path.join(dir, 'serve.log'), 'utf8')).toMatch(
      /asked for guarded: mfa-cancelled\n/,
    );
    expect(assumeRequests().length).toBe(before);
  });
});

describe('without a terminal', { timeout: 30_000 }, () => {
  it.each([
    ['credential-process', '--profile', 'guarded'],
    ['export', 'guarded', '--format', 'process'],
    ['export', 'guarded', '--credentials', '--shell', 'bash'],
  ])('%s %s %s: refused, naming MFA and the profile, before any AssumeRole', async (...args) => {
    const before = assumeRequests().length;
    // detached: a new session without a controlling terminal, so /dev/tty cannot be opened.
    const child = spawn(process.execPath, [SSO_TRAY_BIN, ...args], {
      env: world.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ exitCode, stdout, stderr }).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `sso-tray: Profile "guarded" needs an MFA code from ${MFA_SERIAL}, and there is no terminal to type it in; run the command in a terminal.\n`,
    });
    expect(assumeRequests().length).toBe(before);
  });
});

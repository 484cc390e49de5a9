// mfa_serial: the device's serial and the code the user typed reach STS; the
// code is asked once per session (cached credentials, one prompt for
// concurrent callers); without anyone to ask, a clear refusal before any
// AssumeRole. The terminal prompt runs on a real pseudo-terminal (python's pty):
// hidden input through /dev/tty even with stdin and stdout redirected, echo
// restored afterwards, Ctrl-C cancels, and no terminal at all is refused.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MfaCodeProvider } from '../../../app/core/credentials/mfa-code-provider';
import {
  ROLES,
  rejection,
  startChainWorld,
  type ChainWorld,
  chainConfig,
  MFA_SERIAL,
} from './support/chain-world';

const CONFIG = chainConfig(['guarded', 'above-guarded']);

let world: ChainWorld;
let codeCounter = 100000;
/** A new code on the device (STS accepts each code once). */
const nextCode = () => {
  const code = String(++codeCounter);
  world.sts.knobs.mfaDevices = { [MFA_SERIAL]: code };
  return code;
};

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  world.signIn();
});
afterAll(() => world.close());

function recordingPrompt(answer: () => string) {
  const asked: [string, string][] = [];
  const prompt: MfaCodeProvider = async (serial, profile) => {
    asked.push([serial, profile]);
    return answer();
  };
  return { asked, prompt };
}

const assumeRoleCount = () => world.sts.requestsFor('AssumeRole').length;

describe('MFA through a code provider', () => {
  it('sends SerialNumber and the typed code, and asks once while the credentials last', async () => {
    const code = nextCode();
    const { asked, prompt } = recordingPrompt(() => code);
    const { chained } = world.services({ mfa: prompt });
    const before = assumeRoleCount();
    const first = await chained.get('guarded');
    const second = await chained.get('guarded');
    expect(second).toBe(first);
    expect(asked).toEqual([[MFA_SERIAL, 'guarded']]);
    const requests = world.sts.requestsFor('AssumeRole').slice(before);
    expect(requests.map((r) => [r.serialNumber, r.tokenCode, r.outcome])).toEqual([
      [MFA_SERIAL, code, 'ok'],
    ]);
  });

  it('concurrent callers share one prompt and one AssumeRole', async () => {
    const code = nextCode();
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    const { chained } = world.services({
      mfa: async (_serial, profile) => {
        asked.push(profile);
        await typed;
        return code;
      },
    });
    const before = assumeRoleCount();
    const all = Promise.all([
      chained.get('guarded'),
      chained.get('guarded'),
      chained.get('guarded'),
    ]);
    await world.ic.waitForRequests('GetRoleCredentials', 1);
    release();
    const [a, b, c] = await all;
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(asked).toEqual(['guarded']);
    expect(assumeRoleCount() - before).toBe(1);
  });

  it('an MFA hop in the middle of a chain: asked for the hop that needs it', async () => {
    const code = nextCode();
    const { asked, prompt } = recordingPrompt(() => code);
    const { chained } = world.services({ mfa: prompt });
    const before = assumeRoleCount();
    await chained.get('above-guarded');
    expect(asked).toEqual([[MFA_SERIAL, 'guarded']]);
    const requests = world.sts.requestsFor('AssumeRole').slice(before);
    expect(requests.map((r) => [r.roleArn, r.serialNumber, r.outcome])).toEqual([
      [ROLES.guarded, MFA_SERIAL, 'ok'],
      [ROLES.audit, null, 'ok'],
    ]);
  });

  it('a wrong code: STS refuses, the message says the code was not accepted', async () => {
    nextCode();
    const { chained } = world.services({ mfa: async () => '000000' });
    const error = await rejection(chained.get('guarded'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'access-denied',
      message: `STS did not accept the MFA code from ${MFA_SERIAL} for profile "guarded"; try again with a new code.`,
    });
    expect(world.sts.requestsFor('AssumeRole').at(-1)!.outcome).toBe('AccessDenied');
  });

  it('nobody to ask: refused before any AssumeRole, naming MFA and the profile', async () => {
    const { chained } = world.services();
    const before = assumeRoleCount();
    const error = await rejection(chained.get('guarded'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'mfa-unavailable',
      message: `Profile "guarded" needs an MFA code from ${MFA_SERIAL}, and nothing here can ask for it.`,
    });
    expect(assumeRoleCount()).toBe(before);
  });
});

/** A prompt the test answers: each question waits until the test calls its `answer`. */
function heldPrompt() {
  const questions: { readonly profile: string; readonly answer: (code: string) => void }[] = [];
  const provider: MfaCodeProvider = (_serial, profile) =>
    new Promise((answer) => questions.push({ profile, answer }));
  const asked = (count: number) => vi.waitFor(() => expect(questions).toHaveLength(count));
  return { questions, provider, asked };
}

const tokenCodesSince = (before: number) =>
  world.sts
    .requestsFor('AssumeRole')
    .slice(before)
    .map((r) => r.tokenCode);

describe('a sign-out while a chain waits for its MFA code', () => {
  it('what the code would have bought is neither handed out nor kept; the next request asks again', async () => {
    const { questions, provider, asked } = heldPrompt();
    const { sso, chained } = world.services({ mfa: provider });
    const before = assumeRoleCount();
    const stale = nextCode();
    const waiting = chained.get('guarded');
    await asked(1);

    // What the core's signOut does to the credential services.
    sso.forgetSession('my-sso');
    chained.forgetSession('my-sso');
    // A request after the sign-out does not join the one from before it.
    const after = chained.get('guarded');
    await asked(2);

    questions[0]!.answer(stale);
    const error = await rejection(waiting);
    expect({ code: error.code, message: error.message, session: error.signInSession }).toEqual({
      code: 'not-signed-in',
      message:
        'Signed out of my-sso while profile "guarded" waited for its credentials; sign in to my-sso again.',
      session: 'my-sso',
    });

    const fresh = nextCode();
    questions[1]!.answer(fresh);
    const credentials = await after;
    // The stale code never reached STS; the new request's did, and it is what is kept now.
    expect(tokenCodesSince(before)).toEqual([fresh]);
    expect(await chained.get('guarded')).toBe(credentials);
    expect(questions).toHaveLength(2);
  });

  it('forgetting all credentials meanwhile: the waiting caller gets its answer, but it is not kept', async () => {
    const { questions, provider, asked } = heldPrompt();
    const { chained } = world.services({ mfa: provider });
    const before = assumeRoleCount();
    const first = nextCode();
    const waiting = chained.get('guarded');
    await asked(1);
    chained.forgetAll();
    questions[0]!.answer(first);
    const answered = await waiting;
    expect(answered.accessKeyId).toMatch(/^ASIA/);

    const next = chained.get('guarded');
    await asked(2);
    const second = nextCode();
    questions[1]!.answer(second);
    expect(await next).not.toBe(answered);
    expect(tokenCodesSince(before)).toEqual([first, second]);
  });
});

// Each case starts node with tsx on a pseudo-terminal: slow on a busy machine.
describe('the terminal prompt', { timeout: 45_000 }, () => {
  const run = promisify(execFile);
  const ENTRY = path.join(__dirname, 'support/resolve-profile-entry.ts');
  const PTY_RUN = path.join(__dirname, 'support/pty_run.py');
  const PROMPT = `Enter MFA code for ${MFA_SERIAL} (profile guarded): `;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-mfa-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const childEnv = () => ({
    ...world.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const result = () => JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8'));

  /** The entry on a pseudo-terminal, with stdin and stdout redirected away from it. */
  async function onTerminal(answer: string) {
    const command = `exec "${process.execPath}" --import tsx "${ENTRY}" guarded "${dir}/result.json" </dev/null >"${dir}/stdout.txt"`;
    const { stdout } = await run('python3', [PTY_RUN, PROMPT, answer, 'sh', '-c', command], {
      env: childEnv(),
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    return JSON.parse(stdout) as {
      sawPrompt: boolean;
      transcript: string;
      exitCode: number;
      echoAfter: boolean;
    };
  }

  it('reads the code from /dev/tty without echoing it, then restores echo', async () => {
    const code = nextCode();
    const before = assumeRoleCount();
    const session = await onTerminal(code);
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 0, echoAfter: true });
    expect(session.transcript).not.toContain(code);
    expect(result()).toMatchObject({ ok: true });
    expect(result().credentials.accessKeyId).toMatch(/^ASIA/);
    const requests = world.sts.requestsFor('AssumeRole').slice(before);
    expect(requests.map((r) => [r.serialNumber, r.tokenCode, r.outcome])).toEqual([
      [MFA_SERIAL, code, 'ok'],
    ]);
  });

  it('Ctrl-C cancels with one line, sends nothing to STS, and leaves echo on', async () => {
    const before = assumeRoleCount();
    const session = await onTerminal('12\x03');
    expect(session).toMatchObject({ sawPrompt: true, exitCode: 130, echoAfter: true });
    expect(result()).toEqual({
      ok: false,
      code: 'mfa-cancelled',
      message: 'Cancelled: no MFA code was entered for profile "guarded".',
    });
    expect(assumeRoleCount()).toBe(before);
  });

  it('without a terminal: a clear refusal naming MFA and the profile', async () => {
    const before = assumeRoleCount();
    // detached: a new session without a controlling terminal, so /dev/tty cannot be opened.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ENTRY, 'guarded', `${dir}/result.json`],
      {
        env: childEnv(),
        cwd: process.cwd(),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const message = `Profile "guarded" needs an MFA code from ${MFA_SERIAL}, and there is no terminal to type it in; run the command in a terminal.`;
    expect({ exitCode, stderr }).toEqual({ exitCode: 1, stderr: `sso-tray: ${message}\n` });
    expect(result()).toEqual({ ok: false, code: 'mfa-unavailable', message });
    expect(assumeRoleCount()).toBe(before);
  });
});

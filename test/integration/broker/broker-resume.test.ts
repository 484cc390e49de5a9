// Sleep and resume while tools wait on the broker for a browser sign-in. The
// machine sleeps as the fake clock's jump: wall time moves on, no timer runs;
// on wake the tray re-reads every file (`core.reload()`, what the main process
// does on `resume`). Against the fake IAM Identity Center on the same clock
// (device codes expire in fake time, and answer authorization_pending until
// the user confirms), through the real broker socket and client:
// - one device authorization for the session across the jump, however many
//   tools asked before and after it, and none started by the re-read;
// - a tool whose wait ended during the sleep is answered `timeout` on wake, one
//   whose wait is not over gets the credentials when the user confirms;
// - asleep longer than the code lives: every waiting tool gets a clear error,
//   and the tools that ask next share ONE new sign-in;
// - no tool is left hanging, and the tray shows none waiting at the end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Broker, Core, SignInPrompt } from '../../../app/core';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { FakeClock } from '../../support/fake-clock';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';
import { waitForSnapshot } from '../../support/wait-for-snapshot';
import { waitFor } from './broker-support';

// Real sockets and HTTP on a loaded 2-core machine: only a hang should fail these.
vi.setConfig({ testTimeout: 60_000 });
/** A hang detector for each wait on the flow (real time): every step takes milliseconds. */
const STEP_MS = 30_000;

const START = Date.parse('2026-03-01T09:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The fake's defaults, as the real service answers: poll every second, the code lives 10 minutes. */
const POLL_MS = SECOND;
const CODE_LIFE_MS = 10 * MINUTE;

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
let core: Core | undefined;
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  await core?.close();
  await fake?.close();
  home?.cleanup();
  broker = core = fake = home = undefined;
});

type Reply = Awaited<ReturnType<typeof requestCredentials>>;

/** A tool asking the broker, whose answer the test can check at any time without waiting. */
interface Tool {
  readonly profile: string;
  readonly reply: Promise<Reply>;
  answer: Reply | null;
}

/** my-sso signed in yesterday: expired, no refresh token, so only a browser sign-in helps. */
async function world() {
  const clock = new FakeClock(START);
  fake = await startFakeIdentityCenter({ clock });
  home = createTempHome({ config: SEED_CONFIG });
  home.writeToken('my-sso', cliToken({ expiresAt: '2026-02-28T17:00:00Z' }));
  const prompts: SignInPrompt[] = [];
  core = await openTestCore(home, {
    clock,
    env: fake.env,
    watch: true,
    signInFlow: 'device-code',
    signInOpener: async (prompt) => void prompts.push(prompt),
    settings: { toolSignIn: 'at-once' },
  });
  broker = await core.startBroker({ container: false });
  const addresses = brokerAddressesFor(home.env);
  const f = fake;
  const c = core;

  const ask = (profile: string, waitSeconds: number): Tool => {
    const tool: Tool = {
      profile,
      answer: null,
      reply: requestCredentials(
        profile,
        { waitSeconds, caller: { name: 'terraform' } },
        { addresses },
      ),
    };
    void tool.reply.then((answer) => (tool.answer = answer));
    return tool;
  };
  /** Resolves once the tray shows `count` tools waiting for my-sso. */
  const waiting = (count: number) =>
    waitForSnapshot(c, (s) => s.sessions[0]!.waiting.length === count);
  const polls = () =>
    f.requestsFor('CreateToken').filter((r) => r.body?.grantType !== 'refresh_token');

  /** The device flow waits for its next poll (or the overdue timers of a wake), or it ended. */
  const flowIdle = () =>
    !c.isSigningIn('my-sso') || (clock.nextDue() ?? Infinity) <= clock.now() + POLL_MS;
  /**
   * One more poll of the device flow: waits until the flow sleeps before its
   * next poll, moves the clock to that moment (firing every timer due by then,
   * as on wake), and waits until the flow has the answer (it sleeps again, or ends).
   */
  const pollAgain = async () => {
    const before = polls().length;
    await waitFor(flowIdle, 'the device flow to wait for its next poll', STEP_MS);
    expect(c.isSigningIn('my-sso')).toBe(true);
    clock.advance(Math.max(0, clock.nextDue()! - clock.now()));
    await waitFor(() => polls().length > before, 'the next poll', STEP_MS);
    await waitFor(flowIdle, 'the device flow to read the answer', STEP_MS);
  };
  /** Polls on until the sign-in ends (the token arrived, or the flow failed). */
  const pollUntilDone = async () => {
    for (;;) {
      await waitFor(flowIdle, 'the device flow to poll or end', STEP_MS);
      if (!c.isSigningIn('my-sso')) return;
      await pollAgain();
    }
  };

  /** The machine sleeps for `ms`, wakes up, and the tray re-reads the files. */
  const sleepAndWake = async (ms: number) => {
    clock.jump(ms);
    await c.reload();
  };

  const expected = {
    dev: f.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    prod: f.roleCredentials('222222222222', 'ReadOnly').accessKeyId,
  };
  /** What a tool got: its profile's key, or `error <code>`. */
  const outcome = (reply: Reply) =>
    reply.ok ? reply.value.accessKeyId : `error ${reply.error.code}`;
  const gotCredentials = (tool: Tool) =>
    tool.answer !== null && outcome(tool.answer) === expected[tool.profile as 'dev' | 'prod'];

  return {
    clock,
    prompts,
    ask,
    waiting,
    polls,
    pollAgain,
    pollUntilDone,
    sleepAndWake,
    outcome,
    gotCredentials,
  };
}

describe('sleep and resume while tools wait for a sign-in', () => {
  it('a short sleep: one device authorization for the tools that asked before and after; a wait that ended during the sleep is answered on wake', async () => {
    const w = await world();
    // Before the sleep: two tools that wait long, one that waits two minutes.
    const patient = [w.ask('dev', 600), w.ask('prod', 600)];
    const hasty = w.ask('dev', 120);
    await w.waiting(3);
    await fake!.waitForRequests('StartDeviceAuthorization', 1);
    await waitFor(() => w.prompts.length === 1, 'the sign-in page', STEP_MS);
    await w.pollAgain();

    // Asleep for three minutes: the code (10 minutes) still lives; the hasty tool's wait is over.
    await w.sleepAndWake(3 * MINUTE);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    expect(core!.isSigningIn('my-sso')).toBe(true);
    // Two more tools ask after the wake; they join the running sign-in.
    const late = [w.ask('dev', 300), w.ask('prod', 300)];
    await w.waiting(5);
    await w.pollAgain();
    // The first tick after the wake answers the tool whose wait ended while asleep.
    const hastyReply = await hasty.reply;
    expect(w.outcome(hastyReply)).toBe('error timeout');
    expect(hastyReply.ok ? '' : hastyReply.error.message).toMatch(/within (120 s|150 seconds)\.$/);
    await w.waiting(4);
    const everyone = [...patient, ...late];
    expect(everyone.filter((t) => t.answer !== null)).toEqual([]);

    // The user confirms the code from before the sleep; the next polls bring the token.
    await fake!.visit(w.prompts[0]!.url);
    await w.pollUntilDone();
    await Promise.all(everyone.map((t) => t.reply));
    expect(everyone.filter(w.gotCredentials)).toHaveLength(4);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    expect(fake!.requestsFor('RegisterClient')).toHaveLength(1);
    expect(w.prompts).toHaveLength(1);
    await w.waiting(0);
    expect(core!.isSigningIn('my-sso')).toBe(false);
    expect(core!.snapshot().sessions[0]!.state).toBe('valid');
  });

  it('asleep while the user is confirming the code: the confirmation after the wake answers everyone', async () => {
    const w = await world();
    const before = [w.ask('dev', 900), w.ask('prod', 900), w.ask('dev', 900)];
    await w.waiting(3);
    await waitFor(() => w.prompts.length === 1, 'the sign-in page', STEP_MS);
    await w.pollAgain();
    await w.pollAgain();

    // The user has the page open; the lid closes for eight minutes (the code lives ten).
    await w.sleepAndWake(8 * MINUTE);
    const after = [w.ask('prod', 300), w.ask('dev', 300)];
    await w.waiting(5);
    await w.pollAgain();
    // Still pending: nobody is answered yet, nobody timed out.
    expect([...before, ...after].filter((t) => t.answer !== null)).toEqual([]);

    await fake!.visit(w.prompts[0]!.url);
    const everyone = [...before, ...after];
    await w.pollUntilDone();
    await Promise.all(everyone.map((t) => t.reply));
    expect(everyone.filter(w.gotCredentials)).toHaveLength(5);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    expect(w.prompts).toHaveLength(1);
    await w.waiting(0);
  });

  it('the user confirmed just before the sleep: the first poll after the wake answers everyone', async () => {
    const w = await world();
    const before = [w.ask('dev', 600), w.ask('prod', 600)];
    await w.waiting(2);
    await waitFor(() => w.prompts.length === 1, 'the sign-in page', STEP_MS);
    // The service answers pending to two polls even after a confirmation.
    await w.pollAgain();
    await w.pollAgain();
    await fake!.visit(w.prompts[0]!.url);

    await w.sleepAndWake(5 * MINUTE);
    const after = [w.ask('dev', 300)];
    await w.waiting(3);
    const pollsBefore = w.polls().length;
    await w.pollAgain();
    const everyone = [...before, ...after];
    await Promise.all(everyone.map((t) => t.reply));
    expect(w.polls()).toHaveLength(pollsBefore + 1);
    expect(everyone.filter(w.gotCredentials)).toHaveLength(3);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    await w.waiting(0);
  });

  it('asleep longer than the code lives: every waiting tool gets a clear error; the next tools share one new sign-in', async () => {
    const w = await world();
    const before = [w.ask('dev', 3600), w.ask('prod', 3600), w.ask('dev', 3600)];
    await w.waiting(3);
    await waitFor(() => w.prompts.length === 1, 'the sign-in page', STEP_MS);
    await w.pollAgain();

    // Half an hour asleep: the code died after ten minutes (the tools wait up to an hour).
    await w.sleepAndWake(CODE_LIFE_MS + 20 * MINUTE);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    await w.pollAgain();
    const replies = await Promise.all(before.map((t) => t.reply));
    expect(replies.map(w.outcome)).toEqual(Array(3).fill('error device-code-expired'));
    expect(replies[0]!.ok ? '' : replies[0]!.error.message).toMatch(
      /^The sign-in code expired before it was confirmed; sign in to my-sso again\.$/,
    );
    await w.waiting(0);
    expect(core!.isSigningIn('my-sso')).toBe(false);
    // No sign-in starts by itself: nobody asked since.
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);

    // Three tools ask now: one new sign-in for the three.
    const next = [w.ask('dev', 300), w.ask('prod', 300), w.ask('dev', 300)];
    await w.waiting(3);
    await waitFor(() => w.prompts.length === 2, 'the new sign-in page', STEP_MS);
    await w.pollAgain();
    await fake!.visit(w.prompts[1]!.url);
    await w.pollUntilDone();
    await Promise.all(next.map((t) => t.reply));
    expect(next.filter(w.gotCredentials)).toHaveLength(3);
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(2);
    expect(w.prompts).toHaveLength(2);
    await w.waiting(0);
  });
});

// The broker over the real core, against the fake IAM Identity Center with
// its default (realistic) device codes: many tools asking for credentials of
// a session that needs a browser sign-in get ONE sign-in, and each its answer
// when it completes, or an error when it fails, is cancelled or times out.
// Requests go through the real socket client, as `sso-tray credential-process`
// sends them.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Broker, Core, SignInPrompt } from '../../../app/core';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { ToolSignIn } from '../../../app/shared/api';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';
import { waitForSnapshot } from '../../support/wait-for-snapshot';

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
let core: Core | undefined;
let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  await core?.close();
  await fake?.close();
  home?.cleanup();
});

/** my-sso signed in long ago: the token has expired, a browser sign-in is needed. */
async function world(toolSignIn: ToolSignIn) {
  fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 0 } });
  home = createTempHome({ config: SEED_CONFIG });
  home.writeToken('my-sso', cliToken({ expiresAt: '2020-01-01T00:00:00Z' }));
  const prompts: SignInPrompt[] = [];
  core = await openTestCore(home, {
    env: fake.env,
    watch: true,
    signInFlow: 'device-code',
    signInOpener: async (prompt) => void prompts.push(prompt),
    settings: { toolSignIn },
  });
  broker = await core.startBroker({ container: false });
  const addresses = brokerAddressesFor(home.env);
  const ask = (profile: string, waitSeconds = 60) =>
    requestCredentials(profile, { waitSeconds, caller: { name: 'terraform' } }, { addresses });
  const waiting = (count: number) =>
    waitForSnapshot(core!, (s) => s.sessions[0]!.waiting.length === count);
  return { prompts, ask, waiting };
}

const accessKeyOf = (reply: Awaited<ReturnType<typeof requestCredentials>>) =>
  reply.ok ? reply.value.accessKeyId : `error ${reply.error.code}`;

describe('one sign-in for every waiting tool', () => {
  it('ten tools at once: one device authorization, and each gets its profile’s credentials', async () => {
    const { prompts, ask, waiting } = await world('at-once');
    const replies = Promise.all(
      Array.from({ length: 10 }, (_, i) => ask(i % 2 === 0 ? 'dev' : 'prod')),
    );
    const shown = await waiting(10);
    expect(shown.sessions[0]!.waiting[0]).toMatchObject({ profile: 'dev', caller: 'terraform' });
    // The page is shown once; the user confirms the code (the polls were pending until then).
    await vi.waitFor(() => expect(prompts).toHaveLength(1));
    await fake!.visit(prompts[0]!.url);
    const answers = (await replies).map(accessKeyOf);
    expect(answers).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? fake!.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId
          : fake!.roleCredentials('222222222222', 'ReadOnly').accessKeyId,
      ),
    );
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    expect(prompts).toHaveLength(1);
    // The AWS CLI sees the same new sign-in: the token file holds it.
    const written = JSON.parse(readFileSync(home!.tokenPath('my-sso'), 'utf8')) as {
      accessToken: string;
    };
    expect(fake!.isTokenValid(written.accessToken)).toBe(true);
    await waiting(0);
  });

  it('a cancelled sign-in releases every waiting tool with an error', async () => {
    const { ask, waiting } = await world('at-once');
    const replies = Promise.all([ask('dev'), ask('prod'), ask('dev')]);
    await waiting(3);
    await fake!.waitForRequests('StartDeviceAuthorization', 1);
    expect(core!.cancelSignIn('my-sso')).toBe(true);
    expect((await replies).map(accessKeyOf)).toEqual(Array(3).fill('error cancelled'));
    await waiting(0);
  });

  it('each tool waits only as long as it said; the shared sign-in goes on', async () => {
    const { ask, waiting } = await world('at-once');
    const replies = await Promise.all([ask('dev', 1), ask('prod', 1)]);
    expect(replies.map(accessKeyOf)).toEqual(['error timeout', 'error timeout']);
    expect(replies[0]!.ok ? '' : replies[0]!.error.message).toMatch(
      /^Nobody signed in to my-sso within 1 s\.$/,
    );
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    await waiting(0);
    expect(core!.isSigningIn('my-sso')).toBe(true);
  });

  it('a failed sign-in (denied in the browser) answers every tool with the reason', async () => {
    const { ask, waiting } = await world('at-once');
    fake!.knobs.deny = true;
    const replies = Promise.all([ask('dev'), ask('prod')]);
    await waiting(2);
    expect((await replies).map(accessKeyOf)).toEqual(Array(2).fill('error access-denied'));
  });

  it('on-click: nothing opens until the user signs in from the tray; then every tool is answered', async () => {
    const { prompts, ask, waiting } = await world('on-click');
    const replies = Promise.all([ask('dev'), ask('prod')]);
    await waiting(2);
    expect(fake!.requests.filter((r) => r.operation !== 'Unknown')).toEqual([]);
    // The user clicks "Sign in" on the notice.
    const signIn = core!.signIn('my-sso');
    await vi.waitFor(() => expect(prompts).toHaveLength(1));
    await fake!.visit(prompts[0]!.url);
    expect(await signIn).toMatchObject({ ok: true });
    expect((await replies).every((r) => r.ok)).toBe(true);
  });

  it('a sign-in made elsewhere (`aws sso login`) also answers the waiting tools', async () => {
    const { ask, waiting } = await world('on-click');
    const reply = ask('dev');
    await waiting(1);
    home!.writeToken('my-sso', serializeCliToken(fake!.issueToken()));
    expect(accessKeyOf(await reply)).toBe(
      fake!.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    );
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(0);
  });

  it('a tool that asks for an unknown profile or will not wait gets its answer at once', async () => {
    const { ask } = await world('at-once');
    expect(accessKeyOf(await ask('nope'))).toBe('error unknown-profile');
    expect(accessKeyOf(await ask('dev', 0))).toBe('error session-expired');
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(0);
  });
});

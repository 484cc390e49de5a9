// Chained profiles through the core's door (openCore), against the fake IAM
// Identity Center and the fake STS: credentials, the window's credential
// exports, the broker (through the real socket client) and its container
// endpoint (over real HTTP), federated console links; MFA asked through
// CoreOptions.mfaPrompt once per duration; sign-out drops the chains resting on
// the session; a chain through a profile the AWS CLI refuses gets nothing.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CoreError,
  type Broker,
  type Core,
  type MfaCodeProvider,
  type SignInPrompt,
} from '../../../app/core';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import { cliToken } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';
import { startSigninStandIn, type SigninStandIn } from '../../support/signin-stand-in';
import { waitForSnapshot } from '../../support/wait-for-snapshot';
import {
  ROLES,
  START_URL,
  rejection,
  startChainWorld,
  type ChainWorld,
  chainConfig,
  MFA_SERIAL,
} from './support/chain-world';

const CONFIG = chainConfig(['deploy', 'audit', 'from-keys', 'guarded']);

let world: ChainWorld;
let expiresAt: number;
let ciKeyId: string;
let core: Core | undefined;
let broker: Broker | undefined;

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  const ci = world.sts.addStaticKeys({ arn: 'arn:aws:iam::444444444444:user/ci' });
  ciKeyId = ci.accessKeyId;
  world.writeCredentials(
    `[ci]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n`,
  );
  expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  world.sts.knobs.expiresAt = expiresAt;
});
afterAll(() => world.close());
afterEach(async () => {
  await broker?.close();
  await core?.close();
  broker = core = undefined;
  world.home.writeConfig(CONFIG);
  world.signIn();
});

async function open(options: Parameters<typeof openTestCore>[1] = {}): Promise<Core> {
  world.signIn();
  core = await openTestCore(world.home, { env: world.env, ...options });
  return core;
}

const assumeRoles = () => world.sts.requestsFor('AssumeRole').length;
const sso = () => world.ic.roleCredentials('111111111111', 'DeveloperAccess');
const deployKeys = () => world.sts.credentialsFor(ROLES.deploy, sso().accessKeyId, expiresAt);
const auditKeys = () => world.sts.credentialsFor(ROLES.audit, deployKeys().accessKeyId, expiresAt);

describe('credentials of chained profiles', () => {
  it('one and two hops from an SSO profile; kept in memory for their lifetime', async () => {
    const c = await open();
    const before = assumeRoles();
    expect(await c.credentials('deploy')).toEqual(deployKeys());
    expect(await c.credentials('audit')).toEqual(auditKeys());
    // audit reused deploy's hop: two AssumeRoles in all, and none for asking again.
    expect(assumeRoles() - before).toBe(2);
    expect(await c.credentials('audit')).toEqual(auditKeys());
    expect(await c.exportCredentials('deploy', 'env')).toContain(deployKeys().sessionToken);
    expect(assumeRoles() - before).toBe(2);
  });

  it('the window’s export in credentials mode: the full snippet, a masked preview', async () => {
    const c = await open();
    const { snippet, preview } = await c.prepareExport({
      profile: 'from-keys',
      target: 'bash',
      mode: 'credentials',
    });
    const keys = world.sts.credentialsFor(ROLES.deploy, ciKeyId, expiresAt);
    expect(snippet.text).toContain(`export AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}`);
    expect(preview.maskedText).not.toContain(keys.secretAccessKey);
    expect(preview.maskedText).not.toContain(keys.sessionToken);
  });

  it('signing out drops the chains resting on the session: nothing handed out, nothing assumed', async () => {
    const c = await open();
    await c.credentials('audit');
    const before = assumeRoles();
    await c.signOut('my-sso');
    const error = await rejection(c.credentials('audit'));
    expect([error.code, error.signInSession]).toEqual(['not-signed-in', 'my-sso']);
    expect(assumeRoles()).toBe(before);
    // Chains over static keys rest on no session: they stay.
    await c.credentials('from-keys');
    const kept = assumeRoles();
    await c.credentials('from-keys');
    expect(assumeRoles()).toBe(kept);
  });

  it('forgetCredentials drops chained credentials too', async () => {
    const c = await open();
    await c.credentials('deploy');
    const before = assumeRoles();
    c.forgetCredentials();
    await c.credentials('deploy');
    expect(assumeRoles() - before).toBe(1);
  });

  it('a chain through a profile the AWS CLI refuses gets nothing, and nothing is sent', async () => {
    // dev contradicts its sso-session: the AWS CLI refuses dev, so every chain over it.
    world.home.writeConfig(
      CONFIG.replace(
        '[profile dev]\n',
        '[profile dev]\nsso_start_url = https://d-other.awsapps.com/start\n',
      ),
    );
    const c = await open();
    const portal = world.ic.requestsFor('GetRoleCredentials').length;
    const before = assumeRoles();
    const error = (await c.credentials('audit').catch((e: unknown) => e)) as CoreError;
    expect(error).toBeInstanceOf(CoreError);
    expect(error.code).toBe('config-refused');
    expect(error.message).toMatch(/^Profile "dev" cannot be used as the AWS CLI would refuse it: /);
    expect(assumeRoles()).toBe(before);
    expect(world.ic.requestsFor('GetRoleCredentials').length).toBe(portal);
  });

  it('a caller’s deadline ends its own wait; the hop goes on for the next caller', async () => {
    const c = await open();
    world.sts.knobs.delays = { AssumeRole: 300 };
    try {
      const before = assumeRoles();
      const gone = new AbortController();
      const first = c.credentials('deploy', { signal: gone.signal });
      await world.sts.waitForRequests('AssumeRole', before + 1);
      gone.abort(new Error('the tool went away'));
      await expect(first).rejects.toThrow('the tool went away');
      expect(await c.credentials('deploy')).toEqual(deployKeys());
      expect(assumeRoles() - before).toBe(1);
    } finally {
      world.sts.knobs.delays = {};
    }
  });
});

describe('MFA through CoreOptions.mfaPrompt', () => {
  let code = 700000;
  const nextCode = () => {
    const next = String(++code);
    world.sts.knobs.mfaDevices = { [MFA_SERIAL]: next };
    return next;
  };

  it('asks once while the credentials last, and says while it is asking', async () => {
    const typed = nextCode();
    const asked: string[] = [];
    let answer!: (code: string) => void;
    const mfaPrompt: MfaCodeProvider = (serial, profile) => {
      asked.push(`${serial} ${profile}`);
      return new Promise((resolve) => (answer = resolve));
    };
    const c = await open({ mfaPrompt });
    expect(c.userPrompts()).toEqual({ open: null, spentMs: 0 });
    const both = Promise.all([c.credentials('guarded'), c.credentials('guarded')]);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    const open1 = c.userPrompts().open;
    expect(open1).toBeInstanceOf(Promise);
    answer(typed);
    await open1;
    const [a, b] = await both;
    expect(b).toBe(a);
    expect(await c.credentials('guarded')).toBe(a);
    expect(asked).toEqual([`${MFA_SERIAL} guarded`]);
    expect(c.userPrompts().open).toBeNull();
    expect(world.sts.requestsFor('AssumeRole').at(-1)).toMatchObject({
      serialNumber: MFA_SERIAL,
      tokenCode: typed,
      outcome: 'ok',
    });
  });

  it('without a prompt: refused naming MFA, nothing sent', async () => {
    const c = await open();
    const before = assumeRoles();
    const error = await rejection(c.credentials('guarded'));
    expect([error.code, error.message]).toEqual([
      'mfa-unavailable',
      `Profile "guarded" needs an MFA code from ${MFA_SERIAL}, and nothing here can ask for it.`,
    ]);
    expect(assumeRoles()).toBe(before);
  });
});

describe('the broker serves chained profiles', () => {
  it('through the socket (credential-process) and the container endpoint', async () => {
    const c = await open();
    broker = await c.startBroker();
    const reply = await requestCredentials(
      'audit',
      { waitSeconds: 5, caller: { name: 'terraform' } },
      { addresses: brokerAddressesFor(world.home.env) },
    );
    expect(reply).toEqual({ ok: true, value: auditKeys() });
    const endpoint = broker.containerEndpoint!;
    const answer = await fetch(`${endpoint.url}/v1/credentials/deploy`, {
      headers: { authorization: readFileSync(endpoint.tokenFile, 'utf8') },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      AccessKeyId: deployKeys().accessKeyId,
      SecretAccessKey: deployKeys().secretAccessKey,
      Token: deployKeys().sessionToken,
    });
  });

  it('a chain whose session needs a browser sign-in waits for ONE sign-in, then is answered', async () => {
    world.home.writeToken('my-sso', cliToken({ expiresAt: '2020-01-01T00:00:00Z' }));
    const prompts: SignInPrompt[] = [];
    core = await openTestCore(world.home, {
      env: world.env,
      watch: true,
      signInFlow: 'device-code',
      signInOpener: async (prompt) => void prompts.push(prompt),
      settings: { toolSignIn: 'at-once' },
    });
    const c = core;
    broker = await c.startBroker({ container: false });
    const ask = (profile: string) =>
      requestCredentials(
        profile,
        { waitSeconds: 60, caller: { name: 'terraform' } },
        { addresses: brokerAddressesFor(world.home.env) },
      );
    const authorizations = world.ic.requestsFor('StartDeviceAuthorization').length;
    const replies = Promise.all([ask('audit'), ask('deploy')]);
    const waiting = await waitForSnapshot(c, (s) => s.sessions[0]!.waiting.length === 2);
    expect(waiting.sessions[0]!.waiting.map((w) => w.profile).sort()).toEqual(['audit', 'deploy']);
    await vi.waitFor(() => expect(prompts).toHaveLength(1));
    await world.ic.visit(prompts[0]!.url);
    // The new sign-in's role credentials sign the chain: the fake's are the same per role.
    expect(await replies).toEqual([
      { ok: true, value: auditKeys() },
      { ok: true, value: deployKeys() },
    ]);
    expect(world.ic.requestsFor('StartDeviceAuthorization').length - authorizations).toBe(1);
  });
});

describe('console links', () => {
  let signin: SigninStandIn;
  beforeAll(async () => {
    signin = await startSigninStandIn();
  });
  afterAll(() => signin.close());

  it('federated: a sign-in URL from the chained credentials, back to the portal', async () => {
    const c = await open();
    const link = await c.consoleLink('audit', {
      federated: true,
      federation: { federationUrl: signin.url },
    });
    expect(link.secret).toBe(true);
    expect(JSON.parse(signin.requests.at(-1)!.searchParams.get('Session')!)).toEqual({
      sessionId: auditKeys().accessKeyId,
      sessionKey: auditKeys().secretAccessKey,
      sessionToken: auditKeys().sessionToken,
    });
    expect([...new URL(link.url).searchParams]).toEqual([
      ['Action', 'login'],
      ['Issuer', START_URL],
      ['Destination', 'https://console.aws.amazon.com/console/home?region=eu-west-1'],
      ['SigninToken', `token-for-${auditKeys().accessKeyId}`],
    ]);
  });

  it('federated over static keys: no portal to go back to', async () => {
    const c = await open();
    const link = await c.consoleLink('from-keys', {
      federated: true,
      federation: { federationUrl: signin.url },
    });
    expect([...new URL(link.url).searchParams].map(([key]) => key)).toEqual([
      'Action',
      'Destination',
      'SigninToken',
    ]);
  });

  it('the portal shortcut: refused for an assumed role, saying how to get a link', async () => {
    const c = await open();
    const error = await rejection(c.consoleLink('deploy'));
    expect([error.code, error.message]).toEqual([
      'not-supported',
      `Profile "deploy" assumes ${ROLES.deploy} through STS; the access portal has no console link for it. In a terminal, \`sso-tray console deploy --federated\` prints a sign-in link made from its credentials.`,
    ]);
  });
});

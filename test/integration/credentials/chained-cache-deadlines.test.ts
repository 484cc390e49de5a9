// Role-chain credentials in memory: each hop reused while fresh (the top one
// until 15 minutes before expiry, a hop below only needs to sign), renewed
// from the cached hop below, dropped on a config edit or a sign-out. And the
// STS call's deadlines really fire: connect, response and total, each proven
// by what the server saw (abandoned requests, a connection never accepted).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';
import { SEED_CONFIG } from '../../support/temp-home';
import { ROLES, rejection, startChainWorld, type ChainWorld } from './support/chain-world';

const MINUTE = 60_000;
const config = (deployRole: string, devRole = 'DeveloperAccess') => `${SEED_CONFIG.replace(
  'sso_role_name = DeveloperAccess',
  `sso_role_name = ${devRole}`,
)}
[profile deploy]
role_arn = ${deployRole}
source_profile = dev
region = eu-west-1

[profile audit]
role_arn = ${ROLES.audit}
source_profile = deploy
region = eu-west-1

[profile from-keys]
role_arn = ${ROLES.deploy}
source_profile = ci
region = eu-west-1
`;

describe('per-hop cache', () => {
  let world: ChainWorld;
  let clock: FakeClock;

  beforeAll(async () => {
    clock = new FakeClock('2026-01-01T12:00:00Z');
    world = await startChainWorld(config(ROLES.deploy), { clock });
    const ci = world.sts.addStaticKeys();
    world.writeCredentials(
      `[ci]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n`,
    );
    world.signIn();
  });
  afterAll(() => world.close());

  /** Every credential issued from now on lives for `ms`. */
  const issueFor = (ms: number) => {
    world.sts.knobs.expiresAt = clock.now() + ms;
    world.ic.knobs.roleCredentialsExpiresAt = clock.now() + ms;
  };
  const assumed = () => world.sts.requestsFor('AssumeRole');

  it('the top hop is renewed 15 minutes before expiry, signed with the cached hop below', async () => {
    issueFor(60 * MINUTE);
    const { chained } = world.services();
    const first = await chained.get('audit');
    expect(await chained.get('audit')).toBe(first);
    expect(assumed().length).toBe(2);

    clock.advance(44 * MINUTE); // 16 minutes left
    expect(await chained.get('audit')).toBe(first);
    expect(assumed().length).toBe(2);

    issueFor(60 * MINUTE);
    clock.advance(2 * MINUTE); // 14 minutes left: hand out nothing that old
    const renewed = await chained.get('audit');
    expect(renewed.expiration).toBe(world.sts.knobs.expiresAt);
    const deployKey = assumed()[0]!;
    expect(
      assumed()
        .slice(2)
        .map((r) => [r.roleArn, r.accessKeyId]),
    ).toEqual([
      [ROLES.audit, world.sts.credentialsFor(ROLES.deploy, deployKey.accessKeyId!, 0).accessKeyId],
    ]);
    expect(world.ic.requestsFor('GetRoleCredentials').length).toBe(1);
  });

  it('short-lived credentials are reused for half their lifetime, not fetched on every call', async () => {
    issueFor(15 * MINUTE);
    const { chained } = world.services();
    const before = assumed().length;
    const first = await chained.get('from-keys');
    clock.advance(7 * MINUTE);
    expect(await chained.get('from-keys')).toBe(first);
    clock.advance(1 * MINUTE); // 7 minutes left of 15
    expect(await chained.get('from-keys')).not.toBe(first);
    expect(assumed().length - before).toBe(2);
  });

  it('editing a profile below the top, or the SSO source, fetches the chain again', async () => {
    issueFor(60 * MINUTE);
    const { chained } = world.services();
    await chained.get('audit');
    const before = assumed().length;
    try {
      world.home.writeConfig(config(ROLES.long));
      await chained.get('audit');
      world.home.writeConfig(config(ROLES.long, 'ReadOnly'));
      await chained.get('audit');
      expect(
        assumed()
          .slice(before)
          .map((r) => [r.roleArn, r.accessKeyId]),
      ).toEqual([
        [ROLES.long, world.ic.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId],
        [ROLES.audit, expect.stringMatching(/^ASIA/)],
        [ROLES.long, world.ic.roleCredentials('111111111111', 'ReadOnly').accessKeyId],
        [ROLES.audit, expect.stringMatching(/^ASIA/)],
      ]);
    } finally {
      world.home.writeConfig(config(ROLES.deploy));
    }
  });

  it('signing out drops the chains resting on that session, not those on static keys', async () => {
    issueFor(60 * MINUTE);
    const { chained } = world.services();
    await chained.get('audit');
    await chained.get('from-keys');
    const before = assumed().length;
    chained.forgetSession('my-sso');
    await chained.get('from-keys');
    expect(assumed().length).toBe(before);
    await chained.get('audit');
    expect(
      assumed()
        .slice(before)
        .map((r) => r.roleArn),
    ).toEqual([ROLES.deploy, ROLES.audit]);
  });
});

describe('deadlines of the STS call', () => {
  let world: ChainWorld;
  beforeAll(async () => {
    world = await startChainWorld(config(ROLES.deploy));
    world.signIn();
  });
  afterAll(() => world.close());

  /** Waits until every AssumeRole since `before` was abandoned by the client, and returns them. */
  async function abandonedSince(before: number) {
    const since = () => world.sts.requestsFor('AssumeRole').slice(before);
    await world.sts.waitUntil(
      () => since().length > 0 && since().every((r) => r.outcome !== 'pending'),
    );
    return since().map((r) => r.outcome);
  }

  it('response deadline: the request is abandoned, the user gets a clear error', async () => {
    world.sts.knobs.delays = { AssumeRole: 1_500 };
    try {
      const { chained } = world.services({ deadlines: { responseMs: 200 } });
      const before = world.sts.requestsFor('AssumeRole').length;
      const error = await rejection(chained.get('deploy'));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'network',
        message: 'STS did not answer in time for profile "deploy".',
      });
      const outcomes = await abandonedSince(before);
      expect(new Set(outcomes)).toEqual(new Set(['abandoned']));
    } finally {
      world.sts.knobs.delays = {};
    }
  });

  it('total deadline: retries included, the call gives up', async () => {
    world.sts.knobs.delays = { AssumeRole: 1_500 };
    try {
      const { chained } = world.services({ deadlines: { responseMs: 60_000, totalMs: 300 } });
      const before = world.sts.requestsFor('AssumeRole').length;
      const error = await rejection(chained.get('deploy'));
      expect(error.message).toBe('STS did not answer in time for profile "deploy".');
      expect(await abandonedSince(before)).toEqual(['abandoned']);
    } finally {
      world.sts.knobs.delays = {};
    }
  });

  it('connect deadline: a server that never accepts the connection', async () => {
    const listener: ChildProcess = spawn('python3', [
      path.join(__dirname, 'support/unaccepting_listener.py'),
    ]);
    try {
      const port = await new Promise<string>((resolve, reject) => {
        listener.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
        listener.once('error', reject);
      });
      const { chained } = world.services({
        env: { ...world.env, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}` },
        deadlines: { connectMs: 200 },
      });
      const error = await rejection(chained.get('deploy'));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'network',
        message:
          'Could not connect to STS in time for profile "deploy". Check the network and try again.',
      });
    } finally {
      listener.kill();
    }
  });
});

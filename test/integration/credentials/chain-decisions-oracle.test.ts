// botocore as the oracle for the subtle decisions of role chaining: for the
// same files and the same fakes, sso-tray makes the same AssumeRole requests
// (role, parameters, signing key, signing region) in the same order and gets
// the same credentials. Covers static keys beating role_arn below the top, an
// SSO role beating static keys in a source, a profile sourcing its own keys,
// a chain written in ~/.aws/credentials, the STS region of the top profile,
// values botocore drops, and sts_regional_endpoints = legacy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedStsRequest } from '../../fakes/fake-sts';
import {
  ROLES,
  startChainWorld,
  type BotocoreResult,
  type ChainWorld,
  chainConfig,
} from './support/chain-world';

const CONFIG = chainConfig(
  ['deploy'],
  `[profile mid-with-keys]
role_arn = ${ROLES.audit}
source_profile = dev
region = eu-west-1

[profile over-mid-with-keys]
role_arn = ${ROLES.deploy}
source_profile = mid-with-keys
region = eu-west-1

[profile sso-and-keys]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = ReadOnly

[profile over-sso-and-keys]
role_arn = ${ROLES.deploy}
source_profile = sso-and-keys
region = eu-west-1

[profile selfish]
role_arn = ${ROLES.deploy}
source_profile = selfish
region = eu-west-1

[profile deploy-elsewhere]
role_arn = ${ROLES.deploy}
source_profile = dev
region = ap-south-1

[profile top-region]
role_arn = ${ROLES.audit}
source_profile = deploy-elsewhere
region = us-west-2

[profile odd-values]
role_arn = ${ROLES.deploy}
source_profile = dev
duration_seconds = 1h
role_session_name =
region = eu-west-1

[profile no-region]
role_arn = ${ROLES.deploy}
source_profile = dev

[profile legacy-endpoints]
role_arn = ${ROLES.deploy}
source_profile = dev
region = eu-west-1
sts_regional_endpoints = legacy
`,
);

const PROFILES = [
  'deploy',
  'mid-with-keys',
  'over-mid-with-keys',
  'over-sso-and-keys',
  'selfish',
  'cred-file-chain',
  'top-region',
  'odd-values',
  'legacy-endpoints',
];

let world: ChainWorld;
const ours = new Map<string, unknown>();
const ourRequestsOf = new Map<string, RecordedStsRequest[]>();
let ourRequests: RecordedStsRequest[] = [];
let theirs: Record<string, BotocoreResult> = {};
let theirRequests: RecordedStsRequest[] = [];

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  const keys = () => {
    const k = world.sts.addStaticKeys();
    return `aws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n`;
  };
  world.writeCredentials(`[mid-with-keys]
${keys()}
[sso-and-keys]
${keys()}
[selfish]
${keys()}
[cred-file-chain]
role_arn = ${ROLES.audit}
source_profile = deploy
region = eu-west-1
`);
  world.sts.knobs.expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  world.signIn();

  // A new service per profile, as botocore runs a new session per profile (no shared cache).
  for (const profile of PROFILES) {
    const before = world.sts.requestsFor('AssumeRole').length;
    ours.set(profile, await world.services().chained.get(profile));
    ourRequestsOf.set(profile, world.sts.requestsFor('AssumeRole').slice(before));
  }
  ourRequests = [...world.sts.requestsFor('AssumeRole')];
  theirs = await world.botocore(PROFILES);
  theirRequests = world.sts.requestsFor('AssumeRole').slice(ourRequests.length);
}, 60_000);
afterAll(() => world.close());

it('no region anywhere: botocore refuses when STS has an endpoint override; we sign for the global endpoint', async () => {
  const before = world.sts.requestsFor('AssumeRole').length;
  await world.services().chained.get('no-region');
  expect(
    world.sts
      .requestsFor('AssumeRole')
      .slice(before)
      .map((r) => r.signingRegion),
  ).toEqual(['us-east-1']);
  expect((await world.botocore(['no-region']))['no-region']).toEqual({
    error: 'NoRegionError: You must specify a region.',
  });
}, 30_000);

const sent = (r: RecordedStsRequest) => ({
  params: { ...r.params, RoleSessionName: r.roleSessionName?.replace(/\d+$/, '<n>') },
  signedBy: r.accessKeyId,
  signingRegion: r.signingRegion,
  outcome: r.outcome,
});

describe('botocore as the oracle', () => {
  it('the same AssumeRole requests, in the same order', () => {
    expect(theirRequests.map(sent)).toEqual(ourRequests.map(sent));
  });

  it.each(PROFILES)('%s: the same credentials', (profile) => {
    const result = theirs[profile];
    expect(result && !('error' in result)).toBe(true);
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = result as Extract<
      BotocoreResult,
      { accessKeyId: string }
    >;
    expect(ours.get(profile)).toEqual({ accessKeyId, secretAccessKey, sessionToken, expiration });
  });

  it('the subtle cases really took the path they are named for', () => {
    const of = (profile: string) => ourRequestsOf.get(profile)!;
    // over-mid-with-keys: one hop, signed by mid-with-keys' static keys, not by its role.
    expect(of('over-mid-with-keys').map((r) => r.roleArn)).toEqual([ROLES.deploy]);
    expect(world.sts.callerOf(of('over-mid-with-keys')[0]!.accessKeyId!)?.kind).toBe('iam-user');
    // over-sso-and-keys: signed with the SSO role credentials of sso-and-keys.
    expect(of('over-sso-and-keys')[0]!.accessKeyId).toBe(
      world.ic.roleCredentials('222222222222', 'ReadOnly').accessKeyId,
    );
    // selfish: its own keys sign its own role.
    expect(world.sts.callerOf(of('selfish')[0]!.accessKeyId!)?.kind).toBe('iam-user');
    // cred-file-chain: a chain written in ~/.aws/credentials, on top of deploy.
    expect(of('cred-file-chain').map((r) => r.roleArn)).toEqual([ROLES.deploy, ROLES.audit]);
    // top-region: both hops signed for the region of the profile asked for.
    expect(of('top-region').map((r) => r.signingRegion)).toEqual(['us-west-2', 'us-west-2']);
    // odd-values: no DurationSeconds, and the default session name.
    expect(of('odd-values')[0]!.durationSeconds).toBeNull();
    expect(of('odd-values')[0]!.roleSessionName).toMatch(/^botocore-session-\d+$/);
  });
});

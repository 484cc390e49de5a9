// Role chaining against the fake IAM Identity Center and the fake STS, with
// the real @aws-sdk/client-sts: one and two hops, from an SSO profile and from
// static keys, give exactly the credentials botocore gets for the same profiles
// from the same fakes, after the same AssumeRole requests; STS refusals become
// messages that name the profile and never a secret.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { CredentialsError } from '../../../app/core/credentials/credentials-error';
import { secretValuesOf } from '../../../app/core/credentials/role-credentials';
import { formatAwsCliCredentials } from '../../../app/core/export/aws-cli-format';
import type { RecordedStsRequest } from '../../fakes/fake-sts';
import {
  ROLES,
  START_URL,
  rejection,
  awsCliProcessExports,
  startChainWorld,
  type BotocoreResult,
  type ChainWorld,
  chainConfig,
} from './support/chain-world';

const CONFIG = chainConfig(
  ['deploy', 'audit', 'partner', 'from-keys', 'audit-from-keys', 'dev-legacy', 'deploy-legacy'],
  `[profile partner-without-id]
role_arn = ${ROLES.partner}
source_profile = dev
region = eu-west-1

[profile long-from-keys]
role_arn = ${ROLES.long}
source_profile = ci
duration_seconds = 7200
region = eu-west-1

[profile long-from-sso]
role_arn = ${ROLES.long}
source_profile = dev
duration_seconds = 7200
region = eu-west-1

[profile too-short]
role_arn = ${ROLES.deploy}
source_profile = dev
duration_seconds = 300
region = eu-west-1

[profile untrusted]
role_arn = arn:aws:iam::333333333333:role/TrustsSomeoneElse
source_profile = dev
region = eu-west-1

[profile from-wrong-secret]
role_arn = ${ROLES.deploy}
source_profile = ci-wrong-secret
region = eu-west-1

[profile from-unknown-key]
role_arn = ${ROLES.deploy}
source_profile = ci-unknown
region = eu-west-1
`,
);

let world: ChainWorld;
let ciKeys: { accessKeyId: string; secretAccessKey: string };
let expiresAt: number;

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  const ci = world.sts.addStaticKeys({ arn: 'arn:aws:iam::444444444444:user/ci' });
  ciKeys = { accessKeyId: ci.accessKeyId, secretAccessKey: ci.secretAccessKey };
  world.writeCredentials(`[ci]
aws_access_key_id = ${ci.accessKeyId}
aws_secret_access_key = ${ci.secretAccessKey}

[ci-wrong-secret]
aws_access_key_id = ${ci.accessKeyId}
aws_secret_access_key = ${ci.secretAccessKey.slice(1)}x

[ci-unknown]
aws_access_key_id = AKIAUNKNOWNUNKNOWN00
aws_secret_access_key = ${ci.secretAccessKey}
`);
  // One expiry for every issued credential, so both tools' answers compare byte for byte.
  expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  world.sts.knobs.expiresAt = expiresAt;
  world.signIn();
  // The legacy profile's token file is keyed by its start URL.
  world.home.writeToken(START_URL, serializeCliToken(world.ic.issueToken({ startUrl: START_URL })));
});
afterAll(() => world.close());

const ssoKeys = () => world.ic.roleCredentials('111111111111', 'DeveloperAccess');

/** Runs `action` and returns the AssumeRole requests it caused. */
async function assumeRequests(action: () => Promise<unknown>): Promise<RecordedStsRequest[]> {
  const before = world.sts.requestsFor('AssumeRole').length;
  await action();
  return world.sts.requestsFor('AssumeRole').slice(before);
}

/** What a request asked for and who signed it: the parts both tools must agree on. */
const sent = (r: RecordedStsRequest) => ({
  params: Object.fromEntries(Object.entries(r.params).filter(([k]) => k !== 'RoleSessionName')),
  roleSessionName: /^botocore-session-\d+$/.test(r.roleSessionName ?? '')
    ? 'botocore-session-<epoch seconds>'
    : r.roleSessionName,
  signedBy: r.accessKeyId,
  sessionTokenSent: r.sessionTokenSent,
  signingRegion: r.signingRegion,
  outcome: r.outcome,
});

function credentialsOf(result: BotocoreResult | undefined) {
  if (!result || 'error' in result) throw new Error(`botocore failed: ${JSON.stringify(result)}`);
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = result;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

interface ToolRun {
  readonly credentials: unknown;
  readonly requests: RecordedStsRequest[];
}

const COMPARED = ['deploy', 'audit', 'from-keys', 'audit-from-keys', 'partner', 'long-from-keys'];
const ourRuns = new Map<string, ToolRun>();
const theirRuns = new Map<string, ToolRun>();
let allOurs: RecordedStsRequest[] = [];
let allTheirs: RecordedStsRequest[] = [];

// One botocore process for every profile (a new botocore session each, so no shared cache);
// ours likewise with a new service per profile. botocore's requests are split by our counts,
// and the whole sequences are compared too.
async function runBothTools(): Promise<void> {
  for (const profile of COMPARED) {
    let credentials: unknown;
    const requests = await assumeRequests(
      async () => (credentials = await world.services().chained.get(profile)),
    );
    ourRuns.set(profile, { credentials, requests });
  }
  let results: Record<string, BotocoreResult> = {};
  allTheirs = await assumeRequests(async () => (results = await world.botocore(COMPARED)));
  allOurs = COMPARED.flatMap((p) => ourRuns.get(p)!.requests);
  let offset = 0;
  for (const profile of COMPARED) {
    const count = ourRuns.get(profile)!.requests.length;
    const requests = allTheirs.slice(offset, offset + count);
    offset += count;
    theirRuns.set(profile, { credentials: credentialsOf(results[profile]), requests });
  }
}

function bothTools(profile: string) {
  const our = ourRuns.get(profile)!;
  const their = theirRuns.get(profile)!;
  return {
    ours: our.credentials,
    theirs: their.credentials,
    ourRequests: our.requests,
    theirRequests: their.requests,
  };
}

describe('the same credentials as botocore', () => {
  beforeAll(runBothTools, 60_000);

  it('the same AssumeRole requests, in the same order', () => {
    expect(allTheirs.map(sent)).toEqual(allOurs.map(sent));
  });
  it('one hop from an SSO profile: one AssumeRole signed with the SSO role credentials', () => {
    const { ours, theirs, ourRequests, theirRequests } = bothTools('deploy');
    expect(ours).toEqual(theirs);
    expect(ours).toEqual(world.sts.credentialsFor(ROLES.deploy, ssoKeys().accessKeyId, expiresAt));
    expect(ourRequests.map(sent)).toEqual([
      {
        params: { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLES.deploy },
        roleSessionName: 'botocore-session-<epoch seconds>',
        signedBy: ssoKeys().accessKeyId,
        sessionTokenSent: true,
        signingRegion: 'eu-west-1',
        outcome: 'ok',
      },
    ]);
    expect(theirRequests.map(sent)).toEqual(ourRequests.map(sent));
  });

  it('two hops: the second AssumeRole is signed with what the first returned', () => {
    const { ours, theirs, ourRequests, theirRequests } = bothTools('audit');
    expect(ours).toEqual(theirs);
    const firstHop = world.sts.credentialsFor(ROLES.deploy, ssoKeys().accessKeyId, expiresAt);
    expect(ours).toEqual(world.sts.credentialsFor(ROLES.audit, firstHop.accessKeyId, expiresAt));
    expect(ourRequests.map((r) => [r.roleArn, r.accessKeyId])).toEqual([
      [ROLES.deploy, ssoKeys().accessKeyId],
      [ROLES.audit, firstHop.accessKeyId],
    ]);
    expect(theirRequests.map(sent)).toEqual(ourRequests.map(sent));
  });

  it('static keys from ~/.aws/credentials as the source, one and two hops', () => {
    for (const profile of ['from-keys', 'audit-from-keys']) {
      const { ours, theirs, ourRequests, theirRequests } = bothTools(profile);
      expect(ours).toEqual(theirs);
      expect(ourRequests[0]).toMatchObject({
        roleArn: ROLES.deploy,
        accessKeyId: ciKeys.accessKeyId,
        sessionTokenSent: false,
      });
      expect(theirRequests.map(sent)).toEqual(ourRequests.map(sent));
    }
  });

  it('external_id, role_session_name and duration_seconds reach STS as botocore sends them', () => {
    const { ours, theirs, ourRequests, theirRequests } = bothTools('partner');
    expect(ours).toEqual(theirs);
    expect(ourRequests.map((r) => r.params)).toEqual([
      {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLES.partner,
        RoleSessionName: 'alice-partner',
        ExternalId: 'partner-7391',
        DurationSeconds: '1800',
      },
    ]);
    expect(theirRequests.map(sent)).toEqual(ourRequests.map(sent));
  });

  it('a duration above one hour works from IAM user keys, as for botocore', () => {
    const { ours, theirs, ourRequests } = bothTools('long-from-keys');
    expect(ours).toEqual(theirs);
    expect(ourRequests[0]!.durationSeconds).toBe('7200');
  });
});

describe('the AWS CLI (2.9.19)', () => {
  // 2.9.19 cannot chain over an sso-session profile (its source-profile SSO provider has no
  // token provider: "'NoneType' object has no attribute 'get_frozen_token'"), so the SSO case
  // uses a legacy SSO profile; botocore covers sso-session sources above.
  it('exports the same credentials, byte for byte: SSO (legacy) and static-key sources, one and two hops', async () => {
    const profiles = ['deploy-legacy', 'from-keys', 'audit-from-keys'];
    const theirs = await awsCliProcessExports(world, profiles);
    for (const profile of profiles) {
      const ours = await world.services().chained.get(profile);
      expect(formatAwsCliCredentials(ours, 'process')).toBe(theirs[profile]);
    }
  }, 60_000);
});

describe('STS refusals', () => {
  const REFUSED = [
    'untrusted',
    'partner-without-id',
    'long-from-sso',
    'too-short',
    'from-wrong-secret',
    'from-unknown-key',
  ];
  let botocore: Record<string, BotocoreResult>;
  beforeAll(async () => {
    botocore = await world.botocore(REFUSED);
  }, 60_000);

  const secrets = () => [
    ...secretValuesOf({ ...ssoKeys(), expiration: null }),
    ciKeys.secretAccessKey,
  ];

  it.each([
    [
      'untrusted',
      'access-denied',
      'STS denied profile "untrusted" the role arn:aws:iam::333333333333:role/TrustsSomeoneElse (AccessDenied): the role\'s trust policy does not allow the credentials of "dev" (or it requires MFA).',
      'AccessDenied',
      '(AccessDenied)',
    ],
    [
      'partner-without-id',
      'access-denied',
      `STS denied profile "partner-without-id" the role ${ROLES.partner} (AccessDenied): the role's trust policy does not allow the credentials of "dev" (or it requires MFA).`,
      'AccessDenied',
      '(AccessDenied)',
    ],
    [
      'long-from-sso',
      'chain-invalid',
      `STS refused to assume ${ROLES.long} for profile "long-from-sso": duration_seconds is above 3600, the most STS allows for a role assumed with role credentials.`,
      'ValidationError',
      '(ValidationError)',
    ],
    [
      'too-short',
      'chain-invalid',
      `STS refused to assume ${ROLES.deploy} for profile "too-short": duration_seconds is not valid.`,
      'ValidationError',
      // botocore refuses it before sending: its model knows the minimum.
      'Invalid value for parameter DurationSeconds, value: 300, valid min value: 900',
    ],
    [
      'from-wrong-secret',
      'access-denied',
      'STS does not accept the credentials of profile "ci-wrong-secret" (SignatureDoesNotMatch), needed for profile "from-wrong-secret"; check its keys.',
      'SignatureDoesNotMatch',
      '(SignatureDoesNotMatch)',
    ],
    [
      'from-unknown-key',
      'access-denied',
      'STS does not accept the credentials of profile "ci-unknown" (InvalidClientTokenId), needed for profile "from-unknown-key"; check its keys.',
      'InvalidClientTokenId',
      '(InvalidClientTokenId)',
    ],
  ])('%s: %s, as botocore is refused', async (profile, code, message, stsCode, theirError) => {
    const { chained } = world.services();
    let error: CredentialsError | undefined;
    const requests = await assumeRequests(async () => {
      error = await rejection(chained.get(profile));
    });
    expect({ code: error!.code, message: error!.message }).toEqual({ code, message });
    expect(requests.map((r) => r.outcome)).toEqual([stsCode]);
    for (const secret of secrets()) expect(error!.message).not.toContain(secret);
    const theirs = botocore[profile]!;
    expect('error' in theirs ? theirs.error : 'no error').toContain(theirError);
  });

  it('not signed in: the SSO source says so, and nothing is sent to STS', async () => {
    rmSync(world.home.tokenPath('my-sso'));
    try {
      const { chained } = world.services();
      let error: CredentialsError | undefined;
      const requests = await assumeRequests(async () => {
        error = await rejection(chained.get('audit'));
      });
      expect(requests).toEqual([]);
      expect(error!.toApiError()).toEqual({
        code: 'not-signed-in',
        message: 'Not signed in to my-sso; sign in to it first.',
        action: { kind: 'sign-in', session: 'my-sso' },
      });
    } finally {
      world.signIn();
    }
  });
});

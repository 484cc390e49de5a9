// The fake STS behaves like the real one at its least convenient: every
// request must be SigV4-signed by credentials it knows (IAM user keys, the fake
// Identity Center's role credentials, its own issued credentials, each with
// its session token), parameters are validated with the service's messages,
// roles enforce their trust rules, MFA codes work once. Checked with the real
// @aws-sdk/client-sts and with botocore.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { startFakeSts, type FakeSts } from '../../fakes/fake-sts';
import { FakeClock } from '../../support/fake-clock';

const DEPLOY = 'arn:aws:iam::333333333333:role/Deploy';
const PARTNER = 'arn:aws:iam::333333333333:role/Partner';
const GUARDED = 'arn:aws:iam::333333333333:role/Guarded';
const SERIAL = 'arn:aws:iam::444444444444:mfa/ci';

let ic: FakeIdentityCenter;
let sts: FakeSts;
let clock: FakeClock;

beforeAll(async () => {
  clock = new FakeClock(Date.now());
  ic = await startFakeIdentityCenter({ clock });
  sts = await startFakeSts({
    identityCenter: ic,
    clock,
    knobs: {
      roles: [
        { arn: DEPLOY },
        { arn: PARTNER, externalId: 'partner-7391' },
        { arn: GUARDED, mfaRequired: true, trusts: (caller) => caller.kind === 'iam-user' },
      ],
    },
  });
});
afterAll(async () => {
  await sts.close();
  await ic.close();
});

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | null;
}

function client(keys: Keys): STSClient {
  return new STSClient({
    region: 'eu-west-1',
    endpoint: sts.url,
    maxAttempts: 1,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
  });
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded');
}

const assume = (keys: Keys, input: Partial<AssumeRoleCommandInput> = {}) =>
  client(keys).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'test', ...input }));

describe('signatures', () => {
  it('an unsigned request gets MissingAuthenticationToken in the real XML shape', async () => {
    const response = await fetch(sts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const requestId = response.headers.get('x-amzn-requestid');
    expect(await response.text()).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        '  <Error>\n    <Type>Sender</Type>\n    <Code>MissingAuthenticationToken</Code>\n' +
        '    <Message>Request is missing Authentication Token</Message>\n  </Error>\n' +
        `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    );
  });

  it('unknown keys, a wrong secret, a missing session token, a tampered body: the real errors', async () => {
    const user = sts.addStaticKeys();
    const sso = ic.roleCredentials('111111111111', 'DeveloperAccess');
    const tampering = client(user);
    tampering.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: string; headers: Record<string, string> };
        request.body = String(request.body).replace('test', 'tset');
        return next(args);
      },
      { step: 'deserialize', name: 'tamperAfterSigning' },
    );
    const results = [
      await failure(assume({ accessKeyId: 'AKIANOBODYKNOWSTHIS0', secretAccessKey: 'x' })),
      await failure(assume({ ...user, secretAccessKey: `${user.secretAccessKey}x` })),
      await failure(assume({ accessKeyId: sso.accessKeyId, secretAccessKey: sso.secretAccessKey })),
      await failure(
        tampering.send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'test' })),
      ),
    ];
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['InvalidClientTokenId', 403],
      ['SignatureDoesNotMatch', 403],
      ['InvalidClientTokenId', 403],
      ['SignatureDoesNotMatch', 403],
    ]);
    expect(results[0]!.message).toBe('The security token included in the request is invalid.');
  });

  it('credentials it issued sign the next hop until they expire, then ExpiredToken', async () => {
    const sso = ic.roleCredentials('111111111111', 'DeveloperAccess');
    const first = await assume(sso, { DurationSeconds: 900 });
    const issued = {
      accessKeyId: first.Credentials!.AccessKeyId!,
      secretAccessKey: first.Credentials!.SecretAccessKey!,
      sessionToken: first.Credentials!.SessionToken!,
    };
    const identity = await client(issued).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: '333333333333',
      Arn: 'arn:aws:sts::333333333333:assumed-role/Deploy/test',
    });
    clock.advance(901_000);
    try {
      expect(await failure(client(issued).send(new GetCallerIdentityCommand({})))).toEqual({
        name: 'ExpiredToken',
        status: 400,
        message: 'The security token included in the request is expired',
      });
    } finally {
      // Identity Center credentials follow the same clock: keep them valid for the next tests.
      ic.knobs.roleCredentialsExpiresAt = clock.now() + 3_600_000;
    }
  });

  it('records what each request asked for and who signed it', async () => {
    const user = sts.addStaticKeys();
    const before = sts.requests.length;
    await assume(user, { ExternalId: 'partner-7391', RoleArn: PARTNER, DurationSeconds: 1800 });
    expect(sts.requests.slice(before)).toEqual([
      expect.objectContaining({
        operation: 'AssumeRole',
        roleArn: PARTNER,
        roleSessionName: 'test',
        externalId: 'partner-7391',
        durationSeconds: '1800',
        serialNumber: null,
        tokenCode: null,
        accessKeyId: user.accessKeyId,
        signingRegion: 'eu-west-1',
        sessionTokenSent: false,
        outcome: 'ok',
      }),
    ]);
  });
});

describe('AssumeRole rules', () => {
  it("validation errors in the service's words, all at once", async () => {
    const user = sts.addStaticKeys();
    const error = await failure(
      assume(user, { RoleSessionName: 'has space', DurationSeconds: 100, ExternalId: 'x' }),
    );
    expect(error).toEqual({
      name: 'ValidationError',
      status: 400,
      message:
        "3 validation errors detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
  });

  it('external id and MFA trust rules, MFA codes accepted once', async () => {
    const user = sts.addStaticKeys();
    sts.knobs.mfaDevices = { [SERIAL]: '123456' };
    const mfa = { SerialNumber: SERIAL, TokenCode: '123456' };
    const outcomes = [
      await failure(assume(user, { RoleArn: PARTNER })),
      await failure(assume(user, { RoleArn: PARTNER, ExternalId: 'wrong-id' })),
      await failure(assume(user, { RoleArn: GUARDED })),
      await failure(assume(user, { RoleArn: GUARDED, ...mfa, TokenCode: '654321' })),
      await failure(assume(user, { RoleArn: GUARDED, ...mfa, SerialNumber: `${SERIAL}-other` })),
    ].map((e) => e.message);
    expect(outcomes).toEqual([
      `User: arn:aws:iam::444444444444:user/ci is not authorized to perform: sts:AssumeRole on resource: ${PARTNER}`,
      `User: arn:aws:iam::444444444444:user/ci is not authorized to perform: sts:AssumeRole on resource: ${PARTNER}`,
      `User: arn:aws:iam::444444444444:user/ci is not authorized to perform: sts:AssumeRole on resource: ${GUARDED}`,
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
    ]);
    await assume(user, { RoleArn: PARTNER, ExternalId: 'partner-7391' });
    await assume(user, { RoleArn: GUARDED, ...mfa });
    expect((await failure(assume(user, { RoleArn: GUARDED, ...mfa }))).message).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );
  });

  it('a role whose trust policy excludes the caller, and an unknown role: AccessDenied', async () => {
    const sso = ic.roleCredentials('111111111111', 'DeveloperAccess');
    const ssoArn = sts.callerOf(sso.accessKeyId)!.arn;
    expect(ssoArn).toMatch(
      /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}\/sso-user$/,
    );
    const denied = [
      await failure(assume(sso, { RoleArn: GUARDED })),
      await failure(assume(sso, { RoleArn: 'arn:aws:iam::333333333333:role/Missing' })),
    ];
    expect(denied.map((e) => [e.name, e.status, e.message])).toEqual([
      [
        'AccessDenied',
        403,
        `User: ${ssoArn} is not authorized to perform: sts:AssumeRole on resource: ${GUARDED}`,
      ],
      [
        'AccessDenied',
        403,
        `User: ${ssoArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::333333333333:role/Missing`,
      ],
    ]);
  });

  it('botocore reads its answers and its errors', async () => {
    const user = sts.addStaticKeys();
    const script = `
import botocore.session, json
c = botocore.session.Session().create_client('sts', region_name='eu-west-1',
    aws_access_key_id='${user.accessKeyId}', aws_secret_access_key='${user.secretAccessKey}')
out = c.assume_role(RoleArn='${DEPLOY}', RoleSessionName='boto')
try:
    c.assume_role(RoleArn='${PARTNER}', RoleSessionName='boto')
    denied = None
except c.exceptions.ClientError as e:
    denied = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps([out['AssumedRoleUser']['Arn'], out['Credentials']['AccessKeyId'], denied]))
`;
    const { stdout } = await promisify(execFile)('python3', ['-c', script], {
      env: { HOME: '/nonexistent', PATH: process.env.PATH, ...sts.env },
      encoding: 'utf8',
    });
    const issued = sts.credentialsFor(DEPLOY, user.accessKeyId, 0);
    expect(JSON.parse(stdout)).toEqual([
      'arn:aws:sts::333333333333:assumed-role/Deploy/boto',
      issued.accessKeyId,
      ['AccessDenied', 403],
    ]);
  });
});

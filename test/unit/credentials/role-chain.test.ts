// The pure decision of how a role_arn profile gets its credentials, following
// botocore's AssumeRoleProvider: the source, the hops in call order with their
// parameters, the STS region, and the refusals (loops, missing or unusable
// sources) with messages that name the profiles involved.
import { describe, expect, it } from 'vitest';
import { buildConfigModel, type ConfigModel } from '../../../app/core/config/config-model';
import { CredentialsError } from '../../../app/core/credentials/credentials-error';
import { assumesRole, resolveRoleChain } from '../../../app/core/credentials/role-chain';

const SSO = `[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
region = eu-west-1
`;
const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';
const ARN = (name: string) => `arn:aws:iam::333333333333:role/${name}`;

function model(config: string, credentials: string | null = null): ConfigModel {
  return buildConfigModel(
    { path: '/home/u/.aws/config', bytes: Buffer.from(`${SSO}\n${config}`) },
    {
      path: '/home/u/.aws/credentials',
      bytes: credentials === null ? null : Buffer.from(credentials),
    },
  );
}

const chain = (m: ConfigModel, profile: string, env: Record<string, string> = {}) =>
  resolveRoleChain(m, profile, env);

function refusal(m: ConfigModel, profile: string): { code: string; message: string } {
  try {
    chain(m, profile);
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialsError);
    const { code, message } = error as CredentialsError;
    return { code, message };
  }
  throw new Error(`${profile} resolved`);
}

const hop = (profile: string, roleArn: string, fields: object = {}) => ({
  profile,
  roleArn,
  roleSessionName: null,
  externalId: null,
  durationSeconds: null,
  mfaSerial: null,
  ...fields,
});

describe('sources and hops', () => {
  it('one hop over an SSO profile, with every parameter the profile sets', () => {
    const m = model(`[profile deploy]
role_arn = ${ARN('Deploy')}
source_profile = dev
role_session_name = alice
external_id = partner-7391
duration_seconds = 1800
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-central-1
`);
    expect(chain(m, 'deploy')).toEqual({
      profile: 'deploy',
      source: { kind: 'sso', profile: 'dev' },
      hops: [
        hop('deploy', ARN('Deploy'), {
          roleSessionName: 'alice',
          externalId: 'partner-7391',
          durationSeconds: 1800,
          mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
        }),
      ],
      sts: { region: 'eu-central-1', regionalEndpoints: 'regional' },
    });
  });

  it('hops are listed in call order, down to the source at any depth', () => {
    const m = model(`[profile a]
role_arn = ${ARN('A')}
source_profile = b
[profile b]
role_arn = ${ARN('B')}
source_profile = c
[profile c]
role_arn = ${ARN('C')}
source_profile = dev
`);
    const c = chain(m, 'a');
    expect(c.source).toEqual({ kind: 'sso', profile: 'dev' });
    expect(c.hops.map((h) => h.profile)).toEqual(['c', 'b', 'a']);
  });

  it("below the top, static keys win over the profile's own role_arn (as in botocore and the JS SDK)", () => {
    const m = model(
      `[profile top]
role_arn = ${ARN('Top')}
source_profile = mid
[profile mid]
role_arn = ${ARN('Mid')}
source_profile = dev
`,
      `[mid]\n${KEYS}`,
    );
    expect(chain(m, 'top')).toMatchObject({
      source: { kind: 'static-keys', profile: 'mid', file: 'credentials' },
      hops: [{ profile: 'top' }],
    });
    // At the top, role_arn wins over the profile's keys.
    expect(chain(m, 'mid').hops.map((h) => h.profile)).toEqual(['mid']);
  });

  it("a source with both an SSO role and static keys gives its SSO credentials (botocore's order)", () => {
    const m = model(
      `[profile sso-and-keys]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
[profile over]
role_arn = ${ARN('Over')}
source_profile = sso-and-keys
`,
      `[sso-and-keys]\n${KEYS}`,
    );
    expect(chain(m, 'over').source).toEqual({ kind: 'sso', profile: 'sso-and-keys' });
  });

  it('static keys: the credentials file first, then the config file', () => {
    const m = model(
      `[profile in-config]
${KEYS}
[profile in-both]
${KEYS}
[profile a]
role_arn = ${ARN('A')}
source_profile = in-config
[profile b]
role_arn = ${ARN('B')}
source_profile = in-both
[profile c]
role_arn = ${ARN('C')}
source_profile = only-in-credentials
`,
      `[in-both]\n${KEYS}\n[only-in-credentials]\n${KEYS}`,
    );
    expect(chain(m, 'a').source).toEqual({
      kind: 'static-keys',
      profile: 'in-config',
      file: 'config',
    });
    expect(chain(m, 'b').source).toEqual({
      kind: 'static-keys',
      profile: 'in-both',
      file: 'credentials',
    });
    expect(chain(m, 'c').source).toEqual({
      kind: 'static-keys',
      profile: 'only-in-credentials',
      file: 'credentials',
    });
  });

  it('a profile may use its own static keys as source (botocore allows that loop only)', () => {
    const m = model(
      `[profile self]\nrole_arn = ${ARN('Self')}\nsource_profile = self\n`,
      `[self]\n${KEYS}`,
    );
    expect(chain(m, 'self')).toMatchObject({
      source: { kind: 'static-keys', profile: 'self', file: 'credentials' },
      hops: [{ profile: 'self' }],
    });
  });

  it('role settings in ~/.aws/credentials count, and override the config file', () => {
    const m = model(
      `[profile deploy]\nrole_arn = ${ARN('FromConfig')}\nsource_profile = dev\nregion = eu-west-1\n`,
      `[deploy]\nrole_arn = ${ARN('FromCredentials')}\n\n[cred-only]\nrole_arn = ${ARN('CredOnly')}\nsource_profile = deploy\n`,
    );
    expect(assumesRole(m, 'cred-only')).toBe(true);
    expect(chain(m, 'deploy').hops[0]!.roleArn).toBe(ARN('FromCredentials'));
    expect(chain(m, 'cred-only').hops.map((h) => h.roleArn)).toEqual([
      ARN('FromCredentials'),
      ARN('CredOnly'),
    ]);
  });

  it('assumesRole: only profiles with a role_arn', () => {
    const m = model(`[profile deploy]\nrole_arn = ${ARN('Deploy')}\nsource_profile = dev\n`);
    expect(['dev', 'deploy', 'nope'].map((p) => assumesRole(m, p))).toEqual([false, true, false]);
  });
});

describe('parameters as botocore sends them', () => {
  it.each([
    ['1800', 1800],
    ['+900', 900],
    ['3_600', 3600],
    ['abc', null],
    ['3600.0', null],
    ['', null],
  ])(
    'duration_seconds = %j -> DurationSeconds %j (dropped when int() refuses it)',
    (value, sent) => {
      const m = model(
        `[profile d]\nrole_arn = ${ARN('D')}\nsource_profile = dev\nduration_seconds = ${value}\n`,
      );
      expect(chain(m, 'd').hops[0]!.durationSeconds).toBe(sent);
    },
  );

  it('an empty role_session_name gets the default name; an empty external_id is sent (STS refuses it)', () => {
    const m = model(
      `[profile d]\nrole_arn = ${ARN('D')}\nsource_profile = dev\nrole_session_name =\nexternal_id =\n`,
    );
    expect(chain(m, 'd').hops[0]).toMatchObject({ roleSessionName: null, externalId: '' });
  });

  it('STS region: AWS_DEFAULT_REGION, then the profile asked for (not the hops below), else none', () => {
    const m = model(`[profile top]
role_arn = ${ARN('Top')}
source_profile = below
region = us-west-2
[profile below]
role_arn = ${ARN('Below')}
source_profile = dev
region = ap-south-1
[profile no-region]
role_arn = ${ARN('N')}
source_profile = dev
`);
    expect(chain(m, 'top').sts.region).toBe('us-west-2');
    expect(chain(m, 'top', { AWS_DEFAULT_REGION: 'ca-central-1' }).sts.region).toBe('ca-central-1');
    // botocore does not read AWS_REGION.
    expect(chain(m, 'no-region', { AWS_REGION: 'ca-central-1' }).sts.region).toBeNull();
  });

  it('sts_regional_endpoints: the profile asked for, or AWS_STS_REGIONAL_ENDPOINTS; other values refused', () => {
    const m = model(`[profile legacy]
role_arn = ${ARN('L')}
source_profile = dev
sts_regional_endpoints = legacy
[profile bogus]
role_arn = ${ARN('B')}
source_profile = dev
sts_regional_endpoints = global
`);
    expect(chain(m, 'legacy').sts.regionalEndpoints).toBe('legacy');
    expect(
      chain(m, 'legacy', { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }).sts.regionalEndpoints,
    ).toBe('regional');
    expect(refusal(m, 'bogus')).toEqual({
      code: 'chain-invalid',
      message: 'sts_regional_endpoints = global is not valid; use "regional" or "legacy".',
    });
  });
});

describe('refusals', () => {
  const m = model(
    `[profile a]
role_arn = ${ARN('A')}
source_profile = b
[profile b]
role_arn = ${ARN('B')}
source_profile = c
[profile c]
role_arn = ${ARN('C')}
source_profile = b
[profile self-without-keys]
role_arn = ${ARN('S')}
source_profile = self-without-keys
[profile missing-source]
role_arn = ${ARN('M')}
source_profile = typo
[profile no-source]
role_arn = ${ARN('N')}
[profile both-sources]
role_arn = ${ARN('X')}
source_profile = dev
credential_source = Environment
[profile from-environment]
role_arn = ${ARN('E')}
credential_source = Environment
[profile bad-source-name]
role_arn = ${ARN('E')}
credential_source = Laptop
[profile web]
role_arn = ${ARN('W')}
web_identity_token_file = /var/run/token
[profile over-web]
role_arn = ${ARN('O')}
source_profile = web
[profile process]
credential_process = /usr/bin/get-creds
[profile over-process]
role_arn = ${ARN('P')}
source_profile = process
[profile empty]
region = eu-west-1
[profile over-empty]
role_arn = ${ARN('Q')}
source_profile = empty
[profile half-keys]
aws_access_key_id = AKIAEXAMPLE
[profile over-half-keys]
role_arn = ${ARN('H')}
source_profile = half-keys
[profile empty-mfa]
role_arn = ${ARN('F')}
source_profile = dev
mfa_serial =
`,
  );

  it.each([
    [
      'a',
      'chain-invalid',
      'Profiles "a" -> "b" -> "c" -> "b" form a source_profile loop; point one of them at a profile with credentials.',
    ],
    [
      'self-without-keys',
      'chain-invalid',
      'Profiles "self-without-keys" -> "self-without-keys" form a source_profile loop; point one of them at a profile with credentials.',
    ],
    [
      'missing-source',
      'chain-invalid',
      'Profile "missing-source" uses source_profile = typo, which is not a profile in the AWS config or credentials file.',
    ],
    [
      'no-source',
      'chain-invalid',
      'Profile "no-source" has role_arn but no source_profile (or credential_source); add source_profile = <profile with credentials>.',
    ],
    [
      'both-sources',
      'chain-invalid',
      'Profile "both-sources" sets both source_profile and credential_source; the AWS CLI refuses it. Keep one.',
    ],
    [
      'from-environment',
      'not-supported',
      'Profile "from-environment" takes its source credentials from credential_source = Environment; sso-tray does not support credential_source (only source_profile). Use the AWS CLI or an SDK for this profile.',
    ],
    [
      'bad-source-name',
      'not-supported',
      'Profile "bad-source-name" has credential_source = Laptop, which is not a valid source (Environment, Ec2InstanceMetadata or EcsContainer).',
    ],
    [
      'web',
      'not-supported',
      'Profile "web" uses web_identity_token_file (AssumeRoleWithWebIdentity); sso-tray does not support web identity profiles.',
    ],
    [
      'over-web',
      'not-supported',
      'Profile "web" uses web_identity_token_file (AssumeRoleWithWebIdentity); sso-tray does not support web identity profiles.',
    ],
    [
      'over-process',
      'not-supported',
      'Source profile "process" gets its credentials from credential_process; sso-tray does not run credential processes for role chaining.',
    ],
    [
      'over-empty',
      'chain-invalid',
      'Source profile "empty" has no credentials (no IAM Identity Center role, no aws_access_key_id, no role_arn).',
    ],
    [
      'over-half-keys',
      'chain-invalid',
      'Profile "half-keys" has aws_access_key_id but no aws_secret_access_key in the config file.',
    ],
    ['empty-mfa', 'chain-invalid', 'Profile "empty-mfa" has an empty mfa_serial.'],
    ['nope', 'unknown-profile', 'No profile named "nope" in the AWS config or credentials file.'],
    ['dev', 'not-sso-profile', 'Profile "dev" has no role_arn; it does not assume a role.'],
  ])('%s: %s', (profile, code, message) => {
    expect(refusal(m, profile)).toEqual({ code, message });
  });
});

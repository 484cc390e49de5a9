// Every doctor check, each with a fixture that triggers it and a near miss
// that does not. Fixtures are real files in a temp HOME read by the real core.
import { describe, expect, it } from 'vitest';
import { SEED_CONFIG } from '../../support/temp-home';
import { diagnose, ids, SIGNED_IN, withId } from './doctor-fixture';

const STATIC = { AWS_ACCESS_KEY_ID: 'AKIASTATIC', AWS_SECRET_ACCESS_KEY: 'static-secret' };

describe('a healthy setup', () => {
  it('has no findings (so nothing below fires without its trigger)', async () => {
    const report = await diagnose({ env: { AWS_PROFILE: 'dev' } });
    expect(report.findings).toEqual([]);
    expect(report.profile).toBe('dev');
    expect(report.checkedAt).toBe('2026-01-01T12:00:00.000Z');
  });
});

describe('env-static-keys-override-profile', () => {
  it('fires when static keys and AWS_PROFILE are both set, naming who wins where', async () => {
    const [finding] = withId(
      await diagnose({ env: { ...STATIC, AWS_PROFILE: 'dev' } }),
      'env-static-keys-override-profile',
    );
    expect(finding).toMatchObject({ severity: 'error', profile: 'dev' });
    expect(finding!.explanation).toMatch(
      /AWS CLI, botocore\/boto3 and the Go SDK .* ignore AWS_PROFILE/,
    );
    expect(finding!.explanation).toMatch(/JavaScript SDK v3 .* uses AWS_PROFILE/);
    expect(finding!.fix).toEqual([
      'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE',
      'export AWS_PROFILE=dev',
    ]);
    // The key values themselves never appear.
    expect(JSON.stringify(finding)).not.toContain('static-secret');
  });

  it('writes the fix for the user’s shell', async () => {
    const [finding] = withId(
      await diagnose({ env: { ...STATIC, AWS_PROFILE: 'dev' }, shell: '/usr/bin/fish' }),
      'env-static-keys-override-profile',
    );
    expect(finding!.fix.at(-1)).toBe('set -gx AWS_PROFILE "dev"');
  });

  it('does not fire without AWS_PROFILE or without the keys', async () => {
    expect(ids(await diagnose({ env: STATIC }))).not.toContain('env-static-keys-override-profile');
    expect(
      ids(await diagnose({ env: { AWS_PROFILE: 'dev', AWS_SESSION_TOKEN: 'x' } })),
    ).not.toContain('env-static-keys-override-profile');
  });
});

describe('env-static-keys-active', () => {
  it('fires when asked about a profile while static keys (and no AWS_PROFILE) are set', async () => {
    const [finding] = withId(
      await diagnose({ env: STATIC, profile: 'prod' }),
      'env-static-keys-active',
    );
    expect(finding).toMatchObject({ severity: 'warning', profile: 'prod' });
    expect(finding!.fix.at(-1)).toBe('export AWS_PROFILE=prod');
  });

  it('does not fire without a profile in question', async () => {
    expect(ids(await diagnose({ env: STATIC }))).not.toContain('env-static-keys-active');
  });
});

describe('env-partial-static-keys', () => {
  it('fires for half a key pair', async () => {
    const [finding] = withId(
      await diagnose({ env: { AWS_ACCESS_KEY_ID: 'AKIA', AWS_PROFILE: 'dev' } }),
      'env-partial-static-keys',
    );
    expect(finding!.title).toBe('AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY');
    expect(finding!.explanation).toContain('Partial credentials found in env');
  });

  it('does not fire for a full pair or an empty one', async () => {
    expect(ids(await diagnose({ env: STATIC }))).not.toContain('env-partial-static-keys');
    expect(
      ids(await diagnose({ env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' } })),
    ).not.toContain('env-partial-static-keys');
  });
});

describe('env-expired-static-keys', () => {
  it('fires when AWS_CREDENTIAL_EXPIRATION is in the past', async () => {
    const report = await diagnose({
      env: { ...STATIC, AWS_CREDENTIAL_EXPIRATION: '2026-01-01T11:00:00+00:00' },
    });
    expect(withId(report, 'env-expired-static-keys')[0]!.explanation).toContain(
      '2026-01-01T11:00:00+00:00',
    );
  });

  it('does not fire while they are valid', async () => {
    const report = await diagnose({
      env: { ...STATIC, AWS_CREDENTIAL_EXPIRATION: '2026-01-01T13:00:00+00:00' },
    });
    expect(ids(report)).not.toContain('env-expired-static-keys');
  });
});

describe('env-profile-unknown', () => {
  it('fires for a profile that does not exist, suggesting the closest', async () => {
    const [finding] = withId(
      await diagnose({ env: { AWS_PROFILE: 'Dev' } }),
      'env-profile-unknown',
    );
    expect(finding!.explanation).toContain('Did you mean "dev"?');
    expect(finding!.fix.at(-1)).toBe('export AWS_PROFILE=dev');
  });

  it('fires for an empty value (botocore looks for a profile named "")', async () => {
    const [finding] = withId(
      await diagnose({ env: { AWS_DEFAULT_PROFILE: '' } }),
      'env-profile-unknown',
    );
    expect(finding!.title).toBe('AWS_DEFAULT_PROFILE is set but empty');
    expect(finding!.fix).toEqual(['unset AWS_DEFAULT_PROFILE']);
  });

  it('does not fire for profiles from the config or the credentials file, or "default"', async () => {
    const report = await diagnose({
      env: { AWS_PROFILE: 'ci' },
      credentials: '[ci]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    });
    expect(ids(report)).not.toContain('env-profile-unknown');
    expect(ids(await diagnose({ env: { AWS_PROFILE: 'default' } }))).not.toContain(
      'env-profile-unknown',
    );
  });
});

describe('env-default-profile-disagrees', () => {
  it('fires when AWS_DEFAULT_PROFILE and AWS_PROFILE differ, saying which tool reads which', async () => {
    const [finding] = withId(
      await diagnose({ env: { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod' } }),
      'env-default-profile-disagrees',
    );
    expect(finding!.explanation).toMatch(
      /AWS CLI v2 reads AWS_PROFILE first .* botocore\/boto3 read AWS_DEFAULT_PROFILE first/,
    );
    expect(finding!.fix).toEqual(['unset AWS_DEFAULT_PROFILE']);
  });

  it('does not fire when they agree', async () => {
    const report = await diagnose({ env: { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'dev' } });
    expect(ids(report)).not.toContain('env-default-profile-disagrees');
  });
});

describe('env-default-profile-ignored-by-js', () => {
  it('fires when only AWS_DEFAULT_PROFILE selects the profile', async () => {
    const [finding] = withId(
      await diagnose({ env: { AWS_DEFAULT_PROFILE: 'prod' } }),
      'env-default-profile-ignored-by-js',
    );
    expect(finding!.explanation).toContain('JavaScript SDK v3 never reads AWS_DEFAULT_PROFILE');
    expect(finding!.fix.at(-1)).toBe('export AWS_PROFILE=prod');
  });

  it('does not fire when AWS_PROFILE is set too', async () => {
    const report = await diagnose({ env: { AWS_PROFILE: 'prod', AWS_DEFAULT_PROFILE: 'prod' } });
    expect(ids(report)).not.toContain('env-default-profile-ignored-by-js');
  });
});

describe('profile-unknown (--profile)', () => {
  it('fires for a profile that does not exist', async () => {
    const [finding] = withId(await diagnose({ profile: 'prdo' }), 'profile-unknown');
    expect(finding!.explanation).toContain('Did you mean "prod"?');
  });

  it('does not fire for an existing one', async () => {
    expect(ids(await diagnose({ profile: 'prod' }))).not.toContain('profile-unknown');
  });
});

describe('session state checks', () => {
  it('session-signed-out: no token file, with the login commands as fix', async () => {
    const [finding] = withId(await diagnose({ tokens: {}, profile: 'dev' }), 'session-signed-out');
    expect(finding).toMatchObject({ severity: 'warning', session: 'my-sso', profile: 'dev' });
    expect(finding!.fix).toEqual(['sso-tray login my-sso', 'aws sso login --sso-session my-sso']);
  });

  it('session-expired: the token has expired', async () => {
    const report = await diagnose({ tokens: { 'my-sso': { hours: -2 } }, profile: 'dev' });
    expect(withId(report, 'session-expired')[0]!.explanation).toContain('expired 2h ago');
  });

  it('session-invalid: the token file is unreadable', async () => {
    const report = await diagnose({
      tokens: { 'my-sso': '{"accessToken": "x", "expiresAt": "soon"' },
      profile: 'dev',
    });
    expect(withId(report, 'session-invalid')[0]!.severity).toBe('error');
  });

  it('session-expiring: little time left and no refresh token', async () => {
    const report = await diagnose({ tokens: { 'my-sso': { hours: 0.1 } }, profile: 'dev' });
    expect(withId(report, 'session-expiring')[0]).toMatchObject({ severity: 'info' });
  });

  it('the same severity with or without a profile in focus', async () => {
    const overall = await diagnose({ tokens: { 'my-sso': { hours: -2 } } });
    const focused = await diagnose({ tokens: { 'my-sso': { hours: -2 } }, profile: 'dev' });
    expect(withId(overall, 'session-expired')[0]!.severity).toBe('warning');
    expect(withId(focused, 'session-expired')[0]!.severity).toBe('warning');
    const signedOut = await diagnose({ tokens: {} });
    expect(withId(signedOut, 'session-signed-out')[0]!.severity).toBe('warning');
  });

  it('none of them for a valid sign-in, or a refreshable one about to be renewed', async () => {
    expect(ids(await diagnose({ profile: 'dev' }))).toEqual([]);
    expect(
      ids(
        await diagnose({ tokens: { 'my-sso': { hours: 0.1, refreshable: true } }, profile: 'dev' }),
      ),
    ).toEqual([]);
  });
});

const LEGACY = `[profile old]
sso_start_url = https://d-legacy1.awsapps.com/start
sso_region = us-west-2
sso_account_id = 333333333333
sso_role_name = Admin
region = us-west-2
`;

describe('profile-legacy-sso', () => {
  it('fires for sso_start_url in the profile, with the [sso-session] lines that replace it', async () => {
    const report = await diagnose({
      config: LEGACY,
      tokens: { 'https://d-legacy1.awsapps.com/start': { hours: 8 } },
    });
    const [finding] = withId(report, 'profile-legacy-sso');
    expect(finding!.title).toBe('Profile old uses the legacy SSO configuration');
    expect(finding!.explanation).toContain('never get a refresh token');
    expect(finding!.fix).toEqual([
      '[sso-session d-legacy1]',
      'sso_start_url = https://d-legacy1.awsapps.com/start',
      'sso_region = us-west-2',
      'sso_registration_scopes = sso:account:access',
      '',
      '[profile old]',
      'sso_session = d-legacy1',
      'sso_account_id = 333333333333',
      'sso_role_name = Admin',
      'region = us-west-2',
    ]);
    expect(finding!.line).toBe(1);
  });

  it('does not fire for [sso-session] profiles', async () => {
    expect(ids(await diagnose())).not.toContain('profile-legacy-sso');
  });
});

describe('profile-missing-sso-key', () => {
  it('fires for a profile without sso_role_name, with the lines to add', async () => {
    const config = `${SEED_CONFIG}\n[profile half]\nsso_session = my-sso\nsso_account_id = 111111111111\nregion = eu-west-1\n`;
    const [finding] = withId(
      await diagnose({ config, profile: 'half' }),
      'profile-missing-sso-key',
    );
    expect(finding!.fix).toEqual([
      '[profile half]',
      'sso_role_name = <role name>',
      '',
      'sso-tray discover my-sso',
    ]);
  });

  it('fires for sso keys without sso_session / sso_start_url', async () => {
    const config = `${SEED_CONFIG}\n[profile lost]\nsso_account_id = 111111111111\nsso_role_name = R\nregion = eu-west-1\n`;
    const [finding] = withId(
      await diagnose({ config, profile: 'lost' }),
      'profile-missing-sso-key',
    );
    expect(finding!.fix).toEqual(['[profile lost]', 'sso_session = my-sso']);
  });

  it('fires for a legacy profile without sso_region', async () => {
    const config = LEGACY.replace('sso_region = us-west-2\n', '');
    expect(
      withId(await diagnose({ config, tokens: {} }), 'profile-missing-sso-key')[0]!.title,
    ).toBe('Profile old has no sso_region');
  });

  it('does not fire for complete profiles or plain static-key profiles', async () => {
    const config = `${SEED_CONFIG}\n[profile keys]\naws_access_key_id = A\naws_secret_access_key = B\nregion = eu-west-1\n`;
    expect(ids(await diagnose({ config }))).not.toContain('profile-missing-sso-key');
  });
});

describe('profile-no-region', () => {
  const config = SEED_CONFIG.replace('region = eu-west-1\n', '');

  it('fires as a warning for a profile without region, with the aws configure line', async () => {
    const [finding] = withId(await diagnose({ config, profile: 'dev' }), 'profile-no-region');
    expect(finding).toMatchObject({ severity: 'warning', profile: 'dev' });
    expect(finding!.fix).toEqual(['aws configure set region us-east-1 --profile dev']);
  });

  it('is only a note when AWS_REGION fills in here', async () => {
    const [finding] = withId(
      await diagnose({ config, profile: 'dev', env: { AWS_REGION: 'eu-west-1' } }),
      'profile-no-region',
    );
    expect(finding!.severity).toBe('info');
  });

  it('does not fire for a profile with a region', async () => {
    expect(ids(await diagnose({ profile: 'dev' }))).not.toContain('profile-no-region');
  });
});

describe('credentials-file-static-keys', () => {
  it('fires for static keys under the SSO profile’s name, saying which tools use them', async () => {
    const report = await diagnose({
      profile: 'dev',
      credentials: '[dev]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old-secret\n',
    });
    const [finding] = withId(report, 'credentials-file-static-keys');
    expect(finding!.explanation).toMatch(
      /JavaScript SDK v3 .* and the Go SDK .* use those keys; the AWS CLI and botocore use IAM Identity Center/,
    );
    expect(finding!.fix.slice(1)).toEqual([
      '[dev]',
      'aws_access_key_id = ...',
      'aws_secret_access_key = ...',
      'aws_session_token = ...',
    ]);
    expect(JSON.stringify(report)).not.toContain('old-secret');
    // The parser's shorter problem about the same thing is not repeated.
    expect(ids(report)).not.toContain('credentials-static-keys');
  });

  it('does not fire for keys under another name', async () => {
    const report = await diagnose({
      profile: 'dev',
      credentials: '[ci]\naws_access_key_id = A\naws_secret_access_key = B\n',
    });
    expect(ids(report)).not.toContain('credentials-file-static-keys');
  });
});

describe('config problems from the parser', () => {
  it('become findings with the parser’s code, file and line', async () => {
    const config = SEED_CONFIG.replace('region = eu-west-1\n', 'region = eu-west-1 # Ireland\n');
    const [finding] = withId(await diagnose({ config, profile: 'dev' }), 'config-ambiguous');
    expect(finding).toMatchObject({ severity: 'warning', profile: 'dev', line: 10 });
    expect(finding!.explanation).toContain('inline comment');
  });

  it('profile-session-mismatch and token-start-url-mismatch (with sign-in lines)', async () => {
    const config = SEED_CONFIG.replace(
      'sso_session = my-sso\nsso_account_id = 111111111111',
      'sso_session = my-sso\nsso_region = eu-west-1\nsso_account_id = 111111111111',
    );
    const report = await diagnose({
      config,
      profile: 'dev',
      tokens: { 'my-sso': { hours: 8, startUrl: 'https://d-other.awsapps.com/start' } },
    });
    expect(withId(report, 'profile-session-mismatch')[0]!.severity).toBe('error');
    expect(withId(report, 'token-start-url-mismatch')[0]!.fix).toEqual([
      'sso-tray login my-sso',
      'aws sso login --sso-session my-sso',
    ]);
  });

  it('leave out problems of other profiles when one is in focus', async () => {
    const config = SEED_CONFIG.replace(
      'sso_role_name = ReadOnly\nregion = us-east-1\n',
      'sso_role_name = ReadOnly\nregion = us-east-1 ; N. Virginia\n',
    );
    expect(ids(await diagnose({ config, profile: 'dev' }))).not.toContain('config-ambiguous');
    expect(ids(await diagnose({ config }))).toContain('config-ambiguous');
  });
});

const PROJECT = 'name: infra\nruntime: nodejs\n';

describe('pulumi-profile-missing', () => {
  it('fires when a stack’s aws:profile names no profile', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.staging.yaml': 'config:\n  aws:region: eu-west-1\n  aws:profile: dve\n',
      },
    });
    const [finding] = withId(report, 'pulumi-profile-missing');
    expect(finding).toMatchObject({ severity: 'error', line: 3, profile: 'dve' });
    expect(finding!.file).toMatch(/Pulumi\.staging\.yaml$/);
    expect(finding!.fix).toEqual([
      'pulumi config set --stack staging aws:profile dev',
      '# or create a profile for every role you can use (a preview; add --write):',
      'sso-tray add-profiles my-sso',
    ]);
  });

  it('without a close name: the existing profiles as safe comments, and add-profiles', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.staging.yaml': 'config:\n  aws:profile: production-admin\n',
      },
    });
    const [finding] = withId(report, 'pulumi-profile-missing');
    expect(finding!.explanation).toContain('Point the stack at an existing profile');
    expect(finding!.fix).toEqual([
      '# existing profiles: dev, prod',
      '# pulumi config set --stack staging aws:profile dev',
      '# or create a profile for every role you can use (a preview; add --write):',
      'sso-tray add-profiles my-sso',
    ]);
  });

  it('offers the closest names first, the others as comments', async () => {
    const config = `${SEED_CONFIG}\n[profile deva]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = A\nregion = eu-west-1\n`;
    const report = await diagnose({
      config,
      cwdFiles: { 'Pulumi.yaml': PROJECT, 'Pulumi.qa.yaml': 'config:\n  aws:profile: devb\n' },
    });
    expect(withId(report, 'pulumi-profile-missing')[0]!.fix.slice(0, 2)).toEqual([
      'pulumi config set --stack qa aws:profile dev',
      '# or deva',
    ]);
  });

  it('finds the project from a subdirectory and honours stackConfigDir', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': `${PROJECT}stackConfigDir: stacks\n`,
        'stacks/Pulumi.prod.yaml': 'config:\n  \'aws:profile\': "nope" # quoted key and value\n',
        'src/index.ts': '',
      },
    });
    expect(withId(report, 'pulumi-profile-missing')[0]!.title).toBe(
      'Pulumi stack prod uses profile nope, which does not exist',
    );
  });

  it('does not fire for an existing profile, or without a Pulumi.yaml', async () => {
    const stack = 'config:\n  aws:profile: dev\n';
    expect(
      ids(await diagnose({ cwdFiles: { 'Pulumi.yaml': PROJECT, 'Pulumi.dev.yaml': stack } })),
    ).toEqual([]);
    expect(
      ids(await diagnose({ cwdFiles: { 'Pulumi.dev.yaml': 'config:\n  aws:profile: nope\n' } })),
    ).toEqual([]);
  });
});

describe('pulumi-profile-session-expired', () => {
  const files = { 'Pulumi.yaml': PROJECT, 'Pulumi.dev.yaml': 'config:\n  aws:profile: prod\n' };

  it('fires when the stack’s profile signs in through an expired session', async () => {
    const report = await diagnose({ cwdFiles: files, tokens: { 'my-sso': { hours: -1 } } });
    const [finding] = withId(report, 'pulumi-profile-session-expired');
    expect(finding).toMatchObject({ severity: 'error', session: 'my-sso', profile: 'prod' });
    expect(finding!.fix).toEqual(['sso-tray login my-sso', 'aws sso login --sso-session my-sso']);
  });

  it('does not fire while the session is valid', async () => {
    expect(ids(await diagnose({ cwdFiles: files, tokens: SIGNED_IN }))).not.toContain(
      'pulumi-profile-session-expired',
    );
  });
});

describe('pulumi-cloud-provider-not-profile', () => {
  it('notes that cloud:provider chooses no profile, saying which one the stack uses instead', async () => {
    const report = await diagnose({
      env: { AWS_PROFILE: 'dev' },
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.dev.yaml': 'config:\n  cloud:provider: aws\n  aws:region: eu-west-1\n',
      },
    });
    const [finding] = withId(report, 'pulumi-cloud-provider-not-profile');
    expect(finding).toMatchObject({ severity: 'info', line: 2 });
    expect(finding!.title).toBe('cloud:provider in stack dev does not choose the AWS profile');
    expect(finding!.explanation).toContain('does not choose the AWS profile');
    expect(finding!.explanation).toContain('The provider reads aws:profile');
    expect(finding!.explanation).toContain('AWS_PROFILE (dev)');
    expect(finding!.fix).toEqual(['pulumi config set --stack dev aws:profile dev']);
  });

  it('with aws:profile set, names the profile in use and offers no change', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.dev.yaml': 'config:\n  cloud:provider: aws\n  aws:profile: prod\n',
      },
    });
    const [finding] = withId(report, 'pulumi-cloud-provider-not-profile');
    expect(finding!.explanation).toContain('This stack uses profile prod, from aws:profile.');
    expect(finding!.fix).toEqual([]);
  });

  it('is not repeated for a key already reported as a misnamed aws:profile', async () => {
    const report = await diagnose({
      cwdFiles: { 'Pulumi.yaml': PROJECT, 'Pulumi.dev.yaml': 'config:\n  cloud:provider: dev\n' },
    });
    expect(ids(report)).toEqual(['pulumi-profile-key-misnamed']);
  });
});

describe('config-missing', () => {
  it('says there is no config file and how to create one', async () => {
    const report = await diagnose({ config: '', tokens: {} });
    const [finding] = withId(report, 'config-missing');
    expect(finding!.title).toBe('The AWS config file has no profiles');
    expect(finding!.explanation).toContain('aws configure sso');
    expect(finding!.fix[0]).toBe('[sso-session my-sso]');
    expect(ids(report)).toEqual(['config-missing']);
  });
});

describe('pulumi-profile-key-misnamed', () => {
  it('fires for a key that is not aws:profile but names a profile (cloud:provider: dev)', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.dev.yaml': 'config:\n  cloud:provider: dev\n  aws:region: eu-west-1\n',
      },
    });
    const [finding] = withId(report, 'pulumi-profile-key-misnamed');
    expect(finding!.explanation).toContain(
      'dev is an AWS profile, but Pulumi’s AWS provider only reads aws:profile',
    );
    expect(finding!.fix).toEqual([
      'pulumi config rm --stack dev cloud:provider',
      'pulumi config set --stack dev aws:profile dev',
    ]);
  });

  it('fires for a misspelled aws: key', async () => {
    const report = await diagnose({
      cwdFiles: { 'Pulumi.yaml': PROJECT, 'Pulumi.dev.yaml': 'config:\n  aws:profileName: dev\n' },
    });
    expect(withId(report, 'pulumi-profile-key-misnamed')[0]!.explanation).toContain(
      'has no setting aws:profileName',
    );
  });

  it('does not fire for unrelated keys that happen to equal a profile name, or secrets', async () => {
    const report = await diagnose({
      cwdFiles: {
        'Pulumi.yaml': PROJECT,
        'Pulumi.dev.yaml':
          'config:\n  infra:environment: dev\n  aws:profile: dev\n  infra:dbPassword:\n    secure: AAABAxyz\n',
      },
    });
    expect(ids(report)).toEqual([]);
  });
});

describe('ordering', () => {
  it('lists errors before warnings before notes', async () => {
    const config = SEED_CONFIG.replace('region = eu-west-1\n', '');
    const report = await diagnose({
      config,
      env: { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod', AWS_REGION: 'x', ...STATIC },
    });
    const severities = report.findings.map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(new Set(severities)).toEqual(new Set(['error', 'warning', 'info']));
  });
});

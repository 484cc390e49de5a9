import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfigModel, type ConfigModel } from '../../../app/core/config/config-model';

const FIXTURES = path.resolve(__dirname, '../../fixtures/config');
const CONFIG = '/home/u/.aws/config';
const CREDENTIALS = '/home/u/.aws/credentials';

function model(fixture: string, credentials: string | null = null): ConfigModel {
  return buildConfigModel(
    { path: CONFIG, bytes: readFileSync(path.join(FIXTURES, fixture)) },
    { path: CREDENTIALS, bytes: credentials === null ? null : Buffer.from(credentials) },
  );
}

const codes = (m: ConfigModel) => m.problems.map((p) => `${p.code}@${p.line}`);

describe('sessions and profiles', () => {
  it('reads the seed example: one sso-session shared by dev and prod', () => {
    const m = model('seed.ini');
    expect(m.problems).toEqual([]);
    expect(m.sessions).toEqual([
      {
        name: 'my-sso',
        kind: 'sso-session',
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-east-1',
        registrationScopes: ['sso:account:access'],
        useDeviceCode: false,
        line: 1,
        profiles: ['dev', 'prod'],
      },
    ]);
    expect(
      m.profiles.map((p) => [p.name, p.kind, p.session, p.accountId, p.roleName, p.region]),
    ).toEqual([
      ['dev', 'sso', 'my-sso', '111111111111', 'DeveloperAccess', 'eu-west-1'],
      ['prod', 'sso', 'my-sso', '222222222222', 'ReadOnly', 'us-east-1'],
    ]);
  });

  it('reads sso_use_device_code = true in an [sso-session] as botocore reads booleans', () => {
    const read = (line: string) =>
      buildConfigModel(
        {
          path: CONFIG,
          bytes: Buffer.from(
            `[sso-session a]\nsso_start_url = https://d-abc123.awsapps.com/start\nsso_region = us-east-1\n${line}\n`,
          ),
        },
        { path: CREDENTIALS, bytes: null },
      ).sessions[0]!.useDeviceCode;
    expect(read('sso_use_device_code = true')).toBe(true);
    expect(read('sso_use_device_code = True')).toBe(true);
    expect(read('sso_use_device_code = false')).toBe(false);
    expect(read('sso_use_device_code = yes')).toBe(false);
    expect(read('')).toBe(false);
  });

  it('groups legacy profiles by start URL exactly as written', () => {
    const m = model('legacy.ini');
    expect(m.sessions.map((s) => [s.name, s.kind, s.region, s.profiles])).toEqual([
      ['https://d-abc123.awsapps.com/start', 'legacy', 'us-west-2', ['legacy-a', 'legacy-b']],
      ['https://d-abc123.awsapps.com/start/', 'legacy', 'us-west-2', ['legacy-slash']],
    ]);
    expect(m.profiles.find((p) => p.name === 'default')?.kind).toBe('other');
  });

  it('reads CRLF files and files without a final newline', () => {
    expect(model('crlf.ini').sessions[0]?.profiles).toEqual(['corp-admin']);
    expect(model('no-final-newline.ini').profiles[0]?.region).toBe('us-east-2');
    expect(model('crlf.ini').problems).toEqual([]);
  });

  it('reads nested s3 blocks without mistaking them for profile keys', () => {
    const m = model('nested.ini');
    expect(m.problems).toEqual([]);
    expect(m.profiles[0]?.region).toBe('eu-west-1');
  });

  it('puts chained role profiles in the session of their SSO source', () => {
    const m = model('chained.ini');
    const byName = Object.fromEntries(m.profiles.map((p) => [p.name, p]));
    expect(byName.deploy).toMatchObject({
      kind: 'chained',
      session: 'my-sso',
      roleArn: 'arn:aws:iam::999999999999:role/Deploy',
    });
    expect(byName['deploy-2']).toMatchObject({ kind: 'chained', session: 'my-sso' });
    expect(byName.static).toMatchObject({ kind: 'other', session: null });
    expect(m.sessions[0]?.profiles).toEqual(['base', 'deploy', 'deploy-2']);
    expect(m.problems.map((p) => p.code)).toEqual(['profile-chain-cycle', 'profile-chain-cycle']);
  });

  it('decides chains as botocore does: sources in the credentials file, static keys, SSO with role_arn', () => {
    const text = `[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1

[profile base]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess

[profile from-keys]
role_arn = arn:aws:iam::1:role/FromKeys
source_profile = ci

[profile sso-and-role]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
role_arn = arn:aws:iam::1:role/Over
source_profile = base

[profile from-instance]
role_arn = arn:aws:iam::1:role/OnEc2
credential_source = Ec2InstanceMetadata

[profile no-secret]
role_arn = arn:aws:iam::1:role/X
source_profile = half
`;
    const m = buildConfigModel(
      { path: CONFIG, bytes: Buffer.from(text) },
      {
        path: CREDENTIALS,
        bytes: Buffer.from(
          '[ci]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n[half]\naws_access_key_id = AKIA2\n',
        ),
      },
    );
    const byName = Object.fromEntries(m.profiles.map((p) => [p.name, p]));
    // The source lives only in ~/.aws/credentials: no "unknown source" any more.
    expect(byName['from-keys']).toMatchObject({
      kind: 'chained',
      session: null,
      sourceProfile: 'ci',
      chainSource: { kind: 'static-keys', profile: 'ci' },
    });
    // botocore assumes the role of a profile with role_arn, even with SSO settings of its own.
    expect(byName['sso-and-role']).toMatchObject({
      kind: 'chained',
      session: 'my-sso',
      roleArn: 'arn:aws:iam::1:role/Over',
      chainSource: { kind: 'sso', profile: 'base' },
    });
    expect(m.sessions[0]?.profiles).toEqual(['base', 'sso-and-role']);
    // Valid for the AWS tools, only not something sso-tray resolves: no problem, stays as it is.
    expect(byName['from-instance']).toMatchObject({ kind: 'other', chainSource: null });
    expect(m.problems.map((p) => [p.code, p.profile, p.message])).toEqual([
      [
        'profile-chain-invalid',
        'no-secret',
        'Profile "half" has aws_access_key_id but no aws_secret_access_key in the credentials file.',
      ],
    ]);
  });

  it('reports a profile naming an unknown sso-session, with its line', () => {
    const m = model('unknown-session.ini');
    expect(m.problems).toEqual([
      expect.objectContaining({
        code: 'profile-unknown-session',
        line: 6,
        profile: 'dev',
        file: CONFIG,
      }),
    ]);
    expect(m.profiles[0]?.session).toBeNull();
  });

  it('reports profile values that contradict their session', () => {
    expect(codes(model('mismatch.ini'))).toEqual(['profile-session-mismatch@7']);
  });

  it('reports a session without start URL or region', () => {
    expect(codes(model('empty-session.ini'))).toEqual([
      'config-section-one-tool@1',
      'session-missing-key@1',
      'session-missing-key@1',
    ]);
  });

  it('reads an empty or missing file as no configuration', () => {
    expect(model('empty.ini')).toMatchObject({ sessions: [], profiles: [], problems: [] });
    const missing = buildConfigModel(
      { path: CONFIG, bytes: null },
      { path: CREDENTIALS, bytes: null },
    );
    expect(missing).toMatchObject({ sessions: [], profiles: [], problems: [] });
  });
});

describe('where the AWS CLI and the JS SDK disagree', () => {
  it('flags inline comments on the lines that carry them (and not `#` without a space)', () => {
    const m = model('inline-comments.ini');
    expect(codes(m)).toEqual(['config-ambiguous@2', 'config-ambiguous@3', 'config-ambiguous@9']);
    expect(m.problems[2]).toMatchObject({
      profile: 'dev',
      message: expect.stringContaining('inline comment'),
    });
    expect(m.problems[2]?.message).toContain('"eu-west-1 # Ireland"');
    // The model follows the AWS CLI's reading, and says so.
    expect(m.profiles[0]?.region).toBe('eu-west-1 # Ireland');
  });

  it('flags section names only one tool reads', () => {
    const m = model('quoted-names.ini');
    const messages = m.problems.map((p) => `${p.code}@${p.line} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^config-section-one-tool@5 \[profile "my prof"\].*JS SDK does not see it/,
      ),
      expect.stringMatching(/^config-section-one-tool@15 .*exactly one space/),
      expect.stringMatching(
        /^config-section-one-tool@20 \[profile\.dotted\] is profile "dotted" for the JS SDK/,
      ),
    ]);
    expect(m.profiles.map((p) => p.name)).toContain('quoted');
  });

  it('flags unicode names the JS SDK cannot read', () => {
    const m = model('unicode.ini');
    expect(m.sessions[0]?.name).toBe('café');
    expect(m.problems.map((p) => p.code)).toEqual([
      'config-section-one-tool',
      'config-section-one-tool',
    ]);
  });

  it('flags upper-case keys, ":" separators, indented lines and empty values', () => {
    expect(
      model('key-case.ini').problems.map((p) => [p.line, /lower-cases/.test(p.message)]),
    ).toEqual([
      [6, true],
      [9, true],
    ]);
    expect(model('colon.ini').problems[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('":"'),
    });
    expect(model('continuation.ini').problems[0]).toMatchObject({
      message: expect.stringContaining('Indented'),
    });
    expect(model('empty-value.ini').problems[0]).toMatchObject({
      line: 9,
      message: expect.stringContaining('empty value'),
    });
  });

  it('flags [DEFAULT] and a doubled default profile', () => {
    expect(model('default-section.ini').problems[0]?.message).toContain('[DEFAULT]');
    expect(codes(model('default-both.ini'))).toEqual(['config-default-profile-twice@4']);
  });

  it.each([
    ['duplicate-section.ini', 10, 'duplicate section [profile dev]'],
    ['duplicate-key.ini', 10, 'duplicate key "region"'],
    ['text-before-section.ini', 1, 'before the first [section]'],
  ])(
    '%s: the AWS CLI refuses the whole file; we still show what the JS SDK reads',
    (fixture, line, why) => {
      const m = model(fixture);
      expect(m.problems[0]).toMatchObject({
        code: 'config-rejected-by-aws-cli',
        line,
        message: expect.stringContaining(why),
      });
      if (fixture !== 'text-before-section.ini') expect(m.profiles.length).toBeGreaterThan(0);
    },
  );

  it('bom.ini: names the byte-order mark the AWS CLI refuses, and still shows what the JS SDK reads', () => {
    const m = model('bom.ini');
    expect(m.problems[0]).toMatchObject({
      code: 'config-byte-order-mark',
      severity: 'error',
      line: 1,
      message: expect.stringContaining('byte-order mark (BOM)'),
    });
    expect(m.problems.some((p) => /before the first/.test(p.message))).toBe(false);
    expect(m.profiles.length).toBeGreaterThan(0);
  });

  it('flags a file the JS SDK reads as empty', () => {
    expect(codes(model('proto.ini'))).toEqual(['config-rejected-by-js-sdk@1']);
  });

  it('flags a file that is not UTF-8 and still lists its profiles', () => {
    const m = model('latin1.ini');
    expect(m.problems[0]?.code).toBe('config-not-utf8');
    expect(m.profiles).toHaveLength(0);
  });
});

describe('credentials file', () => {
  it('warns when static keys exist for an SSO profile', () => {
    const m = model('seed.ini', '[dev]\naws_access_key_id = AKIA...\naws_secret_access_key = x\n');
    expect(m.staticKeyProfiles.has('dev')).toBe(true);
    expect(m.problems).toEqual([
      expect.objectContaining({
        code: 'credentials-static-keys',
        profile: 'dev',
        file: CREDENTIALS,
      }),
    ]);
    expect(JSON.stringify(m.problems)).not.toContain('aws_secret_access_key = x');
  });

  it('says nothing when the credentials file only holds unrelated profiles', () => {
    expect(
      model('seed.ini', '[ci]\naws_access_key_id = A\naws_secret_access_key = B\n').problems,
    ).toEqual([]);
  });
});

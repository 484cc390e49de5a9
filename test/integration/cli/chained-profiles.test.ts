// Chained profiles (role_arn + source_profile) through the built `sso-tray`, a
// child process as tools run it, against the fake IAM Identity Center and the
// fake STS: `export --format process` and `credential-process` print exactly
// the credentials botocore gets for the same profiles from the same fakes,
// after the same AssumeRole requests (external id, session name and duration
// included), one and two hops, over an SSO profile and over static keys; the
// AWS CLI 2.9.19 prints the same bytes where it can chain. `status` lists the
// chains under their session with "via <source>", and the doctor names broken
// chains. MFA on a pseudo-terminal is in chained-mfa-cli.test.ts.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { formatAwsCliCredentials } from '../../../app/core/export/aws-cli-format';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { RecordedStsRequest } from '../../fakes/fake-sts';
import { runSsoTray } from '../../support/run-cli';
import {
  ROLES,
  START_URL,
  awsCliProcessExports,
  startChainWorld,
  type BotocoreResult,
  type ChainWorld,
  chainConfig,
} from '../credentials/support/chain-world';

const CONFIG = chainConfig([
  'deploy',
  'audit',
  'partner',
  'from-keys',
  'audit-from-keys',
  'dev-legacy',
  'deploy-legacy',
]);

const COMPARED = ['deploy', 'audit', 'partner', 'from-keys', 'audit-from-keys'] as const;

let world: ChainWorld;
let expiresAt: number;

beforeAll(async () => {
  world = await startChainWorld(CONFIG);
  const ci = world.sts.addStaticKeys({ arn: 'arn:aws:iam::444444444444:user/ci' });
  world.writeCredentials(
    `[ci]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n`,
  );
  // One expiry for every issued credential, so the tools' answers compare byte for byte.
  expiresAt = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
  world.sts.knobs.expiresAt = expiresAt;
  world.signIn();
  world.home.writeToken(START_URL, serializeCliToken(world.ic.issueToken({ startUrl: START_URL })));
});
afterAll(() => world.close());

const run = (args: readonly string[]) => runSsoTray(args, { env: world.env, timeoutMs: 30_000 });

/** Runs `action` and returns the AssumeRole requests it caused. */
async function assumeRequests(action: () => Promise<unknown>): Promise<RecordedStsRequest[]> {
  const before = world.sts.requestsFor('AssumeRole').length;
  await action();
  return world.sts.requestsFor('AssumeRole').slice(before);
}

/** What a request asked for and who signed it: what both tools must agree on. */
const sent = (r: RecordedStsRequest) => ({
  params: {
    ...r.params,
    ...(/^botocore-session-\d+$/.test(r.params.RoleSessionName ?? '')
      ? { RoleSessionName: 'botocore-session-<epoch seconds>' }
      : {}),
  },
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

interface CliAnswer {
  readonly stdout: string;
  readonly requests: RecordedStsRequest[];
}

describe('the built CLI gives the credentials botocore gets', () => {
  const exported = new Map<string, CliAnswer>();
  const processed = new Map<string, CliAnswer>();
  const botocore = new Map<string, { credentials: unknown; requests: RecordedStsRequest[] }>();

  beforeAll(async () => {
    for (const profile of COMPARED) {
      for (const [answers, args] of [
        [exported, ['export', profile, '--format', 'process']],
        [processed, ['credential-process', '--profile', profile]],
      ] as const) {
        let stdout = '';
        const requests = await assumeRequests(async () => {
          const result = await run(args);
          expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
          stdout = result.stdout;
        });
        answers.set(profile, { stdout, requests });
      }
      // A new botocore process per profile: no assumed-role cache shared between them.
      let results: Record<string, BotocoreResult> = {};
      const requests = await assumeRequests(
        async () => (results = await world.botocore([profile])),
      );
      botocore.set(profile, { credentials: credentialsOf(results[profile]), requests });
    }
  }, 120_000);

  it.each(COMPARED)('%s: the same credentials, byte for byte, after the same requests', (p) => {
    const theirs = botocore.get(p)!;
    const expected = formatAwsCliCredentials(
      theirs.credentials as Parameters<typeof formatAwsCliCredentials>[0],
      'process',
    );
    for (const ours of [exported.get(p)!, processed.get(p)!]) {
      expect(ours.stdout).toBe(expected);
      expect(ours.requests.map(sent)).toEqual(theirs.requests.map(sent));
    }
  });

  it('one hop from the SSO profile, two hops from its result; static keys likewise', () => {
    const sso = world.ic.roleCredentials('111111111111', 'DeveloperAccess');
    const deploy = world.sts.credentialsFor(ROLES.deploy, sso.accessKeyId, expiresAt);
    const audit = world.sts.credentialsFor(ROLES.audit, deploy.accessKeyId, expiresAt);
    const json = (p: string) => JSON.parse(exported.get(p)!.stdout) as Record<string, string>;
    expect(json('deploy')).toMatchObject({ Version: 1, AccessKeyId: deploy.accessKeyId });
    expect(json('audit')).toMatchObject({
      AccessKeyId: audit.accessKeyId,
      SecretAccessKey: audit.secretAccessKey,
      SessionToken: audit.sessionToken,
      Expiration: new Date(expiresAt).toISOString().replace('.000Z', '+00:00'),
    });
    expect(exported.get('audit')!.requests.map((r) => [r.roleArn, r.accessKeyId])).toEqual([
      [ROLES.deploy, sso.accessKeyId],
      [ROLES.audit, deploy.accessKeyId],
    ]);
    expect(processed.get('audit-from-keys')!.requests.map((r) => r.sessionTokenSent)).toEqual([
      false,
      true,
    ]);
  });

  it('external_id, role_session_name and duration_seconds reach STS', () => {
    for (const answers of [exported, processed]) {
      expect(answers.get('partner')!.requests.map((r) => r.params)).toEqual([
        {
          Action: 'AssumeRole',
          Version: '2011-06-15',
          RoleArn: ROLES.partner,
          RoleSessionName: 'alice-partner',
          ExternalId: 'partner-7391',
          DurationSeconds: '1800',
        },
      ]);
    }
  });
});

describe('the AWS CLI 2.9.19', () => {
  // It cannot chain over an sso-session profile (its source SSO provider has no token
  // provider), so the SSO case is a legacy profile, as in chained-credentials.test.ts.
  it('prints the same bytes as `sso-tray export --format process`', async () => {
    const profiles = ['deploy-legacy', 'from-keys', 'audit-from-keys'];
    const theirs = await awsCliProcessExports(world, profiles);
    for (const profile of profiles) {
      const ours = await run(['export', profile, '--format', 'process']);
      expect(ours).toEqual({ code: 0, stdout: theirs[profile], stderr: '' });
    }
  }, 60_000);
});

describe('status and doctor show the chains', () => {
  it('status: each chain under the session it rests on, "via" its source; key chains apart', async () => {
    const result = await run(['status']);
    expect(result.code).toBe(0);
    const mySso = result.stdout.split('\n').find((line) => line.startsWith('my-sso'));
    expect(mySso).toContain('dev, prod, deploy (via dev), audit (via deploy), partner (via dev)');
    const legacy = result.stdout.split('\n').find((line) => line.includes('awsapps.com/start'));
    expect(legacy).toContain('dev-legacy, deploy-legacy (via dev-legacy)');
    expect(result.stdout).toContain(
      'Chained on static keys: from-keys (via ci), audit-from-keys (via from-keys)\n',
    );
  });

  it('status --json: the chain is in the snapshot, decided once by the core', async () => {
    const snapshot = JSON.parse((await run(['status', '--json'])).stdout) as Snapshot;
    const profile = (name: string) => snapshot.profiles.find((p) => p.name === name);
    expect(profile('audit')).toMatchObject({
      kind: 'chained',
      session: 'my-sso',
      roleArn: ROLES.audit,
      sourceProfile: 'deploy',
      chainSource: { kind: 'sso', profile: 'dev' },
    });
    expect(profile('audit-from-keys')).toMatchObject({
      kind: 'chained',
      session: null,
      sourceProfile: 'from-keys',
      chainSource: { kind: 'static-keys', profile: 'ci' },
    });
    expect(snapshot.problems).toEqual([]);
  });

  it('doctor: a missing source, a loop, a source without credentials, an MFA device that is none', async () => {
    const broken = `${CONFIG}
[profile lost]
role_arn = ${ROLES.deploy}
source_profile = nowhere

[profile loop-a]
role_arn = ${ROLES.deploy}
source_profile = loop-b

[profile loop-b]
role_arn = ${ROLES.audit}
source_profile = loop-a

[profile empty]
region = eu-west-1

[profile over-empty]
role_arn = ${ROLES.deploy}
source_profile = empty

[profile no-device]
role_arn = ${ROLES.guarded}
source_profile = dev
mfa_serial =
region = eu-west-1

[profile odd-device]
role_arn = ${ROLES.guarded}
source_profile = dev
mfa_serial = my phone
region = eu-west-1
`;
    world.home.writeConfig(broken);
    try {
      const result = await run(['doctor', '--json']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as DiagnosisReport;
      const about = (profile: string) =>
        report.findings
          .filter((f) => f.profile === profile)
          .map((f) => [f.id, f.severity, f.explanation]);
      expect(about('lost')).toEqual([
        [
          'profile-unknown-source',
          'error',
          'Profile "lost" uses source_profile = nowhere, which is not a profile in the AWS config or credentials file.',
        ],
      ]);
      expect(about('loop-a')).toEqual([
        [
          'profile-chain-cycle',
          'error',
          'Profiles "loop-a" -> "loop-b" -> "loop-a" form a source_profile loop; point one of them at a profile with credentials.',
        ],
      ]);
      expect(about('over-empty')).toEqual([
        [
          'profile-source-no-credentials',
          'error',
          'Source profile "empty" has no credentials (no IAM Identity Center role, no aws_access_key_id, no role_arn).',
        ],
      ]);
      // (The empty value is also read differently by the JS SDK: a warning of its own.)
      expect(about('no-device')).toContainEqual([
        'profile-mfa-no-device',
        'error',
        'Profile "no-device" has an empty mfa_serial.',
      ]);
      expect(about('odd-device')).toEqual([
        [
          'profile-mfa-no-device',
          'error',
          expect.stringMatching(
            /^Profile odd-device needs an MFA code from mfa_serial = my phone,/,
          ),
        ],
      ]);
      // The human report names them too, and the exit status says there are errors.
      const text = (await run(['doctor'])).stdout;
      expect(text).toContain('A profile’s source_profile does not exist  [profile-unknown-source]');
      expect(text).toContain('A source_profile loop  [profile-chain-cycle]');
      expect(text).toContain(
        'A source_profile without credentials  [profile-source-no-credentials]',
      );
    } finally {
      world.home.writeConfig(CONFIG);
    }
  });

  it('doctor: a healthy chain has nothing to report; a signed-out source names its chains', async () => {
    expect(await run(['doctor', '--profile', 'audit'])).toMatchObject({
      code: 0,
      stdout: 'No problems found for profile audit.\n',
    });
    rmSync(world.home.tokenPath('my-sso'));
    try {
      const report = JSON.parse((await run(['doctor', '--json'])).stdout) as DiagnosisReport;
      const signedOut = report.findings.find((f) => f.id === 'session-signed-out');
      expect(signedOut?.explanation).toContain(
        'Every tool using profiles dev, prod, deploy, audit, partner',
      );
      // And credentials say what to do: sign in to the session the chain rests on.
      expect(await run(['export', 'audit', '--format', 'process'])).toMatchObject({
        code: 4,
        stdout: '',
        stderr:
          'sso-tray: Not signed in to my-sso; sign in to it first. Run: sso-tray login my-sso\n',
      });
    } finally {
      world.signIn();
    }
  });
});

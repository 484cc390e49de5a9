// A world for role-chaining tests: a temp HOME with ~/.aws/config and
// ~/.aws/credentials, the fake IAM Identity Center and the fake STS, and the
// real services (RoleCredentialsService for the SSO source, then
// ChainedCredentialsService) reading the files as the core does.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { serializeCliToken } from '../../../../app/core/token-cache/token-file';
import type { Clock } from '../../../../app/core/clock';
import { CredentialsError } from '../../../../app/core/credentials/credentials-error';
import type { ConfigModel } from '../../../../app/core/config/config-model';
import { ChainedCredentialsService } from '../../../../app/core/credentials/chained-credentials';
import type { MfaCodeProvider } from '../../../../app/core/credentials/mfa-code-provider';
import type { RoleCredentialsService } from '../../../../app/core/credentials/role-credentials-service';
import { createStaticKeysReader } from '../../../../app/core/credentials/static-keys';
import {
  createStsRoleAssumer,
  type StsDeadlines,
} from '../../../../app/core/credentials/sts-role-assumer';
import {
  startFakeIdentityCenter,
  type FakeIdentityCenter,
} from '../../../fakes/fake-identity-center';
import { createAwsDataPath } from '../../../fakes/fake-aws-data-path';
import { startFakeSts, type FakeSts, type FakeStsRole } from '../../../fakes/fake-sts';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../../support/temp-home';
import { fileRoleCredentials, fileSessions } from './file-sessions';

export const START_URL = 'https://d-abc123.awsapps.com/start';

export const ROLES = {
  deploy: 'arn:aws:iam::333333333333:role/Deploy',
  audit: 'arn:aws:iam::555555555555:role/Audit',
  partner: 'arn:aws:iam::333333333333:role/Partner',
  guarded: 'arn:aws:iam::333333333333:role/Guarded',
  long: 'arn:aws:iam::333333333333:role/LongSessions',
} as const;

/** The MFA device the `guarded` role asks for. */
export const MFA_SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

/**
 * The chained profiles several tests share, by name: over the seed's SSO
 * profile `dev`, over the static keys of `ci`, and over a legacy SSO profile.
 */
export const CHAINED_PROFILES = {
  deploy: `[profile deploy]
role_arn = ${ROLES.deploy}
source_profile = dev
region = eu-west-1
`,
  audit: `[profile audit]
role_arn = ${ROLES.audit}
source_profile = deploy
region = eu-west-1
`,
  partner: `[profile partner]
role_arn = ${ROLES.partner}
source_profile = dev
external_id = partner-7391
role_session_name = alice-partner
duration_seconds = 1800
region = eu-west-1
`,
  'from-keys': `[profile from-keys]
role_arn = ${ROLES.deploy}
source_profile = ci
region = eu-west-1
`,
  'audit-from-keys': `[profile audit-from-keys]
role_arn = ${ROLES.audit}
source_profile = from-keys
region = eu-west-1
`,
  'dev-legacy': `[profile dev-legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
`,
  'deploy-legacy': `[profile deploy-legacy]
role_arn = ${ROLES.deploy}
source_profile = dev-legacy
region = eu-west-1
`,
  guarded: `[profile guarded]
role_arn = ${ROLES.guarded}
source_profile = dev
mfa_serial = ${MFA_SERIAL}
region = eu-west-1
`,
  'above-guarded': `[profile above-guarded]
role_arn = ${ROLES.audit}
source_profile = guarded
region = eu-west-1
`,
} as const;

/** The seed config with these shared chained profiles, then a test's own sections. */
export function chainConfig(names: readonly (keyof typeof CHAINED_PROFILES)[], own = ''): string {
  return [SEED_CONFIG, ...names.map((name) => CHAINED_PROFILES[name]), own]
    .filter(Boolean)
    .join('\n');
}

export const DEFAULT_ROLES: FakeStsRole[] = [
  { arn: ROLES.deploy },
  { arn: ROLES.audit },
  { arn: ROLES.partner, externalId: 'partner-7391' },
  { arn: ROLES.guarded, mfaRequired: true },
  { arn: ROLES.long, maxSessionDuration: 7200 },
];

export interface ChainWorld {
  readonly ic: FakeIdentityCenter;
  readonly sts: FakeSts;
  readonly home: TempHome;
  /** HOME + the fakes' endpoint variables. */
  readonly env: Record<string, string>;
  config(): ConfigModel;
  writeCredentials(text: string): void;
  signIn(): void;
  /** A fresh RoleCredentialsService + ChainedCredentialsService pair over the files. */
  services(options?: {
    mfa?: MfaCodeProvider;
    deadlines?: Partial<StsDeadlines>;
    env?: Record<string, string>;
  }): { sso: RoleCredentialsService; chained: ChainedCredentialsService };
  /** botocore's answer for these profiles (same HOME, same fakes). */
  botocore(
    profiles: readonly string[],
    env?: Record<string, string>,
  ): Promise<Record<string, BotocoreResult>>;
  close(): Promise<void>;
}

export type BotocoreResult =
  | {
      readonly method: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly sessionToken: string | null;
      readonly expiration: number | null;
    }
  | { readonly error: string };

/**
 * What the real AWS CLI 2.9.19 prints for each profile with `configure
 * export-credentials --format process`, against this world's fakes. That CLI
 * ignores AWS_ENDPOINT_URL_*: endpoint rule sets on AWS_DATA_PATH send it there.
 */
export async function awsCliProcessExports(
  world: ChainWorld,
  profiles: readonly string[],
): Promise<Record<string, string>> {
  const dataPath = createAwsDataPath(world.ic.url, { stsUrl: world.sts.url });
  const exports: Record<string, string> = {};
  try {
    for (const profile of profiles) {
      // Its assumed-role cache is keyed by the AssumeRole arguments, not by the source:
      // profiles over different sources with the same role would share an entry.
      rmSync(path.join(world.home.home, '.aws/cli/cache'), { recursive: true, force: true });
      const { stdout } = await promisify(execFile)(
        '/usr/bin/aws',
        ['configure', 'export-credentials', '--profile', profile, '--format', 'process'],
        {
          env: { HOME: world.home.home, PATH: world.env.PATH, AWS_DATA_PATH: dataPath },
          encoding: 'utf8',
        },
      );
      exports[profile] = stdout;
    }
  } finally {
    rmSync(dataPath, { recursive: true, force: true });
  }
  return exports;
}

/** The CredentialsError `promise` rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<CredentialsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CredentialsError)) {
    throw new Error(`expected a CredentialsError, got ${String(error)}`);
  }
  return error;
}

const run = promisify(execFile);
const BOTOCORE_SCRIPT = path.join(__dirname, 'botocore_credentials.py');

export async function startChainWorld(
  config: string,
  options: { clock?: Clock; roles?: FakeStsRole[] } = {},
): Promise<ChainWorld> {
  const ic = await startFakeIdentityCenter({ clock: options.clock });
  const sts = await startFakeSts({
    identityCenter: ic,
    clock: options.clock,
    knobs: { roles: options.roles ?? DEFAULT_ROLES },
  });
  const home = createTempHome({ config });
  const env = { ...home.env, ...ic.env, ...sts.env };
  const sessions = fileSessions(home.paths);
  const created: (() => void)[] = [];
  return {
    ic,
    sts,
    home,
    env,
    config: () => sessions.config(),
    writeCredentials: (text) => {
      // Written the way `aws configure` leaves it: readable by the user only.
      writeFileSync(home.paths.credentialsFile, text, { mode: 0o600 });
    },
    signIn() {
      home.writeToken('my-sso', serializeCliToken(ic.issueToken({ startUrl: START_URL })));
    },
    services(serviceOptions = {}) {
      const serviceEnv = serviceOptions.env ?? env;
      const { service: sso, close } = fileRoleCredentials(sessions, serviceEnv, options.clock);
      created.push(close);
      const chained = new ChainedCredentialsService({
        config: () => sessions.config(),
        ssoCredentials: (profile) => sso.get(profile),
        staticKeys: createStaticKeysReader(home.paths),
        mfa: serviceOptions.mfa,
        env: serviceEnv,
        clock: options.clock,
        assumer: createStsRoleAssumer(serviceEnv, serviceOptions.deadlines),
      });
      return { sso, chained };
    },
    async botocore(profiles, extraEnv = {}) {
      const { stdout } = await run('python3', [BOTOCORE_SCRIPT, ...profiles], {
        env: { ...env, ...extraEnv },
        encoding: 'utf8',
      });
      return JSON.parse(stdout) as Record<string, BotocoreResult>;
    },
    async close() {
      for (const close of created) close();
      await Promise.all([ic.close(), sts.close()]);
      home.cleanup();
    },
  };
}

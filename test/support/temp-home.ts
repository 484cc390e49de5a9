// A throw-away HOME with ~/.aws/config and ~/.aws/sso/cache, for tests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveAwsPaths, type AwsPaths } from '../../app/core/paths';
import { tokenFilePath } from '../../app/core/token-cache/token-file';

export interface TempHome {
  readonly home: string;
  readonly paths: AwsPaths;
  readonly env: Record<string, string>;
  writeConfig(text: string): void;
  /** Writes a token file for `session` (name or legacy start URL) as the AWS CLI would. */
  writeToken(session: string, content: string | object): string;
  tokenPath(session: string): string;
  cleanup(): void;
}

export function createTempHome(
  options: { config?: string; withCacheDir?: boolean } = {},
): TempHome {
  const home = mkdtempSync(path.join(tmpdir(), 'sso-tray-home-'));
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  const env = { HOME: home, USERPROFILE: home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const paths = resolveAwsPaths({ env, platform: 'linux', homedir: () => home });
  if (options.withCacheDir !== false) mkdirSync(paths.cacheDir, { recursive: true, mode: 0o700 });
  const temp: TempHome = {
    home,
    paths,
    env,
    writeConfig: (text) => writeFileSync(paths.configFile, text),
    tokenPath: (session) => tokenFilePath(paths.cacheDir, session),
    writeToken(session, content) {
      mkdirSync(paths.cacheDir, { recursive: true });
      const file = tokenFilePath(paths.cacheDir, session);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), {
        mode: 0o600,
      });
      return file;
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
  if (options.config !== undefined) temp.writeConfig(options.config);
  return temp;
}

/** The sample from the setup story: one [sso-session] shared by dev and prod. */
export const SEED_CONFIG = `[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
region = eu-west-1

[profile prod]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = ReadOnly
region = us-east-1
`;

/** A token file body in the AWS CLI's style. */
export function cliToken(fields: {
  startUrl?: string;
  region?: string;
  accessToken?: string;
  expiresAt: string;
  refreshToken?: string;
  registrationExpiresAt?: string;
}): string {
  const body: Record<string, string> = {
    startUrl: fields.startUrl ?? 'https://d-abc123.awsapps.com/start',
    region: fields.region ?? 'us-east-1',
    accessToken: fields.accessToken ?? 'aoa-access-token-secret',
    expiresAt: fields.expiresAt,
  };
  if (fields.refreshToken) {
    body.clientId = 'client-id';
    body.clientSecret = 'client-secret-value';
    body.registrationExpiresAt = fields.registrationExpiresAt ?? '2099-01-01T00:00:00Z';
    body.refreshToken = fields.refreshToken;
  }
  return JSON.stringify(body).replace(/","/g, '", "').replace(/":"/g, '": "');
}

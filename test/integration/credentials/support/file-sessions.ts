// The config model and tokens read straight from the files, as the core's file
// readers give them to RoleCredentialsService, and that service over them with
// the real portal client (the core wires the same parts).
import { readFileSync } from 'node:fs';
import { deadlinesFromEnv, PendingCalls } from '../../../../app/core/aws/network';
import { PortalApiPool } from '../../../../app/core/aws/portal-api';
import type { Clock } from '../../../../app/core/clock';
import { buildConfigModel, type ConfigSource } from '../../../../app/core/config/config-model';
import { createPortalCredentialsFetcher } from '../../../../app/core/credentials/portal-credentials';
import {
  RoleCredentialsService,
  type SessionSource,
} from '../../../../app/core/credentials/role-credentials-service';
import type { Env } from '../../../../app/core/env';
import type { AwsPaths } from '../../../../app/core/paths';
import { parseTokenFile, tokenFilePath } from '../../../../app/core/token-cache/token-file';

const readSource = (file: string): ConfigSource => {
  try {
    return { path: file, bytes: readFileSync(file) };
  } catch {
    return { path: file, bytes: null };
  }
};

export function fileSessions(paths: AwsPaths): SessionSource {
  return {
    config: () => buildConfigModel(readSource(paths.configFile), readSource(paths.credentialsFile)),
    token(name) {
      try {
        const reading = parseTokenFile(readFileSync(tokenFilePath(paths.cacheDir, name), 'utf8'));
        return reading.kind === 'token' ? reading.token : null;
      } catch {
        return null;
      }
    },
  };
}

/** SSO role credentials over `sessions`, fetched from the portal `env` names; `close` ends both. */
export function fileRoleCredentials(
  sessions: SessionSource,
  env: Env,
  clock?: Clock,
): { service: RoleCredentialsService; close(): void } {
  const portal = new PortalApiPool(env, {
    deadlines: deadlinesFromEnv(env),
    pending: new PendingCalls(),
  });
  const service = new RoleCredentialsService({
    sessions,
    clock,
    fetcher: createPortalCredentialsFetcher(portal),
  });
  return {
    service,
    close() {
      service.close();
      portal.close();
    },
  };
}

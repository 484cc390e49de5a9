// The config model and tokens read straight from the files, as the core's file
// readers give them to RoleCredentialsService.
import { readFileSync } from 'node:fs';
import { parseTokenFile, tokenFilePath } from '../../../../app/core/cache/token-file';
import { buildConfigModel, type ConfigSource } from '../../../../app/core/config/config-model';
import type { SessionSource } from '../../../../app/core/credentials/role-credentials-service';
import type { AwsPaths } from '../../../../app/core/paths';

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

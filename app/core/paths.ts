// Where the AWS tools keep their files, resolved the way they resolve them
// (docs/protocol.md, "Token cache" and "Config files").

import { homedir as osHomedir } from 'node:os';
import path from 'node:path';

export interface AwsPaths {
  /** The home directory the AWS CLI uses (Python's os.path.expanduser('~')). */
  readonly home: string;
  /** The home directory the JS SDK uses; differs from `home` only on Windows with HOME set. */
  readonly jsSdkHome: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** `<home>/.aws/sso/cache`: SSO tokens and client registrations. Not configurable. */
  readonly cacheDir: string;
}

export interface PathEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homedir: () => string;
}

const defaultEnvironment = (): PathEnvironment => ({
  env: process.env,
  platform: process.platform,
  homedir: osHomedir,
});

/** The JS SDK: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then os.homedir(). */
export function jsSdkHomeDir({ env, homedir, platform }: PathEnvironment): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  const sep = platform === 'win32' ? '\\' : '/';
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`;
  return homedir();
}

/** Python's expanduser('~'): HOME on POSIX; USERPROFILE, then HOMEDRIVE+HOMEPATH on Windows. */
export function awsCliHomeDir({ env, homedir, platform }: PathEnvironment): string {
  if (platform === 'win32') {
    if (env.USERPROFILE) return env.USERPROFILE;
    if (env.HOMEPATH) return `${env.HOMEDRIVE ?? ''}${env.HOMEPATH}`;
    return homedir();
  }
  return env.HOME || homedir();
}

function expandHome(file: string, home: string): string {
  if (file === '~') return home;
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(home, file.slice(2));
  return file;
}

export function resolveAwsPaths(environment: PathEnvironment = defaultEnvironment()): AwsPaths {
  const home = awsCliHomeDir(environment);
  const { env } = environment;
  const configFile = env.AWS_CONFIG_FILE
    ? path.resolve(expandHome(env.AWS_CONFIG_FILE, home))
    : path.join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE
    ? path.resolve(expandHome(env.AWS_SHARED_CREDENTIALS_FILE, home))
    : path.join(home, '.aws', 'credentials');
  return {
    home,
    jsSdkHome: jsSdkHomeDir(environment),
    configFile,
    credentialsFile,
    cacheDir: path.join(home, '.aws', 'sso', 'cache'),
  };
}

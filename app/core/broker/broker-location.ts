// Where the broker listens, by the same rule for the broker and its clients
// (docs/broker-protocol.md, "Finding the broker"). The tiny client imports this
// module: node built-ins only, one lstat at most.
//
// - SSO_TRAY_BROKER_SOCKET set: that path, nothing else (tests, unusual setups).
// - POSIX: $XDG_RUNTIME_DIR/sso-tray/broker.sock when XDG_RUNTIME_DIR is a real
//   directory owned by the user and closed to others (the XDG spec's promise),
//   then ~/.sso-tray/run/broker.sock. A broker listens on both and clients try
//   them in order, so a tool started without XDG_RUNTIME_DIR (cron, sudo -u)
//   still finds a broker started with it, and a second broker finds the first.
// - Windows: a named pipe named after the user; its folder for the token file is
//   %LOCALAPPDATA%\sso-tray\run (else ~\.sso-tray\run).

import { lstatSync } from 'node:fs';
import { homedir as osHomedir, userInfo } from 'node:os';
import path from 'node:path';
import type { Env } from '../env';

export const SOCKET_ENV = 'SSO_TRAY_BROKER_SOCKET';
export const SOCKET_NAME = 'broker.sock';

export interface BrokerAddress {
  readonly kind: 'unix' | 'pipe';
  /** The socket path, or the pipe name (`\\.\pipe\...`). */
  readonly path: string;
  /** The private folder that holds the socket and the container token file. */
  readonly dir: string;
  /** The folder above `dir` is ours too (`~/.sso-tray`), so it must be private as well. */
  readonly privateParent: boolean;
}

export interface LocationEnvironment {
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  readonly homedir: () => string;
  /** The user's uid on POSIX, null on Windows. */
  readonly uid: number | null;
}

export const processLocationEnvironment = (): LocationEnvironment => ({
  env: process.env,
  platform: process.platform,
  homedir: osHomedir,
  uid: typeof process.getuid === 'function' ? process.getuid() : null,
});

function homeOf({ env, platform, homedir }: LocationEnvironment): string {
  // The same home the AWS CLI uses (app/core/paths.ts), so a temp HOME moves both.
  if (platform === 'win32') return env.USERPROFILE || homedir();
  return env.HOME || homedir();
}

/** $XDG_RUNTIME_DIR when it is a directory (not a link) owned by the user, mode 0700. */
function usableXdgRuntimeDir(environment: LocationEnvironment): string | null {
  const dir = environment.env.XDG_RUNTIME_DIR;
  if (!dir || !path.isAbsolute(dir) || environment.uid === null) return null;
  try {
    const stat = lstatSync(dir);
    const closed = (stat.mode & 0o077) === 0;
    return stat.isDirectory() && stat.uid === environment.uid && closed ? dir : null;
  } catch {
    return null;
  }
}

/** Pipe names are global on a machine: the user's name keeps them apart. */
function pipeName(environment: LocationEnvironment): string {
  let user = environment.env.USERNAME;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = path.basename(homeOf(environment));
    }
  }
  return `\\\\.\\pipe\\sso-tray-broker-${user.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** Every place a broker for this user listens, the main one first; a client tries them in order. */
export function brokerAddresses(
  environment: LocationEnvironment = processLocationEnvironment(),
): BrokerAddress[] {
  const override = environment.env[SOCKET_ENV];
  const home = homeOf(environment);
  const windowsDir = () =>
    environment.env.LOCALAPPDATA
      ? path.win32.join(environment.env.LOCALAPPDATA, 'sso-tray', 'run')
      : path.win32.join(home, '.sso-tray', 'run');
  if (override) {
    if (environment.platform === 'win32' && /^\\\\[.?]\\pipe\\/i.test(override)) {
      return [{ kind: 'pipe', path: override, dir: windowsDir(), privateParent: false }];
    }
    const socket = path.resolve(override);
    return [{ kind: 'unix', path: socket, dir: path.dirname(socket), privateParent: false }];
  }
  if (environment.platform === 'win32') {
    return [{ kind: 'pipe', path: pipeName(environment), dir: windowsDir(), privateParent: false }];
  }
  const homeDir = path.join(home, '.sso-tray', 'run');
  const xdg = usableXdgRuntimeDir(environment);
  const inHome: BrokerAddress = {
    kind: 'unix',
    path: path.join(homeDir, SOCKET_NAME),
    dir: homeDir,
    privateParent: true,
  };
  if (xdg === null) return [inHome];
  const xdgDir = path.join(xdg, 'sso-tray');
  return [
    { kind: 'unix', path: path.join(xdgDir, SOCKET_NAME), dir: xdgDir, privateParent: false },
    inHome,
  ];
}

/** Where a broker for this user listens, seen with `env` (HOME, XDG_RUNTIME_DIR, SSO_TRAY_BROKER_SOCKET). */
export const brokerAddressesFor = (env: Env): BrokerAddress[] =>
  brokerAddresses({ ...processLocationEnvironment(), env });

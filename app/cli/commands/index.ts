// Every sso-tray command, in the order `sso-tray --help` lists them.
import type { CommandSpec } from '../command';
import { addProfilesSpec } from './add-profiles';
import { consoleSpec } from './console';
import { credentialProcessSpec } from './credential-process';
import { discoverSpec } from './discover';
import { doctorSpec } from './doctor';
import { exportSpec } from './export';
import { loginSpec } from './login';
import { logoutSpec } from './logout';
import { serveSpec } from './serve';
import { statusSpec } from './status';

export const COMMANDS: readonly CommandSpec[] = [
  statusSpec,
  loginSpec,
  logoutSpec,
  discoverSpec,
  addProfilesSpec,
  exportSpec,
  credentialProcessSpec,
  consoleSpec,
  doctorSpec,
  serveSpec,
];

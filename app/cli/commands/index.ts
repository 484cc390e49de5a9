// Every sso-tray command, in the order `sso-tray --help` lists them.
import type { CommandSpec } from '../command';
import { loginSpec } from './login';
import { logoutSpec } from './logout';
import { statusSpec } from './status';

export const COMMANDS: readonly CommandSpec[] = [statusSpec, loginSpec, logoutSpec];

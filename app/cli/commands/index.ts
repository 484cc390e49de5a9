// Every sso-tray command, in the order `sso-tray --help` lists them.
import type { CommandSpec } from '../command';
import { statusSpec } from './status';

export const COMMANDS: readonly CommandSpec[] = [statusSpec];

// One CLI command: its name, usage line, summary and runner. Each command lives
// in its own module under commands/ and is listed in commands/index.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError, type CliContext } from './context';

export interface CommandSpec {
  readonly name: string;
  /** e.g. `sso-tray status [--json]` */
  readonly usage: string;
  readonly summary: string;
  /** What `--help` prints after the usage line, when the usage line is not enough. */
  readonly help?: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses one command's options; unknown options are a usage error (exit 2). */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: argv,
      // --help / -h never gets here: runCli answers it from the spec.
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\nUsage: ${usage}`);
  }
}

/** Exactly `count` positionals, or a usage error naming what is missing. */
export function expectPositionals(
  positionals: string[],
  names: readonly string[],
  usage: string,
): string[] {
  if (positionals.length < names.length) {
    throw usageError(`missing <${names[positionals.length]}>\nUsage: ${usage}`);
  }
  if (positionals.length > names.length) {
    throw usageError(`unexpected argument "${positionals[names.length]}"\nUsage: ${usage}`);
  }
  return positionals;
}

/** A number of seconds given to an option, or a usage error. */
export function parseSeconds(
  value: string | undefined,
  option: string,
  usage: string,
): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(seconds > 0)) {
    throw usageError(`${option} needs a number of seconds, not "${value}"\nUsage: ${usage}`);
  }
  return seconds;
}

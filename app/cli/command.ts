// One CLI command: its name, usage line, summary and runner. Each command lives
// in its own module under commands/ and is listed in commands/index.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type CliContext } from './cli-error';

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
    throw new CliError(`${(error as Error).message}\nUsage: ${usage}`, 2);
  }
}

/** Exactly `count` positionals, or a usage error naming what is missing. */
export function expectPositionals(
  positionals: string[],
  names: readonly string[],
  usage: string,
): string[] {
  if (positionals.length < names.length) {
    throw new CliError(`missing <${names[positionals.length]}>\nUsage: ${usage}`, 2);
  }
  if (positionals.length > names.length) {
    throw new CliError(`unexpected argument "${positionals[names.length]}"\nUsage: ${usage}`, 2);
  }
  return positionals;
}

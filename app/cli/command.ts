// One CLI command: its name, usage line, summary and runner. Each command lives
// in its own module under commands/ and is listed in commands/index.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../core';
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

/** "Did you mean ...?": a close spelling, else the one name that starts with what was typed. */
export function suggestName(typed: string, names: readonly string[]): string | null {
  const close = closestName(typed, names);
  if (close !== null) return close;
  const starting = typed === '' ? [] : names.filter((n) => n.startsWith(typed));
  return starting.length === 1 ? starting[0]! : null;
}

/** The command a usage line is for: `sso-tray status [--json]` -> `status`. */
const commandOf = (usage: string) => usage.trim().split(/\s+/)[1] ?? '';

/**
 * parseArgs' error in our words, in one or two lines: its own messages talk
 * about positional arguments and `--`, which mean nothing to someone who
 * mistyped an option.
 */
function optionError(error: unknown, options: Options, usage: string): string {
  const command = commandOf(usage);
  const help = `Run \`sso-tray ${command} --help\` for its options.`;
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) {
    const typed = unknown[1]!;
    const suggestion = suggestName(typed.replace(/^-+/, ''), Object.keys(options));
    const hint = suggestion ? ` Did you mean --${suggestion}?` : '';
    return `unknown option ${typed} for ${command}.${hint}\n${help}`;
  }
  const missing = /^Option '(?:-\w, )?(--[^' ]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value.\n${help}`;
  const noValue = /^Option '(?:-\w, )?(--[^' ]+)' does not take an argument/.exec(message);
  if (noValue) return `${noValue[1]} takes no value.\n${help}`;
  return `the options for ${command} cannot be read.\n${help}`;
}

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
    throw usageError(optionError(error, options, usage));
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

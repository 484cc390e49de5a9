// What a command needs from the outside world (tests pass their own), and the
// one kind of error the CLI adds to the core's: a usage error.
import { CoreError } from '../core/client';

export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal (colour, tables) rather than a pipe. */
  readonly isTty: boolean;
  /**
   * Runs `handler` when the user interrupts (Ctrl-C) instead of the default
   * (exit 130 at once); returns the function that removes it.
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
  /** The entry already asked for a broker and found none (credential-process's fast path). */
  readonly brokerAbsent?: boolean;
}

/** A command line the CLI cannot run: exit status 2 (README "Exit codes"). */
export const usageError = (message: string) => new CoreError('usage', message);

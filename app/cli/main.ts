// The `sso-tray` command line: a headless view of the same core as the tray app.
// Every failure is one line on stderr and an exit status from the core's error
// table (README "Exit codes"); a stack trace only with SSO_TRAY_DEBUG set.

import { exitCodeOf, isCoreError } from '../core/client';
import { VERSION } from '../shared/version';
import { suggestName } from './command';
import { COMMANDS } from './commands';
import type { CliContext } from './context';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: sso-tray <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`sso-tray <command> --help\` for a command's options, \`sso-tray --version\` for the version.\n`;
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? ctx.stdout : ctx.stderr)(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    ctx.stdout(`sso-tray ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    // One or two lines, not the whole usage: what was meant, or where the list is.
    const names = [...COMMANDS.map((c) => c.name), 'help', 'version'];
    const suggestion = name.startsWith('-') ? null : suggestName(name, names);
    const meant = suggestion ? ` Did you mean "${suggestion}"?` : '';
    ctx.stderr(
      `sso-tray: unknown ${name.startsWith('-') ? 'option' : 'command'} "${name}".${meant}\nRun \`sso-tray --help\` for the commands.\n`,
    );
    return 2;
  }
  const beforeDoubleDash = rest.indexOf('--') < 0 ? rest : rest.slice(0, rest.indexOf('--'));
  if (beforeDoubleDash.includes('--help') || beforeDoubleDash.includes('-h')) {
    ctx.stdout(`Usage: ${command.usage}\n${command.help ? `\n${command.help}` : ''}`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (isCoreError(error)) {
      const hint = error.signInSession ? ` Run: sso-tray login ${error.signInSession}` : '';
      ctx.stderr(`sso-tray: ${error.message}${hint}\n`);
      if (ctx.env.SSO_TRAY_DEBUG) ctx.stderr(`${error.stack ?? ''}\n`);
      return exitCodeOf(error.code);
    }
    // Unexpected: still one line for the user; the stack only on request.
    ctx.stderr(`sso-tray: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (ctx.env.SSO_TRAY_DEBUG) ctx.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

// The `sso-tray` command line: a headless view of the same core as the tray app.

import { CliError, type CliContext } from './cli-error';
import { COMMANDS } from './commands';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: sso-tray <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`sso-tray <command> --help\` for a command's options.\n`;
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? ctx.stdout : ctx.stderr)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.stderr(`sso-tray: unknown command "${name}"\n\n${usage()}`);
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
    if (error instanceof CliError) {
      ctx.stderr(`sso-tray: ${error.message}\n`);
      return error.exitCode;
    }
    // Unexpected: still one line for the user; the stack only on request.
    ctx.stderr(`sso-tray: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (ctx.env.SSO_TRAY_DEBUG) ctx.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

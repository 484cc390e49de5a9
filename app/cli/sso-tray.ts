// Entry point of the `sso-tray` bin (bundled to out/cli/). `credential-process`,
// which tools run on every AWS call, first asks a running broker through the
// core's small client door; everything else (and credential-process without a
// broker) loads the whole CLI.
import { credentialsFromBroker } from './broker-credentials';
import type { CliContext } from './context';

// The AWS SDK prints a multi-line "upgrade Node.js" notice on stderr for every
// call on Node 20; in a CLI whose stderr carries our one-line errors it is noise.
// Users who want it can set the variable to `false`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Ctrl-C: a command that listens (login) cancels cleanly; otherwise exit 130 at once.
const interruptHandlers = new Set<() => void>();
process.on('SIGINT', () => {
  if (interruptHandlers.size === 0) process.exit(130);
  for (const handler of interruptHandlers) handler();
});

const argv = process.argv.slice(2);
const ctx: CliContext = {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  onInterrupt: (handler) => {
    interruptHandlers.add(handler);
    return () => interruptHandlers.delete(handler);
  },
};

/**
 * `credential-process --profile P [--wait N]`, answered by the broker without
 * loading the rest; null when the CLI proper must run (no broker, other options).
 */
async function brokerFastPath(): Promise<number | null> {
  const [command, flag, profile, ...rest] = argv;
  if (command !== 'credential-process' || flag !== '--profile' || !profile) return null;
  let waitSeconds = 300;
  if (rest.length === 2 && rest[0] === '--wait' && /^\d+$/.test(rest[1]!)) {
    waitSeconds = Number(rest[1]);
  } else if (rest.length !== 0) {
    return null;
  }
  const answer = await credentialsFromBroker(profile, { waitSeconds, format: 'process' }, ctx.env);
  if (answer.kind === 'no-broker') return null;
  if (answer.kind === 'credentials') {
    ctx.stdout(answer.text);
    return 0;
  }
  const { exitCodeOf } = await import('../core/client');
  ctx.stderr(`sso-tray: ${answer.message}\n`);
  return exitCodeOf(answer.code);
}

const fast = await brokerFastPath();
const code =
  fast ??
  (await (
    await import('./main')
  ).runCli(argv, {
    ...ctx,
    brokerAbsent: argv[0] === 'credential-process',
  }));
// Exit once the output is flushed: nothing left behind (an idle connection,
// a listener) may keep a finished command alive.
process.stdout.write('', () => process.exit(code));

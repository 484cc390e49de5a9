// Entry point of the `sso-tray` bin (bundled to out/cli/sso-tray.js).
import { runCli } from './main';

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

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  onInterrupt: (handler) => {
    interruptHandlers.add(handler);
    return () => interruptHandlers.delete(handler);
  },
});
// Exit once the output is flushed: nothing left behind (an idle connection,
// a listener) may keep a finished command alive.
process.stdout.write('', () => process.exit(code));

// Entry point of the `sso-tray` bin (bundled to out/cli/sso-tray.js).
import { runCli } from './main';

// The AWS SDK prints a multi-line "upgrade Node.js" notice on stderr for every
// call on Node 20; in a CLI whose stderr carries our one-line errors it is noise.
// Users who want it can set the variable to `false`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
});

// The demo: a realistic sample world (sessions in every state, a few dozen
// profiles) in a temp HOME, the fake IAM Identity Center (its sign-in pages
// approve when a browser opens them; a device code then stays "pending" for two
// more polls, as the real service does), and either
//   npm run demo:web   the window in any browser, through the loopback bridge
//                      (prints http://127.0.0.1:<port>/?key=<secret> on a line of its own), or
//   npm run demo       the Electron app pointed at the same world (needs a machine
//                      that can run Electron).
// Ctrl-C stops everything and deletes the temp HOME.
//
//   tsx scripts/demo-web.ts [--electron] [--port N] [--large]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startFakeIdentityCenter } from '../test/fakes/fake-identity-center';
import { startHarness, type Harness } from '../test/harness/harness';
import { REPO_ROOT } from '../test/harness/renderer-build';
import { DEMO_SAMPLE, largeSample, writeSample } from '../test/harness/samples';
import { createTempHome } from '../test/support/temp-home';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
const sample = args.includes('--large') ? largeSample() : DEMO_SAMPLE;
// A couple of pinned profiles, so the demo shows favourites too.
const demoSettings =
  sample === DEMO_SAMPLE ? { favourites: ['payments-prod-readonly', 'partner-dev'] } : {};

async function runWeb(): Promise<void> {
  let harness: Harness;
  try {
    harness = await startHarness({ sample, port, settings: demoSettings });
  } catch (error) {
    process.stderr.write(`demo: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `SSO Tray web demo. Sample HOME: ${harness.home.home}\n` +
      `Fake IAM Identity Center: ${harness.fake.url} (the harness browser approves each sign-in page)\n` +
      `Open this in a browser (Ctrl-C to stop):\n` +
      `${harness.url}\n`,
  );
  const stop = () => void harness.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The Electron binary's path; the electron package downloads it on first use. */
function electronBinary(): string {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch (error) {
    process.stderr.write(
      `demo: the Electron app cannot run here (${(error as Error).message.split('\n')[0]}).\n` +
        'Try `npm run demo:web`, which shows the same window in any browser.\n',
    );
    process.exit(1);
  }
}

async function runElectron(): Promise<void> {
  const electron = electronBinary();
  const home = createTempHome();
  const fake = await startFakeIdentityCenter();
  writeSample(home, fake, sample);
  process.stdout.write(
    `SSO Tray demo (Electron). Sample HOME: ${home.home}\n` +
      `Fake IAM Identity Center: ${fake.url} (opening a sign-in page in your browser approves it)\n`,
  );
  const child = spawn(electron, ['.'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // HOME decides ~/.aws and the app's own folders, so nothing of the real user is touched.
    env: { ...process.env, ...home.env, ...fake.env },
  });
  const stop = async (code: number) => {
    await fake.close();
    home.cleanup();
    process.exit(code);
  };
  child.on('exit', (code) => void stop(code ?? 0));
  child.on('error', (error) => {
    process.stderr.write(`demo: could not start Electron: ${error.message}\n`);
    void stop(1);
  });
  process.once('SIGINT', () => child.kill('SIGINT'));
  process.once('SIGTERM', () => child.kill('SIGTERM'));
}

await (args.includes('--electron') ? runElectron() : runWeb());

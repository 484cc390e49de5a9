// A separate SSO Tray process for the racing-writer tests: it starts a core on
// the HOME it is given (watching, renewal on, the real SDK against the
// endpoints in its environment), lets renewal run until the token file holds
// a newer token than the one it started with (written by itself or by a rival
// process), then prints one JSON line of what it saw and exits. With
// SSO_TRAY_RACE_GATE set it loads everything, then waits for that file to
// exist before it starts, so the test can release it at a chosen moment.
import { existsSync } from 'node:fs';
import { SsoTrayCore } from '../../../app/core/core';
import type { RenewalEvent } from '../../../app/core/auth/renewal-scheduler';
import { resolveAwsPaths } from '../../../app/core/paths';

const SESSION = process.argv[2] ?? 'my-sso';
const TIMEOUT_MS = 20_000;

const gate = process.env.SSO_TRAY_RACE_GATE;
if (gate) {
  process.stdout.write('loaded\n');
  while (!existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 5));
}

const paths = resolveAwsPaths({
  env: process.env,
  platform: 'linux',
  homedir: () => process.env.HOME!,
});
const core = await SsoTrayCore.start({ paths, env: process.env, watch: true });
const initial = core.sessions.token(SESSION)?.accessToken ?? null;
const events: RenewalEvent['kind'][] = [];
core.renewal.onEvent((event) => events.push(event.kind));

const settled = () => {
  const token = core.sessions.token(SESSION);
  const next = core.renewal.nextAttemptAt(SESSION);
  // A newer token is on disk and renewal is planned for it (hours away): nothing left to do.
  return (
    token !== null &&
    token.accessToken !== initial &&
    next !== null &&
    next > Date.now() + 60 * 60_000
  );
};

const started = Date.now();
while (!settled() && Date.now() - started < TIMEOUT_MS) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
// Let a losing attempt finish and report.
await new Promise((resolve) => setTimeout(resolve, 300));
const session = core.sessions.snapshot().sessions.find((s) => s.name === SESSION);
process.stdout.write(
  `${JSON.stringify({
    settled: settled(),
    events,
    lastError: session?.lastError?.code ?? null,
    state: session?.state ?? null,
  })}\n`,
);
await core.close();

// A separate SSO Tray process for the racing-writer tests: it starts a core on
// the HOME it is given (watching, renewal on, the real SDK against the
// endpoints in its environment), lets renewal run until the token file holds
// a newer token than the one it started with (written by itself or by a rival
// process) and its own attempt has ended, then prints one JSON line of what it
// saw and exits. No deadline of its own: the test's timeout bounds it. With
// SSO_TRAY_RACE_GATE set it loads everything, then waits for that file to
// exist before it starts, so the test can release it at a chosen moment.
import { existsSync } from 'node:fs';
import { SsoTrayCore } from '../../../app/core/core';
import type { RenewalEvent } from '../../../app/core/auth/renewal-scheduler';
import { resolveAwsPaths } from '../../../app/core/paths';

const SESSION = process.argv[2] ?? 'my-sso';

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

while (!settled()) await new Promise((resolve) => setTimeout(resolve, 20));
// A losing attempt may still be in flight: join it, so its outcome is reported (starts nothing new).
await core.renewal.renewIfDue(SESSION);
const session = core.snapshot().sessions.find((s) => s.name === SESSION);
process.stdout.write(
  `${JSON.stringify({
    events,
    lastError: session?.lastError?.code ?? null,
    state: session?.state ?? null,
  })}\n`,
);
await core.close();

// A separate SSO Tray process for the racing-writer tests: it starts a core on
// the HOME it is given (watching, renewal on, the real SDK against the
// endpoints in its environment), lets renewal run until the token file holds
// a newer token than the one it started with (written by itself or by a rival
// process) and its own attempt has ended, then prints one JSON line of what it
// saw and exits. No deadline of its own: the test's timeout bounds it. With
// SSO_TRAY_RACE_GATE set it loads everything, then waits for that file to
// exist before it starts, so the test can release it at a chosen moment.
import { existsSync, readFileSync } from 'node:fs';
import { openCore } from '../../../app/core';
import { parseTokenFile } from '../../../app/core/token-cache/token-file';
import type { CoreEvent } from '../../../app/shared/events';

const SESSION = process.argv[2] ?? 'my-sso';

const gate = process.env.SSO_TRAY_RACE_GATE;
if (gate) {
  process.stdout.write('loaded\n');
  while (!existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 5));
}

const core = await openCore({ env: process.env, watch: true });
const tokenFile = () => core.snapshot().sessions.find((s) => s.name === SESSION)?.tokenFile;
const accessToken = (): string | null => {
  const file = tokenFile();
  if (!file || !existsSync(file)) return null;
  const reading = parseTokenFile(readFileSync(file, 'utf8'));
  return reading.kind === 'token' ? reading.token.accessToken : null;
};
const initial = accessToken();
const events: CoreEvent['kind'][] = [];
core.onEvent((event) => events.push(event.kind));

const settled = () => {
  const session = core.snapshot().sessions.find((s) => s.name === SESSION);
  const current = accessToken();
  // A newer token is on disk and shown, renewing by itself, hours from its end: nothing left to do.
  return (
    current !== null &&
    current !== initial &&
    session?.renewal.mode === 'automatic' &&
    session.expiresAt !== null &&
    Date.parse(session.expiresAt) > Date.now() + 60 * 60_000
  );
};

while (!settled()) await new Promise((resolve) => setTimeout(resolve, 20));
// A losing attempt may still be in flight: wait for it, so its outcome is reported.
await core.renewalSettled(SESSION);
const session = core.snapshot().sessions.find((s) => s.name === SESSION);
process.stdout.write(
  `${JSON.stringify({
    events,
    lastError: session?.lastError?.code ?? null,
    renewal: session?.renewal.mode ?? null,
    state: session?.state ?? null,
  })}\n`,
);
await core.close();

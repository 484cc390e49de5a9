// Builds the CLI bundle once before the tests that spawn `bin/sso-tray.js`.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--cli'], { stdio: 'inherit' });
}

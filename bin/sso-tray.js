#!/usr/bin/env node
// The `sso-tray` command: runs the CLI bundle that `npm install` (prepare) builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/sso-tray.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('sso-tray: the CLI is not built yet; run `npm run build` in the sso-tray folder.');
  process.exit(1);
}
await import(entry.href);

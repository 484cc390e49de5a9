#!/usr/bin/env node
// `npm start`: builds, then runs the tray app in Electron.
//
// Where Electron cannot run (its binary is not installed and cannot be
// downloaded, or a Linux box has no display), it says so in one line and
// serves the same window in the browser instead: `sso-tray serve --open`, the
// real core and broker behind the window, without a tray icon, OS
// notifications or native dialogs.
//
//   node scripts/start.mjs [--no-build]

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

/** The Electron executable, or why there is none. Asking `electron` may download it. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  }
  const asked = spawnSync(node, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  const executable = asked.status === 0 ? asked.stdout.trim() : '';
  if (executable && existsSync(executable)) return { executable };
  const downloadFailed = /fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|failed to install/i.test(
    `${asked.stdout}${asked.stderr}`,
  );
  return {
    reason: downloadFailed
      ? 'its binary is not installed and could not be downloaded'
      : 'its binary is not installed',
  };
}

/** Runs a program in the foreground, passing Ctrl-C and SIGTERM on, and exits with its code. */
function runInForeground(file, args) {
  const child = spawn(file, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`SSO Tray could not start ${file}: ${error.message}`);
    process.exit(1);
  });
  // Killed by a signal: the shell's convention, 128 + its number.
  child.on('close', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(node, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const electron = findElectron();
if (electron.executable) {
  runInForeground(electron.executable, ['.']);
} else {
  console.error(
    `Electron cannot start here (${electron.reason}), so SSO Tray opens its window in your ` +
      'browser instead: `sso-tray serve --open`, without a tray icon, OS notifications or ' +
      'native dialogs.',
  );
  runInForeground(node, [path.join(root, 'out/cli/sso-tray.js'), 'serve', '--open']);
}

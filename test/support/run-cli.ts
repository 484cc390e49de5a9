// Runs the real `sso-tray` bin (bin/sso-tray.js -> out/cli/sso-tray.js) as a user would.
import { spawn } from 'node:child_process';
import path from 'node:path';

export const SSO_TRAY_BIN = path.resolve(__dirname, '../../bin/sso-tray.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runSsoTray(
  args: readonly string[],
  options: {
    env: Record<string, string | undefined>;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
  },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SSO_TRAY_BIN, ...args], {
      env: options.env as NodeJS.ProcessEnv,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sso-tray ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

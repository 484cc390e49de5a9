// Runs the real `sso-tray` bin (bin/sso-tray.js -> out/cli/sso-tray.js) as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// import.meta.url, not __dirname: Playwright loads the e2e specs (and this) as ES modules.
export const SSO_TRAY_BIN = fileURLToPath(new URL('../../bin/sso-tray.js', import.meta.url));

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

/** A program that runs until stopped (`sso-tray serve`, `npm start`'s script), watched line by line. */
export interface LongRunning {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first printed line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** Runs `node <args>` in the background. */
export function startLongRunning(
  args: readonly string[],
  env: Record<string, string>,
): LongRunning {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk;
    for (const wake of [...waiters]) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    output: () => out,
    line: (pattern) =>
      new Promise((resolve) => {
        const wake = () => {
          const found = out.split('\n').find((l) => pattern.test(l));
          if (!found) return;
          waiters.delete(wake);
          resolve(found);
        };
        waiters.add(wake);
        wake();
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// Runs a snippet in a real shell, the way a user would paste it, and reads back
// the environment the shell ends up with (`env -0`, so any byte survives).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type ShellName = 'bash' | 'dash' | 'zsh' | 'fish';

export function shellPath(name: ShellName): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** `source FILE; env -0 > OUT` in each shell's own syntax, with no rc files. */
function argvFor(name: ShellName, snippet: string, out: string): string[] {
  switch (name) {
    case 'bash':
      return ['--norc', '--noprofile', '-c', '. "$1"; env -0 > "$2"', 'bash', snippet, out];
    case 'dash':
      return ['-c', '. "$1"; env -0 > "$2"', 'dash', snippet, out];
    case 'zsh':
      return ['-f', '-c', 'source "$1"; env -0 > "$2"', 'zsh', snippet, out];
    case 'fish':
      return ['--no-config', '-c', 'source $argv[1]; env -0 > $argv[2]', snippet, out];
  }
}

export interface ShellRun {
  readonly env: Map<string, string>;
  readonly stderr: string;
}

export function parseEnvDump(bytes: Buffer): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of bytes.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** Sources `text` in `shell` with `startEnv`, in `dir` (where files are written). */
export function runSnippet(
  shell: ShellName,
  text: string,
  options: { dir: string; startEnv: Record<string, string> },
): ShellRun {
  const snippet = path.join(options.dir, `snippet.${shell}`);
  const out = path.join(options.dir, `env.${shell}`);
  writeFileSync(snippet, text);
  writeFileSync(out, '');
  const result = spawnSync(shellPath(shell)!, argvFor(shell, snippet, out), {
    env: options.startEnv,
    cwd: options.dir,
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.error) throw result.error;
  return { env: parseEnvDump(readFileSync(out)), stderr: result.stderr };
}

/** Puts an executable `name` in `dir` that records its argv (NUL-separated) in `dir/argv`. */
export function installArgvRecorder(dir: string, name: string): string {
  const recorder = path.join(dir, name);
  writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\0' "$@" > "${dir}/argv"\n`, { mode: 0o755 });
  return recorder;
}

/** Runs one command line with `sh -c` (as the JS SDK runs credential_process) and returns the argv it produced. */
export function argvOfShellLine(line: string, dir: string): string[] {
  writeFileSync(path.join(dir, 'argv'), '');
  execFileSync('sh', ['-c', line], {
    env: { PATH: `${dir}:/usr/bin:/bin`, HOME: '/nonexistent' },
    cwd: dir,
  });
  return readFileSync(path.join(dir, 'argv'), 'utf8').split('\0').slice(0, -1);
}

// Evaluates many snippets in one real shell process (one process per shell and
// batch, not per snippet, so thousands of cases fit in seconds). Each case runs
// in its own working folder, from the same starting environment, and leaves
// behind: the exported environment (`env -0`), the shell variables of interest
// (for `env-no-export`), and its stderr. A command injected into a snippet
// would show up as a file in that case's folder (the hostile values contain
// `touch SENTINEL`) or as an unexpected variable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnvDump, shellPath, type ShellName } from '../../integration/shells/run-in-shell';

export const SENTINEL = 'SENTINEL';

/** Shell variables read back after each case (set or not), for snippets that do not export. */
export const PROBED_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

export interface CaseResult {
  /** Exported environment after the snippet. */
  readonly env: Map<string, string>;
  /** Shell variables (exported or not) after the snippet; undefined when unset. POSIX shells only. */
  readonly variables: ReadonlyMap<string, string | undefined>;
  readonly stderr: string;
  /** Exit status of sourcing the snippet; null when the shell stopped before reporting it. */
  readonly status: number | null;
  /** The case folder holds a file the snippet must never create. */
  readonly sentinel: boolean;
}

// POSIX sh (bash, dash, zsh): each case in a subshell, so nothing carries over.
const PROBE_LINES = PROBED_VARIABLES.map(
  (v) => `    if [ "\${${v}+x}" = x ]; then printf 'set:%s\\0' "$${v}"; else printf 'unset\\0'; fi`,
).join('\n');
const POSIX_DRIVER = `
dir=$1; count=$2; i=0
while [ "$i" -lt "$count" ]; do
  (
    cd "$dir/c$i" || exit 1
    . "$dir/s$i"
    echo $? > "$dir/r$i"
    env -0 > "$dir/o$i"
    {
${PROBE_LINES}
    } > "$dir/v$i"
  ) 2> "$dir/e$i"
  i=$((i + 1))
done
`;

// fish has no forking subshell: each case starts by restoring the start environment.
function fishDriver(
  startEnv: Readonly<Record<string, string>>,
  touched: readonly string[],
): string {
  const reset = [
    `set -e ${touched.join(' ')}`,
    ...Object.entries(startEnv)
      .filter(([name]) => touched.includes(name))
      .map(
        ([name, value]) =>
          `set -gx ${name} '${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
      ),
  ].join('\n');
  return `
set dir $argv[1]
for i in (seq 0 (math $argv[2] - 1))
  ${reset}
  cd $dir/c$i
  begin
    source $dir/s$i
    echo $status > $dir/r$i
  end 2> $dir/e$i
  env -0 > $dir/o$i
  printf '' > $dir/v$i
end
`;
}

function argvFor(shell: ShellName, driver: string, dir: string, count: number): string[] {
  const args = [dir, String(count)];
  switch (shell) {
    case 'bash':
      return ['--norc', '--noprofile', '-c', driver, 'bash', ...args];
    case 'dash':
      return ['-c', driver, 'dash', ...args];
    case 'zsh':
      return ['-f', '-c', driver, 'zsh', ...args];
    case 'fish':
      return ['--no-config', '-c', driver, ...args];
  }
}

function parseVariables(bytes: Buffer): Map<string, string | undefined> {
  const values = bytes.toString('utf8').split('\0');
  return new Map(
    PROBED_VARIABLES.map((name, i) => {
      const entry = values[i] ?? 'unset';
      return [name, entry.startsWith('set:') ? entry.slice(4) : undefined];
    }),
  );
}

/**
 * Runs `snippets` in `shell`, each from `startEnv`, in folders under `dir`
 * (which must be empty). `touched`: the variables a snippet may change (fish
 * restores them between cases).
 */
export function runSnippetBatch(
  shell: ShellName,
  snippets: readonly string[],
  options: {
    readonly dir: string;
    readonly startEnv: Readonly<Record<string, string>>;
    readonly touched: readonly string[];
  },
): { cases: CaseResult[]; stderr: string } {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  snippets.forEach((text, i) => {
    mkdirSync(path.join(dir, `c${i}`));
    writeFileSync(path.join(dir, `s${i}`), text);
  });
  const driver = shell === 'fish' ? fishDriver(options.startEnv, options.touched) : POSIX_DRIVER;
  const run = spawnSync(shellPath(shell)!, argvFor(shell, driver, dir, snippets.length), {
    env: options.startEnv,
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (run.error) throw run.error;
  const cases = snippets.map((_, i) => {
    const out = path.join(dir, `o${i}`);
    const status = path.join(dir, `r${i}`);
    return {
      status: existsSync(status) ? Number(readFileSync(status, 'utf8').trim()) : null,
      env: existsSync(out) ? parseEnvDump(readFileSync(out)) : new Map(),
      variables: existsSync(path.join(dir, `v${i}`))
        ? parseVariables(readFileSync(path.join(dir, `v${i}`)))
        : new Map(),
      stderr: existsSync(path.join(dir, `e${i}`))
        ? readFileSync(path.join(dir, `e${i}`), 'utf8')
        : `case ${i} did not run (the batch stopped: ${run.stderr})`,
      sentinel:
        existsSync(path.join(dir, `c${i}`, SENTINEL)) || existsSync(path.join(dir, SENTINEL)),
    };
  });
  // fish writes some errors (unknown commands) to its own stderr, past the block's redirection.
  return { cases, stderr: run.stderr };
}

/**
 * Runs each script with dash (as `sh -c` would: the JS SDK runs credential_process
 * that way) in its own folder, with an executable at `recorder` (its folder on
 * the PATH) recording every invocation's argv. Returns the argv of each
 * invocation, per script.
 */
export function argvOfShellScripts(
  scripts: readonly string[],
  options: { readonly dir: string; readonly recorder: string },
): { argv: string[][][]; stderr: string[]; sentinel: boolean[] } {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const bin = path.dirname(options.recorder);
  mkdirSync(bin, { recursive: true });
  // Arguments are never empty here, so an empty one (two NULs) ends an invocation.
  writeFileSync(
    options.recorder,
    `#!/bin/sh\nprintf '%s\\0' "$@" >> "$ARGV_OUT"\nprintf '\\0' >> "$ARGV_OUT"\n`,
    { mode: 0o755 },
  );
  scripts.forEach((script, i) => {
    mkdirSync(path.join(dir, `c${i}`));
    writeFileSync(path.join(dir, `l${i}`), script);
  });
  const driver = `
dir=$1; count=$2; i=0
while [ "$i" -lt "$count" ]; do
  ( cd "$dir/c$i" && ARGV_OUT="$dir/a$i" && export ARGV_OUT && . "$dir/l$i" ) 2> "$dir/e$i"
  i=$((i + 1))
done
`;
  const run = spawnSync('dash', ['-c', driver, 'dash', dir, String(scripts.length)], {
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: '/nonexistent' },
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  const read = (name: string) =>
    existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : null;
  return {
    argv: scripts.map((_, i) =>
      (read(`a${i}`) ?? '')
        .split('\0\0')
        .filter((record) => record !== '')
        .map((record) => record.split('\0')),
    ),
    stderr: scripts.map((_, i) => read(`e${i}`) ?? 'did not run'),
    sentinel: scripts.map((_, i) => existsSync(path.join(dir, `c${i}`, SENTINEL))),
  };
}

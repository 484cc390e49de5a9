// Export snippets evaluated in real shells: each sets exactly the intended
// strings, clears what would override them, and runs nothing else (a sentinel
// file that any injected command would create must never appear).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatAwsCliCredentials } from '../../../app/core/export/aws-cli-format';
import { buildSnippet } from '../../../app/core/export/snippets';
import type { RoleCredentials } from '../../../app/core/credentials/role-credentials';
import type { ExportShell } from '../../../app/shared/api';
import {
  argvOfShellLine,
  installArgvRecorder,
  parseEnvDump,
  runSnippet,
  shellPath,
  type ShellName,
} from './run-in-shell';

// Real shells run as child processes on a loaded machine: only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let dir: string;
let sentinel: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-shells-'));
  sentinel = path.join(dir, 'SENTINEL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Names that would run `touch SENTINEL` (or worse) if any shell interpreted them. */
function hostileNames(): string[] {
  const touch = `touch ${sentinel}`;
  return [
    'dev',
    `dev; rm -rf ~`,
    `dev; ${touch}`,
    "it's",
    "it's; ${touch}; echo '",
    `$(${touch})`,
    `\`${touch}\``,
    `a\n${touch}`,
    `a\r\n${touch}`,
    `a & ${touch}`,
    `a | ${touch}`,
    `a && ${touch} || ${touch}`,
    `"; ${touch}; echo "`,
    `\\"; ${touch}; echo \\"`,
    'prød-🚀-ünïcødé',
    '$HOME ${HOME} %PATH% !x !!',
    '-x',
    '=ls',
    '~root',
    '* ? [a] {a,b}',
    '#not a comment',
    'tab\there',
    'trailing backslash \\',
    "'",
    '(subshell) <in >out',
    `set -e AWS_PROFILE; ${touch}`,
  ];
}

// HOME points nowhere: if quoting ever broke, `rm -rf ~` would find nothing to delete.
const SAFE_ENV = { PATH: '/usr/bin:/bin', HOME: '/nonexistent' };

const STALE_ENV = {
  ...SAFE_ENV,
  AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE',
  AWS_SECRET_ACCESS_KEY: 'stale-secret',
  AWS_SESSION_TOKEN: 'stale-token',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00+00:00',
  AWS_DEFAULT_PROFILE: 'old-profile',
};

/** The snippet each shell gets: bash's snippet is plain POSIX sh, so dash runs it too. */
const SNIPPET_FOR: Record<ShellName, ExportShell> = {
  bash: 'bash',
  dash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
};

// bash, dash and fish are installed by .ci/run; zsh is used when present.
const REQUIRED: ShellName[] = ['bash', 'dash', 'fish'];
const SHELLS: ShellName[] = [...REQUIRED, ...(shellPath('zsh') ? (['zsh'] as const) : [])];

describe('shells on this machine', () => {
  it('has bash, dash and fish to prove the snippets against', () => {
    expect(REQUIRED.filter((s) => shellPath(s) === null)).toEqual([]);
  });
});

describe.each(SHELLS)('profile snippets in %s', (shell) => {
  it('set AWS_PROFILE to exactly the name, clear static keys, and run nothing else', () => {
    for (const name of hostileNames()) {
      const { text } = buildSnippet({
        target: SNIPPET_FOR[shell],
        mode: 'profile',
        profile: name,
        region: 'eu-west-1',
      });
      const { env, stderr } = runSnippet(shell, text, { dir, startEnv: STALE_ENV });
      expect({ name, stderr, profile: env.get('AWS_PROFILE') }).toEqual({
        name,
        stderr: '',
        profile: name,
      });
      for (const cleared of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_CREDENTIAL_EXPIRATION',
        'AWS_DEFAULT_PROFILE',
      ]) {
        expect(env.has(cleared), `${cleared} after ${JSON.stringify(name)}`).toBe(false);
      }
      expect(env.get('AWS_REGION')).toBe('eu-west-1');
      expect(env.get('AWS_DEFAULT_REGION')).toBe('eu-west-1');
      expect(existsSync(sentinel), `sentinel after ${JSON.stringify(name)}`).toBe(false);
    }
  });

  it('put hostile region values through unchanged', () => {
    const region = `eu-west-1'; touch ${sentinel}; '`;
    const { text } = buildSnippet({
      target: SNIPPET_FOR[shell],
      mode: 'profile',
      profile: 'dev',
      region,
    });
    const { env } = runSnippet(shell, text, { dir, startEnv: STALE_ENV });
    expect(env.get('AWS_REGION')).toBe(region);
    expect(existsSync(sentinel)).toBe(false);
  });
});

const REAL_LOOKING: RoleCredentials = {
  accessKeyId: 'ASIA3EXAMPLEEXAMPLE7',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc/def==',
  expiration: Date.UTC(2026, 0, 1, 12, 0, 0),
};

function hostileCredentials(): RoleCredentials[] {
  const touch = `touch ${sentinel}`;
  return [
    REAL_LOOKING,
    {
      accessKeyId: `$(${touch})`,
      secretAccessKey: `it's "quoted" \`${touch}\` $HOME \\`,
      sessionToken: `line1\n${touch}\nline3`,
      expiration: null,
    },
    { accessKeyId: 'A;B|C&D', secretAccessKey: '=ls', sessionToken: null, expiration: 0 },
  ];
}

describe.each(SHELLS)('credentials snippets in %s', (shell) => {
  it('export exactly the role credentials and clear AWS_PROFILE so every SDK uses them', () => {
    for (const credentials of hostileCredentials()) {
      const { text } = buildSnippet({
        target: SNIPPET_FOR[shell],
        mode: 'credentials',
        profile: 'dev',
        region: 'us-east-1',
        credentials,
      });
      const { env, stderr } = runSnippet(shell, text, {
        dir,
        startEnv: { ...STALE_ENV, AWS_PROFILE: 'other' },
      });
      expect(stderr).toBe('');
      expect(env.get('AWS_ACCESS_KEY_ID')).toBe(credentials.accessKeyId);
      expect(env.get('AWS_SECRET_ACCESS_KEY')).toBe(credentials.secretAccessKey);
      expect(env.get('AWS_SESSION_TOKEN')).toBe(credentials.sessionToken ?? undefined);
      expect(env.has('AWS_PROFILE')).toBe(false);
      expect(env.has('AWS_DEFAULT_PROFILE')).toBe(false);
      expect(env.get('AWS_REGION')).toBe('us-east-1');
      expect(existsSync(sentinel)).toBe(false);
    }
  });
});

describe('AWS CLI formats read back in the shells they are for', () => {
  it('env and fish set the expiry the AWS CLI prints (ISO with +00:00)', () => {
    const env = runSnippet('bash', formatAwsCliCredentials(REAL_LOOKING, 'env'), {
      dir,
      startEnv: SAFE_ENV,
    }).env;
    expect(env.get('AWS_CREDENTIAL_EXPIRATION')).toBe('2026-01-01T12:00:00+00:00');
    const fish = runSnippet('fish', formatAwsCliCredentials(REAL_LOOKING, 'fish'), {
      dir,
      startEnv: SAFE_ENV,
    }).env;
    expect(fish.get('AWS_SESSION_TOKEN')).toBe(REAL_LOOKING.sessionToken);
    expect(fish.get('AWS_CREDENTIAL_EXPIRATION')).toBe('2026-01-01T12:00:00+00:00');
  });

  it('env-no-export sets shell variables without exporting them', () => {
    for (const credentials of hostileCredentials()) {
      const text = formatAwsCliCredentials(credentials, 'env-no-export');
      const out = path.join(dir, 'vars');
      writeFileSync(path.join(dir, 'no-export.sh'), text);
      execFileSync(
        'dash',
        [
          '-c',
          '. "$1"; printf "%s\\0" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" > "$2"; env -0 >> "$2"',
          'dash',
          path.join(dir, 'no-export.sh'),
          out,
        ],
        { env: SAFE_ENV, cwd: dir },
      );
      const [access, secret, ...rest] = execFileSync('cat', [out]).toString('utf8').split('\0');
      expect([access, secret]).toEqual([credentials.accessKeyId, credentials.secretAccessKey]);
      expect(parseEnvDump(Buffer.from(rest.join('\0'))).has('AWS_ACCESS_KEY_ID')).toBe(false);
      expect(existsSync(sentinel)).toBe(false);
    }
  });
});

describe('.env snippets', () => {
  const readers = (text: string) => {
    const file = path.join(dir, '.env');
    writeFileSync(file, text);
    const sourced = parseEnvDump(
      execFileSync('dash', ['-c', 'set -a; . "$1"; env -0', 'dash', file], {
        env: SAFE_ENV,
        cwd: dir,
      }),
    );
    return { node: parseEnv(text), sourced };
  };

  it('read the same in Node (util.parseEnv) and in `set -a; . ./.env`', () => {
    const representable = hostileNames().filter(
      (n) => !/[\r\n]/.test(n) && !/'.*[$`\\"]|[$`\\"].*'/.test(n),
    );
    for (const name of representable) {
      const { text } = buildSnippet({
        target: 'dotenv',
        mode: 'profile',
        profile: name,
        region: 'eu-west-1',
      });
      const { node, sourced } = readers(text);
      expect({ name, node: node.AWS_PROFILE, sourced: sourced.get('AWS_PROFILE') }).toEqual({
        name,
        node: name,
        sourced: name,
      });
      // Empty keys: botocore, the JS SDK and the Go SDK treat them as not set.
      expect(node.AWS_ACCESS_KEY_ID).toBe('');
      expect(sourced.get('AWS_ACCESS_KEY_ID')).toBe('');
      expect(existsSync(sentinel)).toBe(false);
    }
  });

  it('refuses a value no .env reader agrees on instead of writing something else', () => {
    expect(() =>
      buildSnippet({ target: 'dotenv', mode: 'profile', profile: `a'b$c`, region: null }),
    ).toThrow(/cannot be written to a \.env file/);
    expect(() =>
      buildSnippet({ target: 'dotenv', mode: 'profile', profile: 'a\nb', region: null }),
    ).toThrow(/cannot be written/);
  });

  it('holds real credentials unchanged', () => {
    const { text } = buildSnippet({
      target: 'dotenv',
      mode: 'credentials',
      profile: 'dev',
      region: null,
      credentials: REAL_LOOKING,
    });
    const { node, sourced } = readers(text);
    expect(node.AWS_SECRET_ACCESS_KEY).toBe(REAL_LOOKING.secretAccessKey);
    expect(sourced.get('AWS_SESSION_TOKEN')).toBe(REAL_LOOKING.sessionToken);
    expect(node.AWS_PROFILE).toBeUndefined();
  });
});

describe('tool helpers', () => {
  it('pulumi lines pass the exact profile and region as one argument each', () => {
    installArgvRecorder(dir, 'pulumi');
    for (const name of hostileNames().filter((n) => !/[\r\n]/.test(n))) {
      const { text } = buildSnippet({
        target: 'pulumi',
        mode: 'profile',
        profile: name,
        region: 'eu-west-1',
      });
      const [profileLine, regionLine] = text.trimEnd().split('\n');
      const argv = argvOfShellLine(profileLine!, dir);
      // "--" only appears before a value that starts with "-" (so it is not read as a flag).
      expect(argv.filter((a) => a !== '--')).toEqual(['config', 'set', 'aws:profile', name]);
      expect(argvOfShellLine(regionLine!, dir)).toEqual([
        'config',
        'set',
        'aws:region',
        'eu-west-1',
      ]);
      expect(existsSync(sentinel)).toBe(false);
    }
  });

  it('credential_process runs sso-tray with the exact profile under sh (JS SDK) and shlex (botocore)', () => {
    const recorder = installArgvRecorder(dir, 'sso tray recorder');
    const names = hostileNames().filter((n) => !/[\r\n]/.test(n) && !/\s[#;]/.test(n));
    const commands = names.map((name) => {
      const { text } = buildSnippet({
        target: 'credential-process',
        mode: 'profile',
        profile: name,
        region: 'eu-west-1',
        ssoTrayCommand: [recorder],
      });
      const line = text.split('\n').find((l) => l.startsWith('credential_process = '))!;
      return line.slice('credential_process = '.length);
    });
    const profileArgs = (name: string) =>
      name.startsWith('-') ? [`--profile=${name}`] : ['--profile', name];
    const splitByShlex = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import json, shlex, sys; print(json.dumps([shlex.split(c) for c in json.load(sys.stdin)]))',
        ],
        { input: JSON.stringify(commands), encoding: 'utf8' },
      ),
    ) as string[][];
    names.forEach((name, i) => {
      expect(argvOfShellLine(commands[i]!, dir)).toEqual([
        'credential-process',
        ...profileArgs(name),
      ]);
      expect(splitByShlex[i]).toEqual([recorder, 'credential-process', ...profileArgs(name)]);
    });
    expect(existsSync(sentinel)).toBe(false);
  });

  it('credential_process refuses names the JS SDK would cut at an inline comment', () => {
    expect(() =>
      buildSnippet({
        target: 'credential-process',
        mode: 'profile',
        profile: 'a #b',
        region: null,
      }),
    ).toThrow(/comment/);
  });
});

// Hostile names and values through every export format, evaluated in real
// shells (bash, dash, zsh, fish): each snippet sets exactly the intended
// strings, clears exactly what it should, changes nothing else and runs
// nothing (every hostile value carries `touch SENTINEL` in some form; the file
// must never appear). .env snippets are read back by Node's util.parseEnv and
// by `set -a; . ./.env`; the pulumi and credential_process helpers by the
// shell and by Python's shlex (botocore) after our two config readers.
// PowerShell, cmd.exe and Nushell are not installed here: their lines are
// decoded by small readers written from each language's quoting rules, which
// is weaker evidence and is reported separately.
//
// Generated with fast-check from a fixed seed (RELIABILITY_SEED); a failure
// names the shell, the case index and the exact value, so it replays.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import fc from 'fast-check';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { RoleCredentials } from '../../app/core/credentials/role-credentials';
import { credentialVariables, formatAwsCliCredentials } from '../../app/core/export/aws-cli-format';
import { SnippetError } from '../../app/core/export/snippet-error';
import { buildSnippet, processProfileName } from '../../app/core/export/snippets';
import type { ExportShell } from '../../app/shared/api';
import { shellPath, type ShellName } from '../integration/shells/run-in-shell';
import { runs, SEED } from './scale';
import { reportFigures, watchForCrashes } from './support/report';
import {
  argvOfShellScripts,
  runSnippetBatch,
  SENTINEL,
  type CaseResult,
} from './support/shell-batch';

// Real shells run hundreds of snippets per test, slowly on a loaded machine:
// only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const root = mkdtempSync(path.join(tmpdir(), 'sso-tray-reliability-shells-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let batchNumber = 0;
const nextDir = () => path.join(root, `b${batchNumber++}`);

// ---- hostile values ----------------------------------------------------------------

const touch = `touch ${SENTINEL}`;
/** Pieces that break naive quoting in at least one shell or .env reader. */
const FRAGMENTS = [
  "'",
  '"',
  '`',
  '$',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  ';',
  '&',
  '|',
  '<',
  '>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '*',
  '?',
  '~',
  '!',
  '#',
  '%',
  '=',
  '-',
  '^',
  ',',
  '@',
  ':',
  `$(${touch})`,
  `\`${touch}\``,
  `; ${touch};`,
  `\n${touch}\n`,
  `& ${touch} &`,
  `| ${touch}`,
  `'; ${touch}; '`,
  `"; ${touch}; "`,
  `\\'; ${touch}; echo \\'`,
  `(${touch})`,
  `{ ${touch}; }`,
  `$HOME`,
  '${HOME}',
  '%PATH%',
  '!!',
  '$env:PATH',
  '$(',
  '\\n',
  '\u00e9',
  '\u{1F680}',
  '\u200b',
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\x1b[31m',
  '\x7f',
  '\x01',
  'set -e AWS_PROFILE',
  'export X=1',
  '=cmd',
  '~root',
  '-x',
  '--',
] as const;

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_./+:@-]{1,12}$/) },
);
const shortValue = fc
  .array(piece, { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''))
  .filter((v) => v !== '' && !v.includes('\0'));
/** Very long values (up to ~40 KB; an environment string must stay under 128 KiB). */
const longValue = fc
  .tuple(shortValue, fc.integer({ min: 200, max: 4_000 }))
  .map(([v, times]) => v.repeat(Math.max(1, Math.floor(times / Math.max(1, v.length / 10)))))
  .filter((v) => v.length <= 40_000);
const hostileValue = fc.oneof(
  { weight: 20, arbitrary: shortValue },
  { weight: 1, arbitrary: longValue },
);

interface ExportCase {
  readonly profile: string;
  readonly region: string | null;
  readonly credentials: RoleCredentials;
}

const exportCase: fc.Arbitrary<ExportCase> = fc.record({
  profile: hostileValue,
  region: fc.option(hostileValue, { nil: null, freq: 3 }),
  credentials: fc.record({
    accessKeyId: hostileValue,
    secretAccessKey: hostileValue,
    sessionToken: fc.option(hostileValue, { nil: null, freq: 4 }),
    expiration: fc.option(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), {
      nil: null,
      freq: 4,
    }),
  }),
});

const CASES = fc.sample(exportCase, { numRuns: runs(120), seed: SEED });
const describeCase = (i: number) =>
  `case ${i} (seed ${SEED}): ${JSON.stringify(CASES[i]).slice(0, 600)}`;

// ---- expected environments ---------------------------------------------------------

const SAFE_ENV = { PATH: '/usr/bin:/bin', HOME: '/nonexistent' };
const STALE_ENV: Record<string, string> = {
  ...SAFE_ENV,
  AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE',
  AWS_SECRET_ACCESS_KEY: 'stale-secret',
  AWS_SESSION_TOKEN: 'stale-token',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00+00:00',
  AWS_PROFILE: 'other',
  AWS_DEFAULT_PROFILE: 'old-profile',
};
const TOUCHED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];
/** What the shells add to every environment by themselves. */
const SHELL_NOISE = new Set(['PWD', 'OLDPWD', 'SHLVL', '_', 'LOGNAME', 'USER']);

type Env = Map<string, string>;

function withRegion(env: Env, region: string | null): Env {
  if (region !== null) {
    env.set('AWS_REGION', region);
    env.set('AWS_DEFAULT_REGION', region);
  }
  return env;
}

function expectedProfileEnv(c: ExportCase): Env {
  const env = new Map(Object.entries(STALE_ENV));
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_DEFAULT_PROFILE',
  ]) {
    env.delete(name);
  }
  env.set('AWS_PROFILE', c.profile);
  return withRegion(env, c.region);
}

function expectedCredentialsEnv(c: ExportCase): Env {
  const env = new Map(Object.entries(STALE_ENV));
  env.delete('AWS_SESSION_TOKEN');
  env.delete('AWS_CREDENTIAL_EXPIRATION');
  for (const [name, value] of credentialVariables(c.credentials)) env.set(name, value);
  env.delete('AWS_PROFILE');
  env.delete('AWS_DEFAULT_PROFILE');
  return withRegion(env, c.region);
}

/** Python's isspace() adds \x1c-\x1f and \x85 to \s; # and ; may start a comment. */
const readersMayTrimOrCut = (value: string | null) =>
  value !== null &&
  [...value].some((ch) => /[\s#;\u0085]/u.test(ch) || (ch >= '\u001c' && ch <= '\u001f'));

/** Differences between what a shell ended with and what the snippet should have made. */
function envDifferences(actual: Env, expected: Env): string[] {
  const differences: string[] = [];
  for (const name of new Set([...actual.keys(), ...expected.keys()])) {
    if (SHELL_NOISE.has(name)) continue;
    const got = actual.get(name);
    const want = expected.get(name);
    if (got !== want) {
      differences.push(
        `${name}: got ${JSON.stringify(got)?.slice(0, 120)}, want ${JSON.stringify(want)?.slice(0, 120)}`,
      );
    }
  }
  return differences;
}

function caseFailures(result: CaseResult, expected: Env): string[] {
  const failures = envDifferences(result.env, expected);
  if (result.stderr !== '') failures.push(`stderr: ${result.stderr.slice(0, 300)}`);
  if (result.status !== 0) failures.push(`exit status ${result.status}`);
  if (result.sentinel) failures.push('ran an injected command (SENTINEL exists)');
  return failures;
}

const SNIPPET_FOR: Record<ShellName, ExportShell> = {
  bash: 'bash',
  dash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
};
const SHELLS = (['bash', 'dash', 'zsh', 'fish'] as const).filter((s) => shellPath(s) !== null);

const figures = { snippetsEvaluated: 0, refusedAsUnsafe: 0, injections: 0, wrongValues: 0 };
const crashes = watchForCrashes();

describe('hostile values in real shells', () => {
  it('bash, dash, zsh and fish are installed', () => {
    expect(SHELLS).toEqual(['bash', 'dash', 'zsh', 'fish']);
  });

  it.each(SHELLS)(
    `%s: ${CASES.length} generated profile and credentials snippets set exactly their values`,
    (shell) => {
      const target = SNIPPET_FOR[shell];
      const snippets: string[] = [];
      const expected: Env[] = [];
      const index: string[] = [];
      CASES.forEach((c, i) => {
        snippets.push(
          buildSnippet({ target, mode: 'profile', profile: c.profile, region: c.region }).text,
        );
        expected.push(expectedProfileEnv(c));
        index.push(`profile ${describeCase(i)}`);
        snippets.push(
          buildSnippet({
            target,
            mode: 'credentials',
            profile: c.profile,
            region: c.region,
            credentials: c.credentials,
          }).text,
        );
        expected.push(expectedCredentialsEnv(c));
        index.push(`credentials ${describeCase(i)}`);
      });
      const batch = runSnippetBatch(shell, snippets, {
        dir: nextDir(),
        startEnv: STALE_ENV,
        touched: TOUCHED,
      });
      const failures = batch.cases.flatMap((result, i) => {
        const found = caseFailures(result, expected[i]!);
        if (result.sentinel) figures.injections++;
        if (found.length > 0) figures.wrongValues++;
        return found.length ? [`${shell} ${index[i]}\n  ${found.join('\n  ')}`] : [];
      });
      figures.snippetsEvaluated += snippets.length;
      expect(batch.stderr, `${shell} printed errors`).toBe('');
      expect(failures.slice(0, 5)).toEqual([]);
    },
  );

  it.each(SHELLS.filter((s) => s !== 'fish'))(
    '%s: the AWS CLI env-no-export lines set shell variables, export nothing',
    (shell) => {
      const snippets = CASES.map((c) => formatAwsCliCredentials(c.credentials, 'env-no-export'));
      const batch = runSnippetBatch(shell, snippets, {
        dir: nextDir(),
        startEnv: SAFE_ENV,
        touched: TOUCHED,
      });
      const failures = batch.cases.flatMap((result, i) => {
        const c = CASES[i]!.credentials;
        const found = caseFailures(result, new Map(Object.entries(SAFE_ENV)));
        const wanted = new Map(credentialVariables(c));
        for (const [name, value] of result.variables) {
          if (value !== wanted.get(name)) found.push(`${name}=${JSON.stringify(value)}`);
        }
        return found.length
          ? [`${shell} env-no-export ${describeCase(i)}\n  ${found.join('\n  ')}`]
          : [];
      });
      figures.snippetsEvaluated += snippets.length;
      expect(failures.slice(0, 5)).toEqual([]);
    },
  );
});

describe('.env snippets', () => {
  it(`read the same in util.parseEnv and in \`set -a; . ./.env\`, or are refused for a reason`, () => {
    const accepted: { text: string; expected: Record<string, string>; what: string }[] = [];
    let refused = 0;
    CASES.forEach((c, i) => {
      const attempts: [string, () => string, Record<string, string>][] = [
        [
          'profile',
          () =>
            buildSnippet({
              target: 'dotenv',
              mode: 'profile',
              profile: c.profile,
              region: c.region,
            }).text,
          {
            AWS_ACCESS_KEY_ID: '',
            AWS_SECRET_ACCESS_KEY: '',
            AWS_SESSION_TOKEN: '',
            AWS_CREDENTIAL_EXPIRATION: '',
            AWS_PROFILE: c.profile,
            AWS_DEFAULT_PROFILE: c.profile,
          },
        ],
        [
          'credentials',
          () =>
            buildSnippet({
              target: 'dotenv',
              mode: 'credentials',
              profile: c.profile,
              region: c.region,
              credentials: c.credentials,
            }).text,
          {
            ...Object.fromEntries(credentialVariables(c.credentials)),
            ...(c.credentials.sessionToken === null ? { AWS_SESSION_TOKEN: '' } : {}),
            ...(c.credentials.expiration === null ? { AWS_CREDENTIAL_EXPIRATION: '' } : {}),
          },
        ],
      ];
      for (const [mode, build, vars] of attempts) {
        const values = Object.values(vars).concat(c.region === null ? [] : [c.region]);
        try {
          const text = build();
          const expected = {
            ...vars,
            ...(c.region === null ? {} : { AWS_REGION: c.region, AWS_DEFAULT_REGION: c.region }),
          };
          accepted.push({ text, expected, what: `${mode} ${describeCase(i)}` });
        } catch (error) {
          expect(error).toBeInstanceOf(SnippetError);
          // Refused only when no quoting reads the same everywhere.
          expect(
            values.some((v) => /[\r\n]/.test(v) || (v.includes("'") && /["$\\`]/.test(v))),
            `${mode} ${describeCase(i)}`,
          ).toBe(true);
          refused++;
        }
      }
    });
    const batch = runSnippetBatch(
      'dash',
      accepted.map((a) => `set -a\n${a.text}`),
      { dir: nextDir(), startEnv: SAFE_ENV, touched: TOUCHED },
    );
    const failures = accepted.flatMap((a, i) => {
      const expected = new Map(Object.entries({ ...SAFE_ENV, ...a.expected }));
      const found = caseFailures(batch.cases[i]!, expected);
      const node = parseEnv(a.text);
      if (JSON.stringify(node) !== JSON.stringify(a.expected)) {
        // Same keys in the same order as written, each with the intended value.
        for (const [k, v] of Object.entries(a.expected)) {
          if (node[k] !== v)
            found.push(`util.parseEnv ${k}=${JSON.stringify(node[k])?.slice(0, 80)}`);
        }
        for (const k of Object.keys(node))
          if (!(k in a.expected)) found.push(`util.parseEnv extra ${k}`);
      }
      return found.length ? [`${a.what}\n  ${found.join('\n  ')}`] : [];
    });
    figures.snippetsEvaluated += accepted.length;
    figures.refusedAsUnsafe += refused;
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(CASES.length / 2);
  });
});

describe('tool helpers', () => {
  it('pulumi lines pass exactly the profile and region, one argument each', () => {
    const scripts = CASES.map(
      (c) =>
        buildSnippet({ target: 'pulumi', mode: 'profile', profile: c.profile, region: c.region })
          .text,
    );
    const dir = nextDir();
    const { argv, stderr, sentinel } = argvOfShellScripts(scripts, {
      dir,
      recorder: path.join(dir, 'bin', 'pulumi'),
    });
    const failures = CASES.flatMap((c, i) => {
      const arg = (v: string) => (v.startsWith('-') ? ['--', v] : [v]);
      const want = [
        ['config', 'set', 'aws:profile', ...arg(c.profile)],
        ...(c.region === null ? [] : [['config', 'set', 'aws:region', ...arg(c.region)]]),
      ];
      const ok =
        JSON.stringify(argv[i]) === JSON.stringify(want) && stderr[i] === '' && !sentinel[i];
      return ok
        ? []
        : [`pulumi ${describeCase(i)}: ${JSON.stringify(argv[i]).slice(0, 200)} ${stderr[i]}`];
    });
    figures.snippetsEvaluated += scripts.length;
    figures.injections += sentinel.filter(Boolean).length;
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('credential_process profiles read back in real botocore and the JS SDK, then in shlex and sh', async () => {
    const recorder = path.join(root, 'bin dir', 'sso tray');
    const written: { c: ExportCase; i: number; text: string; file: string; plain: string }[] = [];
    let refused = 0;
    const dir = nextDir();
    mkdirSync(dir);
    CASES.forEach((c, i) => {
      let text: string;
      try {
        text = buildSnippet({
          target: 'credential-process',
          mode: 'profile',
          profile: c.profile,
          region: c.region,
          ssoTrayCommand: [recorder],
        }).text;
      } catch (error) {
        expect(error).toBeInstanceOf(SnippetError);
        // Refused: a line break, an inline comment, or a region a reader would trim or cut.
        expect(
          /[\r\n]|\s[#;]/.test(c.profile) || readersMayTrimOrCut(c.region),
          describeCase(i),
        ).toBe(true);
        refused++;
        return;
      }
      const file = path.join(dir, `p${i}.ini`);
      const plain = path.join(dir, `o${i}.ini`);
      writeFileSync(file, text);
      // The user's own profile, as they would have it: can the JS SDK read that name at all?
      writeFileSync(plain, `[profile ${c.profile}]\nregion = x\n`);
      written.push({ c, i, text, file, plain });
    });
    const botocore = JSON.parse(
      execFileSync(
        'python3',
        [path.resolve(__dirname, '../oracles/botocore_config.py'), ...written.map((w) => w.file)],
        { encoding: 'utf8', env: { ...process.env, PYTHONUTF8: '1' }, maxBuffer: 2 ** 28 },
      ),
    ) as Record<string, { profiles: Record<string, Record<string, unknown>> }>;
    const accepted: { c: ExportCase; i: number; command: string }[] = [];
    const configFailures: string[] = [];
    for (const w of written) {
      const name = processProfileName(w.c.profile);
      const fromBotocore = botocore[w.file]?.profiles[name]?.credential_process;
      const js = await loadSharedConfigFiles({
        configFilepath: w.file,
        filepath: `${w.file}.none`,
        ignoreCache: true,
      });
      const jsOriginal = await loadSharedConfigFiles({
        configFilepath: w.plain,
        filepath: `${w.plain}.none`,
        ignoreCache: true,
      });
      const fromJs = js.configFile[name]?.credential_process;
      const jsCannotReadTheProfile = jsOriginal.configFile[w.c.profile] === undefined;
      const regionOk =
        w.c.region === null ||
        (botocore[w.file]?.profiles[name]?.region === w.c.region &&
          (fromJs === undefined || js.configFile[name]?.region === w.c.region));
      if (
        typeof fromBotocore !== 'string' ||
        !regionOk ||
        (fromJs !== fromBotocore && !(fromJs === undefined && jsCannotReadTheProfile))
      ) {
        configFailures.push(
          `${describeCase(w.i)}\n  botocore ${JSON.stringify(fromBotocore)}, JS SDK ${JSON.stringify(fromJs)}\n  in ${JSON.stringify(w.text).slice(0, 300)}`,
        );
        continue;
      }
      accepted.push({ c: w.c, i: w.i, command: fromBotocore });
    }
    expect(configFailures.slice(0, 5)).toEqual([]);

    const expectedArgs = (profile: string) =>
      profile.startsWith('-')
        ? ['credential-process', `--profile=${profile}`]
        : ['credential-process', '--profile', profile];
    const byShlex = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import json, shlex, sys; print(json.dumps([shlex.split(c) for c in json.load(sys.stdin)]))',
        ],
        {
          input: JSON.stringify(accepted.map((a) => a.command)),
          encoding: 'utf8',
          maxBuffer: 2 ** 28,
        },
      ),
    ) as string[][];
    // The JS SDK runs the command with /bin/sh; the recorder sits at the absolute path the line names.
    const bySh = argvOfShellScripts(
      accepted.map((a) => `${a.command}\n`),
      { dir: nextDir(), recorder },
    );
    const failures = accepted.flatMap((a, k) => {
      const want = expectedArgs(a.c.profile);
      const problems: string[] = [];
      if (JSON.stringify(byShlex[k]) !== JSON.stringify([recorder, ...want])) {
        problems.push(`shlex: ${JSON.stringify(byShlex[k]).slice(0, 200)}`);
      }
      if (JSON.stringify(bySh.argv[k]) !== JSON.stringify([want]) || bySh.stderr[k] !== '') {
        problems.push(`sh: ${JSON.stringify(bySh.argv[k]).slice(0, 200)} ${bySh.stderr[k]}`);
      }
      return problems.length ? [`${describeCase(a.i)}\n  ${problems.join('\n  ')}`] : [];
    });
    figures.snippetsEvaluated += accepted.length * 3;
    figures.refusedAsUnsafe += refused;
    figures.injections += bySh.sentinel.filter(Boolean).length;
    expect(bySh.sentinel.filter(Boolean)).toEqual([]);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(CASES.length / 2);
  });
});

// ---- shells that are not installed: decoded by their quoting rules -----------------

/** PowerShell: `$Env:NAME=` then one verbatim single-quoted or one literal double-quoted string. */
function decodePowerShell(line: string): { name: string; value: string } | null {
  const m = /^\$Env:([A-Z_]+)=(.*)$/s.exec(line);
  if (!m) return null;
  const body = m[2]!;
  const singles = /['\u2018\u2019\u201a\u201b]/;
  if (body.length >= 2 && singles.test(body[0]!) && singles.test(body.at(-1)!)) {
    let value = '';
    for (let i = 1; i < body.length - 1; i++) {
      const ch = body[i]!;
      if (singles.test(ch)) {
        // Inside a verbatim string a quote character must be doubled.
        if (!singles.test(body[i + 1] ?? '') || i + 1 >= body.length - 1) return null;
        value += ch;
        i++;
      } else value += ch;
    }
    return { name: m[1]!, value };
  }
  if (body.startsWith('"') && body.endsWith('"') && body.length >= 2) {
    const inner = body.slice(1, -1);
    // Expandable string: $ ` and the double quotes (" and the typographic ones) are special.
    if (/["`$\u201c\u201d\u201e]/.test(inner)) return null;
    return { name: m[1]!, value: inner };
  }
  return null;
}

/** cmd.exe: `set NAME=VALUE` (nothing special in VALUE) or `set "NAME=VALUE"` (no " % ! or line break). */
function decodeCmd(line: string): { name: string; value: string } | null {
  const quoted = /^set "([A-Z_]+)=(.*)"$/s.exec(line);
  if (quoted) return /["%!\r\n]/.test(quoted[2]!) ? null : { name: quoted[1]!, value: quoted[2]! };
  const bare = /^set ([A-Z_]+)=(.*)$/s.exec(line);
  if (!bare) return null;
  return /[\s"%!^&|<>()]/.test(bare[2]!) ? null : { name: bare[1]!, value: bare[2]! };
}

/** Nushell: `$env.NAME = ` then a raw single-quoted string (no ') or a double-quoted one with escapes. */
function decodeNushell(line: string): { name: string; value: string } | null {
  const m = /^\$env\.([A-Z_]+) = (.*)$/s.exec(line);
  if (!m) return null;
  const body = m[2]!;
  if (body.startsWith("'") && body.endsWith("'") && body.length >= 2) {
    const inner = body.slice(1, -1);
    return inner.includes("'") ? null : { name: m[1]!, value: inner };
  }
  if (!body.startsWith('"') || !body.endsWith('"') || body.length < 2) return null;
  let value = '';
  const inner = body.slice(1, -1);
  const escapes: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"') return null;
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = escapes[inner[i + 1] ?? ''];
    if (next === undefined) return null;
    value += next;
    i++;
  }
  return { name: m[1]!, value };
}

describe('PowerShell, cmd.exe and Nushell lines (not installed: decoded by their quoting rules)', () => {
  const decoders: [ExportShell, (line: string) => { name: string; value: string } | null][] = [
    ['powershell', decodePowerShell],
    ['cmd', decodeCmd],
    ['nushell', decodeNushell],
  ];
  it.each(decoders)(
    '%s: every line that sets a variable decodes to exactly the value',
    (shell, decode) => {
      let decoded = 0;
      let refused = 0;
      const failures: string[] = [];
      CASES.forEach((c, i) => {
        let text: string;
        try {
          text = buildSnippet({
            target: shell,
            mode: 'credentials',
            profile: c.profile,
            region: c.region,
            credentials: c.credentials,
          }).text;
        } catch (error) {
          expect(error).toBeInstanceOf(SnippetError);
          refused++;
          return;
        }
        const wanted = new Map(credentialVariables(c.credentials));
        if (c.region !== null) {
          wanted.set('AWS_REGION', c.region);
          wanted.set('AWS_DEFAULT_REGION', c.region);
        }
        const got = new Map<string, string>();
        for (const name of wanted.keys()) {
          const result = decodeStatement(text, shell, name, decode);
          if (result?.name === name) got.set(name, result.value);
        }
        for (const [name, value] of wanted) {
          if (got.get(name) !== value) failures.push(`${shell} ${name} ${describeCase(i)}`);
        }
        decoded++;
      });
      if (shell === 'cmd') figures.refusedAsUnsafe += refused;
      figures.snippetsEvaluated += decoded;
      expect(failures.slice(0, 5)).toEqual([]);
      expect(decoded).toBeGreaterThan(0);
    },
  );
});

/**
 * Decodes the statement in `text` that sets `name`. A quoted value may span
 * lines: the statement ends at the first line where the quoting closes, as the
 * shell would read it.
 */
function decodeStatement(
  text: string,
  shell: ExportShell,
  name: string,
  decode: (statement: string) => { name: string; value: string } | null,
): { name: string; value: string } | null {
  const lines = text.split('\n');
  const prefixes =
    shell === 'powershell'
      ? [`$Env:${name}=`]
      : shell === 'nushell'
        ? [`$env.${name} = `]
        : [`set ${name}=`, `set "${name}=`];
  const first = lines.findIndex((l) => prefixes.some((p) => l.startsWith(p)));
  if (first < 0) return null;
  for (let end = first + 1; end <= lines.length; end++) {
    const decoded = decode(lines.slice(first, end).join('\n'));
    if (decoded) return decoded;
  }
  return null;
}

describe('NUL', () => {
  it('is refused by every format with a clear error (no environment can hold it)', () => {
    const targets: ExportShell[] = [
      'bash',
      'zsh',
      'fish',
      'powershell',
      'cmd',
      'nushell',
      'dotenv',
    ];
    const values = fc.sample(
      fc.tuple(shortValue, shortValue).map(([a, b]) => `${a}\0${b}`),
      { numRuns: runs(20), seed: SEED },
    );
    let refused = 0;
    for (const target of targets) {
      for (const value of values) {
        expect(() =>
          buildSnippet({ target, mode: 'profile', profile: value, region: null }),
        ).toThrow(SnippetError);
        refused++;
      }
    }
    figures.refusedAsUnsafe += refused;
  });
});

afterAll(() => {
  reportFigures('hostile values in export snippets', {
    cases: CASES.length,
    snippetsEvaluated: figures.snippetsEvaluated,
    refusedAsUnsafe: figures.refusedAsUnsafe,
    injectionsRun: figures.injections,
    wrongValues: figures.wrongValues,
    crashes: crashes.count,
  });
});

// What a copied snippet says, per shell and mode. Pure: the caller brings the
// profile's facts and (credentials mode) the role credentials.
//
// profile mode: clear what would override AWS_PROFILE, then select the profile.
//   Static keys in the environment beat AWS_PROFILE in the AWS CLI, botocore
//   and the Go SDK; AWS_DEFAULT_PROFILE beats AWS_PROFILE in botocore (it reads
//   AWS_DEFAULT_PROFILE first). So both are cleared.
// credentials mode: the AWS CLI's `export-credentials` lines for the shell,
//   then AWS_PROFILE / AWS_DEFAULT_PROFILE are cleared, because the JS SDK
//   prefers AWS_PROFILE over keys in the environment.

import type { ExportMode, ExportShell, ExportTarget } from '../../shared/api';
import { readAsJsSdk } from '../config/js-reader';
import { readAsBotocore } from '../config/python-reader';
import { plainValue, type ConfigReading } from '../config/reading';
import type { RoleCredentials } from '../credentials/role-credentials';
import { secretValuesOf } from '../credentials/role-credentials';
import {
  cliLine,
  credentialVariables,
  formatAwsCliCredentials,
  type AwsCliFormat,
} from './aws-cli-format';
import { quoteDotenv, quoteNushell, quotePosix } from './shell-quote';
import { SnippetError } from './snippet-error';

/** Static keys that beat AWS_PROFILE in the AWS CLI, botocore and the Go SDK. */
export const STATIC_KEY_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;
const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

export interface SnippetInput {
  readonly target: ExportTarget;
  readonly mode: ExportMode;
  readonly profile: string;
  /** Region lines are written when this is set. */
  readonly region: string | null;
  /** Required for credentials mode in a shell. */
  readonly credentials?: RoleCredentials | null;
  /**
   * The command that runs sso-tray, as argv words, for the credential_process
   * helper. Tools run it without your shell's PATH, so an absolute form is best.
   */
  readonly ssoTrayCommand?: readonly string[];
}

export interface Snippet {
  readonly text: string;
  /** Secret values inside `text` (empty for profile mode and tool helpers). */
  readonly secrets: readonly string[];
  /** ISO-8601 expiry of the credentials in the snippet. */
  readonly expiresAt: string | null;
}

/** Per shell: the CLI format for credentials, and how to clear and set a variable. */
interface ShellSyntax {
  readonly cliFormat: AwsCliFormat | null;
  clear(names: readonly string[]): string[];
  set(name: string, value: string): string;
}

const SHELLS: Record<ExportShell, ShellSyntax> = {
  bash: posixSyntax(),
  zsh: posixSyntax(),
  fish: {
    cliFormat: 'fish',
    clear: (names) => [`set -e ${names.join(' ')}`],
    set: (name, value) => cliLine('fish', name, value),
  },
  powershell: {
    cliFormat: 'powershell',
    clear: (names) => [
      `Remove-Item -ErrorAction SilentlyContinue ${names.map((n) => `Env:${n}`).join(', ')}`,
    ],
    set: (name, value) => cliLine('powershell', name, value),
  },
  cmd: {
    cliFormat: 'windows-cmd',
    // `set NAME=` removes the variable in cmd.exe.
    clear: (names) => names.map((n) => `set ${n}=`),
    set: (name, value) => cliLine('windows-cmd', name, value),
  },
  nushell: {
    cliFormat: null,
    clear: (names) => [`hide-env --ignore-errors ${names.join(' ')}`],
    set: (name, value) => `$env.${name} = ${quoteNushell(value)}`,
  },
  dotenv: {
    cliFormat: null,
    // A .env file cannot unset; an empty key is "not set" for botocore, the JS and Go SDKs.
    clear: (names) => names.map((n) => `${n}=`),
    set: (name, value) => `${name}=${quoteDotenv(value)}`,
  },
};

function posixSyntax(): ShellSyntax {
  return {
    cliFormat: 'env',
    clear: (names) => [`unset ${names.join(' ')}`],
    set: (name, value) => cliLine('env', name, value),
  };
}

/** The line that sets one variable in `shell`, quoted as the snippets quote. */
export const setVariableLine = (shell: ExportShell, name: string, value: string): string =>
  SHELLS[shell].set(name, value);

/** The lines that remove variables in `shell` (a .env empties them). */
export const clearVariableLines = (shell: ExportShell, names: readonly string[]): string[] =>
  SHELLS[shell].clear(names);

const lines = (list: readonly string[]) => list.map((l) => `${l}\n`).join('');

function regionLines(shell: ShellSyntax, region: string | null): string[] {
  return region === null ? [] : REGION_VARIABLES.map((name) => shell.set(name, region));
}

function profileSnippet(target: ExportShell, profile: string, region: string | null): string {
  const shell = SHELLS[target];
  if (target === 'dotenv') {
    // An empty AWS_DEFAULT_PROFILE makes botocore look for a profile named "",
    // so the .env sets it to the same profile instead of clearing it.
    return (
      '# Empty keys switch off static credentials that would override AWS_PROFILE.\n' +
      lines([
        ...shell.clear(STATIC_KEY_VARIABLES),
        ...PROFILE_VARIABLES.map((n) => shell.set(n, profile)),
        ...regionLines(shell, region),
      ])
    );
  }
  return lines([
    ...shell.clear([...STATIC_KEY_VARIABLES, 'AWS_DEFAULT_PROFILE']),
    shell.set('AWS_PROFILE', profile),
    ...regionLines(shell, region),
  ]);
}

function credentialsSnippet(
  target: ExportShell,
  credentials: RoleCredentials,
  region: string | null,
): string {
  const shell = SHELLS[target];
  const keys = shell.cliFormat
    ? formatAwsCliCredentials(credentials, shell.cliFormat)
    : lines(credentialVariables(credentials).map(([name, value]) => shell.set(name, value)));
  // Keys without a token or expiry must not pair with a stale one left in the environment.
  const absent = [
    ...(credentials.sessionToken === null ? ['AWS_SESSION_TOKEN'] : []),
    ...(credentials.expiration === null ? ['AWS_CREDENTIAL_EXPIRATION'] : []),
  ];
  // An empty AWS_PROFILE breaks botocore ("profile () not found"): a .env leaves it alone.
  const cleared = target === 'dotenv' ? absent : [...absent, ...PROFILE_VARIABLES];
  const clearLines = cleared.length === 0 ? [] : shell.clear(cleared);
  return keys + lines([...clearLines, ...regionLines(shell, region)]);
}

function refuseLineBreaks(value: string, what: string): void {
  if (/[\r\n\0]/.test(value)) {
    throw new SnippetError(
      'unsafe-value',
      `${what} contains a line break; it cannot go into a config line.`,
    );
  }
}

/** `pulumi config set aws:profile <p>` (+ aws:region): the stack config beats the environment. */
function pulumiSnippet(profile: string, region: string | null): string {
  // A value starting with "-" would be read as a flag; "--" ends the flags.
  const arg = (v: string) => (v.startsWith('-') ? `-- ${quotePosix(v)}` : quotePosix(v));
  return lines([
    `pulumi config set aws:profile ${arg(profile)}`,
    ...(region === null ? [] : [`pulumi config set aws:region ${arg(region)}`]),
  ]);
}

/** The profile name a credential_process helper profile gets. */
export const processProfileName = (profile: string) => `${profile}-process`;

/**
 * A profile for tools that do not understand sso_session: it runs sso-tray as
 * a credential_process. A separate profile, because some older SDKs stop at
 * the SSO keys before they look at credential_process.
 */
function credentialProcessSnippet(
  profile: string,
  region: string | null,
  command: readonly string[],
): string {
  refuseLineBreaks(profile, 'The profile name');
  if (region !== null) refuseLineBreaks(region, 'The region');
  // The JS SDK cuts a config value at " #" or " ;" (an inline comment).
  if (/\s[#;]/.test(profile)) {
    throw new SnippetError(
      'unsafe-value',
      'The profile name contains " #" or " ;", which the JS SDK reads as a comment in a config value.',
    );
  }
  // botocore splits the value with shlex (POSIX rules), the JS SDK runs it with /bin/sh.
  const profileArg = profile.startsWith('-')
    ? `--profile=${quotePosix(profile)}`
    : `--profile ${quotePosix(profile)}`;
  const commandLine = [...command.map(quotePosix), 'credential-process', profileArg].join(' ');
  const name = processProfileName(profile);
  const text = lines([
    // botocore unquotes section names with shlex: quoted, any name reads back as written.
    `[profile ${quotePosix(name)}]`,
    `credential_process = ${commandLine}`,
    ...(region === null ? [] : [`region = ${region}`]),
  ]);
  const problem = readBackProblem(text, { name, profile, commandLine, region });
  if (problem) throw new SnippetError('unsafe-value', problem);
  return text;
}

/**
 * The section is pasted into ~/.aws/config, so read it back as botocore and the
 * JS SDK do (names with spaces or quotes gave sections botocore
 * skipped). The JS SDK drops section names outside [\w-@+.%:/]; that is only
 * acceptable when it cannot read the original profile either.
 */
function readBackProblem(
  text: string,
  expected: { name: string; profile: string; commandLine: string; region: string | null },
): string | null {
  const readsAsWritten = (reading: ConfigReading) => {
    const section = reading.profiles.get(expected.name);
    return (
      plainValue(section?.keys.get('credential_process')) === expected.commandLine &&
      (expected.region === null || plainValue(section?.keys.get('region')) === expected.region)
    );
  };
  const jsSdkSees = (name: string, reading: ConfigReading) => reading.profiles.has(name);
  const tools: string[] = [];
  if (!readsAsWritten(readAsBotocore(text))) tools.push('the AWS CLI');
  const js = readAsJsSdk(text);
  const jsReadsOriginal = jsSdkSees(
    expected.profile,
    readAsJsSdk(`[profile ${expected.profile}]\nregion = x\n`),
  );
  if (!readsAsWritten(js) && (jsSdkSees(expected.name, js) || jsReadsOriginal)) {
    tools.push('the JS SDK');
  }
  if (tools.length === 0) return null;
  return `The profile name or region cannot be written as a config section that ${tools.join(' and ')} would read as written. Use a shell snippet instead.`;
}

const expiryOf = (credentials: RoleCredentials | null | undefined): string | null =>
  credentials?.expiration == null ? null : new Date(credentials.expiration).toISOString();

export function buildSnippet(input: SnippetInput): Snippet {
  const { target, mode, profile, region } = input;
  if (target === 'pulumi')
    return { text: pulumiSnippet(profile, region), secrets: [], expiresAt: null };
  if (target === 'credential-process') {
    const text = credentialProcessSnippet(profile, region, input.ssoTrayCommand ?? ['sso-tray']);
    return { text, secrets: [], expiresAt: null };
  }
  if (mode === 'profile') {
    return { text: profileSnippet(target, profile, region), secrets: [], expiresAt: null };
  }
  const credentials = input.credentials;
  if (!credentials) {
    throw new SnippetError('missing-credentials', 'Credentials mode needs the role credentials.');
  }
  return {
    text: credentialsSnippet(target, credentials, region),
    secrets: secretValuesOf(credentials),
    expiresAt: expiryOf(credentials),
  };
}

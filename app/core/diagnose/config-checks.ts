// The foundation's parser problems (ambiguities between the AWS CLI's and the
// JS SDK's reading, unreadable files, broken references) as findings. Problems
// a richer check already explains are left to that check.

import type { Finding } from '../../shared/api';
import type { Problem } from '../../shared/model';
import { SAMPLE_CONFIG_LINES } from '../../shared/sample-config';
import type { Check, DoctorContext } from './doctor-input';
import { signInLines } from './fix-lines';

/** Covered by profile-checks (credentials-file-static-keys, session-invalid). */
const EXPLAINED_ELSEWHERE = new Set(['credentials-static-keys', 'token-unreadable']);

const TITLES: Record<string, string> = {
  'config-ambiguous': 'The AWS CLI and the JS SDK read a config line differently',
  'config-ambiguous-more': 'More config lines are read differently',
  'config-section-one-tool': 'A config section only one tool can see',
  'config-default-profile-twice': 'Both [default] and [profile default] exist',
  'config-rejected-by-aws-cli': 'The AWS CLI refuses the config file',
  'config-rejected-by-js-sdk': 'The JS SDK cannot read the config file',
  'config-not-utf8': 'The config file is not UTF-8',
  'config-byte-order-mark': 'The config file starts with a byte-order mark',
  'config-name-needs-quotes': 'A section name with a space is ignored',
  'config-unreadable': 'The config file cannot be read',
  'credentials-unreadable': 'The credentials file cannot be read',
  'credentials-rejected-by-aws-cli': 'The AWS CLI cannot read the credentials file',
  'profile-unknown-session': 'A profile names a missing sso-session',
  'profile-session-mismatch': 'A profile and its sso-session disagree',
  'profile-unknown-source': 'A profile’s source_profile does not exist',
  'profile-chain-cycle': 'A source_profile loop',
  'profile-source-no-credentials': 'A source_profile without credentials',
  'profile-mfa-no-device': 'An mfa_serial that names no MFA device',
  'profile-chain-invalid': 'A role profile the AWS CLI refuses',
  'legacy-region-conflict': 'Legacy profiles of one start URL disagree on sso_region',
  'session-missing-key': 'An sso-session is incomplete',
  'token-start-url-mismatch': 'A cached sign-in belongs to another start URL',
  'cache-dir-not-directory': 'The SSO cache folder is a file',
  'cache-dir-unreadable': 'The SSO cache folder cannot be read',
  'cache-dir-symlink': 'The SSO cache folder is a symbolic link',
  'cache-dir-not-yours': 'The SSO cache folder belongs to another user',
  'cache-dir-writable-by-others': 'Other users can write to the SSO cache folder',
  'cache-dir-listable-by-others': 'Other users can list the SSO cache folder',
};

/** Problems of other profiles and sessions are noise when the user asked about one profile. */
function inScope(context: DoctorContext, problem: Problem): boolean {
  if (!context.focused) return true;
  if (problem.profile !== undefined) return context.scope.some((p) => p.name === problem.profile);
  if (problem.session !== undefined)
    return context.scope.some((p) => p.session === problem.session);
  return true;
}

function fixFor(context: DoctorContext, problem: Problem): string[] {
  if (problem.code === 'token-start-url-mismatch' && problem.session) {
    const view = context.sessionView(problem.session);
    if (view) return signInLines(context.shell, view, view.profiles[0] ?? null);
  }
  // The other messages say what to change in the file, at the line given.
  return [...(problem.fix ?? [])];
}

/** No profile and no session: every other check has nothing to look at, so say that, and how to start. */
function noConfig(context: DoctorContext): Finding[] {
  const { config, snapshot } = context;
  if (config.profiles.length > 0 || config.sessions.length > 0) return [];
  // A file that cannot be read has its own finding.
  if (snapshot.problems.some((p) => p.code === 'config-unreadable')) return [];
  const missing = context.configFileExists === false;
  const keys = config.staticKeyProfiles.size;
  return [
    {
      id: 'config-missing',
      severity: 'warning',
      title: missing ? 'There is no AWS config file' : 'The AWS config file has no profiles',
      explanation: `${missing ? `${snapshot.configFile} does not exist` : `${snapshot.configFile} has no profile and no [sso-session]`}, so no tool has an IAM Identity Center profile to use${keys > 0 ? ` (${snapshot.credentialsFile} has static keys only)` : ''}. Create one with \`aws configure sso\` (it asks for the start URL and region and lists your accounts and roles), or add the lines below with your start URL, then run \`sso-tray login my-sso\` and \`sso-tray add-profiles my-sso\`.`,
      fix: SAMPLE_CONFIG_LINES.trimEnd().split('\n'),
      file: snapshot.configFile,
    },
  ];
}

export const configChecks: Check = (context) => {
  const seen = new Set<string>();
  const findings: Finding[] = [...noConfig(context)];
  for (const problem of [...context.snapshot.problems, ...context.notes]) {
    if (EXPLAINED_ELSEWHERE.has(problem.code) || !inScope(context, problem)) continue;
    const key = JSON.stringify([problem.code, problem.file, problem.line, problem.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      id: problem.code,
      severity: problem.severity,
      title: TITLES[problem.code] ?? 'A problem in the AWS files',
      explanation: problem.message,
      fix: fixFor(context, problem),
      ...(problem.profile !== undefined ? { profile: problem.profile } : {}),
      ...(problem.session !== undefined ? { session: problem.session } : {}),
      ...(problem.file !== null ? { file: problem.file } : {}),
      ...(problem.line !== null ? { line: problem.line } : {}),
    });
  }
  return findings;
};

// The profiles in scope and their sessions: signed in? complete? renewable?
// a region? static keys in the credentials file that some tools prefer?
//
// Credentials-file keys, as read from the sources: botocore's profile
// providers run web identity, SSO, then the shared-credentials file, so the
// AWS CLI and botocore use SSO; the JS SDK's fromIni (resolveProfileData)
// checks static keys before SSO, and the Go SDK's resolveCredsFromProfile too.

import type { Finding, FindingSeverity } from '../../shared/api';
import type { SessionView } from '../../shared/model';
import { describeExpiry } from '../../shared/format';
import type { ProfileConfig, SessionConfig } from '../config/config-model';
import { isSet, type Check, type DoctorContext } from './doctor-input';
import { shellArg, signInLines } from './fix-lines';

const profileList = (names: readonly string[]) =>
  names.length === 1 ? `profile ${names[0]}` : `profiles ${names.join(', ')}`;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Profiles in scope grouped by the session whose token they use. */
function bySession(context: DoctorContext): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of context.scope) {
    if ((p.kind === 'sso' || p.kind === 'chained') && p.session !== null) {
      groups.set(p.session, [...(groups.get(p.session) ?? []), p.name]);
    }
  }
  return groups;
}

function sessionState(
  context: DoctorContext,
  view: SessionView,
  profiles: string[],
): Finding | null {
  // The same whether or not a profile is in focus: the window's badge, the list
  // and a profile's diagnostics must agree. A sign-in fixes it; nothing is broken.
  const severity: FindingSeverity = 'warning';
  const fix = signInLines(context.shell, view, profiles[0] ?? null);
  const who = `Every tool using ${profileList(profiles)}`;
  const base = { fix, session: view.name, profile: profiles[0] };
  switch (view.state) {
    case 'signed-out':
      return {
        ...base,
        id: 'session-signed-out',
        severity,
        title: `Not signed in to ${view.name}`,
        explanation: `No sign-in is cached for ${view.name} (${view.tokenFile}). ${who} (the AWS CLI, botocore, the SDKs, Terraform, Pulumi) fails until you sign in.`,
      };
    case 'expired':
      return {
        ...base,
        id: 'session-expired',
        severity,
        title: `The sign-in for ${view.name} has expired`,
        explanation: `The cached sign-in for ${view.name} ${describeExpiry(view.expiresAt, context.now) ?? 'has expired'}${view.renewal.mode === 'automatic' || view.renewal.mode === 'failing' ? ' and could not be renewed' : ''}. ${who} fails until you sign in again.`,
      };
    case 'invalid':
      return {
        ...base,
        id: 'session-invalid',
        severity: 'error',
        title: `The cached sign-in for ${view.name} cannot be read`,
        explanation: `${view.problems.find((p) => p.code === 'token-unreadable')?.message ?? `The token file ${view.tokenFile} is unreadable.`} ${who} fails until you sign in again.`,
      };
    case 'expiring':
      return {
        ...base,
        id: 'session-expiring',
        severity: 'info',
        title: `The sign-in for ${view.name} ends soon`,
        explanation: `The sign-in for ${view.name} has ${describeExpiry(view.expiresAt, context.now) ?? 'little time left'} and cannot be renewed silently. Sign in again before it ends.`,
      };
    default:
      return null;
  }
}

const sessionChecks: Check = (context) => {
  const findings: Finding[] = [];
  for (const [session, profiles] of bySession(context)) {
    const view = context.sessionView(session);
    const finding = view ? sessionState(context, view, profiles) : null;
    if (finding) findings.push(finding);
  }
  return findings;
};

/** A name for a new [sso-session]: the directory id from the start URL, unused so far. */
function suggestSessionName(startUrl: string, taken: ReadonlySet<string>): string {
  let base = 'my-sso';
  try {
    base = new URL(startUrl).hostname.split('.')[0] || base;
  } catch {
    // keep the default
  }
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

function legacyChecks(context: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  const taken = new Set(context.config.sessions.map((s) => s.name));
  for (const [sessionName, names] of bySession(context)) {
    const session = context.config.sessions.find((s) => s.name === sessionName);
    if (!session || session.kind !== 'legacy') continue;
    const profiles = names
      .map((n) => context.config.profiles.find((p) => p.name === n))
      .filter((p): p is ProfileConfig => p !== undefined && p.kind === 'sso');
    if (profiles.length === 0) continue;
    const newName = suggestSessionName(session.startUrl ?? '', taken);
    findings.push({
      id: 'profile-legacy-sso',
      severity: 'warning',
      title: `${capitalized(profileList(profiles.map((p) => p.name)))} ${profiles.length === 1 ? 'uses' : 'use'} the legacy SSO configuration`,
      explanation: `sso_start_url in the profile itself is the legacy form: its sign-ins never get a refresh token, so the AWS CLI, botocore, the JS SDK and sso-tray cannot renew them and you sign in again in the browser every time the access token ends. An [sso-session] section gets a refresh token and is renewed silently for the whole IAM Identity Center session. Replace sso_start_url and sso_region in the profiles with the lines below, then sign in once.`,
      fix: legacyConversion(newName, session, profiles),
      session: session.name,
      profile: profiles[0]!.name,
      file: context.snapshot.configFile,
      line: profiles[0]!.line ?? undefined,
    });
  }
  return findings;
}

function legacyConversion(
  name: string,
  session: SessionConfig,
  profiles: readonly ProfileConfig[],
): string[] {
  const lines = [
    `[sso-session ${name}]`,
    `sso_start_url = ${session.startUrl ?? '<start URL>'}`,
    `sso_region = ${session.region ?? '<region of IAM Identity Center>'}`,
    'sso_registration_scopes = sso:account:access',
  ];
  for (const p of profiles) {
    lines.push('', `[profile ${p.name}]`, `sso_session = ${name}`);
    if (p.accountId) lines.push(`sso_account_id = ${p.accountId}`);
    if (p.roleName) lines.push(`sso_role_name = ${p.roleName}`);
    if (p.region) lines.push(`region = ${p.region}`);
    if (p.output) lines.push(`output = ${p.output}`);
  }
  return lines;
}

function missingKeyChecks(context: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const p of context.scope) {
    const session = p.session
      ? context.config.sessions.find((s) => s.name === p.session)
      : undefined;
    let missing: string[] = [];
    if (p.kind === 'sso') {
      missing = [
        p.accountId === null ? 'sso_account_id' : null,
        p.roleName === null ? 'sso_role_name' : null,
        session?.kind === 'legacy' && session.region === null ? 'sso_region' : null,
      ].filter((k): k is string => k !== null);
    } else if (p.kind === 'other' && (p.accountId !== null || p.roleName !== null)) {
      missing = ['sso_session'];
    }
    if (missing.length === 0) continue;
    const placeholders: Record<string, string> = {
      sso_account_id: '<12-digit account id>',
      sso_role_name: '<role name>',
      sso_region: '<region of IAM Identity Center, e.g. us-east-1>',
      sso_session:
        context.config.sessions.find((s) => s.kind === 'sso-session')?.name ?? '<sso-session name>',
    };
    const discover =
      session?.kind === 'sso-session'
        ? [`sso-tray discover ${shellArg(context.shell, session.name)}`]
        : [];
    findings.push({
      id: 'profile-missing-sso-key',
      severity: 'error',
      title: `Profile ${p.name} has no ${missing.join(', ')}`,
      explanation: `Without ${missing.join(' and ')} the AWS CLI, botocore and the SDKs cannot get IAM Identity Center credentials for profile ${p.name}. Add ${missing.length > 1 ? 'them' : 'it'} to the profile${discover.length ? '; `sso-tray discover` lists the accounts and roles your sign-in reaches' : ''}.`,
      fix: [
        `[profile ${p.name}]`,
        ...missing.map((k) => `${k} = ${placeholders[k]}`),
        ...(discover.length ? ['', ...discover] : []),
      ],
      profile: p.name,
      file: context.snapshot.configFile,
      line: p.line ?? undefined,
    });
  }
  return findings;
}

function regionChecks(context: DoctorContext): Finding[] {
  const envRegion = [context.env.AWS_REGION, context.env.AWS_DEFAULT_REGION].find(isSet);
  const findings: Finding[] = [];
  for (const p of context.scope) {
    if (p.kind === 'other' || p.region !== null) continue;
    const session = p.session
      ? context.config.sessions.find((s) => s.name === p.session)
      : undefined;
    const guess = session?.region ?? 'us-east-1';
    findings.push({
      id: 'profile-no-region',
      severity: envRegion ? 'info' : 'warning',
      title: `Profile ${p.name} has no region`,
      explanation: envRegion
        ? `Profile ${p.name} has no region; here AWS_REGION/AWS_DEFAULT_REGION (${envRegion}) fills in, but terminals, IDEs and CI jobs without it fail. sso_region is only where IAM Identity Center lives, not a default for your resources.`
        : `Profile ${p.name} has no region, and neither AWS_REGION nor AWS_DEFAULT_REGION is set: the AWS CLI stops with "You must specify a region", the SDKs, Terraform and Pulumi with a missing-region error. sso_region is only where IAM Identity Center lives. Set the region your resources are in (${guess} below is a guess).`,
      fix: [`aws configure set region ${guess} --profile ${shellArg(context.shell, p.name)}`],
      profile: p.name,
      file: context.snapshot.configFile,
      line: p.line ?? undefined,
    });
  }
  return findings;
}

function credentialsFileChecks(context: DoctorContext): Finding[] {
  const file = context.snapshot.credentialsFile;
  return context.scope
    .filter((p) => p.kind !== 'other' && context.config.staticKeyProfiles.has(p.name))
    .map((p) => ({
      id: 'credentials-file-static-keys',
      severity: 'warning' as const,
      title: `${file} has static keys for profile ${p.name}`,
      explanation: `[${p.name}] in ${file} has aws_access_key_id/aws_secret_access_key, and its keys merge into profile ${p.name}. The JavaScript SDK v3 (fromIni checks static keys before SSO) and the Go SDK (Terraform, Pulumi’s AWS provider) use those keys; the AWS CLI and botocore use IAM Identity Center (their SSO provider comes before the credentials file). So tools disagree about who you are. Delete the key lines from that section.`,
      fix: [
        `# delete from ${file}:`,
        `[${p.name}]`,
        'aws_access_key_id = ...',
        'aws_secret_access_key = ...',
        'aws_session_token = ...',
      ],
      profile: p.name,
      file,
    }));
}

export const profileChecks: Check = (context) => [
  ...sessionChecks(context),
  ...legacyChecks(context),
  ...missingKeyChecks(context),
  ...regionChecks(context),
  ...credentialsFileChecks(context),
];

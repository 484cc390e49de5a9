// Pulumi stacks in the working directory: Pulumi's AWS provider takes the
// profile from the stack setting `aws:profile` (`pulumi config set
// aws:profile NAME`), which wins over the environment; without it, the
// environment decides. A misspelled key is silently ignored, and a project's
// own `cloud:provider: aws` chooses no profile at all.

import type { Finding } from '../../shared/api';
import { closestNames } from './closest-name';
import type { Check, DoctorContext } from './doctor-input';
import { shellArg, signInLines } from './fix-lines';
import type { PulumiStackFile } from './pulumi-files';

const PROFILE_KEY = 'aws:profile';

/** Keys a program reads to pick a cloud (`cloud:provider: aws`), which Pulumi's AWS provider never reads. */
const CLOUD_CHOICE = /^(provider|cloud|cloudProvider|cloud-provider)$/i;

function pulumiSet(context: DoctorContext, stack: string, key: string, value: string): string {
  const arg = (v: string) => shellArg(context.shell, v);
  const valueArg = value.startsWith('-') ? `-- ${arg(value)}` : arg(value);
  return `pulumi config set --stack ${arg(stack)} ${arg(key)} ${valueArg}`;
}

function profileSetting(context: DoctorContext, stack: PulumiStackFile): Finding[] {
  const entry = stack.config.get(PROFILE_KEY);
  if (!entry || entry.value === null) return [];
  const profile = entry.value;
  const where = { file: stack.file, line: entry.line, profile };
  if (!context.profileNames.has(profile)) {
    const [suggestion] = closestNames(profile, context.profileNames, 1);
    return [
      {
        id: 'pulumi-profile-missing',
        severity: 'error',
        title: `Pulumi stack ${stack.stack} uses profile ${profile}, which does not exist`,
        explanation: `${stack.file} sets aws:profile: ${profile}, but there is no such profile in ${context.snapshot.configFile}. Pulumi’s AWS provider passes it to the AWS SDK for Go, so every \`pulumi up\` and \`pulumi preview\` of stack ${stack.stack} fails to load credentials.${suggestion ? ` Did you mean "${suggestion}"?` : ' Point the stack at an existing profile, or create profiles for the roles you can use.'}`,
        fix: missingProfileFix(context, stack.stack, profile),
        ...where,
      },
    ];
  }
  const config = context.config.profiles.find((p) => p.name === profile);
  const view = config?.session ? context.sessionView(config.session) : undefined;
  if (
    view &&
    (view.state === 'expired' || view.state === 'signed-out' || view.state === 'invalid')
  ) {
    return [
      {
        id: 'pulumi-profile-session-expired',
        severity: 'error',
        title: `Pulumi stack ${stack.stack} uses profile ${profile}, whose sign-in ${view.state === 'signed-out' ? 'is missing' : 'has ended'}`,
        explanation: `${stack.file} sets aws:profile: ${profile}, which signs in through ${view.name}, and that sign-in is ${view.state}. Pulumi’s AWS provider fails to load credentials for stack ${stack.stack} until you sign in.`,
        fix: signInLines(context.shell, view, profile),
        session: view.name,
        ...where,
      },
    ];
  }
  return [];
}

/**
 * Ways out when a stack names a profile that does not exist: point it at the
 * closest existing ones (the first as a command, the others as comments, so
 * the block pastes safely), or create profiles for every role a session reaches.
 */
function missingProfileFix(context: DoctorContext, stack: string, profile: string): string[] {
  const close = closestNames(profile, context.profileNames, 3);
  const others = close.length > 0 ? close : [...context.profileNames].sort().slice(0, 3);
  const lines: string[] = [];
  if (close.length > 0) lines.push(pulumiSet(context, stack, PROFILE_KEY, close[0]!));
  const rest = close.length > 0 ? others.slice(1) : others;
  if (rest.length > 0) {
    lines.push(`# ${close.length > 0 ? 'or' : 'existing profiles:'} ${rest.join(', ')}`);
    if (close.length === 0) {
      lines.push(`# ${pulumiSet(context, stack, PROFILE_KEY, rest[0]!)}`);
    }
  }
  const sessions = context.config.sessions.filter((s) => s.kind === 'sso-session');
  if (sessions.length > 0) {
    lines.push('# or create a profile for every role you can use (a preview; add --write):');
    for (const session of sessions.slice(0, 3)) {
      lines.push(`sso-tray add-profiles ${shellArg(context.shell, session.name)}`);
    }
  }
  return lines;
}

/**
 * `cloud:provider: aws` (a project's own setting, common in multi-cloud
 * templates) looks like it picks AWS and its credentials; it picks neither
 * for Pulumi's AWS provider, which reads aws:profile, else the environment.
 */
function cloudChoiceNotes(
  context: DoctorContext,
  stack: PulumiStackFile,
  flagged: ReadonlySet<string>,
): Finding[] {
  const profile = stack.config.get(PROFILE_KEY)?.value ?? null;
  const findings: Finding[] = [];
  for (const [key, entry] of stack.config) {
    const colon = key.indexOf(':');
    if (colon < 0 || flagged.has(key) || entry.value === null) continue;
    const [namespace, name] = [key.slice(0, colon), key.slice(colon + 1)];
    if (namespace === 'aws' || !CLOUD_CHOICE.test(name)) continue;
    const fromEnv = context.env.AWS_PROFILE;
    const used = profile
      ? `This stack uses profile ${profile}, from aws:profile.`
      : `This stack sets no aws:profile, so the provider uses ${fromEnv ? `AWS_PROFILE (${fromEnv})` : 'AWS_PROFILE, or the default profile when it is not set'}, whichever shell runs \`pulumi up\`.`;
    const focus = context.focus !== null && context.profileNames.has(context.focus);
    findings.push({
      id: 'pulumi-cloud-provider-not-profile',
      severity: 'info',
      title: `${key} in stack ${stack.stack} does not choose the AWS profile`,
      explanation: `${stack.file} sets ${key}: ${entry.value}. That is a setting of your program, not of Pulumi’s AWS provider: it does not choose the AWS profile or its credentials. The provider reads aws:profile (\`pulumi config set aws:profile NAME\`), else the environment. ${used}`,
      fix:
        profile === null && focus
          ? [pulumiSet(context, stack.stack, PROFILE_KEY, context.focus!)]
          : [],
      file: stack.file,
      line: entry.line,
    });
  }
  return findings;
}

/** Keys that look like an attempt to set the profile, but are not `aws:profile`. */
function misnamedKeys(
  context: DoctorContext,
  stack: PulumiStackFile,
): { readonly key: string; readonly finding: Finding }[] {
  const hasProfile = stack.config.get(PROFILE_KEY)?.value != null;
  const findings: { key: string; finding: Finding }[] = [];
  for (const [key, entry] of stack.config) {
    if (key === PROFILE_KEY || entry.value === null) continue;
    const [namespace, name = ''] = key.includes(':')
      ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
      : ['', key];
    const looksLikeProfile = /profile/i.test(name);
    const awsTypo = namespace === 'aws' && looksLikeProfile;
    // A known profile name under a key about credentials (e.g. cloud:provider: dev);
    // `myproj:env: dev` is left alone even when a profile "dev" exists.
    const namesProfile =
      /provider|account|credential|aws/i.test(name) && context.profileNames.has(entry.value);
    const elsewhere = namespace !== 'aws' && !hasProfile && (looksLikeProfile || namesProfile);
    if (!awsTypo && !elsewhere) continue;
    const why = awsTypo
      ? `Pulumi’s AWS provider has no setting ${key}; it reads aws:profile.`
      : `${entry.value} ${context.profileNames.has(entry.value) ? 'is an AWS profile' : 'looks like an AWS profile'}, but Pulumi’s AWS provider only reads aws:profile, so ${key} is ignored (unless your program reads it and passes it to an explicit provider) and the provider falls back to the environment.`;
    findings.push({
      key,
      finding: {
        id: 'pulumi-profile-key-misnamed',
        severity: 'warning',
        title: `Pulumi stack ${stack.stack} sets ${key} instead of aws:profile`,
        explanation: `${stack.file} sets ${key}: ${entry.value}. ${why}`,
        fix: [
          `pulumi config rm --stack ${shellArg(context.shell, stack.stack)} ${shellArg(context.shell, key)}`,
          pulumiSet(context, stack.stack, PROFILE_KEY, entry.value),
        ],
        file: stack.file,
        line: entry.line,
      },
    });
  }
  return findings;
}

export const pulumiChecks: Check = (context) =>
  (context.pulumi?.stacks ?? []).flatMap((stack) => {
    const misnamed = misnamedKeys(context, stack);
    return [
      ...profileSetting(context, stack),
      ...misnamed.map((m) => m.finding),
      // A key already explained as a misnamed aws:profile needs no second note.
      ...cloudChoiceNotes(context, stack, new Set(misnamed.map((m) => m.key))),
    ];
  });

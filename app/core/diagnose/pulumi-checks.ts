// Pulumi stacks in the working directory: Pulumi's AWS provider takes the
// profile from the stack setting `aws:profile` (`pulumi config set
// aws:profile NAME`), which wins over the environment; without it, the
// environment decides. A misspelled key is silently ignored.

import type { Finding } from '../../shared/api';
import { closestName } from './closest-name';
import type { Check, DoctorContext } from './doctor-input';
import { shellArg, signInLines } from './fix-lines';
import type { PulumiStackFile } from './pulumi-files';

const PROFILE_KEY = 'aws:profile';

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
    const suggestion = closestName(profile, context.profileNames);
    return [
      {
        id: 'pulumi-profile-missing',
        severity: 'error',
        title: `Pulumi stack ${stack.stack} uses profile ${profile}, which does not exist`,
        explanation: `${stack.file} sets aws:profile: ${profile}, but there is no such profile in ${context.snapshot.configFile}. Pulumi’s AWS provider passes it to the AWS SDK for Go, so every \`pulumi up\` and \`pulumi preview\` of stack ${stack.stack} fails to load credentials.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        fix: suggestion ? [pulumiSet(context, stack.stack, PROFILE_KEY, suggestion)] : [],
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

/** Keys that look like an attempt to set the profile, but are not `aws:profile`. */
function misnamedKeys(context: DoctorContext, stack: PulumiStackFile): Finding[] {
  const hasProfile = stack.config.get(PROFILE_KEY)?.value != null;
  const findings: Finding[] = [];
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
    });
  }
  return findings;
}

export const pulumiChecks: Check = (context) =>
  (context.pulumi?.stacks ?? []).flatMap((stack) => [
    ...profileSetting(context, stack),
    ...misnamedKeys(context, stack),
  ]);

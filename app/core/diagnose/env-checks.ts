// The environment: which credentials and profile each tool would pick here.
// Precedence as read from the sources on this machine:
// - botocore / AWS CLI (credentials.py create_credential_resolver): the
//   EnvProvider comes first and is removed only for an explicitly passed
//   profile (--profile, Session(profile=...)), so AWS_ACCESS_KEY_ID +
//   AWS_SECRET_ACCESS_KEY beat AWS_PROFILE; a lone key raises
//   PartialCredentialsError. Profile variable order: AWS CLI v2 reads
//   AWS_PROFILE then AWS_DEFAULT_PROFILE, botocore the reverse.
// - JS SDK v3 (credential-provider-node defaultProvider): with AWS_PROFILE set
//   it skips fromEnv (with a warning) and uses the profile; it never reads
//   AWS_DEFAULT_PROFILE.
// - Go SDK v2 (config resolveCredentialChain, used by Terraform's and Pulumi's
//   AWS providers): environment keys win unless the profile is set in code
//   (the provider's `profile` / `aws:profile`).

import type { Finding } from '../../shared/api';
import { parseIsoTimestamp } from '../token-cache/token-file';
import { STATIC_KEY_VARIABLES } from '../export/snippets';
import { closestName } from './closest-name';
import { isSet, type Check, type DoctorContext } from './doctor-input';
import { selectProfileLines, unsetLines } from './fix-lines';

const KEYS_BEAT_PROFILE =
  'The AWS CLI, botocore/boto3 and the Go SDK (Terraform, Pulumi’s AWS provider) use keys from the environment and ignore AWS_PROFILE; only an explicit --profile, a profile set in code, Terraform’s provider `profile` or Pulumi’s `aws:profile` win over them. The JavaScript SDK v3 does the opposite: it uses AWS_PROFILE (and prints a warning).';

function staticKeys(context: DoctorContext): Finding[] {
  const { env, shell } = context;
  const hasId = isSet(env.AWS_ACCESS_KEY_ID);
  const hasSecret = isSet(env.AWS_SECRET_ACCESS_KEY);
  const findings: Finding[] = [];
  if (hasId !== hasSecret) {
    const present = hasId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    const missing = hasId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    findings.push({
      id: 'env-partial-static-keys',
      severity: 'error',
      title: `${present} is set without ${missing}`,
      explanation: `Only half of a key pair is in the environment. The AWS CLI and botocore stop every command with "Partial credentials found in env" (even with AWS_PROFILE set; only --profile gets past it); the JavaScript and Go SDKs ignore the half pair. Remove it.`,
      fix: unsetLines(shell, STATIC_KEY_VARIABLES),
    });
    return findings;
  }
  if (!hasId) return findings;
  const profile = env.AWS_PROFILE;
  if (isSet(profile)) {
    findings.push({
      id: 'env-static-keys-override-profile',
      severity: 'error',
      title: `Static keys in the environment override AWS_PROFILE=${profile}`,
      explanation: `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together with AWS_PROFILE. ${KEYS_BEAT_PROFILE} So your tools act as different identities. Clear the keys to use the profile everywhere.`,
      fix: selectProfileLines(shell, profile),
      profile,
    });
  } else if (context.profile !== null) {
    findings.push({
      id: 'env-static-keys-active',
      severity: 'warning',
      title: `Static keys in the environment are used instead of profile ${context.profile}`,
      explanation: `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set and AWS_PROFILE is not, so every AWS tool in this shell uses those keys, not profile ${context.profile}. Clear them and select the profile.`,
      fix: selectProfileLines(shell, context.profile),
      profile: context.profile,
    });
  }
  const expiry = env.AWS_CREDENTIAL_EXPIRATION;
  const expiresAt = isSet(expiry) ? parseIsoTimestamp(expiry) : null;
  if (expiresAt !== null && expiresAt <= context.now) {
    findings.push({
      id: 'env-expired-static-keys',
      severity: 'error',
      title: 'The credentials in the environment have expired',
      explanation: `AWS_CREDENTIAL_EXPIRATION is ${expiry}, in the past: the temporary keys in this environment no longer work, and every tool that picks them (the AWS CLI, botocore, the Go SDK; the JS SDK when AWS_PROFILE is not set) fails with an expired-token error. Clear them, then export fresh ones or select a profile.`,
      fix: unsetLines(shell, STATIC_KEY_VARIABLES),
    });
  }
  return findings;
}

function profileVariables(context: DoctorContext): Finding[] {
  const { env, shell } = context;
  const findings: Finding[] = [];
  const profile = env.AWS_PROFILE;
  const fallback = env.AWS_DEFAULT_PROFILE;
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    const value = env[name];
    if (value === undefined) continue;
    if (value === '') {
      findings.push({
        id: 'env-profile-unknown',
        severity: 'error',
        title: `${name} is set but empty`,
        explanation: `${name} is set to an empty string. The AWS CLI and botocore look for a profile named "" and fail ("The config profile () could not be found"); the JavaScript SDK treats it as unset. Remove it.`,
        fix: unsetLines(shell, [name]),
      });
    } else if (value !== 'default' && !context.profileNames.has(value)) {
      const suggestion = closestName(value, context.profileNames);
      findings.push({
        id: 'env-profile-unknown',
        severity: 'error',
        title: `${name}=${value} names no profile`,
        explanation: `There is no profile "${value}" in ${context.snapshot.configFile} or ${context.snapshot.credentialsFile}. The AWS CLI, botocore and the SDKs fail with a "profile not found" error, even when keys are in the environment.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        fix: suggestion ? selectProfileLines(shell, suggestion) : unsetLines(shell, [name]),
        profile: value,
      });
    }
  }
  if (isSet(profile) && isSet(fallback) && profile !== fallback) {
    findings.push({
      id: 'env-default-profile-disagrees',
      severity: 'warning',
      title: `AWS_DEFAULT_PROFILE=${fallback} disagrees with AWS_PROFILE=${profile}`,
      explanation: `The AWS CLI v2 reads AWS_PROFILE first and uses "${profile}"; botocore/boto3 read AWS_DEFAULT_PROFILE first and use "${fallback}"; the JavaScript SDK ignores AWS_DEFAULT_PROFILE. Remove AWS_DEFAULT_PROFILE so every tool uses the same profile.`,
      fix: unsetLines(shell, ['AWS_DEFAULT_PROFILE']),
      profile,
    });
  } else if (!isSet(profile) && isSet(fallback) && context.profileNames.has(fallback)) {
    findings.push({
      id: 'env-default-profile-ignored-by-js',
      severity: 'warning',
      title: `Only AWS_DEFAULT_PROFILE=${fallback} is set`,
      explanation: `The AWS CLI and botocore use "${fallback}", but the JavaScript SDK v3 never reads AWS_DEFAULT_PROFILE and uses the default profile instead. Set AWS_PROFILE.`,
      fix: selectProfileLines(shell, fallback),
      profile: fallback,
    });
  }
  return findings;
}

/** The profile asked for with --profile does not exist. */
function askedProfile(context: DoctorContext): Finding[] {
  const asked = context.profile;
  if (asked === null || context.profileNames.has(asked)) return [];
  const suggestion = closestName(asked, context.profileNames);
  return [
    {
      id: 'profile-unknown',
      severity: 'error',
      title: `There is no profile ${asked}`,
      explanation: `No [profile ${asked}] in ${context.snapshot.configFile} and no [${asked}] in ${context.snapshot.credentialsFile}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      fix: suggestion ? selectProfileLines(context.shell, suggestion) : [],
      profile: asked,
    },
  ];
}

export const envChecks: Check = (context) => [
  ...askedProfile(context),
  ...staticKeys(context),
  ...profileVariables(context),
];

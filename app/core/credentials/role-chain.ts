// Which calls give a role_arn profile its credentials: the source at the bottom
// of its source_profile chain (an SSO profile or static keys), then one
// AssumeRole per chained profile. Pure: decided from the config model the way
// botocore's AssumeRoleProvider decides it (docs/role-chaining.md), so the AWS
// CLI and sso-tray assume the same roles with the same parameters, and refuse
// the same configurations. Where the JS SDK differs, botocore wins.

import type { ConfigModel, CredentialSettings, ProfileConfig } from '../config/config-model';
import type { Env } from '../env';
import { CredentialsError } from './credentials-error';

/** Where the first AssumeRole's credentials come from. */
export type ChainSource =
  /** The IAM Identity Center role credentials of this SSO profile. */
  | { readonly kind: 'sso'; readonly profile: string }
  /** Static keys of this profile, from the credentials file (read first) or the config file. */
  | {
      readonly kind: 'static-keys';
      readonly profile: string;
      readonly file: 'credentials' | 'config';
    };

export interface AssumeRoleHop {
  /** The profile whose role_arn this hop assumes. */
  readonly profile: string;
  readonly roleArn: string;
  /** null: botocore's default name, `botocore-session-<epoch seconds>` at call time (the JS SDK's differs: docs/role-chaining.md). */
  readonly roleSessionName: string | null;
  readonly externalId: string | null;
  /** Sent only when configured, as botocore does; the JS SDK always sends 3600 (docs/role-chaining.md). */
  readonly durationSeconds: number | null;
  /** Set: STS needs SerialNumber and a TokenCode asked from the user. */
  readonly mfaSerial: string | null;
}

/** How to reach STS: botocore takes both from the profile the user asked for, for every hop. */
export interface StsSettings {
  /** null: no region configured; botocore then uses the global endpoint. */
  readonly region: string | null;
  readonly regionalEndpoints: 'regional' | 'legacy';
}

export interface RoleChain {
  readonly profile: string;
  readonly source: ChainSource;
  /** In call order: hops[0] is signed with the source's credentials; the last assumes `profile`'s role. */
  readonly hops: readonly AssumeRoleHop[];
  readonly sts: StsSettings;
}

/** The credential_source values botocore accepts (all read the environment or instance metadata). */
const CREDENTIAL_SOURCES = new Set(['environment', 'ec2instancemetadata', 'ecscontainer']);

const EMPTY: CredentialSettings = {
  roleArn: null,
  sourceProfile: null,
  credentialSource: null,
  webIdentityTokenFile: null,
  roleSessionName: null,
  externalId: null,
  mfaSerial: null,
  durationSeconds: null,
  region: null,
  stsRegionalEndpoints: null,
  credentialProcess: null,
  loginSession: null,
  usesSso: false,
  hasAccessKeyId: false,
  hasSecretAccessKey: false,
};

interface ProfileSections {
  /** botocore's merged profile: credentials-file keys override config-file keys. */
  readonly merged: CredentialSettings;
  readonly configFile: CredentialSettings | null;
  readonly credentialsFile: CredentialSettings | null;
}

// Profiles by name, built once per profile list: a config of thousands of
// profiles asks about each of them, and a linear search each time is quadratic.
const profileIndexes = new WeakMap<readonly ProfileConfig[], ReadonlyMap<string, ProfileConfig>>();

function profileNamed(config: ConfigModel, name: string): ProfileConfig | undefined {
  let index = profileIndexes.get(config.profiles);
  if (!index) {
    index = new Map(config.profiles.map((p) => [p.name, p]));
    profileIndexes.set(config.profiles, index);
  }
  return index.get(name);
}

function sectionsOf(config: ConfigModel, name: string): ProfileSections | null {
  const configFile = profileNamed(config, name)?.credentialSettings ?? null;
  const credentialsFile = config.credentialsFileSettings?.get(name) ?? null;
  if (!configFile && !credentialsFile) return null;
  const base = configFile ?? EMPTY;
  const over = credentialsFile ?? EMPTY;
  const pick = <K extends keyof CredentialSettings>(key: K) => over[key] ?? base[key];
  const merged: CredentialSettings = {
    roleArn: pick('roleArn'),
    sourceProfile: pick('sourceProfile'),
    credentialSource: pick('credentialSource'),
    webIdentityTokenFile: pick('webIdentityTokenFile'),
    roleSessionName: pick('roleSessionName'),
    externalId: pick('externalId'),
    mfaSerial: pick('mfaSerial'),
    durationSeconds: pick('durationSeconds'),
    region: pick('region'),
    stsRegionalEndpoints: pick('stsRegionalEndpoints'),
    credentialProcess: pick('credentialProcess'),
    loginSession: pick('loginSession'),
    usesSso: base.usesSso || over.usesSso,
    hasAccessKeyId: base.hasAccessKeyId || over.hasAccessKeyId,
    hasSecretAccessKey: base.hasSecretAccessKey || over.hasSecretAccessKey,
  };
  return { merged, configFile, credentialsFile };
}

/** True when the profile has a role_arn: botocore's assume-role (or web identity) provider owns it. */
export function assumesRole(config: ConfigModel, profile: string): boolean {
  return (sectionsOf(config, profile)?.merged.roleArn ?? null) !== null;
}

const hasStaticKeys = (s: CredentialSettings) => s.hasAccessKeyId || s.hasSecretAccessKey;
// botocore's _has_assume_role_config_vars: a web identity profile is not an assume-role profile.
const isAssumeRoleProfile = (s: CredentialSettings) =>
  s.roleArn !== null && s.webIdentityTokenFile === null;

// Python's int(): optional sign, digits with single underscores, surrounding spaces.
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * What is wrong with a chain, as the snapshot's problem code (one per kind of
 * mistake, so the doctor can title it): `profile-chain-unsupported` is a valid
 * configuration sso-tray does not implement; every other one the AWS CLI refuses too.
 */
export type ChainProblemCode =
  | 'profile-unknown-source'
  | 'profile-chain-cycle'
  | 'profile-source-no-credentials'
  | 'profile-mfa-no-device'
  | 'profile-chain-invalid'
  | 'profile-chain-unsupported';

/** A chain sso-tray refuses, with the problem code the snapshot files it under. */
export class RoleChainError extends CredentialsError {
  constructor(
    code: 'chain-invalid' | 'not-supported',
    message: string,
    readonly problem: ChainProblemCode,
  ) {
    super(code, message);
  }
}

const invalid = (message: string, problem: ChainProblemCode = 'profile-chain-invalid') =>
  new RoleChainError('chain-invalid', message, problem);
const unsupported = (message: string) =>
  new RoleChainError('not-supported', message, 'profile-chain-unsupported');

/**
 * The source and hops that give `profileName` its credentials, or a
 * CredentialsError naming what is wrong (a missing source profile, a loop, a
 * source sso-tray cannot use). Call it for profiles where `assumesRole` is true.
 */
export function resolveRoleChain(config: ConfigModel, profileName: string, env: Env): RoleChain {
  const top = sectionsOf(config, profileName);
  if (!top) {
    throw new CredentialsError(
      'unknown-profile',
      `No profile named "${profileName}" in the AWS config or credentials file.`,
    );
  }
  if (top.merged.roleArn === null) {
    throw new CredentialsError(
      'not-sso-profile',
      `Profile "${profileName}" has no role_arn; it does not assume a role.`,
    );
  }
  if (top.merged.webIdentityTokenFile !== null) throw webIdentity(profileName);

  // botocore's _visited_profiles: the profile asked for, then each source_profile followed.
  const visited = [profileName];
  const hops: AssumeRoleHop[] = [];

  const assume = (name: string, settings: CredentialSettings): ChainSource => {
    const sourceName = checkedSourceProfile(name, settings);
    if (visited.includes(sourceName)) {
      // A profile may name itself as source only to use its own static keys (botocore allows it).
      const own = sectionsOf(config, sourceName)!.merged;
      if (sourceName !== name || !hasStaticKeys(own)) {
        throw invalid(
          `Profiles ${[...visited, sourceName].map((p) => `"${p}"`).join(' -> ')} form a source_profile loop; point one of them at a profile with credentials.`,
          'profile-chain-cycle',
        );
      }
    }
    visited.push(sourceName);
    const source = sourceOf(sourceName);
    hops.push(hopOf(name, settings));
    return source;
  };

  const checkedSourceProfile = (name: string, settings: CredentialSettings): string => {
    const { sourceProfile, credentialSource } = settings;
    if (settings.roleArn === '') throw invalid(`Profile "${name}" has an empty role_arn.`);
    if (sourceProfile !== null && credentialSource !== null) {
      throw invalid(
        `Profile "${name}" sets both source_profile and credential_source; the AWS CLI refuses it. Keep one.`,
      );
    }
    if (credentialSource !== null) {
      const known = CREDENTIAL_SOURCES.has(credentialSource.toLowerCase());
      throw unsupported(
        known
          ? `Profile "${name}" takes its source credentials from credential_source = ${credentialSource}; sso-tray does not support credential_source (only source_profile). Use the AWS CLI or an SDK for this profile.`
          : `Profile "${name}" has credential_source = ${credentialSource}, which is not a valid source (Environment, Ec2InstanceMetadata or EcsContainer).`,
      );
    }
    if (sourceProfile === null) {
      throw invalid(
        `Profile "${name}" has role_arn but no source_profile (or credential_source); add source_profile = <profile with credentials>.`,
      );
    }
    if (!sectionsOf(config, sourceProfile)) {
      throw invalid(
        `Profile "${name}" uses source_profile = ${sourceProfile}, which is not a profile in the AWS config or credentials file.`,
        'profile-unknown-source',
      );
    }
    if (settings.mfaSerial === '') {
      throw invalid(`Profile "${name}" has an empty mfa_serial.`, 'profile-mfa-no-device');
    }
    return sourceProfile;
  };

  // botocore's _resolve_credentials_from_profile: static keys beat a role_arn below the top.
  const sourceOf = (name: string): ChainSource => {
    const sections = sectionsOf(config, name)!;
    const settings = sections.merged;
    if (!hasStaticKeys(settings) && isAssumeRoleProfile(settings)) return assume(name, settings);
    return profileCredentials(name, sections);
  };

  const source = assume(profileName, top.merged);
  return { profile: profileName, source, hops, sts: stsSettings(top.merged, env) };
}

/**
 * botocore's profile provider chain for a source profile, in its order: SSO
 * before static keys, where the JS SDK takes the keys first (docs/role-chaining.md).
 */
function profileCredentials(name: string, sections: ProfileSections): ChainSource {
  const settings = sections.merged;
  if (settings.webIdentityTokenFile) throw webIdentity(name);
  if (settings.usesSso) return { kind: 'sso', profile: name };
  if (sections.credentialsFile?.hasAccessKeyId) {
    return staticKeys(name, 'credentials', sections.credentialsFile);
  }
  if (settings.loginSession !== null) {
    throw unsupported(
      `Source profile "${name}" signs in with login_session; sso-tray does not support that source.`,
    );
  }
  if (settings.credentialProcess !== null) {
    throw unsupported(
      `Source profile "${name}" gets its credentials from credential_process; sso-tray does not run credential processes for role chaining.`,
    );
  }
  if (sections.configFile?.hasAccessKeyId) return staticKeys(name, 'config', sections.configFile);
  throw invalid(
    `Source profile "${name}" has no credentials (no IAM Identity Center role, no aws_access_key_id, no role_arn).`,
    'profile-source-no-credentials',
  );
}

function staticKeys(
  name: string,
  file: 'credentials' | 'config',
  section: CredentialSettings,
): ChainSource {
  if (!section.hasSecretAccessKey) {
    throw invalid(
      `Profile "${name}" has aws_access_key_id but no aws_secret_access_key in the ${file} file.`,
    );
  }
  return { kind: 'static-keys', profile: name, file };
}

function hopOf(name: string, s: CredentialSettings): AssumeRoleHop {
  return {
    profile: name,
    roleArn: s.roleArn!,
    // An empty name makes botocore generate its default, like an absent one.
    roleSessionName: s.roleSessionName || null,
    externalId: s.externalId,
    // botocore sends DurationSeconds only when int() accepts the value, and drops it silently otherwise.
    durationSeconds:
      s.durationSeconds !== null && PY_INT.test(s.durationSeconds)
        ? Number(s.durationSeconds.replace(/_/g, ''))
        : null,
    mfaSerial: s.mfaSerial,
  };
}

function stsSettings(top: CredentialSettings, env: Env): StsSettings {
  // botocore reads AWS_DEFAULT_REGION (not AWS_REGION, as the JS SDK does) before the profile's region.
  const region = env.AWS_DEFAULT_REGION || top.region || null;
  const endpoints = env.AWS_STS_REGIONAL_ENDPOINTS || top.stsRegionalEndpoints || 'regional';
  if (endpoints !== 'regional' && endpoints !== 'legacy') {
    throw invalid(
      `sts_regional_endpoints = ${endpoints} is not valid; use "regional" or "legacy".`,
    );
  }
  return { region, regionalEndpoints: endpoints };
}

function webIdentity(name: string): CredentialsError {
  return unsupported(
    `Profile "${name}" uses web_identity_token_file (AssumeRoleWithWebIdentity); sso-tray does not support web identity profiles.`,
  );
}

// Turns the text of ~/.aws/config (and ~/.aws/credentials) into the sessions
// and profiles SSO Tray shows. Pure: the service does the file I/O.
//
// Both AWS readers are run (botocore/AWS CLI and the JS SDK). The model follows
// the AWS CLI's reading whenever the AWS CLI accepts the file, because the CLI
// is the tool whose login we reproduce; where the JS SDK would read something
// else, a problem says so instead of guessing silently.

import type { ChainSourceView, Problem, ProfileKind, SessionKind } from '../../shared/model';
import { describeDisagreements } from './disagreements';
import { parseIniAsJsSdk, readAsJsSdk } from './js-reader';
import { readPlainConfig } from './plain-config';
import { unquotedNameProblems } from './section-names';
import { parseIniAsBotocore, readAsBotocore } from './python-reader';
import {
  assumesRole,
  resolveRoleChain,
  RoleChainError,
  type RoleChain,
} from '../credentials/role-chain';
import { plainValue, type ConfigReading, type SectionReading } from './reading';

export interface SessionConfig {
  readonly name: string;
  readonly kind: SessionKind;
  readonly startUrl: string | null;
  readonly region: string | null;
  /** `sso_registration_scopes` split on commas; null when not configured. */
  readonly registrationScopes: readonly string[] | null;
  /** `sso_use_device_code = true` (the AWS CLI's key): sign in with the device code. */
  readonly useDeviceCode: boolean;
  readonly line: number | null;
  readonly profiles: readonly string[];
}

export interface ProfileConfig {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly session: string | null;
  readonly accountId: string | null;
  readonly roleName: string | null;
  readonly region: string | null;
  readonly output: string | null;
  readonly roleArn: string | null;
  readonly sourceProfile: string | null;
  /** Chained profiles: the profile at the bottom of the chain (an SSO profile or static keys). */
  readonly chainSource: ChainSourceView | null;
  readonly line: number | null;
  /** What botocore's credential providers read in this profile's config-file section. */
  readonly credentialSettings: CredentialSettings;
}

/**
 * The keys botocore's credential providers (assume-role, SSO, process, static
 * keys) read in one file's section, for role chaining (docs/role-chaining.md).
 * null: the key is absent; an empty value stays '' because botocore treats it
 * as set. Static keys are secrets: only whether they are there.
 */
export interface CredentialSettings {
  readonly roleArn: string | null;
  readonly sourceProfile: string | null;
  readonly credentialSource: string | null;
  readonly webIdentityTokenFile: string | null;
  readonly roleSessionName: string | null;
  readonly externalId: string | null;
  readonly mfaSerial: string | null;
  readonly durationSeconds: string | null;
  readonly region: string | null;
  readonly stsRegionalEndpoints: string | null;
  readonly credentialProcess: string | null;
  readonly loginSession: string | null;
  /** sso_account_id or sso_role_name is set: botocore's SSO provider takes the profile. */
  readonly usesSso: boolean;
  readonly hasAccessKeyId: boolean;
  readonly hasSecretAccessKey: boolean;
}

export interface ConfigModel {
  readonly sessions: readonly SessionConfig[];
  readonly profiles: readonly ProfileConfig[];
  /** Profiles that have static keys in the credentials file (which win over SSO in some tools). */
  readonly staticKeyProfiles: ReadonlySet<string>;
  /** The credentials file's sections as botocore reads them (absent when it was not read). */
  readonly credentialsFileSettings?: ReadonlyMap<string, CredentialSettings>;
  readonly problems: readonly Problem[];
}

export interface ConfigSource {
  readonly path: string;
  /** File bytes, or null when the file does not exist. */
  readonly bytes: Uint8Array | null;
}

export function buildConfigModel(config: ConfigSource, credentials: ConfigSource): ConfigModel {
  const problems: Problem[] = [];
  const reading = readConfig(config, problems);
  // Read first (its problems listed after the config's): a chain's source may live there.
  const credentialsProblems: Problem[] = [];
  const { staticKeyProfiles, credentialsFileSettings } = readCredentialsFile(
    credentials,
    credentialsProblems,
  );
  const { sessions, profiles } = buildSessionsAndProfiles(
    reading,
    config.path,
    credentialsFileSettings,
    problems,
  );
  problems.push(...credentialsProblems);
  const profileByName = new Map(profiles.map((p) => [p.name, p]));
  for (const name of staticKeyProfiles) {
    const profile = profileByName.get(name);
    if (profile && profile.kind !== 'other') {
      problems.push({
        code: 'credentials-static-keys',
        severity: 'warning',
        message: `${credentials.path} has static keys for profile "${name}"; the JS SDK uses them instead of SSO (the AWS CLI uses SSO). Remove them from [${name}] in the credentials file.`,
        file: credentials.path,
        line: null,
        profile: name,
      });
    }
  }
  return { sessions, profiles, staticKeyProfiles, credentialsFileSettings, problems };
}

function decode(source: ConfigSource, problems: Problem[]): { text: string; validUtf8: boolean } {
  if (!source.bytes) return { text: '', validUtf8: true };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(source.bytes),
      validUtf8: true,
    };
  } catch {
    problems.push({
      code: 'config-not-utf8',
      severity: 'error',
      message: `${source.path} is not valid UTF-8: the AWS CLI refuses the whole file. Save it as UTF-8.`,
      file: source.path,
      line: null,
    });
    return {
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(source.bytes),
      validUtf8: false,
    };
  }
}

function readConfig(config: ConfigSource, problems: Problem[]): ConfigReading {
  const { text, validUtf8 } = decode(config, problems);
  problems.push(...unquotedNameProblems(text, config.path));
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) {
    problems.push({
      code: 'config-byte-order-mark',
      severity: 'error',
      message: `${config.path} starts with a byte-order mark (BOM): the AWS CLI and botocore refuse the whole file, so every profile fails there; the JS SDK still reads it. Save the file as UTF-8 without a BOM.`,
      file: config.path,
      line: 1,
    });
  }
  // Fast path: both tools provably read a plain file the same way.
  const plain = validUtf8 ? readPlainConfig(text) : null;
  if (plain) return plain;
  const jsSdk = readAsJsSdk(text);
  const botocore: ConfigReading = validUtf8
    ? readAsBotocore(text)
    : { accepted: false, errors: [], profiles: new Map(), ssoSessions: new Map() };
  for (const error of botocore.errors) {
    // The BOM problem above already explains what botocore sees on line 1.
    if (bom && error.line === 1) continue;
    problems.push({
      code: 'config-rejected-by-aws-cli',
      severity: 'error',
      message: `The AWS CLI and botocore refuse this file (${error.message}), so every profile fails there; the JS SDK still reads it. Fix this line.`,
      file: config.path,
      line: error.line,
    });
  }
  for (const error of jsSdk.errors) {
    problems.push({
      code: 'config-rejected-by-js-sdk',
      severity: 'error',
      message: `The JS SDK reads this file as empty: ${error.message}.`,
      file: config.path,
      line: error.line,
    });
  }
  if (botocore.accepted && jsSdk.accepted) {
    problems.push(...describeDisagreements(text, botocore, jsSdk, config.path));
  }
  // Follow the AWS CLI when it can read the file; otherwise keep what the JS SDK sees.
  return botocore.accepted ? botocore : jsSdk;
}

const value = (section: SectionReading, key: string): string | null => {
  const v = plainValue(section.keys.get(key));
  return v === undefined || v === '' ? null : v;
};

function readCredentialSettings(section: SectionReading): CredentialSettings {
  const raw = (key: string) => plainValue(section.keys.get(key)) ?? null;
  return {
    roleArn: raw('role_arn'),
    sourceProfile: raw('source_profile'),
    credentialSource: raw('credential_source'),
    webIdentityTokenFile: raw('web_identity_token_file'),
    roleSessionName: raw('role_session_name'),
    externalId: raw('external_id'),
    mfaSerial: raw('mfa_serial'),
    durationSeconds: raw('duration_seconds'),
    region: raw('region'),
    stsRegionalEndpoints: raw('sts_regional_endpoints'),
    credentialProcess: raw('credential_process'),
    loginSession: raw('login_session'),
    usesSso: section.keys.has('sso_account_id') || section.keys.has('sso_role_name'),
    hasAccessKeyId: section.keys.has('aws_access_key_id'),
    hasSecretAccessKey: section.keys.has('aws_secret_access_key'),
  };
}

function buildSessionsAndProfiles(
  reading: ConfigReading,
  file: string,
  credentialsFileSettings: ReadonlyMap<string, CredentialSettings>,
  problems: Problem[],
): { sessions: SessionConfig[]; profiles: ProfileConfig[] } {
  const profiles: ProfileConfig[] = [];
  const legacy = new Map<string, { region: string | null; line: number; profiles: string[] }>();

  for (const [name, section] of reading.profiles) {
    const sessionName = value(section, 'sso_session');
    const startUrl = value(section, 'sso_start_url');
    // One object shape for every profile (spreads are slow at thousands of profiles).
    const profile = (kind: ProfileKind, session: string | null): ProfileConfig => ({
      name,
      kind,
      session,
      accountId: value(section, 'sso_account_id'),
      roleName: value(section, 'sso_role_name'),
      region: value(section, 'region'),
      output: value(section, 'output'),
      roleArn: value(section, 'role_arn'),
      sourceProfile: value(section, 'source_profile'),
      chainSource: null,
      line: section.line,
      credentialSettings: readCredentialSettings(section),
    });
    if (sessionName !== null) {
      const session = reading.ssoSessions.get(sessionName);
      if (!session) {
        problems.push({
          code: 'profile-unknown-session',
          severity: 'error',
          message: `Profile "${name}" uses sso_session = ${sessionName}, but there is no [sso-session ${sessionName}] section.`,
          file,
          line: section.keys.get('sso_session')?.line ?? section.line,
          profile: name,
        });
        profiles.push(profile('sso', null));
        continue;
      }
      checkProfileAgreesWithSession(name, section, sessionName, session, file, problems);
      profiles.push(profile('sso', sessionName));
    } else if (startUrl !== null) {
      const region = value(section, 'sso_region');
      const entry = legacy.get(startUrl);
      if (!entry) {
        legacy.set(startUrl, { region, line: section.line, profiles: [name] });
      } else {
        entry.profiles.push(name);
        if (region !== entry.region) {
          problems.push({
            code: 'legacy-region-conflict',
            severity: 'warning',
            message: `Profile "${name}" uses sso_region = ${region ?? '(none)'} for ${startUrl}, but another profile uses ${entry.region ?? '(none)'}. They share one token; use one region.`,
            file,
            line: section.keys.get('sso_region')?.line ?? section.line,
            profile: name,
          });
        }
      }
      profiles.push(profile('sso', startUrl));
    } else {
      profiles.push(profile('other', null));
    }
  }

  const resolved = resolveChains(profiles, credentialsFileSettings, file, problems);
  const profilesOf = new Map<string, string[]>();
  for (const p of resolved) {
    if (p.session === null) continue;
    const names = profilesOf.get(p.session);
    if (names) names.push(p.name);
    else profilesOf.set(p.session, [p.name]);
  }

  const sessions: SessionConfig[] = [];
  for (const [name, section] of reading.ssoSessions) {
    const scopes = value(section, 'sso_registration_scopes');
    const startUrl = value(section, 'sso_start_url');
    const region = value(section, 'sso_region');
    for (const [key, present] of [
      ['sso_start_url', startUrl],
      ['sso_region', region],
    ] as const) {
      if (present === null) {
        problems.push({
          code: 'session-missing-key',
          severity: 'error',
          message: `[sso-session ${name}] has no ${key}; sign-in needs it.`,
          file,
          line: section.line,
          session: name,
        });
      }
    }
    sessions.push({
      name,
      kind: 'sso-session',
      startUrl,
      region,
      registrationScopes:
        scopes === null
          ? null
          : scopes
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
      // botocore's ensure_boolean: only the text "true", in any case.
      useDeviceCode: value(section, 'sso_use_device_code')?.toLowerCase() === 'true',
      line: section.line,
      profiles: profilesOf.get(name) ?? [],
    });
  }
  for (const [startUrl, entry] of legacy) {
    if (reading.ssoSessions.has(startUrl)) continue;
    sessions.push({
      name: startUrl,
      kind: 'legacy',
      startUrl,
      region: entry.region,
      registrationScopes: null,
      useDeviceCode: false,
      line: entry.line,
      profiles: profilesOf.get(startUrl) ?? [],
    });
  }
  return { sessions, profiles: resolved };
}

function checkProfileAgreesWithSession(
  profile: string,
  section: SectionReading,
  sessionName: string,
  session: SectionReading,
  file: string,
  problems: Problem[],
): void {
  for (const key of ['sso_start_url', 'sso_region']) {
    const own = value(section, key);
    const shared = value(session, key);
    if (own !== null && shared !== null && own !== shared) {
      problems.push({
        code: 'profile-session-mismatch',
        severity: 'error',
        message: `Profile "${profile}" sets ${key} = ${own}, but [sso-session ${sessionName}] says ${shared}; the AWS CLI refuses this profile. Remove ${key} from the profile.`,
        file,
        line: section.keys.get(key)?.line ?? section.line,
        profile,
      });
    }
  }
}

/**
 * Profiles with role_arn, decided as botocore decides them (credentials/role-chain.ts):
 * each rests on the session of the SSO profile at the bottom of its chain, or on
 * static keys (no session). A chain the AWS CLI refuses keeps the profile's own
 * kind and gets a problem; one sso-tray does not support (credential_source) stays
 * as it is, for the AWS tools to use.
 */
function resolveChains(
  profiles: readonly ProfileConfig[],
  credentialsFileSettings: ReadonlyMap<string, CredentialSettings>,
  file: string,
  problems: Problem[],
): ProfileConfig[] {
  const model: ConfigModel = {
    sessions: [],
    profiles,
    staticKeyProfiles: new Set(),
    credentialsFileSettings,
    problems: [],
  };
  const byName = new Map(profiles.map((p) => [p.name, p]));
  return profiles.map((profile) => {
    // Most profiles name no role anywhere: nothing to merge or resolve.
    const named = profile.credentialSettings.roleArn !== null;
    if (!named && !credentialsFileSettings.has(profile.name)) return profile;
    if (!assumesRole(model, profile.name)) return profile;
    let chain: RoleChain;
    try {
      // No environment: what a profile rests on does not depend on the shell.
      chain = resolveRoleChain(model, profile.name, {});
    } catch (error) {
      if (!(error instanceof RoleChainError)) throw error;
      if (error.problem !== 'profile-chain-unsupported') {
        problems.push({
          code: error.problem,
          severity: 'error',
          message: error.message,
          file,
          line: profile.line,
          profile: profile.name,
        });
      }
      return profile;
    }
    const hops = chain.hops;
    const source = chain.source;
    return {
      ...profile,
      kind: 'chained',
      session: source.kind === 'sso' ? (byName.get(source.profile)?.session ?? null) : null,
      roleArn: hops[hops.length - 1]!.roleArn,
      // The profile it assumes its role with: the hop below, or the chain's source.
      sourceProfile: hops.length > 1 ? hops[hops.length - 2]!.profile : source.profile,
      chainSource: { kind: source.kind, profile: source.profile },
    };
  });
}

function readCredentialsFile(
  credentials: ConfigSource,
  problems: Problem[],
): { staticKeyProfiles: Set<string>; credentialsFileSettings: Map<string, CredentialSettings> } {
  const names = new Set<string>();
  const settings = new Map<string, CredentialSettings>();
  if (!credentials.bytes) return { staticKeyProfiles: names, credentialsFileSettings: settings };
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(credentials.bytes);
  const raw = parseIniAsBotocore(text);
  // The JS SDK reads credentials-file sections by their bare names.
  const js = parseIniAsJsSdk(text).sections;
  for (const error of raw.errors) {
    problems.push({
      code: 'credentials-rejected-by-aws-cli',
      severity: 'warning',
      message: `The AWS CLI cannot read ${credentials.path} (${error.message}).`,
      file: credentials.path,
      line: error.line,
    });
  }
  for (const sections of [raw.sections, js]) {
    for (const [name, section] of sections) {
      if (section.keys.has('aws_access_key_id')) names.add(name);
    }
  }
  for (const [name, section] of raw.sections) settings.set(name, readCredentialSettings(section));
  return { staticKeyProfiles: names, credentialsFileSettings: settings };
}

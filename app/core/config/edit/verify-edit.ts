// A safety net run before anything is written: read the file before and after
// the edit with both of our reader models (botocore / AWS CLI and the JS SDK)
// and check that the edit did exactly what it claims in both: the new profiles
// read with our values and a known sso-session, the removed ones are gone, and
// every other profile and sso-session reads exactly as before.

import { readAsJsSdk } from '../js-reader';
import { readAsBotocore } from '../python-reader';
import type { ConfigReading, SectionReading } from '../reading';
import type { ProfileSectionSpec } from './profile-section';

const READERS: readonly { tool: string; read: (text: string) => ConfigReading }[] = [
  { tool: 'the AWS CLI', read: readAsBotocore },
  { tool: 'the JS SDK', read: readAsJsSdk },
];

/** Strict UTF-8 decoding with the BOM kept, as both readers see the text; null when not UTF-8. */
export function decodeConfigText(bytes: Uint8Array | null): string | null {
  if (!bytes) return '';
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function values(section: SectionReading): string {
  return JSON.stringify([...section.keys].map(([key, reading]) => [key, reading.value]).sort());
}

function sameSections(
  before: ReadonlyMap<string, SectionReading>,
  after: ReadonlyMap<string, SectionReading>,
  skip: ReadonlySet<string>,
): string | null {
  for (const [name, section] of before) {
    if (skip.has(name)) continue;
    const now = after.get(name);
    if (!now) return `"${name}" disappeared`;
    if (values(now) !== values(section)) return `"${name}" reads differently`;
  }
  for (const name of after.keys()) {
    if (!before.has(name) && !skip.has(name)) return `"${name}" appeared unexpectedly`;
  }
  return null;
}

function expectedKeys(spec: ProfileSectionSpec): [string, string][] {
  const pairs: [string, string | null][] = [
    ['sso_session', spec.session],
    ['sso_account_id', spec.accountId],
    ['sso_role_name', spec.roleName],
    ['region', spec.region],
    ['output', spec.output],
  ];
  return pairs.filter((pair): pair is [string, string] => pair[1] !== null);
}

/** Problems found (empty when the edit is exactly what it claims in both readers). */
export function verifyEdit(
  before: string,
  after: string,
  added: readonly ProfileSectionSpec[],
  removed: readonly string[],
): string[] {
  const problems: string[] = [];
  const changed = new Set([...added.map((spec) => spec.name), ...removed]);
  for (const { tool, read } of READERS) {
    const old = read(before);
    const now = read(after);
    if (!now.accepted) {
      problems.push(`${tool} would not read the result (${now.errors[0]?.message ?? 'rejected'})`);
      continue;
    }
    const profiles = sameSections(old.profiles, now.profiles, changed);
    if (profiles) problems.push(`in ${tool}, profile ${profiles}`);
    const sessions = sameSections(old.ssoSessions, now.ssoSessions, new Set());
    if (sessions) problems.push(`in ${tool}, sso-session ${sessions}`);
    for (const name of removed) {
      if (now.profiles.has(name)) problems.push(`in ${tool}, profile "${name}" is still there`);
    }
    for (const spec of added) {
      const section = now.profiles.get(spec.name);
      if (!section) {
        problems.push(`${tool} does not see the new profile "${spec.name}"`);
        continue;
      }
      for (const [key, value] of expectedKeys(spec)) {
        if (section.keys.get(key)?.value !== value) {
          problems.push(`${tool} reads ${key} of "${spec.name}" differently`);
        }
      }
      if (!now.ssoSessions.has(spec.session)) {
        problems.push(
          `${tool} cannot find [sso-session ${spec.session}], so "${spec.name}" would not work there`,
        );
      }
    }
  }
  return problems;
}

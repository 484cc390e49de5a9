// The plan for a session's missing profiles: which roles lack one, what each
// new profile is called, which generated profiles to prune, and the exact diff
// of the config file. Pure: the caller reads the file and runs discovery.

import type {
  DiscoveryResult,
  PlannedProfile,
  ProfilePlan,
  ProfilePlanRequest,
} from '../../shared/api';
import type { SessionConfig } from '../config/config-model';
import { prepareConfigEdit, type ConfigFileState } from '../config/config-editor';
import { bytesToBinary, splitLines } from '../config/edit/config-lines';
import { findGeneratedSections, rawProfileNames } from '../config/edit/config-sections';
import type { ProfileSectionSpec } from '../config/edit/profile-section';
import { decodeConfigText } from '../config/edit/verify-edit';
import { readAsJsSdk } from '../config/js-reader';
import { readAsBotocore } from '../config/python-reader';
import type { ConfigReading } from '../config/reading';
import { DiscoveryError } from './discovery-error';
import { DEFAULT_TEMPLATE, assignProfileNames, templateProblem } from './profile-names';

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;

export interface ConfigReadings {
  readonly lines: readonly string[];
  readonly botocore: ConfigReading;
  readonly jsSdk: ConfigReading;
}

/**
 * Both readings of the file, or a `config-rejected` error when either tool
 * refuses it: profiles written into such a file would not work in that tool,
 * so the user fixes the file first.
 */
export function readBothWays(state: ConfigFileState): ConfigReadings {
  const text = decodeConfigText(state.bytes);
  if (text === null) {
    throw new DiscoveryError(
      'config-rejected',
      `${state.file} is not valid UTF-8, so the AWS CLI cannot read it. Save it as UTF-8, then add profiles.`,
    );
  }
  const readings = { botocore: readAsBotocore(text), jsSdk: readAsJsSdk(text) };
  for (const [tool, reading] of [
    ['The AWS CLI', readings.botocore],
    ['The JS SDK', readings.jsSdk],
  ] as const) {
    if (!reading.accepted) {
      const error = reading.errors[0];
      const where = error?.line ? ` (line ${error.line})` : '';
      throw new DiscoveryError(
        'config-rejected',
        `${tool} cannot read ${state.file}${where}: ${error?.message ?? 'rejected'}. Fix that first, then add profiles.`,
      );
    }
  }
  return { lines: splitLines(bytesToBinary(state.bytes ?? new Uint8Array())), ...readings };
}

/** Every profile name in use in either reader or in a raw header, lower-cased. */
export function takenProfileNames(readings: ConfigReadings): Set<string> {
  const names = rawProfileNames(readings.lines);
  for (const reading of [readings.botocore, readings.jsSdk]) {
    for (const name of reading.profiles.keys()) names.add(name.toLowerCase());
  }
  return names;
}

export function sessionForProfiles(
  session: SessionConfig | undefined,
  name: string,
): SessionConfig {
  if (!session) {
    throw new DiscoveryError(
      'unknown-session',
      `There is no session "${name}" in the config file.`,
    );
  }
  if (session.kind !== 'sso-session') {
    throw new DiscoveryError(
      'legacy-session',
      `"${name}" is a legacy start URL without an [sso-session] section. New profiles are written in sso-session style: add an [sso-session] for it (aws configure sso-session), then add profiles.`,
    );
  }
  return session;
}

const toSpec = (session: string, p: PlannedProfile): ProfileSectionSpec => ({
  name: p.name,
  session,
  accountId: p.accountId,
  roleName: p.roleName,
  region: p.region,
  output: p.output ?? null,
});

export const planToEdit = (plan: Pick<ProfilePlan, 'session' | 'additions' | 'removals'>) => ({
  add: plan.additions.map((p) => toSpec(plan.session, p)),
  remove: plan.removals,
});

/** Generated profiles of `session` whose account and role are no longer assigned. */
function pruneList(
  readings: ConfigReadings,
  session: string,
  discovery: DiscoveryResult,
): string[] {
  const assigned = new Set(
    discovery.accounts.flatMap((a) => a.roles.map((r) => `${a.accountId}/${r.roleName}`)),
  );
  const generated = findGeneratedSections(readings.lines);
  const count = new Map<string, number>();
  for (const section of generated) count.set(section.name, (count.get(section.name) ?? 0) + 1);
  return generated
    .filter((section) => {
      const { sso_session, sso_account_id, sso_role_name } = section.keys;
      if (count.get(section.name) !== 1 || sso_session !== session) return false;
      if (!sso_account_id || !sso_role_name) return false;
      // Both tools must see this section as the profile (no second [profile X] merged in).
      const agrees = [readings.botocore, readings.jsSdk].every((reading) => {
        const keys = reading.profiles.get(section.name)?.keys;
        return (
          keys?.get('sso_session')?.value === sso_session &&
          keys.get('sso_account_id')?.value === sso_account_id &&
          keys.get('sso_role_name')?.value === sso_role_name
        );
      });
      return agrees && !assigned.has(`${sso_account_id}/${sso_role_name}`);
    })
    .map((section) => section.name)
    .sort();
}

export interface PlanInput {
  readonly request: ProfilePlanRequest;
  readonly session: SessionConfig | undefined;
  readonly discovery: DiscoveryResult;
  readonly config: ConfigFileState;
}

export function checkPlanOptions(request: ProfilePlanRequest): void {
  const template = request.template ?? DEFAULT_TEMPLATE;
  const problem = templateProblem(template);
  if (problem) throw new DiscoveryError('invalid-template', `Invalid name template: ${problem}.`);
  if (request.region !== undefined && !REGION_PATTERN.test(request.region)) {
    throw new DiscoveryError('invalid-argument', `"${request.region}" is not an AWS region name.`);
  }
  if (
    request.output !== undefined &&
    !(OUTPUT_FORMATS as readonly string[]).includes(request.output)
  ) {
    throw new DiscoveryError(
      'invalid-argument',
      `"${request.output}" is not an output format (${OUTPUT_FORMATS.join(', ')}).`,
    );
  }
}

export function buildProfilePlan(input: PlanInput): ProfilePlan {
  const { request, discovery, config } = input;
  const session = sessionForProfiles(input.session, request.session);
  checkPlanOptions(request);
  const readings = readBothWays(config);
  const region = request.region ?? session.region;
  // Sorted by account id, then role, so names and collision suffixes never depend on API order.
  const missing = discovery.accounts
    .flatMap((account) =>
      account.roles
        .filter((role) => role.profiles.length === 0)
        .map((role) => ({
          accountId: account.accountId,
          accountName: account.accountName,
          roleName: role.roleName,
          session: session.name,
        })),
    )
    .sort((a, b) =>
      a.accountId !== b.accountId
        ? a.accountId < b.accountId
          ? -1
          : 1
        : a.roleName < b.roleName
          ? -1
          : a.roleName > b.roleName
            ? 1
            : 0,
    );
  const names = assignProfileNames(
    request.template ?? DEFAULT_TEMPLATE,
    missing,
    takenProfileNames(readings),
  );
  const additions: PlannedProfile[] = missing.map((role, index) => ({
    name: names[index]!,
    accountId: role.accountId,
    accountName: role.accountName,
    roleName: role.roleName,
    region,
    output: request.output ?? null,
  }));
  const removals = request.prune ? pruneList(readings, session.name, discovery) : [];
  const plan = { session: session.name, additions, removals };
  const { diff } = prepareConfigEdit(config, planToEdit(plan));
  return { ...plan, configFile: config.file, diff, baseHash: config.hash };
}

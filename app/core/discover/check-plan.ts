// A plan coming back from the window is checked again before anything is
// written: it must only add safe, new profiles for its session and only remove
// profiles SSO Tray generated for that session.

import type { ProfilePlan } from '../../shared/api';
import type { ConfigEditRequest } from '../config/config-editor';
import { findGeneratedSections } from '../config/edit/config-sections';
import { specProblem, type ProfileSectionSpec } from '../config/edit/profile-section';
import { DiscoveryError } from './discovery-error';
import {
  OUTPUT_FORMATS,
  REGION_PATTERN,
  takenProfileNames,
  type ConfigReadings,
} from './profile-plan';

function additionProblem(spec: ProfileSectionSpec, taken: ReadonlySet<string>): string | null {
  if (taken.has(spec.name.toLowerCase()))
    return `profile ${JSON.stringify(spec.name)} already exists`;
  if (!/^\d{12}$/.test(spec.accountId))
    return `${JSON.stringify(spec.accountId)} is not an account id`;
  if (spec.region !== null && !REGION_PATTERN.test(spec.region)) {
    return `${JSON.stringify(spec.region)} is not an AWS region name`;
  }
  if (spec.output !== null && !(OUTPUT_FORMATS as readonly string[]).includes(spec.output)) {
    return `${JSON.stringify(spec.output)} is not an output format`;
  }
  return specProblem(spec);
}

export function checkPlanAgainstConfig(
  plan: ProfilePlan,
  edit: ConfigEditRequest,
  readings: ConfigReadings,
): void {
  const taken = takenProfileNames(readings);
  for (const spec of edit.add) {
    const problem = additionProblem(spec, taken);
    if (problem) throw new DiscoveryError('invalid-argument', `Cannot apply the plan: ${problem}.`);
  }
  const generated = findGeneratedSections(readings.lines);
  for (const name of plan.removals) {
    const section = generated.find((s) => s.name === name);
    if (section?.keys.sso_session !== plan.session) {
      throw new DiscoveryError(
        'invalid-argument',
        `Cannot apply the plan: ${JSON.stringify(name)} is not a profile SSO Tray generated for ${plan.session}.`,
      );
    }
  }
}

// The doctor: "which credentials will my tools really use, and why not my SSO
// profile?" Every check is a pure function of the gathered input.

import type { DiagnosisReport, Finding } from '../../shared/api';
import { chainChecks } from './chain-checks';
import { configChecks } from './config-checks';
import { isSet, type Check, type DoctorContext, type DoctorInput } from './doctor-input';
import { envChecks } from './env-checks';
import { profileChecks } from './profile-checks';
import { pulumiChecks } from './pulumi-checks';

const CHECKS: readonly Check[] = [
  envChecks,
  profileChecks,
  chainChecks,
  pulumiChecks,
  configChecks,
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function buildDoctorContext(input: DoctorInput): DoctorContext {
  const profileNames = new Set([
    ...input.config.profiles.map((p) => p.name),
    ...input.config.staticKeyProfiles,
  ]);
  const fromEnv = [input.env.AWS_PROFILE, input.env.AWS_DEFAULT_PROFILE].find(isSet) ?? null;
  const focus = input.profile ?? fromEnv;
  const focused = focus !== null && input.config.profiles.some((p) => p.name === focus);
  return {
    ...input,
    focus,
    focused,
    scope: focused ? input.config.profiles.filter((p) => p.name === focus) : input.config.profiles,
    profileNames,
    sessionView: (name) => input.snapshot.sessions.find((s) => s.name === name),
  };
}

export function runDoctor(input: DoctorInput): DiagnosisReport {
  const context = buildDoctorContext(input);
  const findings: Finding[] = CHECKS.flatMap((check) => check(context));
  // Stable: errors first, then warnings, then notes; within a severity, check order.
  const ordered = findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        a.index - b.index,
    )
    .map((entry) => entry.finding);
  return {
    checkedAt: new Date(input.now).toISOString(),
    profile: context.focus,
    findings: ordered,
  };
}

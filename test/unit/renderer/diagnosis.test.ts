// The doctor's findings as the window counts them: the badge's number is the
// number of problems listed; sign-in findings get a Sign in button.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../app/shared/api';
import {
  countsText,
  diagnosisKey,
  findingCounts,
  signInFixes,
  worstSeverity,
} from '../../../renderer/src/views/diagnosis';
import { profile, session, snapshotOf } from './snapshot-builders';

const finding = (
  id: string,
  severity: Finding['severity'],
  extra: Partial<Finding> = {},
): Finding => ({
  id,
  severity,
  title: id,
  explanation: '',
  fix: [],
  ...extra,
});

describe('diagnosis helpers', () => {
  const findings = [
    finding('session-invalid', 'error', { session: 'research' }),
    finding('session-expired', 'warning', { session: 'contractor' }),
    finding('session-expiring', 'info', { session: 'ops' }),
  ];

  it('counts problems (errors and warnings) apart from notes', () => {
    expect(findingCounts(findings)).toEqual({ problems: 2, notes: 1 });
    expect(countsText(findings)).toBe('2 problems, 1 note');
    expect(countsText([])).toBe('No problems');
    expect(worstSeverity(findings)).toBe('error');
    expect(worstSeverity([findings[2]!])).toBe('info');
    expect(worstSeverity([])).toBeNull();
  });

  it('offers a sign-in for session findings of a known session only', () => {
    const snapshot = snapshotOf([session('contractor', 'expired')], []);
    expect(signInFixes(findings[1]!, snapshot)?.name).toBe('contractor');
    expect(signInFixes(findings[0]!, snapshot)).toBeNull();
    expect(
      signInFixes(
        finding('env-static-keys-active', 'warning', { session: 'contractor' }),
        snapshot,
      ),
    ).toBeNull();
  });

  it('looks again when a state changes, not when only an expiry moves', () => {
    const before = snapshotOf(
      [session('acme', 'valid', { expiresAt: '2026-03-01T20:00:00Z' })],
      [profile('dev', 'acme')],
    );
    const renewed = snapshotOf(
      [session('acme', 'valid', { expiresAt: '2026-03-02T04:00:00Z' })],
      [profile('dev', 'acme')],
    );
    const expired = snapshotOf([session('acme', 'expired')], [profile('dev', 'acme')]);
    expect(diagnosisKey(renewed)).toBe(diagnosisKey(before));
    expect(diagnosisKey(expired)).not.toBe(diagnosisKey(before));
    expect(diagnosisKey(null)).toBeNull();
  });
});

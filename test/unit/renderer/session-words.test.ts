// One meaning per word: "renews" only for a session that renews by itself,
// the notice line says the whole reason, details name what the row is.
import { describe, expect, it } from 'vitest';
import {
  profileDetails,
  renewalWords,
  sessionDetails,
  sessionNotice,
} from '../../../renderer/src/session-words';
import { problem, profile, session } from './snapshot-builders';

describe('renewalWords', () => {
  it('says "renews automatically" only while the core says automatic and it still works', () => {
    expect(renewalWords(session('a', 'valid'))).toBe('renews automatically');
    expect(
      renewalWords(session('a', 'expired', { renewal: { mode: 'automatic', reason: null } })),
    ).toBeNull();
    expect(
      renewalWords(session('a', 'expiring', { renewal: { mode: 'off', reason: 'Off.' } })),
    ).toBe('renewal off');
    expect(
      renewalWords(session('a', 'valid', { renewal: { mode: 'failing', reason: 'Down.' } })),
    ).toBe('renewal failing');
    expect(
      renewalWords(session('a', 'valid', { renewal: { mode: 'not-possible', reason: 'x' } })),
    ).toBe('no renewal');
    expect(renewalWords(session('a', 'signed-out'))).toBeNull();
  });
});

describe('sessionNotice', () => {
  it('prefers the last sign-in error, then a problem, then why an ending session will not renew', () => {
    const error = { code: 'network', message: 'Could not reach it.', at: '2026-03-01T12:00:00Z' };
    const broken = problem('token-unreadable', 'The token cannot be used.');
    expect(
      sessionNotice(session('a', 'expired', { lastError: error, problems: [broken] })),
    ).toEqual({ tone: 'error', text: 'Could not reach it.' });
    expect(sessionNotice(session('a', 'invalid', { problems: [broken] }))).toEqual({
      tone: 'error',
      text: 'The token cannot be used.',
    });
    expect(sessionNotice(session('a', 'expiring'))).toEqual({
      tone: 'info',
      text: 'No refresh token.',
    });
    expect(
      sessionNotice(
        session('a', 'valid', { renewal: { mode: 'failing', reason: 'The service is down.' } }),
      ),
    ).toEqual({ tone: 'warning', text: 'The service is down.' });
    // Nothing to say for a healthy session, or a signed-out one (Sign in says it).
    expect(sessionNotice(session('a', 'valid'))).toBeNull();
    expect(sessionNotice(session('a', 'signed-out'))).toBeNull();
  });
});

describe('details', () => {
  it('names the host, region and profile count of a session', () => {
    expect(sessionDetails(session('acme', 'valid'), 3, 3)).toBe(
      'acme.awsapps.com · us-east-1 · 3 profiles',
    );
    expect(sessionDetails(session('acme', 'valid'), 1, 3)).toBe(
      'acme.awsapps.com · us-east-1 · 1 of 3 profiles',
    );
  });

  it('names the account (with its name once known), role and region of a profile', () => {
    expect(profileDetails(profile('dev', 'acme'), null)).toBe(
      '111111111111 · ReadOnly · us-east-1',
    );
    expect(profileDetails(profile('dev', 'acme'), 'acme-dev')).toBe(
      'acme-dev (111111111111) · ReadOnly · us-east-1',
    );
    expect(
      profileDetails(
        profile('deploy', 'acme', {
          kind: 'chained',
          sourceProfile: 'dev',
          roleArn: 'arn:aws:iam::1:role/D',
        }),
        null,
      ),
    ).toBe('via dev · arn:aws:iam::1:role/D · us-east-1');
  });
});

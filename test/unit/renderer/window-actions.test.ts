// The window's actions over a fake API: what each asks the app, and what the
// user is told (a sign-in offered where signing in is the fix).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type ApiResult,
  type Settings,
  type SsoTrayApi,
} from '../../../app/shared/api';
import type { StatusMessage } from '../../../renderer/src/app/messages';
import { createWindowActions } from '../../../renderer/src/app/window-actions';
import type { Route } from '../../../renderer/src/routes';
import { UNANSWERED } from '../../../renderer/src/answers';
import { profile, session, snapshotOf } from './snapshot-builders';

const snapshot = snapshotOf(
  [session('acme', 'valid'), session('contractor', 'expired', { label: 'Contractor Inc' })],
  [profile('acme-dev', 'acme'), profile('contractor-dev', 'contractor')],
);

type Calls = [keyof SsoTrayApi, unknown[]][];

/** An API whose answers the test sets; every call is recorded. */
function fakeApi(answers: Partial<Record<keyof SsoTrayApi, unknown>>, calls: Calls): SsoTrayApi {
  return new Proxy({} as SsoTrayApi, {
    get:
      (_target, method: keyof SsoTrayApi) =>
      (...args: unknown[]) => {
        calls.push([method, args]);
        const answer = answers[method];
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
  });
}

function setup(
  answers: Partial<Record<keyof SsoTrayApi, unknown>>,
  settings: Partial<Settings> = {},
) {
  const calls: Calls = [];
  const messages: StatusMessage[] = [];
  const routes: Route[] = [];
  let stored: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const actions = createWindowActions({
    api: fakeApi(answers, calls),
    report: (m) => messages.push(m),
    snapshot: () => snapshot,
    settings: () => stored,
    updateSettings: async (patch) => {
      stored = { ...stored, ...patch };
      return { ok: true, value: stored } satisfies ApiResult<Settings>;
    },
    navigate: (route) => routes.push(route),
    openExport: () => {},
    toggleCollapsed: () => {},
  });
  return { actions, calls, messages, routes, stored: () => stored };
}

const ok = <T>(value: T) => ({ ok: true, value });

describe('window actions', () => {
  it('signs in, saying so with the session’s label, and reports the end', async () => {
    const { actions, calls, messages } = setup({ signIn: ok({ expiresAt: 'x' }) });
    expect(await actions.signIn('contractor')).toBe(true);
    expect(calls).toEqual([['signIn', ['contractor']]]);
    expect(messages.map((m) => m.text)).toEqual([
      'Signing in to Contractor Inc…',
      'Signed in to Contractor Inc.',
    ]);
  });

  it('a cancelled sign-in is news, not an error', async () => {
    const { actions, messages } = setup({
      signIn: { ok: false, error: { code: 'cancelled', message: 'Cancelled.' } },
    });
    expect(await actions.signIn('acme')).toBe(false);
    expect(messages.at(-1)).toEqual({ tone: 'info', text: 'Sign-in to acme cancelled.' });
  });

  it('quick copy uses the remembered shell and mode, and shows the masked preview', async () => {
    const { actions, calls, messages } = setup(
      { copyExport: ok({ maskedText: 'export AWS_PROFILE=acme-dev\n', expiresAt: null }) },
      { defaultShell: 'fish', defaultExportMode: 'profile' },
    );
    expect(await actions.quickCopy('acme-dev')).toBe(true);
    expect(calls).toEqual([
      ['copyExport', [{ profile: 'acme-dev', target: 'fish', mode: 'profile' }]],
    ]);
    expect(messages).toEqual([
      {
        tone: 'success',
        text: 'Copied the profile export for acme-dev (fish).',
        preview: 'export AWS_PROFILE=acme-dev\n',
      },
    ]);
  });

  it('copied credentials say when the clipboard clears', async () => {
    const { actions, messages } = setup({
      copyExport: ok({
        maskedText: 'export AWS_SECRET_ACCESS_KEY=••••',
        expiresAt: '2026-03-01T13:00:00Z',
      }),
    });
    await actions.copyExport({ profile: 'acme-dev', target: 'bash', mode: 'credentials' });
    expect(messages[0]).toMatchObject({
      text: 'Copied the credentials export for acme-dev (bash).',
      note: 'Cleared from the clipboard in 60 s.',
    });
  });

  it('copying for an expired session says so and offers the sign-in', async () => {
    const { actions, calls, messages } = setup({
      copyExport: ok({ maskedText: 'export AWS_PROFILE=contractor-dev\n', expiresAt: null }),
      signIn: ok({ expiresAt: 'x' }),
    });
    await actions.quickCopy('contractor-dev');
    const [message] = messages;
    expect(message).toMatchObject({
      tone: 'info',
      text: 'Copied the profile export for contractor-dev (bash). Contractor Inc has expired: sign in before using it.',
      action: { label: 'Sign in to Contractor Inc' },
    });
    message!.action!.run();
    await Promise.resolve();
    expect(calls.at(-1)).toEqual(['signIn', ['contractor']]);
  });

  it('an error that a sign-in fixes comes with the sign-in; one that does not, without', async () => {
    const { actions, messages } = setup({
      copyExport: {
        ok: false,
        error: {
          code: 'session-expired',
          message: 'The sign-in for contractor has expired.',
          action: { kind: 'sign-in', session: 'contractor' },
        },
      },
      openConsole: { ok: false, error: { code: 'network', message: 'Could not reach it.' } },
    });
    expect(
      await actions.copyExport({ profile: 'contractor-dev', target: 'bash', mode: 'credentials' }),
    ).toBe(false);
    expect(messages[0]).toMatchObject({
      tone: 'error',
      action: { label: 'Sign in to Contractor Inc' },
    });
    await actions.openConsole('acme-dev');
    expect(messages[1]).toEqual({ tone: 'error', text: 'Could not reach it.' });
  });

  it('a bridge that never answers gives the one shared error text', async () => {
    const { actions, messages } = setup({ signOut: new Error('socket closed') });
    expect(await actions.signOut('acme')).toBe(false);
    expect(messages).toEqual([{ tone: 'error', text: UNANSWERED.message }]);
  });

  it('favourites and muting toggle through the settings', async () => {
    const { actions, stored, messages } = setup({});
    await actions.toggleFavourite('acme-dev');
    expect(stored().favourites).toEqual(['acme-dev']);
    await actions.toggleFavourite('acme-dev');
    expect(stored().favourites).toEqual([]);
    await actions.toggleMute('contractor');
    expect(stored().mutedSessions).toEqual(['contractor']);
    expect(messages.at(-1)?.text).toBe('Notifications for Contractor Inc muted.');
  });

  it('applying a profile plan reports what changed and where the backup is', async () => {
    const { actions, messages } = setup({
      applyProfilePlan: ok({ added: 2, removed: 0, backupFile: '/home/u/.aws/config.bak' }),
    });
    const result = await actions.applyProfilePlan({
      session: 'acme',
      configFile: '/home/u/.aws/config',
      additions: [],
      removals: [],
      diff: '',
      baseHash: 'h',
    });
    expect(result.ok).toBe(true);
    expect(messages).toEqual([
      {
        tone: 'success',
        text: 'Added 2 and removed 0 profiles. Backup: /home/u/.aws/config.bak',
      },
    ]);
  });

  it('discover and diagnostics are routes', () => {
    const { actions, routes } = setup({});
    actions.discover('acme');
    actions.diagnose('acme-dev');
    expect(routes).toEqual([
      { view: 'discover', session: 'acme' },
      { view: 'diagnostics', profile: 'acme-dev' },
    ]);
  });
});

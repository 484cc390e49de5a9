// What a tray-menu or notification click does: the matching API call, the
// window, quit; failures and copies are told to the user in a notification.

import { describe, expect, it, vi } from 'vitest';
import type { ApiResult, SsoTrayApi } from '../../../app/shared/api';
import { performAction, type ActionDeps } from '../../../app/main/menu-actions';

const ok = <T>(value: T): Promise<ApiResult<T>> => Promise.resolve({ ok: true, value });

function deps(overrides: Partial<SsoTrayApi> = {}) {
  const api = {
    signIn: vi.fn(() => ok({ expiresAt: 'x' })),
    cancelSignIn: vi.fn(() => ok(null)),
    reopenSignInPage: vi.fn(() => ok(null)),
    signOut: vi.fn(() => ok(null)),
    copyExport: vi.fn(() =>
      ok({ maskedText: 'export AWS_SECRET_ACCESS_KEY=****', expiresAt: null }),
    ),
    copyText: vi.fn(() => ok(null)),
    openConsole: vi.fn(() => ok(null)),
    updateSettings: vi.fn(() => ok({})),
    ...overrides,
  } as unknown as SsoTrayApi;
  const told: { title: string; body: string }[] = [];
  const d: ActionDeps & { told: typeof told } = {
    api,
    showWindow: vi.fn(),
    quit: vi.fn(),
    tell: (title, body) => told.push({ title, body }),
    told,
  };
  return d;
}

describe('performAction', () => {
  it('maps each menu action to its API call', async () => {
    const d = deps();
    await performAction({ kind: 'sign-in', session: 's' }, d);
    await performAction({ kind: 'cancel-sign-in', session: 's' }, d);
    await performAction({ kind: 'reopen-sign-in-page', session: 's' }, d);
    await performAction({ kind: 'sign-out', session: 's' }, d);
    await performAction({ kind: 'copy-text', text: 'ABCD' }, d);
    await performAction({ kind: 'open-console', profile: 'dev' }, d);
    await performAction({ kind: 'set-launch-at-login', enabled: true }, d);
    await performAction(
      { kind: 'copy-export', profile: 'dev', target: 'fish', mode: 'credentials' },
      d,
    );
    expect(d.api.signIn).toHaveBeenCalledWith('s');
    expect(d.api.cancelSignIn).toHaveBeenCalledWith('s');
    expect(d.api.reopenSignInPage).toHaveBeenCalledWith('s');
    expect(d.api.signOut).toHaveBeenCalledWith('s');
    expect(d.api.copyText).toHaveBeenCalledWith('ABCD');
    expect(d.api.openConsole).toHaveBeenCalledWith('dev');
    expect(d.api.updateSettings).toHaveBeenCalledWith({ launchAtLogin: true });
    expect(d.api.copyExport).toHaveBeenCalledWith({
      profile: 'dev',
      target: 'fish',
      mode: 'credentials',
    });
    // The copy is confirmed with the masked preview only.
    expect(d.told).toEqual([
      { title: 'Copied to the clipboard', body: 'export AWS_SECRET_ACCESS_KEY=****' },
    ]);
  });

  it('opens the window, preferences, and quits', async () => {
    const d = deps();
    await performAction({ kind: 'open-window' }, d);
    await performAction({ kind: 'open-preferences' }, d);
    await performAction({ kind: 'quit' }, d);
    expect(d.showWindow).toHaveBeenNthCalledWith(1, 'main');
    expect(d.showWindow).toHaveBeenNthCalledWith(2, 'preferences');
    expect(d.quit).toHaveBeenCalledTimes(1);
  });

  it('tells the user when a call fails or throws', async () => {
    const d = deps({
      signOut: vi.fn(() =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'x', message: 'The portal is down.' },
        }),
      ),
      openConsole: vi.fn(() => Promise.reject(new Error('boom'))),
    });
    await performAction({ kind: 'sign-out', session: 's' }, d);
    await performAction({ kind: 'open-console', profile: 'dev' }, d);
    expect(d.told).toEqual([
      { title: 'Could not sign out of s', body: 'The portal is down.' },
      { title: 'Could not open the console for dev', body: 'boom' },
    ]);
  });
});

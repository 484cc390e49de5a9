// The tray menu template: a pure function of snapshot + settings + now, checked
// for every combination of session state, sign-in progress, renewability,
// last error and mute, plus the layout rules (favourites first, long lists,
// nothing configured, problems) and its conversion to Electron's template.

import { describe, expect, it } from 'vitest';
import type { SessionState, SessionView, SignInProgress } from '../../../app/shared/model';
import {
  buildTrayMenu,
  MAX_INLINE_PROFILES,
  menuText,
  sessionHeadline,
  type MenuAction,
  type TrayMenuItem,
} from '../../../app/main/tray-menu';
import { toElectronTemplate } from '../../../app/main/tray';
import {
  CANNOT_RENEW,
  HOUR,
  MINUTE,
  RENEWS,
  T0,
  at,
  profileView,
  sessionView,
  settingsWith,
  snapshotOf,
} from './snapshot-builders';

type Submenu = Extract<TrayMenuItem, { type: 'submenu' }>;

const labelsOf = (items: readonly TrayMenuItem[]) =>
  items.map((i) => (i.type === 'separator' ? '---' : i.label));
const submenu = (items: readonly TrayMenuItem[], prefix: string): Submenu => {
  const found = items.find((i): i is Submenu => i.type === 'submenu' && i.label.startsWith(prefix));
  if (!found) throw new Error(`no submenu "${prefix}" in ${labelsOf(items).join(' | ')}`);
  return found;
};
const actionItem = (items: readonly TrayMenuItem[], label: string) =>
  items.find(
    (i): i is Extract<TrayMenuItem, { type: 'action' }> => i.type === 'action' && i.label === label,
  );
function allActions(items: readonly TrayMenuItem[]): MenuAction[] {
  return items.flatMap((i) =>
    i.type === 'submenu'
      ? allActions(i.items)
      : i.type === 'action' || i.type === 'checkbox'
        ? [i.action]
        : [],
  );
}

const STATES: readonly SessionState[] = ['valid', 'expiring', 'expired', 'signed-out', 'invalid'];
const SIGN_INS: readonly (SignInProgress | null)[] = [
  null,
  { flow: 'pkce', phase: 'waiting-for-browser', startedAt: at(T0), url: 'https://x/authorize' },
  { flow: 'device-code', phase: 'waiting-for-user-code', startedAt: at(T0), userCode: 'ABCD-EFGH' },
];
const EXPIRY: Record<SessionState, number | null> = {
  valid: 7 * HOUR + 12 * MINUTE,
  expiring: 12 * MINUTE,
  expired: -3 * HOUR,
  'signed-out': null,
  invalid: null,
};

function session(state: SessionState, extra: Partial<SessionView> = {}): SessionView {
  return sessionView('dev-sso', {
    state,
    expiresInMs: EXPIRY[state],
    profiles: ['dev', 'admin'],
    ...extra,
  });
}
const PROFILES = [
  profileView('dev', 'dev-sso'),
  profileView('admin', 'dev-sso', { roleName: 'Admin' }),
];

describe('tray menu for every state combination', () => {
  const combos = STATES.flatMap((state) =>
    SIGN_INS.flatMap((signIn) =>
      [false, true].flatMap((renews) =>
        [false, true].flatMap((failed) =>
          [false, true].map((muted) => ({ state, signIn, renews, failed, muted })),
        ),
      ),
    ),
  );

  it.each(combos)('$state signIn=$signIn.flow renews=$renews failed=$failed muted=$muted', (c) => {
    const s = session(c.state, {
      signIn: c.signIn,
      renewal: c.renews ? RENEWS : CANNOT_RENEW,
      lastError: c.failed ? { code: 'network', message: 'Offline.', at: at(T0) } : null,
    });
    const settings = settingsWith({ mutedSessions: c.muted ? ['dev-sso'] : [] });
    const menu = buildTrayMenu({ snapshot: snapshotOf([s], PROFILES), settings, now: T0 });
    const top = labelsOf(menu);

    // The global items are always there, in this order, at the end.
    expect(top.slice(-6)).toEqual([
      '---',
      'Open SSO Tray',
      'Preferences…',
      'Launch at login',
      '---',
      'Quit SSO Tray',
    ]);
    const sessionMenu = submenu(menu, 'dev-sso: ');
    expect(sessionMenu.label).toBe(sessionHeadline(s, T0));
    const inner = sessionMenu.items;
    const innerLabels = labelsOf(inner);

    if (c.signIn) {
      expect(sessionMenu.label).toBe('dev-sso: signing in…');
      expect(actionItem(inner, 'Cancel sign-in')?.action).toEqual({
        kind: 'cancel-sign-in',
        session: 'dev-sso',
      });
      expect(actionItem(inner, 'Open the sign-in page again')).toBeDefined();
      expect(innerLabels).not.toContain('Sign in');
      expect(innerLabels).not.toContain('Sign out');
      if (c.signIn.userCode) {
        expect(innerLabels).toContain('Code: ABCD-EFGH');
        expect(actionItem(inner, 'Copy the code')?.action).toEqual({
          kind: 'copy-text',
          text: 'ABCD-EFGH',
        });
      }
    } else {
      const signedIn = c.state === 'valid' || c.state === 'expiring';
      const signIn = actionItem(inner, signedIn ? 'Sign in again' : 'Sign in');
      expect(signIn?.action).toEqual({ kind: 'sign-in', session: 'dev-sso' });
      expect(signIn?.enabled).toBe(true);
      expect(innerLabels.includes('Sign out')).toBe(c.state !== 'signed-out');
      expect(innerLabels.includes('Last attempt failed: Offline.')).toBe(c.failed);
    }
    expect(innerLabels.includes('Notifications muted')).toBe(c.muted);

    // Each profile: the default export, other shells and modes, the console.
    const dev = submenu(inner, 'dev (Developer @ 111111111111)');
    const copy = actionItem(dev.items, 'Copy profile selection (bash)');
    expect(copy?.action).toEqual({
      kind: 'copy-export',
      profile: 'dev',
      target: 'bash',
      mode: 'profile',
    });
    expect(copy?.enabled).toBe(true);
    const others = submenu(dev.items, 'Copy for another shell or mode').items;
    const credentials = others.filter(
      (i) =>
        i.type === 'action' && i.action.kind === 'copy-export' && i.action.mode === 'credentials',
    );
    expect(credentials).toHaveLength(9);
    const hasToken = c.state === 'valid' || c.state === 'expiring';
    expect(credentials.every((i) => i.type === 'action' && i.enabled === hasToken)).toBe(true);
    expect(actionItem(dev.items, 'Open AWS console')?.action).toEqual({
      kind: 'open-console',
      profile: 'dev',
    });

    // Every action names this session or one of its profiles.
    for (const a of allActions(menu)) {
      if ('session' in a) expect(a.session).toBe('dev-sso');
      if ('profile' in a) expect(['dev', 'admin']).toContain(a.profile);
    }
  });
});

describe('tray menu layout', () => {
  it('says how long is left, or what is wrong, in each headline', () => {
    const line = (s: SessionView) => sessionHeadline(s, T0);
    expect(line(session('valid'))).toBe('dev-sso: 7h 12m left');
    expect(line(session('expiring'))).toBe('dev-sso: expiring, 12m left');
    expect(line(session('expired'))).toBe('dev-sso: expired');
    expect(line(session('signed-out'))).toBe('dev-sso: not signed in');
    expect(line(session('invalid'))).toBe('dev-sso: needs sign-in (token unreadable)');
    expect(
      line(sessionView('https://d-1.awsapps.com/start', { kind: 'legacy', expiresInMs: HOUR })),
    ).toBe('d-1.awsapps.com/start: 1h left');
  });

  it('explains renewal in the details', () => {
    const details = (s: SessionView, settings = settingsWith()) =>
      labelsOf(
        submenu(buildTrayMenu({ snapshot: snapshotOf([s]), settings, now: T0 }), 'dev-sso').items,
      );
    expect(details(session('valid', { renewal: RENEWS }))).toContain(
      'Renews automatically before it expires',
    );
    // The core says renewal is off (the user's setting); the menu says so.
    expect(
      details(
        session('valid', {
          renewal: { mode: 'off', reason: 'Silent renewal is turned off in Preferences.' },
        }),
      ),
    ).toContain('Automatic renewal is off (Preferences)');
    expect(
      details(
        session('valid', { renewal: { mode: 'failing', reason: 'Offline.', retryAt: at(T0) } }),
      ),
    ).toContain('Renewal is failing; it is retried');
    expect(details(session('valid'))).toContain(
      'Cannot renew by itself: sign in again when it ends',
    );
    expect(details(session('expired'))).toContain('Expired 3h ago');
  });

  it('uses the default shell and mode from the settings', () => {
    const menu = buildTrayMenu({
      snapshot: snapshotOf([session('valid')], PROFILES),
      settings: settingsWith({ defaultShell: 'fish', defaultExportMode: 'credentials' }),
      now: T0,
    });
    const dev = submenu(submenu(menu, 'dev-sso').items, 'dev (');
    expect(actionItem(dev.items, 'Copy credentials (fish)')?.action).toEqual({
      kind: 'copy-export',
      profile: 'dev',
      target: 'fish',
      mode: 'credentials',
    });
  });

  it('puts favourites first and moves long profile lists into a submenu', () => {
    const names = Array.from(
      { length: MAX_INLINE_PROFILES + 5 },
      (_, i) => `p${String(i).padStart(2, '0')}`,
    );
    const big = sessionView('big', { expiresInMs: HOUR, profiles: names });
    const small = sessionView('small', { expiresInMs: HOUR, profiles: ['s1'] });
    const profiles = [...names.map((n) => profileView(n, 'big')), profileView('s1', 'small')];
    const menu = buildTrayMenu({
      snapshot: snapshotOf([small, big], profiles),
      settings: settingsWith({ favourites: ['p09', 'p03'] }),
      now: T0,
    });
    // The session holding favourites comes first.
    expect(labelsOf(menu).slice(0, 2)).toEqual(['big: 1h left', 'small: 1h left']);
    const inner = submenu(menu, 'big').items;
    const profileLabels = labelsOf(inner).slice(labelsOf(inner).indexOf('Profiles') + 1);
    expect(profileLabels.slice(0, 2)).toEqual([
      '★ p09 (Developer @ 111111111111)',
      '★ p03 (Developer @ 111111111111)',
    ]);
    const more = submenu(inner, 'More profiles');
    expect(more.label).toBe(`More profiles (${names.length - 2})`);
    expect(more.items).toHaveLength(names.length - 2);
  });

  it('offers setup when nothing is configured', () => {
    const menu = buildTrayMenu({ snapshot: snapshotOf([]), settings: settingsWith(), now: T0 });
    expect(labelsOf(menu).slice(0, 3)).toEqual([
      'No IAM Identity Center sessions found',
      'in /home/u/.aws/config',
      'Set up a session…',
    ]);
    expect(actionItem(menu, 'Set up a session…')?.action).toEqual({ kind: 'open-window' });
  });

  it('points at problems in the AWS files', () => {
    const problem = { code: 'x', message: 'm', severity: 'error' as const, file: null, line: null };
    const menu = buildTrayMenu({
      snapshot: snapshotOf([session('valid')], PROFILES, { problems: [problem, problem] }),
      settings: settingsWith(),
      now: T0,
    });
    expect(actionItem(menu, '⚠ 2 problems in your AWS files…')?.action).toEqual({
      kind: 'open-window',
    });
  });

  it('"Launch at login" shows the setting and flips it', () => {
    const item = (launchAtLogin: boolean) =>
      buildTrayMenu({
        snapshot: snapshotOf([]),
        settings: settingsWith({ launchAtLogin }),
        now: T0,
      }).find((i) => i.type === 'checkbox');
    expect(item(false)).toMatchObject({
      checked: false,
      action: { kind: 'set-launch-at-login', enabled: true },
    });
    expect(item(true)).toMatchObject({
      checked: true,
      action: { kind: 'set-launch-at-login', enabled: false },
    });
  });

  it('shows a chained profile with its source and without a console link', () => {
    const s = sessionView('dev-sso', { expiresInMs: HOUR, profiles: ['dev', 'deploy'] });
    const chained = profileView('deploy', 'dev-sso', {
      kind: 'chained',
      roleArn: 'arn:aws:iam::1:role/Deploy',
      sourceProfile: 'dev',
    });
    const menu = buildTrayMenu({
      snapshot: snapshotOf([s], [profileView('dev', 'dev-sso'), chained]),
      settings: settingsWith(),
      now: T0,
    });
    const deploy = submenu(submenu(menu, 'dev-sso').items, 'deploy');
    expect(deploy.label).toBe('deploy (role via dev)');
    expect(actionItem(deploy.items, 'Open AWS console')).toBeUndefined();
  });

  it('keeps & in names literal (Electron reads it as a mnemonic)', () => {
    expect(menuText('R&D')).toBe('R&&D');
    const s = sessionView('R&D', { expiresInMs: HOUR });
    expect(sessionHeadline(s, T0)).toBe('R&&D: 1h left');
  });
});

describe('conversion to the Electron template', () => {
  it('wires clicks to actions, disables labels, keeps submenus and checkboxes', () => {
    const seen: MenuAction[] = [];
    const template = toElectronTemplate(
      [
        { type: 'label', label: 'Info' },
        { type: 'separator' },
        { type: 'action', label: 'Go', action: { kind: 'open-window' }, enabled: false },
        { type: 'checkbox', label: 'Check', checked: true, action: { kind: 'quit' } },
        {
          type: 'submenu',
          label: 'More',
          items: [
            { type: 'action', label: 'Sub', action: { kind: 'open-preferences' }, enabled: true },
          ],
        },
      ],
      (a) => seen.push(a),
    );
    expect(template[0]).toEqual({ label: 'Info', enabled: false });
    expect(template[1]).toEqual({ type: 'separator' });
    expect(template[2]).toMatchObject({ label: 'Go', enabled: false });
    expect(template[3]).toMatchObject({ type: 'checkbox', checked: true });
    const sub = template[4]!.submenu as { click: () => void }[];
    sub[0]!.click();
    (template[3] as { click: () => void }).click();
    expect(seen).toEqual([{ kind: 'open-preferences' }, { kind: 'quit' }]);
  });
});

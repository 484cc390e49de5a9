// Small builders for view-model snapshots, for the pure tray and notification tests.
import { DEFAULT_SETTINGS, type Settings } from '../../../app/shared/api';
import type { ProfileView, Renewal, SessionView, Snapshot } from '../../../app/shared/model';
import { sessionLabel } from '../../../app/shared/session-label';

export const T0 = Date.parse('2026-01-01T12:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const at = (ms: number) => new Date(ms).toISOString();

/** The core's renewal truth, as the views receive it. */
export const RENEWS: Renewal = { mode: 'automatic', reason: null };
export const CANNOT_RENEW: Renewal = {
  mode: 'not-possible',
  reason: 'This sign-in has no refresh token.',
};

export function sessionView(
  name: string,
  fields: Partial<SessionView> & { expiresInMs?: number | null; now?: number } = {},
): SessionView {
  const { expiresInMs, now = T0, ...rest } = fields;
  const expiresAt =
    expiresInMs === undefined || expiresInMs === null ? null : at(now + expiresInMs);
  const state =
    rest.state ??
    (expiresAt === null
      ? 'signed-out'
      : expiresInMs! <= 0
        ? 'expired'
        : expiresInMs! <= 15 * MINUTE && rest.renewal?.mode !== 'automatic'
          ? 'expiring'
          : 'valid');
  const kind = rest.kind ?? 'sso-session';
  return {
    name,
    label: sessionLabel(kind, name),
    kind,
    startUrl: `https://${name}.awsapps.com/start`,
    region: 'us-east-1',
    expiresAt,
    renewal: CANNOT_RENEW,
    lastSignIn: null,
    tokenFile: `/home/u/.aws/sso/cache/${name}.json`,
    profiles: [],
    signIn: null,
    waiting: [],
    lastError: null,
    problems: [],
    ...rest,
    state,
  };
}

export function profileView(
  name: string,
  session: string,
  fields: Partial<ProfileView> = {},
): ProfileView {
  return {
    name,
    kind: 'sso',
    session,
    accountId: '111111111111',
    roleName: 'Developer',
    region: 'eu-west-1',
    problems: [],
    ...fields,
  };
}

export function snapshotOf(
  sessions: readonly SessionView[],
  profiles: readonly ProfileView[] = [],
  fields: Partial<Snapshot> = {},
): Snapshot {
  return {
    version: 1,
    generatedAt: at(T0),
    configFile: '/home/u/.aws/config',
    credentialsFile: '/home/u/.aws/credentials',
    cacheDir: '/home/u/.aws/sso/cache',
    sessions,
    profiles,
    problems: [],
    ...fields,
  };
}

export const settingsWith = (patch: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  ...patch,
});

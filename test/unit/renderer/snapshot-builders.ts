// Small snapshots for the window's pure helpers.
import type {
  Problem,
  ProfileView,
  Renewal,
  SessionState,
  SessionView,
  Snapshot,
} from '../../../app/shared/model';

export function session(
  name: string,
  state: SessionState,
  extra: Partial<Omit<SessionView, 'name' | 'state'>> = {},
): SessionView {
  const renewal: Renewal =
    state === 'valid'
      ? { mode: 'automatic', reason: null }
      : { mode: 'not-possible', reason: 'No refresh token.' };
  return {
    name,
    label: name,
    kind: 'sso-session',
    startUrl: `https://${name}.awsapps.com/start`,
    region: 'us-east-1',
    state,
    expiresAt: null,
    renewal,
    lastSignIn: null,
    tokenFile: `/home/u/.aws/sso/cache/${name}.json`,
    profiles: [],
    signIn: null,
    waiting: [],
    lastError: null,
    problems: [],
    ...extra,
  };
}

export function profile(
  name: string,
  sessionName: string | null,
  extra: Partial<Omit<ProfileView, 'name' | 'session'>> = {},
): ProfileView {
  return {
    name,
    kind: sessionName ? 'sso' : 'other',
    session: sessionName,
    accountId: sessionName ? '111111111111' : null,
    roleName: sessionName ? 'ReadOnly' : null,
    region: 'us-east-1',
    problems: [],
    ...extra,
  };
}

export function problem(code: string, message: string, extra: Partial<Problem> = {}): Problem {
  return { code, message, severity: 'error', file: null, line: null, ...extra };
}

export function snapshotOf(
  sessions: readonly SessionView[],
  profiles: readonly ProfileView[],
  problems: readonly Problem[] = [],
): Snapshot {
  return {
    version: 1,
    generatedAt: '2026-03-01T12:00:00.000Z',
    configFile: '/home/u/.aws/config',
    credentialsFile: '/home/u/.aws/credentials',
    cacheDir: '/home/u/.aws/sso/cache',
    sessions: sessions.map((s) => ({
      ...s,
      profiles: profiles.filter((p) => p.session === s.name).map((p) => p.name),
    })),
    profiles,
    problems,
  };
}

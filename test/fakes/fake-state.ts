// What the fake IAM Identity Center remembers between requests: registered
// clients, device codes, authorization codes and issued tokens, plus the knobs a
// test turns. Pure data and small decisions; the HTTP layer lives elsewhere.

import { randomBytes } from 'node:crypto';

export type FakeOperation =
  | 'RegisterClient'
  | 'StartDeviceAuthorization'
  | 'CreateToken'
  | 'Authorize'
  | 'VerifyDevice'
  | 'GetRoleCredentials'
  | 'ListAccounts'
  | 'ListAccountRoles'
  | 'Logout';

export const FAKE_OPERATIONS: readonly FakeOperation[] = [
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'Authorize',
  'VerifyDevice',
  'GetRoleCredentials',
  'ListAccounts',
  'ListAccountRoles',
  'Logout',
];

/** Fail the next `count` requests of an operation. */
export interface FakeFailure {
  /** HTTP status of the error reply, or `reset` to drop the connection without a reply. */
  status: number | 'reset';
  count: number;
  /** Error name for `x-amzn-ErrorType`; default InternalServerException (5xx) / TooManyRequestsException (429). */
  errorType?: string;
}

export interface FakeAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: string[];
}

export interface FakeKnobs {
  /**
   * AuthorizationPending replies every device code gives before it can succeed, even when the
   * user confirmed it at once (the real service keeps a client waiting while the user reads the page).
   */
  pollsBeforeApproval: number;
  /** Approve device codes by themselves once `pollsBeforeApproval` polls are spent (no visit needed). */
  autoApprove: boolean;
  /** SlowDown replies to device-code polls before anything else. */
  slowDownReplies: number;
  /** Device polls get AccessDenied; /authorize redirects with error=access_denied. */
  deny: boolean;
  deviceCodeTtlSeconds: number;
  /** The `interval` StartDeviceAuthorization returns. */
  deviceIntervalSeconds: number;
  accessTokenTtlSeconds: number;
  /** clientSecretExpiresAt = now + this. */
  registrationTtlSeconds: number;
  /** Issue refresh tokens (only to clients registered with scopes, as the real service). */
  issueRefreshTokens: boolean;
  /** A refresh returns a new refresh token and invalidates the old one. */
  rotateRefreshTokens: boolean;
  /** Every refresh_token grant fails with InvalidGrantException (the session really ended). */
  refreshRevoked: boolean;
  failures: Partial<Record<FakeOperation, FakeFailure>>;
  /** Milliseconds (real time) to wait before answering an operation. */
  delays: Partial<Record<FakeOperation, number>>;
  /**
   * Answer no request of an operation until this many of it have arrived (counting earlier
   * ones), then answer them in arrival order: rival clients' requests are in flight together.
   */
  holdUntil: Partial<Record<FakeOperation, number>>;
  accounts: FakeAccount[];
  /** Largest page ListAccounts / ListAccountRoles return. */
  pageSize: number;
  /** Expiration (epoch ms) of every role credential. */
  roleCredentialsExpiresAt: number;
}

export const DEFAULT_ACCOUNTS: readonly FakeAccount[] = [
  {
    accountId: '111111111111',
    accountName: 'dev',
    emailAddress: 'dev@example.com',
    roles: ['DeveloperAccess', 'ReadOnly'],
  },
  {
    accountId: '222222222222',
    accountName: 'prod',
    emailAddress: 'prod@example.com',
    roles: ['ReadOnly', 'AdministratorAccess'],
  },
];

export function defaultKnobs(now: number): FakeKnobs {
  return {
    pollsBeforeApproval: 2,
    autoApprove: false,
    slowDownReplies: 0,
    deny: false,
    deviceCodeTtlSeconds: 600,
    deviceIntervalSeconds: 1,
    accessTokenTtlSeconds: 8 * 3600,
    registrationTtlSeconds: 90 * 86_400,
    issueRefreshTokens: true,
    rotateRefreshTokens: true,
    refreshRevoked: false,
    failures: {},
    delays: {},
    holdUntil: {},
    accounts: DEFAULT_ACCOUNTS.map((a) => ({ ...a, roles: [...a.roles] })),
    pageSize: 10,
    roleCredentialsExpiresAt: Math.floor((now + 3_600_000) / 1000) * 1000,
  };
}

/**
 * Opt-in for a test that needs a device code to succeed on its first poll without anyone
 * visiting the verification page: `startFakeIdentityCenter({ knobs: FAST_APPROVAL })` or
 * `Object.assign(fake.knobs, FAST_APPROVAL)`. The defaults are the real service's.
 */
export const FAST_APPROVAL: Readonly<Pick<FakeKnobs, 'pollsBeforeApproval' | 'autoApprove'>> = {
  pollsBeforeApproval: 0,
  autoApprove: true,
};

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface RegisteredClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientName: string;
  readonly scopes: readonly string[] | null;
  readonly grantTypes: readonly string[] | null;
  readonly redirectUris: readonly string[] | null;
  readonly issuerUrl: string | null;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly expiresAt: number;
  polls: number;
  approved: boolean;
  denied: boolean;
  consumed: boolean;
  forcedExpired: boolean;
}

export interface AuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface AccessTokenRecord {
  readonly startUrl: string;
  readonly expiresAt: number;
  /** The Identity Center sign-in this token belongs to; Logout ends it. */
  readonly signInId: string;
}

export interface RefreshTokenRecord {
  readonly clientId: string;
  readonly startUrl: string;
  readonly signInId: string;
  valid: boolean;
}

export const randomToken = (prefix: string, bytes = 32) =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

function randomUserCode(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = () => letters[randomBytes(1)[0]! % letters.length];
  return `${Array.from({ length: 4 }, pick).join('')}-${Array.from({ length: 4 }, pick).join('')}`;
}

export class FakeState {
  readonly clients = new Map<string, RegisteredClient>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly endedSignIns = new Set<string>();

  constructor(
    readonly knobs: FakeKnobs,
    private readonly now: () => number,
  ) {}

  registerClient(input: {
    clientName: string;
    scopes: readonly string[] | null;
    grantTypes: readonly string[] | null;
    redirectUris: readonly string[] | null;
    issuerUrl: string | null;
  }): RegisteredClient {
    const client: RegisteredClient = {
      ...input,
      clientId: randomToken('', 16),
      clientSecret: randomToken('cs-', 48),
      expiresAt: Math.floor(this.now() / 1000) * 1000 + this.knobs.registrationTtlSeconds * 1000,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The client, if the id and secret match and the registration has not expired. */
  authenticateClient(
    clientId: string | null,
    clientSecret: string | null,
  ): { ok: true; client: RegisteredClient } | { ok: false; error: string } {
    const client = clientId ? this.clients.get(clientId) : undefined;
    if (!client || client.clientSecret !== clientSecret)
      return { ok: false, error: 'unknown client' };
    if (client.expiresAt <= this.now()) return { ok: false, error: 'client registration expired' };
    return { ok: true, client };
  }

  allowsGrant(client: RegisteredClient, grantType: string): boolean {
    if (client.grantTypes === null) return grantType !== 'authorization_code';
    return client.grantTypes.includes(grantType);
  }

  startDevice(clientId: string, startUrl: string): DeviceAuthorization {
    const device: DeviceAuthorization = {
      deviceCode: randomToken('dc-', 32),
      userCode: randomUserCode(),
      clientId,
      startUrl,
      expiresAt: this.now() + this.knobs.deviceCodeTtlSeconds * 1000,
      polls: 0,
      approved: false,
      denied: false,
      consumed: false,
      forcedExpired: false,
    };
    this.devices.set(device.deviceCode, device);
    return device;
  }

  findDevice(userCode?: string): DeviceAuthorization[] {
    return [...this.devices.values()].filter(
      (d) => !d.consumed && (userCode === undefined || d.userCode === userCode),
    );
  }

  createCode(input: Omit<AuthorizationCode, 'code' | 'used' | 'expiresAt'>): AuthorizationCode {
    const code: AuthorizationCode = {
      ...input,
      code: randomToken('code-', 24),
      expiresAt: this.now() + 5 * 60_000,
      used: false,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** Mints an access token (and a refresh token when the client may have one). */
  mintToken(
    client: RegisteredClient | null,
    startUrl: string,
    options: { ttlSeconds?: number; expiresAt?: number; refresh?: boolean; signInId?: string } = {},
  ) {
    const signInId = options.signInId ?? randomToken('signin-', 8);
    const accessToken = randomToken('aoa', 48);
    const expiresIn = options.ttlSeconds ?? this.knobs.accessTokenTtlSeconds;
    const expiresAt = options.expiresAt ?? this.now() + expiresIn * 1000;
    const wantsRefresh =
      options.refresh ??
      (client !== null && this.knobs.issueRefreshTokens && (client.scopes?.length ?? 0) > 0);
    const refreshToken = wantsRefresh && client ? randomToken('aor', 48) : undefined;
    this.accessTokens.set(accessToken, { startUrl, expiresAt, signInId });
    if (refreshToken && client) {
      this.refreshTokens.set(refreshToken, {
        clientId: client.clientId,
        startUrl,
        signInId,
        valid: true,
      });
    }
    return { accessToken, expiresIn, expiresAt, refreshToken };
  }

  /** The token record if the bearer token is known, unexpired and its sign-in not ended. */
  validBearer(token: string | undefined): AccessTokenRecord | null {
    const record = token ? this.accessTokens.get(token) : undefined;
    if (!record || this.endedSignIns.has(record.signInId) || record.expiresAt <= this.now()) {
      return null;
    }
    return record;
  }

  isEnded(signInId: string): boolean {
    return this.endedSignIns.has(signInId);
  }

  /** Logout: the sign-in ends, so its access and refresh tokens all stop working. */
  endSignIn(signInId: string): void {
    this.endedSignIns.add(signInId);
  }
}

// SSO-OIDC as the real service answers it: RegisterClient, StartDeviceAuthorization,
// CreateToken (device_code, authorization_code with PKCE S256, refresh_token),
// the /authorize page (approves and redirects) and the device verification page.

import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DEVICE_GRANT, type FakeState } from './fake-state';
import {
  redirect,
  sendHtml,
  sendJson,
  sendOidcError,
  stringField,
  stringListField,
} from './fake-wire';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function registerClient(
  state: FakeState,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  const clientName = stringField(body, 'clientName');
  const clientType = stringField(body, 'clientType');
  if (!clientName || !clientType) {
    return sendOidcError(res, 'InvalidRequestException', 'clientName and clientType are required');
  }
  if (clientType !== 'public') {
    return sendOidcError(res, 'InvalidClientMetadataException', 'clientType must be public');
  }
  const grantTypes = stringListField(body, 'grantTypes');
  const redirectUris = stringListField(body, 'redirectUris');
  if (grantTypes?.includes('authorization_code') && !redirectUris?.length) {
    return sendOidcError(
      res,
      'InvalidRequestException',
      'redirectUris are required for authorization_code',
    );
  }
  const client = state.registerClient({
    clientName,
    scopes: stringListField(body, 'scopes'),
    grantTypes,
    redirectUris,
    issuerUrl: stringField(body, 'issuerUrl'),
  });
  sendJson(res, 200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor((client.expiresAt - 1000 * 86_400 * 90) / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

export function startDeviceAuthorization(
  state: FakeState,
  baseUrl: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  const auth = state.authenticateClient(
    stringField(body, 'clientId'),
    stringField(body, 'clientSecret'),
  );
  if (!auth.ok) return sendOidcError(res, 'InvalidClientException', auth.error);
  const startUrl = stringField(body, 'startUrl');
  if (!startUrl) return sendOidcError(res, 'InvalidRequestException', 'startUrl is required');
  if (!state.allowsGrant(auth.client, DEVICE_GRANT)) {
    return sendOidcError(res, 'UnauthorizedClientException', 'device_code grant not registered');
  }
  const device = state.startDevice(auth.client.clientId, startUrl);
  sendJson(res, 200, {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: `${baseUrl}/device`,
    verificationUriComplete: `${baseUrl}/device?user_code=${device.userCode}`,
    expiresIn: state.knobs.deviceCodeTtlSeconds,
    interval: state.knobs.deviceIntervalSeconds,
  });
}

export function createToken(
  state: FakeState,
  body: Record<string, unknown>,
  res: ServerResponse,
  now: number,
): void {
  const auth = state.authenticateClient(
    stringField(body, 'clientId'),
    stringField(body, 'clientSecret'),
  );
  if (!auth.ok) return sendOidcError(res, 'InvalidClientException', auth.error);
  const { client } = auth;
  const grantType = stringField(body, 'grantType');
  if (
    grantType !== DEVICE_GRANT &&
    grantType !== 'authorization_code' &&
    grantType !== 'refresh_token'
  ) {
    return sendOidcError(res, 'UnsupportedGrantTypeException', `unsupported grant ${grantType}`);
  }
  if (!state.allowsGrant(client, grantType)) {
    return sendOidcError(res, 'UnauthorizedClientException', `${grantType} grant not registered`);
  }

  const issue = (startUrl: string, signInId?: string) => {
    const token = state.mintToken(client, startUrl, { signInId });
    sendJson(res, 200, {
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresIn: token.expiresIn,
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    });
  };

  if (grantType === DEVICE_GRANT) {
    const device = state.devices.get(stringField(body, 'deviceCode') ?? '');
    if (!device || device.consumed || device.clientId !== client.clientId) {
      return sendOidcError(res, 'InvalidGrantException', 'Invalid device code provided');
    }
    if (device.forcedExpired || device.expiresAt <= now) {
      return sendOidcError(res, 'ExpiredTokenException', 'Device code has expired');
    }
    if (state.knobs.slowDownReplies > 0) {
      state.knobs.slowDownReplies--;
      return sendOidcError(res, 'SlowDownException', 'Client is polling too quickly');
    }
    if (device.denied || state.knobs.deny) {
      device.consumed = true;
      return sendOidcError(res, 'AccessDeniedException', 'Access denied by the user');
    }
    const confirmed = device.approved || state.knobs.autoApprove;
    if (!confirmed || device.polls < state.knobs.pollsBeforeApproval) {
      device.polls++;
      return sendOidcError(res, 'AuthorizationPendingException', 'Authorization is pending');
    }
    device.consumed = true;
    return issue(device.startUrl);
  }

  if (grantType === 'authorization_code') {
    const code = state.codes.get(stringField(body, 'code') ?? '');
    if (!code || code.used || code.clientId !== client.clientId || code.expiresAt <= now) {
      return sendOidcError(res, 'InvalidGrantException', 'Invalid authorization code');
    }
    code.used = true;
    if (stringField(body, 'redirectUri') !== code.redirectUri) {
      return sendOidcError(res, 'InvalidGrantException', 'redirectUri does not match');
    }
    const verifier = stringField(body, 'codeVerifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (challenge !== code.codeChallenge) {
      return sendOidcError(res, 'InvalidGrantException', 'PKCE verification failed');
    }
    return issue(client.issuerUrl ?? '');
  }

  // refresh_token
  const refreshToken = stringField(body, 'refreshToken') ?? '';
  const record = state.refreshTokens.get(refreshToken);
  if (
    state.knobs.refreshRevoked ||
    !record ||
    !record.valid ||
    record.clientId !== client.clientId ||
    state.isEnded(record.signInId)
  ) {
    return sendOidcError(res, 'InvalidGrantException', 'Invalid refresh token provided');
  }
  if (state.knobs.rotateRefreshTokens) {
    record.valid = false;
    return issue(record.startUrl, record.signInId);
  }
  const token = state.mintToken(null, record.startUrl, { signInId: record.signInId });
  sendJson(res, 200, {
    accessToken: token.accessToken,
    tokenType: 'Bearer',
    expiresIn: token.expiresIn,
  });
}

function isLoopbackRedirect(registered: string, requested: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(requested);
    // RFC 8252 7.3: a loopback redirect matches whatever port the client picked.
    return (
      a.protocol === b.protocol &&
      a.hostname === b.hostname &&
      LOOPBACK_HOSTS.has(b.hostname) &&
      a.pathname === b.pathname &&
      (a.port === '' || a.port === b.port)
    );
  } catch {
    return false;
  }
}

/** GET /authorize: the user "signs in and allows"; the browser goes back to the redirect URI. */
export function authorize(state: FakeState, query: URLSearchParams, res: ServerResponse): void {
  const client = state.clients.get(query.get('client_id') ?? '');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!client || !client.redirectUris?.some((r) => isLoopbackRedirect(r, redirectUri))) {
    return sendHtml(res, 400, 'Invalid request', 'Unknown client or redirect URI.');
  }
  const back = new URL(redirectUri);
  const state_ = query.get('state');
  if (
    query.get('response_type') !== 'code' ||
    query.get('code_challenge_method') !== 'S256' ||
    !query.get('code_challenge')
  ) {
    back.searchParams.set('error', 'invalid_request');
    back.searchParams.set('error_description', 'PKCE S256 code challenge required');
  } else if (state.knobs.deny) {
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'The user denied access');
  } else {
    const code = state.createCode({
      clientId: client.clientId,
      redirectUri,
      codeChallenge: query.get('code_challenge')!,
    });
    back.searchParams.set('code', code.code);
  }
  if (state_ !== null) back.searchParams.set('state', state_);
  redirect(res, back.toString());
}

/** GET /device?user_code=...: the user confirms the code (or denies, with the deny knob). */
export function verifyDevice(state: FakeState, query: URLSearchParams, res: ServerResponse): void {
  const userCode = query.get('user_code');
  const [device] = userCode ? state.findDevice(userCode) : [];
  if (!device) {
    return sendHtml(res, 404, 'Unknown code', 'Enter the code shown by your application.');
  }
  if (state.knobs.deny) {
    device.denied = true;
    return sendHtml(res, 200, 'Access denied', 'You denied access.');
  }
  device.approved = true;
  sendHtml(res, 200, 'Request approved', 'You can close this window.');
}

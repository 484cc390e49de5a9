// Device authorization (docs/protocol.md, "Sign-in flows"): show the user code and
// verification page, then poll CreateToken at `interval`, slowing down by 5 s
// on SlowDown, and stop when the code expires (the AWS CLI never stops).

import type { NewToken } from '../token-cache/token-file';
import { AuthError } from './auth-error';
import {
  call,
  obtainRegistration,
  sleep,
  tokenFromResponse,
  type CreateTokenResult,
  type FlowContext,
} from './flow-context';

export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;

interface DeviceAuthorization {
  readonly deviceCode?: string;
  readonly userCode?: string;
  readonly verificationUri?: string;
  readonly verificationUriComplete?: string;
  readonly expiresIn?: number;
  readonly interval?: number;
}

export async function runDeviceFlow(ctx: FlowContext): Promise<NewToken> {
  const { target, clock, signal } = ctx;
  ctx.progress({ phase: 'registering' });
  const registration = await obtainRegistration(ctx, 'device-code');
  const auth: DeviceAuthorization = await call(ctx, (signal) =>
    ctx.oidc.startDeviceAuthorization(
      {
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl: target.startUrl,
      },
      signal,
    ),
  );
  const url = auth.verificationUriComplete ?? auth.verificationUri;
  if (!auth.deviceCode || !auth.userCode || !url || !auth.expiresIn) {
    throw new AuthError(
      'service-error',
      `IAM Identity Center returned an incomplete device authorization for ${target.name}.`,
    );
  }
  const deadline = clock.now() + auth.expiresIn * 1000;
  ctx.progress({ phase: 'waiting-for-user-code', url, userCode: auth.userCode });
  await ctx.present({ url, userCode: auth.userCode, verificationUri: auth.verificationUri });

  let intervalMs = (auth.interval ?? DEFAULT_INTERVAL_S) * 1000;
  for (;;) {
    try {
      const response: CreateTokenResult = await call(ctx, (signal) =>
        ctx.oidc.createToken(
          {
            grantType: DEVICE_GRANT_TYPE,
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            deviceCode: auth.deviceCode,
          },
          signal,
        ),
      );
      ctx.progress({ phase: 'writing-token' });
      return tokenFromResponse(target, registration, response, clock.now());
    } catch (error) {
      const name = error instanceof AuthError ? error.serviceError : null;
      if (name === 'SlowDownException') intervalMs += SLOW_DOWN_S * 1000;
      else if (name !== 'AuthorizationPendingException') throw error;
    }
    if (clock.now() + intervalMs >= deadline) {
      throw new AuthError(
        'device-code-expired',
        `The code ${auth.userCode} was not confirmed before it expired; sign in to ${target.name} again.`,
      );
    }
    await sleep(clock, intervalMs, signal);
  }
}

// Authorization code with PKCE (docs/protocol.md, "Sign-in flows"): register (or
// reuse) a client with the authorization_code grant, listen on the loopback,
// send the browser to /authorize, take the code from the redirect, exchange it.

import type { NewToken } from '../token-cache/token-file';
import {
  call,
  obtainRegistration,
  tokenFromResponse,
  wantedScopes,
  DEFAULT_SCOPES,
  type CreateTokenResult,
  type FlowContext,
} from './flow-context';
import { startLoopbackListener } from './loopback-listener';
import { buildAuthorizeUrl, codeChallenge, createCodeVerifier, createState } from './pkce';

export async function runPkceFlow(ctx: FlowContext): Promise<NewToken> {
  const { target, clock, signal } = ctx;
  ctx.progress({ phase: 'registering' });
  const registration = await obtainRegistration(ctx, 'pkce');
  const verifier = createCodeVerifier();
  const state = createState();
  const listener = await startLoopbackListener({
    expectedState: state,
    clock,
    signal,
    timeoutMs: ctx.loopbackTimeoutMs,
    sessionLabel: target.name,
  });
  try {
    const url = buildAuthorizeUrl({
      endpoint: await ctx.oidc.baseUrl(),
      clientId: registration.clientId,
      redirectUri: listener.redirectUri,
      state,
      scopes: wantedScopes(target, 'pkce') ?? DEFAULT_SCOPES,
      codeChallenge: codeChallenge(verifier),
    });
    ctx.progress({ phase: 'waiting-for-browser', url });
    await ctx.present({ url });
    const code = await listener.code;
    ctx.progress({ phase: 'exchanging-code' });
    const response: CreateTokenResult = await call(ctx, (signal) =>
      ctx.oidc.createToken(
        {
          grantType: 'authorization_code',
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          redirectUri: listener.redirectUri,
          codeVerifier: verifier,
          code,
        },
        signal,
      ),
    );
    ctx.progress({ phase: 'writing-token' });
    return tokenFromResponse(target, registration, response, clock.now());
  } finally {
    await listener.close();
  }
}

// STS AssumeRole over the real @aws-sdk/client-sts, loaded on first use so
// commands that never assume a role do not load it. The endpoint override
// comes from the core's environment (AWS_ENDPOINT_URL_STS, then
// AWS_ENDPOINT_URL) and never from ~/.aws/config: the request carries the
// source's session token. Every call has connect, response and total deadlines.

import { isNetworkError, serviceErrorName } from '../auth/auth-error';
import {
  configuredEndpoint,
  hostOf,
  requestHandlerOptions,
  type PendingCalls,
} from '../aws/network';
import { loadStsSdk } from '../aws/sdk';
import { systemClock } from '../clock';
import type { Env } from '../env';
import { CredentialsError } from './credentials-error';
import type { AssumeRoleHop, StsSettings } from './role-chain';
import type { RoleCredentials } from './role-credentials';

export interface AssumeRoleCall {
  readonly hop: AssumeRoleHop;
  /** The session name sent (the hop's, or the default made for this call). */
  readonly roleSessionName: string;
  /** The code the user typed, when the hop has an mfa_serial. */
  readonly tokenCode: string | null;
  /** The profile the signing credentials belong to, for messages. */
  readonly sourceProfile: string;
}

export interface RoleAssumer {
  /** The role's credentials (throws CredentialsError; messages never carry a secret). */
  assumeRole(
    source: RoleCredentials,
    call: AssumeRoleCall,
    sts: StsSettings,
  ): Promise<RoleCredentials>;
}

export interface StsDeadlines {
  /** Until the TCP (and TLS) connection is up. */
  readonly connectMs: number;
  /** Until the answer arrives on an open connection, per attempt. */
  readonly responseMs: number;
  /** The whole call, retries included. */
  readonly totalMs: number;
}

export const DEFAULT_STS_DEADLINES: StsDeadlines = {
  connectMs: 10_000,
  responseMs: 30_000,
  totalMs: 60_000,
};

/**
 * botocore without a region uses the global endpoint, sts.amazonaws.com signed
 * for us-east-1 (it refuses with NoRegionError only when an endpoint override is
 * set); with sts_regional_endpoints = legacy, the endpoint rule set sends the
 * legacy global regions there too (docs/role-chaining.md).
 */
function clientRegion(sts: StsSettings): { region: string; useGlobalEndpoint: boolean } {
  if (sts.region === null) return { region: 'us-east-1', useGlobalEndpoint: true };
  return { region: sts.region, useGlobalEndpoint: sts.regionalEndpoints === 'legacy' };
}

/** Why STS refused a ValidationError, in the config's words (its message may quote values). */
function validationHint(message: string): string {
  if (/1 hour session limit/i.test(message))
    return 'duration_seconds is above 3600, the most STS allows for a role assumed with role credentials';
  if (/MaxSessionDuration/i.test(message))
    return "duration_seconds is above the role's maximum session duration";
  const field = /at '(\w+)'/.exec(message)?.[1];
  const key: Record<string, string> = {
    durationSeconds: 'duration_seconds',
    roleSessionName: 'role_session_name',
    externalId: 'external_id',
    roleArn: 'role_arn',
    serialNumber: 'mfa_serial',
    tokenCode: 'the MFA code (6 digits)',
  };
  return field && key[field] ? `${key[field]} is not valid` : 'a setting is not valid';
}

/** Turns an SDK failure into a CredentialsError built from names only. */
export function toStsCredentialsError(
  error: unknown,
  call: AssumeRoleCall,
  timedOut = false,
): CredentialsError {
  if (error instanceof CredentialsError) return error;
  const { profile, roleArn, mfaSerial } = call.hop;
  const name = serviceErrorName(error);
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : '';
  switch (name) {
    case 'AccessDenied':
      if (mfaSerial !== null && /MultiFactorAuthentication/i.test(text)) {
        return new CredentialsError(
          'access-denied',
          `STS did not accept the MFA code from ${mfaSerial} for profile "${profile}"; try again with a new code.`,
        );
      }
      return new CredentialsError(
        'access-denied',
        `STS denied profile "${profile}" the role ${roleArn} (AccessDenied): the role's trust policy does not allow the credentials of "${call.sourceProfile}"${call.hop.externalId !== null ? ' with this external_id' : ''}${mfaSerial === null ? ' (or it requires MFA)' : ''}.`,
      );
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
      return new CredentialsError(
        'access-denied',
        `STS does not accept the credentials of profile "${call.sourceProfile}" (${name}), needed for profile "${profile}"; check its keys.`,
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return new CredentialsError(
        'session-expired',
        `The credentials of profile "${call.sourceProfile}" have expired (${name}); profile "${profile}" needs fresh ones.`,
      );
    case 'ValidationError':
      return new CredentialsError(
        'chain-invalid',
        `STS refused to assume ${roleArn} for profile "${profile}": ${validationHint(text)}.`,
      );
    case 'RegionDisabledException':
      return new CredentialsError(
        'service-error',
        `STS is not activated in this region for the account of ${roleArn} (profile "${profile}"); set another region.`,
      );
  }
  if (name !== null) {
    return new CredentialsError(
      'service-error',
      `STS answered ${name.replace(/[^\w.-]/g, '')} for profile "${profile}".`,
    );
  }
  const errorName = (error as { name?: unknown } | null)?.name;
  // The SDK's handler says TimeoutError for both deadlines; only the connect one says "connection".
  if (errorName === 'TimeoutError' && /establish(?:ing)? a connection/i.test(text)) {
    return new CredentialsError(
      'network',
      `Could not connect to STS in time for profile "${profile}". Check the network and try again.`,
    );
  }
  if (timedOut || errorName === 'AbortError' || errorName === 'TimeoutError') {
    return new CredentialsError('network', `STS did not answer in time for profile "${profile}".`);
  }
  if (isNetworkError(error)) {
    const code = (error as { code?: unknown }).code;
    return new CredentialsError(
      'network',
      `Could not reach STS${typeof code === 'string' ? ` (${code})` : ''} for profile "${profile}". Check the network and try again.`,
    );
  }
  return new CredentialsError(
    'service-error',
    `Unexpected failure assuming ${roleArn} for profile "${profile}".`,
  );
}

export function createStsRoleAssumer(env: Env, deadlines: Partial<StsDeadlines> = {}): RoleAssumer {
  const limits = { ...DEFAULT_STS_DEADLINES, ...deadlines };
  return {
    async assumeRole(source, call, sts) {
      const { STSClient, AssumeRoleCommand } = await loadStsSdk();
      const endpoint = configuredEndpoint(env, 'STS');
      const client = new STSClient({
        ...clientRegion(sts),
        ...(endpoint ? { endpoint } : {}),
        ignoreConfiguredEndpointUrls: true,
        credentials: {
          accessKeyId: source.accessKeyId,
          secretAccessKey: source.secretAccessKey,
          ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
        },
        requestHandler: requestHandlerOptions(limits),
      });
      const abort = new AbortController();
      const timer = systemClock.setTimer(limits.totalMs, () => abort.abort());
      const { hop } = call;
      try {
        const out = await client.send(
          new AssumeRoleCommand({
            RoleArn: hop.roleArn,
            RoleSessionName: call.roleSessionName,
            ...(hop.externalId !== null ? { ExternalId: hop.externalId } : {}),
            ...(hop.durationSeconds !== null ? { DurationSeconds: hop.durationSeconds } : {}),
            ...(hop.mfaSerial !== null ? { SerialNumber: hop.mfaSerial } : {}),
            ...(call.tokenCode !== null ? { TokenCode: call.tokenCode } : {}),
          }),
          { abortSignal: abort.signal },
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) {
          throw new CredentialsError(
            'service-error',
            `STS returned no credentials for profile "${hop.profile}".`,
          );
        }
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken || null,
          expiration: c.Expiration instanceof Date ? c.Expiration.getTime() : null,
        };
      } catch (error) {
        throw toStsCredentialsError(error, call, abort.signal.aborted);
      } finally {
        timer.cancel();
        client.destroy();
      }
    },
  };
}

/**
 * Records each AssumeRole among the calls in flight while it runs, so an
 * overall deadline names STS (and where it was sent) when it does not answer.
 */
export function recordedAssumer(
  assumer: RoleAssumer,
  pending: PendingCalls,
  env: Env,
): RoleAssumer {
  return {
    async assumeRole(source, call, sts) {
      const endpoint = configuredEndpoint(env, 'STS');
      const label = `STS (${endpoint ? hostOf(endpoint) : (sts.region ?? 'global endpoint')})`;
      pending.add(label);
      try {
        return await assumer.assumeRole(source, call, sts);
      } finally {
        pending.remove(label);
      }
    },
  };
}

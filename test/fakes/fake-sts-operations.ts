// What STS decides for AssumeRole and GetCallerIdentity, after the request's
// signature was checked: parameter validation with the service's own messages,
// the role's trust rules (external id, MFA), session-length limits, then
// credentials. Returns an answer for the HTTP layer to write.

import {
  issuedCredentials,
  parseRoleArn,
  type FakeStsCaller,
  type FakeStsCredentialStore,
} from './fake-sts-credentials';
import { escapeXml, stsTimestamp, type StsErrorCode } from './fake-sts-wire';

export interface FakeStsRole {
  /** `arn:aws:iam::<account>:role/<name>` */
  readonly arn: string;
  /** The role's MaxSessionDuration in seconds (IAM default 3600). */
  readonly maxSessionDuration?: number;
  /** The trust policy's `sts:ExternalId` condition. */
  readonly externalId?: string;
  /** The trust policy's `aws:MultiFactorAuthPresent` condition. */
  readonly mfaRequired?: boolean;
  /** Which principals the trust policy admits; default every caller the fake knows. */
  readonly trusts?: (caller: FakeStsCaller) => boolean;
}

export interface FakeStsKnobs {
  /** Roles that exist; AssumeRole of any other role is AccessDenied, as for a missing role. */
  roles: FakeStsRole[];
  /** MFA devices: serial -> the code the device shows now. Each code is accepted once. */
  mfaDevices: Record<string, string>;
  /** Fixed `Expiration` (epoch ms) of every issued credential; null: now + DurationSeconds. */
  expiresAt: number | null;
  failures: Partial<
    Record<FakeStsOperation, { status: number | 'reset'; count: number; code?: string }>
  >;
  /** Milliseconds (real time) to wait before answering. */
  delays: Partial<Record<FakeStsOperation, number>>;
}

export type FakeStsOperation = 'AssumeRole' | 'GetCallerIdentity';

export type StsAnswer =
  | { readonly ok: true; readonly action: FakeStsOperation; readonly xml: string }
  | { readonly ok: false; readonly code: StsErrorCode; readonly message: string };

const fail = (code: StsErrorCode, message: string): StsAnswer => ({ ok: false, code, message });

/** One constraint check in the service's words ("Value 'x' at 'roleSessionName' failed to ..."). */
function checkString(
  errors: string[],
  field: string,
  value: string | undefined,
  rule: { required?: boolean; min: number; max: number; pattern: string },
): void {
  if (value === undefined) {
    if (rule.required)
      errors.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  const at = `Value '${value}' at '${field}' failed to satisfy constraint: Member must`;
  if (value.length < rule.min)
    errors.push(`${at} have length greater than or equal to ${rule.min}`);
  if (value.length > rule.max) errors.push(`${at} have length less than or equal to ${rule.max}`);
  if (!new RegExp(`^${rule.pattern}$`).test(value))
    errors.push(`${at} satisfy regular expression pattern: ${rule.pattern}`);
}

function validate(params: Readonly<Record<string, string>>): string | null {
  const errors: string[] = [];
  checkString(errors, 'roleArn', params.RoleArn, {
    required: true,
    min: 20,
    max: 2048,
    pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD]+',
  });
  checkString(errors, 'roleSessionName', params.RoleSessionName, {
    required: true,
    min: 2,
    max: 64,
    pattern: '[\\w+=,.@-]*',
  });
  checkString(errors, 'externalId', params.ExternalId, {
    min: 2,
    max: 1224,
    pattern: '[\\w+=,.@:\\/-]*',
  });
  checkString(errors, 'serialNumber', params.SerialNumber, {
    min: 9,
    max: 256,
    pattern: '[\\w+=/:,.@-]*',
  });
  checkString(errors, 'tokenCode', params.TokenCode, { min: 6, max: 6, pattern: '[\\d]*' });
  if (params.DurationSeconds !== undefined) {
    const duration = Number(params.DurationSeconds);
    const at = `Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must`;
    if (!/^-?\d+$/.test(params.DurationSeconds)) errors.push(`${at} be an integer`);
    else if (duration < 900) errors.push(`${at} have value greater than or equal to 900`);
    else if (duration > 43200) errors.push(`${at} have value less than or equal to 43200`);
  }
  if (errors.length === 0) return null;
  const n = errors.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`;
}

export interface AssumeRoleContext {
  readonly knobs: FakeStsKnobs;
  readonly store: FakeStsCredentialStore;
  readonly now: number;
  readonly usedMfaCodes: Set<string>;
}

export function assumeRole(
  params: Readonly<Record<string, string>>,
  caller: FakeStsCaller,
  context: AssumeRoleContext,
): StsAnswer {
  const invalid = validate(params);
  if (invalid) return fail('ValidationError', invalid);
  const roleArn = params.RoleArn!;
  const sessionName = params.RoleSessionName!;
  const denied = fail(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  const role = context.knobs.roles.find((r) => r.arn === roleArn);
  const parsed = parseRoleArn(roleArn);
  if (!role || !parsed || (role.trusts && !role.trusts(caller))) return denied;

  let mfaPresent = false;
  if (params.SerialNumber !== undefined || params.TokenCode !== undefined) {
    const serial = params.SerialNumber;
    const expected = serial === undefined ? undefined : context.knobs.mfaDevices[serial];
    if (expected === undefined || params.TokenCode === undefined) {
      return fail(
        'AccessDenied',
        'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
      );
    }
    const use = `${serial}:${params.TokenCode}`;
    if (params.TokenCode !== expected || context.usedMfaCodes.has(use)) {
      return fail(
        'AccessDenied',
        'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      );
    }
    context.usedMfaCodes.add(use);
    mfaPresent = true;
  }
  if (role.mfaRequired && !mfaPresent) return denied;
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) return denied;

  const duration = params.DurationSeconds === undefined ? 3600 : Number(params.DurationSeconds);
  if (caller.kind !== 'iam-user' && duration > 3600) {
    return fail(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > (role.maxSessionDuration ?? 3600)) {
    return fail(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }

  const expiration =
    context.knobs.expiresAt ?? Math.floor(context.now / 1000) * 1000 + duration * 1000;
  const credentials = issuedCredentials(roleArn, caller.accessKeyId, expiration);
  context.store.remember(credentials, roleArn, sessionName);
  const roleId = `AROA${credentials.accessKeyId.slice(4, 21)}`;
  const xml =
    `    <AssumedRoleUser>\n` +
    `      <AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId>\n` +
    `      <Arn>arn:aws:sts::${parsed.account}:assumed-role/${escapeXml(parsed.name)}/${escapeXml(sessionName)}</Arn>\n` +
    `    </AssumedRoleUser>\n` +
    `    <Credentials>\n` +
    `      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n` +
    `      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>\n` +
    `      <SessionToken>${credentials.sessionToken}</SessionToken>\n` +
    `      <Expiration>${stsTimestamp(credentials.expiration)}</Expiration>\n` +
    `    </Credentials>\n`;
  return { ok: true, action: 'AssumeRole', xml };
}

export function getCallerIdentity(caller: FakeStsCaller): StsAnswer {
  const xml =
    `    <Arn>${escapeXml(caller.arn)}</Arn>\n` +
    `    <UserId>${caller.kind === 'iam-user' ? caller.accessKeyId : `AROA${caller.accessKeyId.slice(4, 21)}:${escapeXml(caller.arn.split('/').pop() ?? '')}`}</UserId>\n` +
    `    <Account>${caller.account}</Account>\n`;
  return { ok: true, action: 'GetCallerIdentity', xml };
}

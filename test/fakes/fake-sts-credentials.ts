// The credentials the fake STS knows: who signed a request and whether that is
// allowed. Three kinds, as in a real account: IAM user keys a test registers,
// the role credentials the fake IAM Identity Center hands out (deterministic per
// account and role), and the session credentials STS itself issued.
// Issued credentials are deterministic per (role, caller key), so two tools that
// assume the same chain get byte-identical keys and can be compared.

import { createHash, randomBytes } from 'node:crypto';
import { fakeRoleCredentials } from './fake-role-credentials';
import type { FakeAccount } from './fake-state';

export type FakeCallerKind = 'iam-user' | 'sso-role' | 'assumed-role';

export interface FakeStsCaller {
  readonly kind: FakeCallerKind;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Required on every request signed with temporary credentials. */
  readonly sessionToken: string | null;
  /** The principal, as it appears in AccessDenied messages and GetCallerIdentity. */
  readonly arn: string;
  readonly account: string;
  /** Epoch ms, or null for IAM user keys. */
  readonly expiresAt: number | null;
}

export interface IssuedStsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch ms (whole seconds, as STS writes it). */
  readonly expiration: number;
}

/** What the fake needs from a fake IAM Identity Center to trust its role credentials. */
export interface IdentityCenterTrust {
  readonly knobs: {
    readonly accounts: readonly FakeAccount[];
    readonly roleCredentialsExpiresAt: number;
  };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function issuedCredentials(
  roleArn: string,
  callerAccessKeyId: string,
  expiration: number,
): IssuedStsCredentials {
  const id = `${roleArn}|${callerAccessKeyId}`;
  const token = Buffer.concat(Array.from({ length: 6 }, (_, i) => digest(`sts-token:${i}:${id}`)));
  return {
    accessKeyId: `ASIA${digest(`sts-key:${id}`).toString('hex').toUpperCase().slice(0, 16)}`,
    secretAccessKey: Buffer.concat([digest(`sts-secret:${id}`), digest(`sts-secret2:${id}`)])
      .toString('base64')
      .slice(0, 40),
    sessionToken: `FwoGZXIvYXdzE${token.toString('base64')}`,
    expiration,
  };
}

/** `arn:aws:iam::333333333333:role/path/Deploy` -> { account, name: 'Deploy' }, or null. */
export function parseRoleArn(arn: string): { account: string; name: string } | null {
  const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(
    arn,
  );
  return match ? { account: match[1]!, name: match[2]! } : null;
}

export class FakeStsCredentialStore {
  private readonly staticKeys = new Map<string, FakeStsCaller>();
  private readonly issued = new Map<string, FakeStsCaller>();

  constructor(private readonly identityCenter: IdentityCenterTrust | null) {}

  addStaticKeys(input: {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
    arn?: string;
  }): FakeStsCaller {
    const arn = input.arn ?? 'arn:aws:iam::444444444444:user/ci';
    const caller: FakeStsCaller = {
      kind: 'iam-user',
      accessKeyId: input.accessKeyId ?? `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: input.secretAccessKey ?? randomBytes(30).toString('base64'),
      sessionToken: input.sessionToken ?? null,
      arn,
      account: arn.split(':')[4] ?? '444444444444',
      expiresAt: null,
    };
    this.staticKeys.set(caller.accessKeyId, caller);
    return caller;
  }

  remember(issued: IssuedStsCredentials, roleArn: string, sessionName: string): void {
    const role = parseRoleArn(roleArn)!;
    this.issued.set(issued.accessKeyId, {
      kind: 'assumed-role',
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
      account: role.account,
      expiresAt: issued.expiration,
    });
  }

  find(accessKeyId: string): FakeStsCaller | null {
    return (
      this.staticKeys.get(accessKeyId) ??
      this.issued.get(accessKeyId) ??
      this.findIdentityCenterRole(accessKeyId)
    );
  }

  private findIdentityCenterRole(accessKeyId: string): FakeStsCaller | null {
    if (!this.identityCenter) return null;
    const { accounts, roleCredentialsExpiresAt } = this.identityCenter.knobs;
    for (const account of accounts) {
      for (const role of account.roles) {
        const c = fakeRoleCredentials(account.accountId, role, roleCredentialsExpiresAt);
        if (c.accessKeyId !== accessKeyId) continue;
        const suffix = digest(`${account.accountId}:${role}`).toString('hex').slice(0, 16);
        return {
          kind: 'sso-role',
          accessKeyId,
          secretAccessKey: c.secretAccessKey,
          sessionToken: c.sessionToken,
          arn: `arn:aws:sts::${account.accountId}:assumed-role/AWSReservedSSO_${role}_${suffix}/sso-user`,
          account: account.accountId,
          expiresAt: c.expiration,
        };
      }
    }
    return null;
  }
}

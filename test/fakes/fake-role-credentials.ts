// Deterministic role credentials: the same (account, role) always gets the same
// keys, so an export made by us and one made by the AWS CLI can be compared byte
// for byte. The values look like real ones (ASIA..., base64 with + / =).

import { createHash } from 'node:crypto';

export interface FakeRoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds, as the portal sends it. */
  readonly expiration: number;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function fakeRoleCredentials(
  accountId: string,
  roleName: string,
  expiration: number,
): FakeRoleCredentials {
  const id = `${accountId}:${roleName}`;
  const tokenBytes = Buffer.concat(
    Array.from({ length: 5 }, (_, i) => digest(`session-token:${i}:${id}`)),
  );
  return {
    accessKeyId: `ASIA${digest(`access-key:${id}`).toString('hex').toUpperCase().slice(0, 16)}`,
    secretAccessKey: Buffer.concat([digest(`secret:${id}`), digest(`secret2:${id}`)])
      .toString('base64')
      .slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${tokenBytes.toString('base64')}`,
    expiration,
  };
}

// Finding secrets in text the user (or a log, or the window) gets to see.
// Two nets: the exact values this test world holds (token cache files,
// everything the fake received, the role credentials it hands out), and the
// shapes of the fake's secrets (access and refresh tokens, client secrets,
// device and authorization codes, role credentials, federation sign-in
// tokens), which also catch values the test never saw.
import type { FakeIdentityCenter } from '../../fakes/fake-identity-center';
export { cacheSecrets } from '../../support/cache-secrets';

/** Shapes of the fake IAM Identity Center's secrets (test/fakes/fake-state.ts). */
const SECRET_SHAPES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'access token', pattern: /aoa[A-Za-z0-9_-]{40,}/ },
  { kind: 'refresh token', pattern: /aor[A-Za-z0-9_-]{40,}/ },
  { kind: 'client secret', pattern: /cs-[A-Za-z0-9_-]{40,}/ },
  { kind: 'device code', pattern: /dc-[A-Za-z0-9_-]{30,}/ },
  { kind: 'authorization code', pattern: /code-[A-Za-z0-9_-]{30,}/ },
  { kind: 'role access key id', pattern: /ASIA[0-9A-F]{16}/ },
  { kind: 'role session token', pattern: /IQoJb3JpZ2luX2Vj[A-Za-z0-9+/=]{20,}/ },
  { kind: 'federation sign-in token', pattern: /SigninToken=[^&\s"]{8,}/ },
];

/** Every secret the fake received or would hand out for these accounts. */
export function fakeSecrets(
  fake: FakeIdentityCenter,
  roles: readonly (readonly [string, string])[] = [],
): string[] {
  const fromRequests = fake.requests.flatMap((r) => [
    r.body?.clientSecret,
    r.body?.refreshToken,
    r.body?.code,
    r.body?.codeVerifier,
    r.body?.deviceCode,
    r.body?.accessToken,
    r.headers['x-amz-sso_bearer_token'],
  ]);
  const credentials = roles.flatMap(([account, role]) => {
    const c = fake.roleCredentials(account, role);
    return [c.accessKeyId, c.secretAccessKey, c.sessionToken];
  });
  return [...fromRequests, ...credentials].filter(
    (v): v is string => typeof v === 'string' && v.length >= 8,
  );
}

export interface SecretFinding {
  readonly kind: string;
  /** Where it was found (the label the caller gave the text). */
  readonly where: string;
  /** A few characters of context, never the whole secret. */
  readonly near: string;
}

/** Secrets in `text`: known values, and anything shaped like one of the fake's secrets. */
export function findSecrets(text: string, known: Iterable<string>, where: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const value of new Set(known)) {
    const at = text.indexOf(value);
    if (value.length >= 8 && at >= 0) {
      findings.push({
        kind: 'known secret value',
        where,
        near: text.slice(Math.max(0, at - 20), at + 4),
      });
    }
  }
  for (const { kind, pattern } of SECRET_SHAPES) {
    const match = pattern.exec(text);
    if (match) {
      findings.push({
        kind,
        where,
        near: text.slice(Math.max(0, match.index - 20), match.index + 6),
      });
    }
  }
  return findings;
}

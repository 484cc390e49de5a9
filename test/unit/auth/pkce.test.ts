// PKCE pieces exactly as the protocol doc says: verifier alphabet and length,
// S256 challenge, and the authorize URL byte for byte.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  codeChallenge,
  createCodeVerifier,
  createState,
  encodeRfc3986,
} from '../../../app/core/auth/pkce';

describe('PKCE', () => {
  it('makes 64-character verifiers from the unreserved alphabet, different every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createCodeVerifier()));
    expect(verifiers.size).toBe(50);
    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
  });

  it('derives the S256 challenge: base64url(sha256(verifier)), no padding (python3 oracle)', () => {
    const verifiers = [createCodeVerifier(), createCodeVerifier(), 'a'.repeat(64)];
    const python = execFileSync(
      'python3',
      [
        '-c',
        'import base64, hashlib, sys\nfor v in sys.argv[1:]: print(base64.urlsafe_b64encode(hashlib.sha256(v.encode()).digest()).rstrip(b"=").decode())',
        ...verifiers,
      ],
      { encoding: 'utf8' },
    );
    expect(verifiers.map(codeChallenge).join('\n') + '\n').toBe(python);
  });

  it('uses uuid4 states', () => {
    expect(createState()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('percent-encodes like Python quote(safe=""): space is %20, only -._~ stay', () => {
    expect(encodeRfc3986("a b/c:d!e'f(g)h*i~j.k_l-m+n")).toBe(
      'a%20b%2Fc%3Ad%21e%27f%28g%29h%2Ai~j.k_l-m%2Bn',
    );
  });

  it("builds the authorize URL in the CLI's parameter order, challenge last", () => {
    expect(
      buildAuthorizeUrl({
        endpoint: 'https://oidc.us-east-1.amazonaws.com',
        clientId: 'abc_DEF-123',
        redirectUri: 'http://127.0.0.1:53121/oauth/callback',
        state: '0b6b6b3a-5a1e-4d3b-9b8e-1f2a3b4c5d6e',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    ).toBe(
      'https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=abc_DEF-123' +
        '&redirect_uri=http%3A%2F%2F127.0.0.1%3A53121%2Foauth%2Fcallback' +
        '&state=0b6b6b3a-5a1e-4d3b-9b8e-1f2a3b4c5d6e&code_challenge_method=S256' +
        '&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions' +
        '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

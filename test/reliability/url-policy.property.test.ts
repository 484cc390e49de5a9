// shell.openExternal must only ever receive the kinds of URLs the app builds
// (app/core/url-policy.ts through app/main/url-opener.ts). Generated inputs:
// the URLs the app's own builders make (all accepted), those URLs mutated the
// ways attackers smuggle a host (userinfo, look-alike and suffixed hosts,
// other schemes, ports, backslashes, percent-encoding, IDN, whitespace), and
// random URLs. The oracle is independent of the policy's patterns: whatever is
// opened must be https on the default port, without credentials, on an
// AWS-owned domain or a configured start URL host (or exactly a configured
// endpoint override origin).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../app/core/auth/pkce';
import { consoleHomeUrl, partitionOfRegion } from '../../app/core/console/partitions';
import { portalConsoleUrl } from '../../app/core/console/portal-link';
import { policyChecked } from '../../app/core/browser/launch-url';
import { checkExternalUrl, type UrlPolicyContext } from '../../app/core/browser/url-policy';
import { runs, SEED } from './scale';
import { reportFigures } from './support/report';

const START_URLS = ['https://d-abc123.awsapps.com/start', 'https://sso.example.com/start/'];
const OVERRIDE = 'http://127.0.0.1:4455';
const CONTEXT: UrlPolicyContext = { startUrls: START_URLS, endpointOverrides: [OVERRIDE] };

const AWS_OWNED_SUFFIXES = [
  '.amazonaws.com',
  '.amazonaws.com.cn',
  '.amazon.com',
  '.amazonaws-us-gov.com',
  '.amazonaws.cn',
];
const startHosts = new Set(START_URLS.map((u) => new URL(u).hostname));

/** Independent of url-policy's patterns: where an opened URL may lead at all. */
function safeToOpen(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.origin === OVERRIDE) return true;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname;
  return startHosts.has(host) || AWS_OWNED_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'ap-southeast-2',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'ca-central-1',
];

/** URLs built by the app's own builders, as the sign-in and console flows make them. */
const builtUrl = fc.oneof(
  fc
    .record({ region: fc.constantFrom(...REGIONS), state: fc.uuid(), client: fc.string() })
    .map(({ region, state, client }) =>
      buildAuthorizeUrl({
        endpoint: `https://oidc.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`,
        clientId: client,
        redirectUri: 'http://127.0.0.1:49152/oauth/callback',
        state,
        scopes: ['sso:account:access'],
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    ),
  fc
    .record({ region: fc.constantFrom(...REGIONS), code: fc.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/) })
    .map(({ region, code }) => `https://device.sso.${region}.amazonaws.com/?user_code=${code}`),
  fc
    .record({
      start: fc.constantFrom(...START_URLS),
      account: fc.stringMatching(/^\d{12}$/),
      role: fc.string({ minLength: 1 }),
      destination: fc.option(fc.webUrl({ validSchemes: ['https'] }), { nil: undefined }),
    })
    .map(({ start, account, role, destination }) =>
      portalConsoleUrl(
        {
          profile: 'p',
          session: 's',
          startUrl: start,
          ssoRegion: 'us-east-1',
          accountId: account,
          roleName: role,
          region: null,
        } as never,
        destination,
      ),
    ),
  fc.constantFrom(...REGIONS).map((region) => consoleHomeUrl(partitionOfRegion(region), region)),
  fc
    .constantFrom(...REGIONS)
    .map((region) => `${partitionOfRegion(region).federationUrl}?Action=login&SigninToken=x`),
  fc.webPath().map((p) => `${OVERRIDE}/authorize${p}`),
);

/** The ways a hostile link dresses up as one of ours. */
const mutation = fc.constantFrom<(url: string) => string>(
  (u) => u.replace('https://', 'https://evil.example@'),
  (u) => u.replace('https://', 'https://user:pass@'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://$1.evil.example'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://$1:8443'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://$1%2eevil.example'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://evil.example\\@$1'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://evil.example#@$1'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://evil.example/$1'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, 'https://$1.'),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, (_m, host: string) => `https://${host.toUpperCase()}`),
  (u) =>
    u.replace(
      /^https:\/\/([^/?#]+)/,
      (_m, host: string) => `https://${host.replace('a', '\u0430')}`,
    ),
  (u) =>
    u.replace(
      /^https:\/\/([^/?#]+)/,
      (_m, host: string) => `https://${host.replace('.', '\uff0e')}`,
    ),
  (u) =>
    u.replace(
      /^https:\/\/([^/?#]+)/,
      (_m, host: string) => `https://${host.replace('amazonaws', 'amazonavvs')}`,
    ),
  (u) => u.replace(/^https:\/\/([^/?#]+)/, (_m, host: string) => `https://x${host}`),
  (u) => u.replace(/^https:\/\//, 'http://'),
  (u) => u.replace(/^https:\/\//, 'https:/\\'),
  (u) => u.replace(/^https:\/\//, 'https:'),
  (u) => u.replace(/^https:\/\//, 'javascript://'),
  (u) => u.replace(/^https:\/\//, 'file://'),
  (u) => u.replace(/^https:/, 'HTTPS:'),
  (u) => ` \t${u}\n`,
  (u) => u.replace('https://', 'https://\t'),
  (u) => `${u}\u0000evil`,
  (u) => u.replace(OVERRIDE, 'http://127.0.0.1:4456'),
  (u) => u.replace(OVERRIDE, 'http://localhost:4455'),
  (u) => u.replace(OVERRIDE, 'http://127.0.0.1:4455@evil.example'),
  () => 'javascript:alert(document.cookie)',
  () => 'data:text/html,<script>alert(1)</script>',
  () => 'vbscript:msgbox(1)',
  () => 'https://169.254.169.254/latest/meta-data/',
  () => 'https://[::1]/',
  () => 'https://0x7f.0.0.1/',
  () => `https://${'a.'.repeat(5000)}amazonaws.com/`,
  () => 'https://xn--amazonaws-7ob.com/',
  () => 'https://amazonaws.com.evil.example/',
  () => 'https://evilamazonaws.com/',
  () => 'https://s3.amazonaws.com.evil.example/',
  (u) => u.repeat(3),
);

const input = fc.oneof(
  { weight: 2, arbitrary: builtUrl.map((url) => ({ url, built: true })) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(builtUrl, mutation)
      .map(([url, mutate]) => ({ url: mutate(url), built: false })),
  },
  {
    weight: 2,
    arbitrary: fc
      .webUrl({ withQueryParameters: true, withFragments: true })
      .map((url) => ({ url, built: false })),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((url) => ({ url, built: false })) },
);

describe('the URL policy in front of shell.openExternal', () => {
  it(`opens every URL the app builds and nothing that leads elsewhere (${runs(5_000)} inputs)`, async () => {
    const opened: string[] = [];
    // The core's one launcher: the policy in front of the system browser.
    const launch = policyChecked(
      async (url) => {
        opened.push(url);
      },
      () => CONTEXT,
    );
    const opener = { openUrl: launch };
    let accepted = 0;
    let refused = 0;
    let unsafeOpened = 0;
    const samples = fc.sample(input, { numRuns: runs(5_000), seed: SEED });
    for (const [i, { url, built }] of samples.entries()) {
      const where = `input ${i} (seed ${SEED}): ${JSON.stringify(url).slice(0, 300)}`;
      const check = checkExternalUrl(url, CONTEXT);
      const before = opened.length;
      let refusal: Error | null = null;
      try {
        await opener.openUrl(url);
      } catch (error) {
        refusal = error as Error;
      }
      if (check.ok) {
        accepted++;
        // What reaches openExternal is the parsed, normalised URL, and it is safe by the oracle.
        expect(opened.length, where).toBe(before + 1);
        expect(opened.at(-1), where).toBe(check.url);
        if (!safeToOpen(check.url)) unsafeOpened++;
        expect(safeToOpen(check.url), where).toBe(true);
        // Stable: the normalised URL passes again unchanged.
        expect(checkExternalUrl(check.url, CONTEXT), where).toEqual(check);
      } else {
        refused++;
        expect(opened.length, where).toBe(before);
        expect(refusal?.message, where).toMatch(/^SSO Tray did not open that address: .+\.$/);
        // The refusal names no more than a host: never the whole (possibly secret) URL.
        expect(refusal!.message.length, where).toBeLessThan(400);
      }
      if (built) expect(check.ok, where).toBe(true);
    }
    expect(accepted).toBeGreaterThan(samples.length / 10);
    expect(refused).toBeGreaterThan(samples.length / 10);
    reportFigures('URL policy (shell.openExternal)', {
      inputs: samples.length,
      opened: accepted,
      refused,
      unsafeOpened,
    });
  });
});

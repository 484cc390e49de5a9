// One test's world for discovery: a temp HOME with a signed-in session, the
// fake IAM Identity Center with many accounts, and the real core (real
// @aws-sdk/client-sso over HTTP) pointed at it through AWS_ENDPOINT_URL_SSO.
import type { Core } from '../../../../app/core';
import type { AccountDiscoveryOptions } from '../../../../app/core/discover/account-discovery';
import { serializeCliToken } from '../../../../app/core/token-cache/token-file';
import {
  startFakeIdentityCenter,
  type FakeAccount,
  type FakeIdentityCenter,
  type FakeKnobs,
  type IssuedToken,
} from '../../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../../support/temp-home';
import { openTestCore } from '../../../support/test-core';

export const START_URL = 'https://d-abc123.awsapps.com/start';

/** `count` accounts; account i has (i % 6) + 1 roles, so some need several pages. */
export function manyAccounts(count: number): FakeAccount[] {
  const roles = ['Admin', 'ReadOnly', 'Billing', 'Developer', 'Auditor', 'Network Ops'];
  return Array.from({ length: count }, (_, i) => ({
    accountId: String(500000000000 + i * 7),
    accountName: i % 10 === 3 ? 'Sandbox' : `Team ${String.fromCharCode(65 + (i % 26))}${i}`,
    emailAddress: `aws+${i}@example.com`,
    roles: roles.slice(0, (i % 6) + 1).map((r) => r.replace(' ', '')),
  }));
}

export interface DiscoveryWorld {
  readonly fake: FakeIdentityCenter;
  readonly home: TempHome;
  readonly env: Record<string, string>;
  readonly token: IssuedToken;
  core: Core;
  /** A fresh core, as a new run of the app or CLI would have. */
  restart(options?: AccountDiscoveryOptions): Promise<void>;
  close(): Promise<void>;
}

export const FAST_RETRY: AccountDiscoveryOptions = {
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
};

export async function startDiscoveryWorld(
  options: {
    knobs?: Partial<FakeKnobs>;
    config?: string;
    discovery?: AccountDiscoveryOptions;
    signedIn?: boolean;
  } = {},
): Promise<DiscoveryWorld> {
  const fake = await startFakeIdentityCenter({ knobs: options.knobs });
  const home = createTempHome({ config: options.config ?? SEED_CONFIG });
  const token = fake.issueToken({ startUrl: START_URL });
  if (options.signedIn !== false) home.writeToken('my-sso', serializeCliToken(token));
  const env = { ...home.env, ...fake.env };
  const start = (discovery: AccountDiscoveryOptions) =>
    openTestCore(home, { env: fake.env, discovery });
  const world: DiscoveryWorld = {
    fake,
    home,
    env,
    token,
    core: await start(options.discovery ?? FAST_RETRY),
    async restart(discoveryOptions = options.discovery ?? FAST_RETRY) {
      await world.core.close();
      world.core = await start(discoveryOptions);
    },
    async close() {
      await world.core.close();
      await fake.close();
      home.cleanup();
    },
  };
  return world;
}

// One test's world: a temp HOME with ~/.aws/config, the fake IAM Identity Center,
// and the real core pointed at it through the SDK endpoint variables.
import { readFileSync, statSync } from 'node:fs';
import type { BrowserOpener, Clock, Core, CoreOptions, SignInPrompt } from '../../../../app/core';
import type { Snapshot } from '../../../../app/shared/model';
import {
  startFakeIdentityCenter,
  type BrowserVisit,
  type FakeIdentityCenter,
  type FakeKnobs,
} from '../../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../../support/temp-home';
import { openTestCore } from '../../../support/test-core';

export interface AuthHarness {
  readonly fake: FakeIdentityCenter;
  readonly home: TempHome;
  readonly core: Core;
  readonly env: Record<string, string>;
  /** Every snapshot the core emitted, in order. */
  readonly snapshots: Snapshot[];
  /** Every prompt a browser opener was given. */
  readonly prompts: SignInPrompt[];
  /** Pages the simulated browser ended on. */
  readonly visits: Promise<BrowserVisit>[];
  /** Opens each page in the fake's minimal browser (the user allows). */
  readonly browser: BrowserOpener;
  /** Records the page and does nothing (a user who never comes back). */
  readonly idleBrowser: BrowserOpener;
  /** Resolves with the n-th prompt (0-based) once an opener has received it. */
  prompt(index?: number): Promise<SignInPrompt>;
  tokenText(session?: string): string;
  tokenMode(session?: string): number;
  close(): Promise<void>;
}

export async function startAuthHarness(
  options: {
    config?: string;
    knobs?: Partial<FakeKnobs>;
    clock?: Clock;
    core?: Partial<CoreOptions>;
    withCacheDir?: boolean;
  } = {},
): Promise<AuthHarness> {
  const fake = await startFakeIdentityCenter({ knobs: options.knobs, clock: options.clock });
  const home = createTempHome({
    config: options.config ?? SEED_CONFIG,
    withCacheDir: options.withCacheDir,
  });
  const env = { ...home.env, ...fake.env };
  const prompts: SignInPrompt[] = [];
  const waiters = new Set<() => void>();
  const record = (prompt: SignInPrompt) => {
    prompts.push(prompt);
    for (const wake of [...waiters]) wake();
  };
  const visits: Promise<BrowserVisit>[] = [];
  const browser: BrowserOpener = async (prompt) => {
    record(prompt);
    const visit = fake.visit(prompt.url);
    visits.push(visit);
    await visit;
  };
  const idleBrowser: BrowserOpener = async (prompt) => {
    record(prompt);
  };
  const core = await openTestCore(home, {
    env: fake.env,
    clock: options.clock,
    signInOpener: browser,
    ...options.core,
  });
  const snapshots: Snapshot[] = [];
  const unsubscribe = core.onSnapshot((s) => snapshots.push(s));
  return {
    fake,
    home,
    core,
    env,
    snapshots,
    prompts,
    visits,
    browser,
    idleBrowser,
    prompt: (index = 0) =>
      new Promise((resolve) => {
        const wake = () => {
          if (prompts.length <= index) return;
          waiters.delete(wake);
          resolve(prompts[index]!);
        };
        waiters.add(wake);
        wake();
      }),
    tokenText: (session = 'my-sso') => readFileSync(home.tokenPath(session), 'utf8'),
    tokenMode: (session = 'my-sso') => statSync(home.tokenPath(session)).mode & 0o777,
    async close() {
      unsubscribe();
      await core.close();
      await fake.close();
      home.cleanup();
    },
  };
}

/** Every secret in a token file, for "never printed" assertions. */
export function secretsOf(tokenText: string): string[] {
  const token = JSON.parse(tokenText) as Record<string, string>;
  return [token.accessToken, token.refreshToken, token.clientSecret].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

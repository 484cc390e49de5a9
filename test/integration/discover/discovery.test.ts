// Discovery against the fake IAM Identity Center through the real
// @aws-sdk/client-sso: every page, throttling and 5xx retried, bounded
// concurrency, clear typed errors, and pruning after roles are removed.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { GENERATED_MARKER } from '../../../app/core/config/edit/profile-section';
import { SEED_CONFIG } from '../../support/temp-home';
import {
  manyAccounts,
  startDiscoveryWorld,
  START_URL,
  type DiscoveryWorld,
} from './support/discovery-world';

let world: DiscoveryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const roleCount = (accounts: readonly { roles: readonly unknown[] }[]) =>
  accounts.reduce((n, a) => n + a.roles.length, 0);

describe('discovering accounts and roles', () => {
  it('reads every page of accounts and of each account roles', async () => {
    const accounts = manyAccounts(45);
    world = await startDiscoveryWorld({ knobs: { accounts, pageSize: 4 } });
    const result = await world.core.discover('my-sso');

    expect(result.session).toBe('my-sso');
    expect(result.accounts).toHaveLength(45);
    expect(roleCount(result.accounts)).toBe(roleCount(accounts));
    const six = result.accounts.find((a) => a.accountId === accounts[5]!.accountId)!;
    expect(six.roles.map((r) => r.roleName)).toEqual([
      'Admin',
      'Auditor',
      'Billing',
      'Developer',
      'NetworkOps',
      'ReadOnly',
    ]);
    expect(six.emailAddress).toBe('aws+5@example.com');
    // 45 accounts in pages of 4; accounts with 5-6 roles need a second page.
    expect(world.fake.requestsFor('ListAccounts')).toHaveLength(12);
    expect(world.fake.requestsFor('ListAccountRoles')).toHaveLength(45 + 14);
    for (const request of world.fake.requests) {
      expect(request.headers['x-amz-sso_bearer_token']).toBe(world.token.accessToken);
    }
  });

  it('marks the roles that already have a profile', async () => {
    world = await startDiscoveryWorld();
    const result = await world.core.discover('my-sso');
    expect(
      result.accounts.map((a) => [a.accountName, a.roles.map((r) => [r.roleName, r.profiles])]),
    ).toEqual([
      [
        'dev',
        [
          ['DeveloperAccess', ['dev']],
          ['ReadOnly', []],
        ],
      ],
      [
        'prod',
        [
          ['AdministratorAccess', []],
          ['ReadOnly', ['prod']],
        ],
      ],
    ]);
  });

  it('puts the discovered account names on the profiles in the snapshot', async () => {
    const started = (world = await startDiscoveryWorld());
    const names = () =>
      started.core.snapshot().profiles.map((p) => [p.name, p.accountName ?? null]);
    expect(names()).toEqual([
      ['dev', null],
      ['prod', null],
    ]);
    await started.core.discover('my-sso');
    expect(names()).toEqual([
      ['dev', 'dev'],
      ['prod', 'prod'],
    ]);
  });

  it('retries throttling and 5xx on some calls and still returns everything', async () => {
    const accounts = manyAccounts(20);
    world = await startDiscoveryWorld({
      knobs: {
        accounts,
        pageSize: 5,
        failures: {
          ListAccounts: { status: 429, count: 2 },
          ListAccountRoles: { status: 429, count: 6 },
        },
      },
    });
    const retries: string[] = [];
    await world.restart({
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onRetry: ({ kind }) => retries.push(kind),
    });
    const first = await world.core.discover('my-sso');
    expect(first.accounts).toHaveLength(20);
    expect(roleCount(first.accounts)).toBe(roleCount(accounts));
    expect(retries).toEqual(Array(8).fill('throttled'));

    world.fake.knobs.failures = { ListAccountRoles: { status: 503, count: 3 } };
    retries.length = 0;
    const second = await world.core.discover('my-sso');
    expect(second.accounts).toEqual(first.accounts);
    expect(retries).toEqual(['server', 'server', 'server']);
  });

  it('gives up with a clear message when throttling does not stop', async () => {
    world = await startDiscoveryWorld({
      knobs: { failures: { ListAccountRoles: { status: 429, count: 1000 } } },
    });
    await expect(world.core.discover('my-sso')).rejects.toMatchObject({
      code: 'throttled',
      message: expect.stringMatching(
        /kept throttling .* after 6 attempts\. Try again in a minute\./,
      ),
    });
  });

  it('keeps at most the configured number of ListAccountRoles calls in flight', async () => {
    world = await startDiscoveryWorld({
      knobs: {
        accounts: manyAccounts(12).map((a) => ({ ...a, roles: ['Admin'] })),
        // Slow answers, so calls that may overlap do.
        delays: { ListAccountRoles: 300 },
      },
    });
    await world.restart({ concurrency: 3 });
    await world.core.discover('my-sso');
    const calls = world.fake.requestsFor('ListAccountRoles');
    expect(calls).toHaveLength(12);
    // Seen by the fake: never a fourth call while three are unanswered, and three do run together.
    expect(Math.max(...calls.map((r) => r.othersInFlight))).toBe(2);
  });

  it('asks for a sign-in when there is no token, without calling the portal', async () => {
    world = await startDiscoveryWorld({ signedIn: false });
    await expect(world.core.discover('my-sso')).rejects.toMatchObject({
      code: 'not-signed-in',
      action: { kind: 'sign-in', session: 'my-sso' },
    });
    expect(world.fake.requests).toHaveLength(0);
  });

  it('asks for a sign-in when the cached token has expired', async () => {
    world = await startDiscoveryWorld({ signedIn: false });
    const expired = world.fake.issueToken({ startUrl: START_URL, expiresAt: Date.now() - 60_000 });
    world.home.writeToken('my-sso', serializeCliToken(expired));
    await world.restart();
    await expect(world.core.discover('my-sso')).rejects.toMatchObject({
      code: 'not-signed-in',
      message: expect.stringContaining('(the sign-in expired)'),
    });
  });

  it('asks for a sign-in when the portal no longer accepts the token, and never shows it', async () => {
    world = await startDiscoveryWorld();
    world.fake.revokeAllSessions();
    const error = await world.core.discover('my-sso').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'session-expired',
      action: { kind: 'sign-in', session: 'my-sso' },
    });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(world.token.accessToken);
    expect(world.fake.requestsFor('ListAccounts')).toHaveLength(1);
  });

  it('reports an unreachable portal as a network problem after retrying', async () => {
    world = await startDiscoveryWorld();
    await world.fake.close();
    await expect(world.core.discover('my-sso')).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('Cannot reach IAM Identity Center'),
    });
  });

  it('names an unknown session', async () => {
    world = await startDiscoveryWorld();
    await expect(world.core.discover('nope')).rejects.toMatchObject({
      code: 'unknown-session',
    });
  });
});

describe('adding profiles and pruning them when roles go away', () => {
  it('plans from the table just shown (no second listing) and the config as it is now', async () => {
    world = await startDiscoveryWorld();
    await world.core.discover('my-sso');
    const listed = world.fake.requests.length;
    // A profile written by hand after the app loaded the config.
    world.home.writeConfig(
      `${SEED_CONFIG}\n[profile mine]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    );
    const plan = await world.core.planProfiles({ session: 'my-sso' });
    expect(world.fake.requests).toHaveLength(listed);
    expect(plan.additions.map((a) => `${a.accountId}/${a.roleName}`)).toEqual([
      '222222222222/AdministratorAccess',
    ]);
  });

  it('writes the missing profiles, then prunes only generated ones whose role was removed', async () => {
    const accounts = manyAccounts(9);
    world = await startDiscoveryWorld({ knobs: { accounts, pageSize: 3 } });
    const configFile = world.home.paths.configFile;

    const plan = await world.core.planProfiles({ session: 'my-sso' });
    expect(plan.additions).toHaveLength(roleCount(accounts));
    expect(plan.removals).toEqual([]);
    const result = await world.core.applyProfilePlan(plan);
    expect(result).toMatchObject({ added: plan.additions.length, removed: 0 });
    const backup = readFileSync(result.backupFile, 'utf8');
    expect(backup).toBe(SEED_CONFIG);
    expect(readFileSync(configFile, 'utf8').startsWith(backup)).toBe(true);

    // Running the same plan again adds nothing: it is refused as stale, and a new plan is empty.
    await expect(world.core.applyProfilePlan(plan)).rejects.toMatchObject({
      code: 'config-changed',
    });
    const again = await world.core.planProfiles({ session: 'my-sso' });
    expect(again.additions).toEqual([]);
    expect(again.diff).toBe('');

    // The user edits one generated profile; then an account and a role are unassigned.
    const edited = plan.additions.find((a) => a.accountId === accounts[4]!.accountId)!;
    world.home.writeConfig(
      readFileSync(configFile, 'utf8').replace(
        `[profile ${edited.name}]\n${GENERATED_MARKER}\n`,
        `[profile ${edited.name}]\n${GENERATED_MARKER}\ncli_pager = less\n`,
      ),
    );
    world.fake.knobs.accounts = accounts
      .filter(
        (a) => a.accountId !== accounts[4]!.accountId && a.accountId !== accounts[2]!.accountId,
      )
      .map((a) => (a.accountId === accounts[5]!.accountId ? { ...a, roles: a.roles.slice(1) } : a));
    await world.restart();
    const prune = await world.core.planProfiles({ session: 'my-sso', prune: true });
    const gone = plan.additions.filter(
      (a) =>
        a.accountId === accounts[2]!.accountId ||
        (a.accountId === accounts[4]!.accountId && a.name !== edited.name) ||
        (a.accountId === accounts[5]!.accountId && a.roleName === accounts[5]!.roles[0]),
    );
    expect(gone).toHaveLength(3 + 4 + 1);
    expect(prune.additions).toEqual([]);
    expect(prune.removals).toEqual(gone.map((a) => a.name).sort());
    // Not the hand-written dev/prod profiles, not the one the user edited.
    expect(prune.removals).not.toContain(edited.name);

    const before = readFileSync(configFile, 'utf8');
    await world.core.applyProfilePlan(prune);
    const after = readFileSync(configFile, 'utf8');
    for (const name of prune.removals) expect(after).not.toContain(`[profile ${name}]`);
    expect(after).toContain(`[profile ${edited.name}]`);
    expect(after.startsWith(before.slice(0, before.indexOf('[profile ')))).toBe(true);
    for (const read of [readAsBotocore, readAsJsSdk]) {
      const profiles = read(after).profiles;
      expect(profiles.has('dev') && profiles.has('prod')).toBe(true);
      expect(profiles.size).toBe(2 + plan.additions.length - prune.removals.length);
    }
  });
});

// The window's view of discovery: the SsoTrayApi methods over the real core,
// with plans crossing the validated boundary. A plan comes back from the
// renderer, so applying it trusts nothing in it: only a plan main made is
// accepted, and it is checked against the config file again.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWindowApi, type PlatformAdapters } from '../../../app/core';
import { SYSTEM_BROWSER_ONLY } from '../../../app/core/browser/browser-choice';
import type { ProfilePlan, SsoTrayApi } from '../../../app/shared/api';
import { checkArguments } from '../../../app/shared/api-schema';
import { SEED_CONFIG } from '../../support/temp-home';
import { startDiscoveryWorld, type DiscoveryWorld } from './support/discovery-world';

let world: DiscoveryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const platform: PlatformAdapters = {
  clipboard: { writeText: () => undefined },
  browser: SYSTEM_BROWSER_ONLY,
  appInfo: { version: 'test', platform: 'linux' },
};

async function setUp(options: Parameters<typeof startDiscoveryWorld>[0] = {}) {
  world = await startDiscoveryWorld(options);
  return createWindowApi(world.core, platform);
}

/** What the renderer sends back: validated at the boundary, as main does. */
function acrossTheBoundary(plan: ProfilePlan): ProfilePlan {
  const check = checkArguments('applyProfilePlan', JSON.parse(JSON.stringify([plan])));
  if (!check.ok) throw new Error(check.message);
  return check.args[0] as ProfilePlan;
}

async function planOf(api: SsoTrayApi): Promise<ProfilePlan> {
  const result = await api.planProfiles({ session: 'my-sso', output: 'json' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('discovery through the SsoTrayApi', () => {
  it('discovers, previews and applies, and no result carries the access token', async () => {
    const api = await setUp();
    const discovered = await api.discover('my-sso');
    expect(discovered).toMatchObject({ ok: true, value: { session: 'my-sso' } });
    const plan = await planOf(api);
    expect(plan.additions.map((a) => a.name)).toEqual(['dev-readonly', 'prod-administratoraccess']);
    const applied = await api.applyProfilePlan(acrossTheBoundary(plan));
    expect(applied).toMatchObject({ ok: true, value: { added: 2, removed: 0 } });
    // The snapshot knows the new profiles at once.
    const snapshot = await api.getSnapshot();
    expect(snapshot.profiles.map((p) => p.name)).toEqual(
      expect.arrayContaining(['dev-readonly', 'prod-administratoraccess']),
    );
    const everything = JSON.stringify([discovered, plan, applied, snapshot]);
    expect(everything).not.toContain(world!.token.accessToken);
  });

  it('offers a sign-in when the session is not signed in', async () => {
    const api = await setUp({ signedIn: false });
    expect(await api.discover('my-sso')).toEqual({
      ok: false,
      error: {
        code: 'not-signed-in',
        message: 'You are not signed in to my-sso. Sign in, then discover accounts.',
        action: { kind: 'sign-in', session: 'my-sso' },
      },
    });
    expect(await api.planProfiles({ session: 'my-sso' })).toMatchObject({
      ok: false,
      error: { code: 'not-signed-in', action: { kind: 'sign-in', session: 'my-sso' } },
    });
  });

  it('refuses a stale plan, a spent one and an empty one, writing nothing', async () => {
    const api = await setUp();
    const plan = await planOf(api);
    world!.home.writeConfig(`${SEED_CONFIG}# edited in an editor meanwhile\n`);
    expect(await api.applyProfilePlan(acrossTheBoundary(plan))).toMatchObject({
      ok: false,
      error: {
        code: 'config-changed',
        message: expect.stringContaining('Review the change again'),
      },
    });
    expect(readFileSync(world!.home.paths.configFile, 'utf8')).toBe(
      `${SEED_CONFIG}# edited in an editor meanwhile\n`,
    );
    // The file as the plan saw it: the same plan applies now, once.
    world!.home.writeConfig(SEED_CONFIG);
    expect(await api.applyProfilePlan(acrossTheBoundary(plan))).toMatchObject({ ok: true });
    const applied = readFileSync(world!.home.paths.configFile, 'utf8');
    expect(await api.applyProfilePlan(acrossTheBoundary(plan))).toMatchObject({
      ok: false,
      error: { code: 'unknown-plan' },
    });
    // Every role has a profile now: main's next plan is empty, and applying it says so.
    const empty = await planOf(api);
    expect(empty.additions).toEqual([]);
    expect(await api.applyProfilePlan(acrossTheBoundary(empty))).toMatchObject({
      ok: false,
      error: { code: 'empty-plan' },
    });
    expect(readFileSync(world!.home.paths.configFile, 'utf8')).toBe(applied);
  });

  it('refuses a plan main did not make: a forged extra profile is not written', async () => {
    const api = await setUp();
    const plan = await planOf(api);
    // Well-formed and new, so the config checks alone would let it through.
    const forged = acrossTheBoundary({
      ...plan,
      additions: [
        ...plan.additions,
        {
          name: 'planted',
          accountId: '999999999999',
          accountName: 'Not assigned to you',
          roleName: 'AdministratorAccess',
          region: 'us-east-1',
          output: null,
        },
      ],
    });
    expect(await api.applyProfilePlan(forged)).toEqual({
      ok: false,
      error: {
        code: 'unknown-plan',
        message: expect.stringContaining('SSO Tray did not prepare this change'),
      },
    });
    expect(readFileSync(world!.home.paths.configFile, 'utf8')).toBe(SEED_CONFIG);
    // The genuine plan still applies.
    expect(await api.applyProfilePlan(acrossTheBoundary(plan))).toMatchObject({
      ok: true,
      value: { added: 2 },
    });
    expect(readFileSync(world!.home.paths.configFile, 'utf8')).not.toContain('planted');
  });

  it.each([
    [
      'a role name that would inject a section',
      (p: ProfilePlan) => ({
        ...p,
        additions: [
          {
            ...p.additions[0]!,
            roleName: 'Admin\n[profile evil]\ncredential_process = touch /tmp/x',
          },
        ],
      }),
    ],
    [
      'a name that already exists',
      (p: ProfilePlan) => ({ ...p, additions: [{ ...p.additions[0]!, name: 'dev' }] }),
    ],
    ['a hand-written profile to remove', (p: ProfilePlan) => ({ ...p, removals: ['prod'] })],
    ['another file', (p: ProfilePlan) => ({ ...p, configFile: '/etc/passwd' })],
  ])('refuses a plan with %s twice over, writing nothing', async (_, forge) => {
    const api = await setUp();
    const forged = acrossTheBoundary(forge(await planOf(api)));
    // Not a plan main made...
    expect(await api.applyProfilePlan(forged)).toMatchObject({
      ok: false,
      error: { code: 'unknown-plan' },
    });
    // ...and the config checks behind it refuse it on their own too.
    await expect(world!.core.applyProfilePlan(forged)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(readFileSync(world!.home.paths.configFile, 'utf8')).toBe(SEED_CONFIG);
  });
});

// The profiles we write work in the real tools: botocore (the machine's Python),
// the JS SDK's own providers and the AWS CLI v2 resolve each one to the right
// account and role through the fake portal; our two reader models agree with
// them; and signing in through a generated profile works.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfilePlan } from '../../../app/shared/api';
import { readAsJsSdk } from '../../../app/core/config/js-reader';
import { readAsBotocore } from '../../../app/core/config/python-reader';
import { startDiscoveryWorld, type DiscoveryWorld } from './support/discovery-world';

const SUPPORT = path.resolve(__dirname, 'support');
// The tools call the fake, which answers from this process: never block its event loop.
const run = async (file: string, args: string[], env: Record<string, string>) =>
  (await promisify(execFile)(file, args, { env, encoding: 'utf8' })).stdout;
// The pyenv shim needs the real HOME; the interpreter itself does not.
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).trim();

interface Resolved {
  readonly config?: Record<string, string>;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  readonly iniAccessKeyId?: string;
  readonly error?: string;
}

let world: DiscoveryWorld;
let plan: ProfilePlan;

beforeAll(async () => {
  world = await startDiscoveryWorld({
    knobs: {
      pageSize: 2,
      accounts: [
        { accountId: '111111111111', accountName: 'dev', roles: ['DeveloperAccess', 'ReadOnly'] },
        {
          accountId: '333333333333',
          accountName: 'Dégustation (EU)',
          roles: ['Admin', 'Billing+Ops'],
        },
        { accountId: '444444444444', accountName: 'Sandbox', roles: ['Admin'] },
        { accountId: '555555555555', accountName: 'Sandbox', roles: ['Admin'] },
      ],
    },
  });
  plan = await world.core.planProfiles({ session: 'my-sso', region: 'eu-west-1', output: 'json' });
  await world.core.applyProfilePlan(plan);
});
afterAll(async () => world?.close());

function toolEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: world.home.home,
    PYTHONUTF8: '1',
    ...world.fake.env,
  };
}

const names = () => plan.additions.map((a) => a.name);

function expectResolvedAsPlanned(resolved: Record<string, Resolved>) {
  for (const profile of plan.additions) {
    const got = resolved[profile.name]!;
    expect(got.error).toBeUndefined();
    expect(got.config).toEqual({
      sso_session: 'my-sso',
      sso_account_id: profile.accountId,
      sso_role_name: profile.roleName,
      region: 'eu-west-1',
      output: 'json',
    });
    const expected = world.fake.roleCredentials(profile.accountId, profile.roleName);
    expect(got.credentials).toEqual({
      accessKeyId: expected.accessKeyId,
      secretAccessKey: expected.secretAccessKey,
      sessionToken: expected.sessionToken,
    });
  }
}

describe('generated profiles in the real AWS tools', () => {
  it('planned the roles without a profile, with readable names', () => {
    expect(names()).toEqual([
      'dev-readonly',
      'degustation-eu-admin',
      'degustation-eu-billing-ops',
      'sandbox-admin-444444444444',
      'sandbox-admin-555555555555',
    ]);
  });

  it('botocore resolves each to its account and role and gets its credentials', async () => {
    const before = world.fake.requestsFor('GetRoleCredentials').length;
    const resolved = JSON.parse(
      await run(PYTHON, [path.join(SUPPORT, 'botocore_profiles.py'), ...names()], toolEnv()),
    ) as Record<string, Resolved>;
    expectResolvedAsPlanned(resolved);
    const asked = world.fake
      .requestsFor('GetRoleCredentials')
      .slice(before)
      .map((r) => `${r.query.account_id}/${r.query.role_name}`);
    expect(asked.sort()).toEqual(plan.additions.map((a) => `${a.accountId}/${a.roleName}`).sort());
  });

  it('the JS SDK (fromSSO and fromIni) resolves each to its account and role', async () => {
    const resolved = JSON.parse(
      await run(
        process.execPath,
        [path.join(SUPPORT, 'js-sdk-profiles.mjs'), ...names()],
        toolEnv(),
      ),
    ) as Record<string, Resolved>;
    expectResolvedAsPlanned(resolved);
    for (const profile of plan.additions) {
      expect(resolved[profile.name]!.iniAccessKeyId).toBe(
        world.fake.roleCredentials(profile.accountId, profile.roleName).accessKeyId,
      );
    }
  });

  it('the AWS CLI v2 exports the right credentials for a generated profile', async () => {
    const profile = plan.additions.find((a) => a.name === 'degustation-eu-billing-ops')!;
    const out = await run(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--profile', profile.name, '--format', 'process'],
      { PATH: toolEnv().PATH!, HOME: world.home.home, AWS_DATA_PATH: world.fake.awsDataPath() },
    );
    const expected = world.fake.roleCredentials(profile.accountId, profile.roleName);
    expect(JSON.parse(out)).toMatchObject({
      AccessKeyId: expected.accessKeyId,
      SecretAccessKey: expected.secretAccessKey,
      SessionToken: expected.sessionToken,
    });
  });

  it('our two reader models read the written file the same way, as the tools do', () => {
    const text = readFileSync(world.home.paths.configFile, 'utf8');
    const botocore = readAsBotocore(text);
    const jsSdk = readAsJsSdk(text);
    expect(botocore.accepted && jsSdk.accepted).toBe(true);
    for (const name of names()) {
      const keys = (reading: typeof botocore) =>
        Object.fromEntries(
          [...(reading.profiles.get(name)?.keys ?? [])].map(([k, v]) => [k, v.value]),
        );
      expect(keys(botocore)).toEqual(keys(jsSdk));
      expect(keys(botocore)).toMatchObject({ sso_session: 'my-sso', region: 'eu-west-1' });
    }
  });

  it('signing in through a generated profile signs in its session, and the profile then works', async () => {
    // The old sign-in ends; without a new one the profile cannot work.
    world.fake.revokeAllSessions();
    rmSync(world.home.tokenPath('my-sso'));
    await world.core.reload();
    const outcome = await world.core.signIn('sandbox-admin-555555555555', {
      opener: async (prompt) => {
        await world.fake.visit(prompt.url);
      },
    });
    expect(outcome).toMatchObject({ ok: true, session: 'my-sso' });
    const resolved = JSON.parse(
      await run(
        PYTHON,
        [path.join(SUPPORT, 'botocore_profiles.py'), 'sandbox-admin-555555555555'],
        toolEnv(),
      ),
    ) as Record<string, Resolved>;
    expect(resolved['sandbox-admin-555555555555']!.credentials?.accessKeyId).toBe(
      world.fake.roleCredentials('555555555555', 'Admin').accessKeyId,
    );
    // And discovery works again with the new sign-in.
    await world.core.reload();
    const again = await world.core.discover('my-sso');
    expect(again.accounts.flatMap((a) => a.roles).every((r) => r.profiles.length > 0)).toBe(true);
  });
});

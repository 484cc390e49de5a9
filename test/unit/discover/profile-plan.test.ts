// Planning profiles from a discovery result and the config bytes (pure, no
// network): coverage, names, region, prune candidates, refusals, idempotence.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfilePlanRequest } from '../../../app/shared/api';
import type { ConfigFileState } from '../../../app/core/config/config-editor';
import { buildConfigModel } from '../../../app/core/config/config-model';
import { configHash } from '../../../app/core/config/edit/config-hash';
import { editConfig } from '../../../app/core/config/edit/edit-config';
import { buildDiscoveryResult } from '../../../app/core/discover/coverage';
import type { AccountAssignments } from '../../../app/core/discover/list-assignments';
import { buildProfilePlan, planToEdit } from '../../../app/core/discover/profile-plan';
import { SEED_CONFIG } from '../../support/temp-home';

const FILE = '/home/user/.aws/config';
const fixture = (dir: string, name: string) =>
  new Uint8Array(readFileSync(path.resolve(__dirname, '../../fixtures', dir, name)));

const state = (bytes: Uint8Array | string): ConfigFileState => {
  const b = typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes)) : bytes;
  return { file: FILE, target: FILE, bytes: b, mode: 0o600, hash: configHash(b) };
};

const account = (accountId: string, accountName: string, ...roleNames: string[]) => ({
  accountId,
  accountName,
  emailAddress: null,
  roleNames,
});

const ASSIGNED: AccountAssignments[] = [
  account('111111111111', 'dev', 'DeveloperAccess', 'ReadOnly'),
  account('222222222222', 'prod', 'ReadOnly', 'AdministratorAccess'),
  account('333333333333', 'Data Lake', 'Analyst'),
];

function plan(config: ConfigFileState, request: ProfilePlanRequest, assigned = ASSIGNED) {
  const model = buildConfigModel({ path: FILE, bytes: config.bytes }, { path: '', bytes: null });
  const session = model.sessions.find((s) => s.name === request.session);
  const discovery = session
    ? buildDiscoveryResult(session, model, assigned, '2026-01-01T00:00:00.000Z')
    : { session: request.session, fetchedAt: '', accounts: [] };
  return { discovery, plan: buildProfilePlan({ request, session, discovery, config }) };
}

describe('coverage', () => {
  it('marks roles with the profiles that already point at them, through any session of the same start URL', () => {
    const config = `${SEED_CONFIG}
[sso-session same-portal]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1

[profile analyst]
sso_session = same-portal
sso_account_id = 333333333333
sso_role_name = Analyst

[sso-session elsewhere]
sso_start_url = https://other.awsapps.com/start
sso_region = us-east-1

[profile not-this-portal]
sso_session = elsewhere
sso_account_id = 222222222222
sso_role_name = AdministratorAccess

[profile chained]
role_arn = arn:aws:iam::222222222222:role/AdministratorAccess
source_profile = dev
`;
    const { discovery } = plan(state(config), { session: 'my-sso' });
    const roles = discovery.accounts.flatMap((a) =>
      a.roles.map((r) => [a.accountId, r.roleName, r.profiles]),
    );
    expect(discovery.accounts.map((a) => a.accountName)).toEqual(['Data Lake', 'dev', 'prod']);
    expect(roles).toEqual([
      ['333333333333', 'Analyst', ['analyst']],
      ['111111111111', 'DeveloperAccess', ['dev']],
      ['111111111111', 'ReadOnly', []],
      ['222222222222', 'AdministratorAccess', []],
      ['222222222222', 'ReadOnly', ['prod']],
    ]);
  });
});

describe('the plan', () => {
  it('adds one profile per uncovered role, in the session region, with the exact diff', () => {
    const config = state(SEED_CONFIG);
    const { plan: p } = plan(config, { session: 'my-sso' });
    expect(p.additions).toEqual([
      {
        name: 'dev-readonly',
        accountId: '111111111111',
        accountName: 'dev',
        roleName: 'ReadOnly',
        region: 'us-east-1',
        output: null,
      },
      {
        name: 'prod-administratoraccess',
        accountId: '222222222222',
        accountName: 'prod',
        roleName: 'AdministratorAccess',
        region: 'us-east-1',
        output: null,
      },
      {
        name: 'data-lake-analyst',
        accountId: '333333333333',
        accountName: 'Data Lake',
        roleName: 'Analyst',
        region: 'us-east-1',
        output: null,
      },
    ]);
    expect(p).toMatchObject({
      session: 'my-sso',
      configFile: FILE,
      removals: [],
      baseHash: config.hash,
    });
    expect(p.diff.startsWith(`--- ${FILE}\n+++ ${FILE}\n@@ -14,3 +14,24 @@\n`)).toBe(true);
    expect(p.diff.match(/^\+\[profile /gm)).toHaveLength(3);
  });

  it('uses the chosen template, region and output', () => {
    const { plan: p } = plan(state(SEED_CONFIG), {
      session: 'my-sso',
      template: '{session}-{account_id}-{role_name}',
      region: 'eu-central-2',
      output: 'json',
    });
    expect(p.additions.map((a) => a.name)).toEqual([
      'my-sso-111111111111-readonly',
      'my-sso-222222222222-administratoraccess',
      'my-sso-333333333333-analyst',
    ]);
    expect(p.additions.every((a) => a.region === 'eu-central-2' && a.output === 'json')).toBe(true);
    expect(p.diff).toContain('+region = eu-central-2\n+output = json\n');
  });

  it('names the same roles the same way whatever order the portal lists them in', () => {
    const reversed = [...ASSIGNED]
      .reverse()
      .map((a) => ({ ...a, roleNames: [...a.roleNames].reverse() }));
    expect(plan(state(SEED_CONFIG), { session: 'my-sso' }, reversed).plan).toEqual(
      plan(state(SEED_CONFIG), { session: 'my-sso' }).plan,
    );
  });

  it('adds nothing when run again on the written file', () => {
    const first = plan(state(SEED_CONFIG), { session: 'my-sso' }).plan;
    const written = editConfig(state(SEED_CONFIG).bytes, planToEdit(first)).bytes;
    const again = plan(state(written), { session: 'my-sso' });
    expect(again.plan.additions).toEqual([]);
    expect(again.plan.diff).toBe('');
    expect(again.discovery.accounts.every((a) => a.roles.every((r) => r.profiles.length > 0))).toBe(
      true,
    );
  });
});

describe('pruning', () => {
  const config = state(fixture('config-edit', 'generated-existing.ini'));
  const stillAssigned = [account('111111111111', 'dev', 'ReadOnly')];

  it('lists only unedited generated profiles of this session whose role is gone', () => {
    const { plan: p } = plan(config, { session: 'my-sso', prune: true }, stillAssigned);
    // Not: dev-readonly (still assigned), gone-edited (edited), gone-unmarked and
    // hand-written (not ours), other-session (another session).
    expect(p.removals).toEqual(['gone-admin', 'gone-last']);
    expect(p.diff).toContain('-[profile gone-admin]');
    expect(p.diff).not.toContain('-[profile gone-edited]');
  });

  it('prunes nothing unless asked', () => {
    expect(plan(config, { session: 'my-sso' }, stillAssigned).plan.removals).toEqual([]);
  });
});

describe('refusals', () => {
  it.each([
    ['a legacy session', 'legacy.ini', 'https://d-abc123.awsapps.com/start', 'legacy-session'],
    ['an unknown session', 'seed.ini', 'nope', 'unknown-session'],
    [
      'a file the AWS CLI rejects (duplicate section)',
      'duplicate-section.ini',
      'my-sso',
      'config-rejected',
    ],
    ['a file the AWS CLI rejects (BOM)', 'bom.ini', 'bom', 'config-rejected'],
  ])('refuses %s', (_, file, session, code) => {
    expect(() => plan(state(fixture('config', file)), { session })).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('refuses a file the JS SDK reads as empty', () => {
    expect(() =>
      plan(state(`${SEED_CONFIG}\n[profile __proto__]\nregion = x\n`), { session: 'my-sso' }),
    ).toThrow(
      expect.objectContaining({
        code: 'config-rejected',
        message: expect.stringContaining('The JS SDK cannot read /home/user/.aws/config (line 18)'),
      }),
    );
  });

  it('says which tool rejects the file and where', () => {
    expect(() =>
      plan(state(fixture('config', 'duplicate-section.ini')), { session: 'my-sso' }),
    ).toThrow(
      'The AWS CLI cannot read /home/user/.aws/config (line 10): duplicate section [profile dev]. Fix that first, then add profiles.',
    );
  });

  it.each([
    [{ template: '{acct}' }, 'invalid-template'],
    [{ region: 'mars-1' }, 'invalid-argument'],
    [{ output: 'xml' }, 'invalid-argument'],
  ])('refuses the option %j', (option, code) => {
    expect(() => plan(state(SEED_CONFIG), { session: 'my-sso', ...option })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

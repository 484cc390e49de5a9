// Sample worlds for the e2e tests and the web demo: an ~/.aws/config, token
// files minted by the fake IAM Identity Center (so the portal accepts them),
// and the accounts/roles the fake knows. Written exactly as the AWS CLI would.
import { writeFileSync } from 'node:fs';
import { serializeCliToken } from '../../app/core/token-cache/token-file';
import type { FakeAccount, FakeIdentityCenter } from '../fakes/fake-identity-center';
import type { TempHome } from '../support/temp-home';

/** What the token cache holds for a session when the world starts. */
export type SampleTokenState =
  'valid-refreshable' | 'valid' | 'expiring' | 'expired' | 'corrupt' | 'none';

export interface SampleProfile {
  readonly name: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
  readonly region: string;
}

export interface SampleSession {
  /** sso-session name; for legacy sessions, ignored (the start URL names them). */
  readonly name: string;
  readonly kind: 'sso-session' | 'legacy';
  readonly startUrl: string;
  readonly region: string;
  readonly token: SampleTokenState;
  readonly profiles: readonly SampleProfile[];
}

export interface Sample {
  readonly sessions: readonly SampleSession[];
  /** Appended to the config as written (non-SSO or chained profiles). */
  readonly extraConfig?: string;
  /** Accounts the fake knows beyond the configured ones (for discovery). */
  readonly extraAccounts?: readonly FakeAccount[];
}

/** The key a session's token file is named after: its name, or the legacy start URL. */
export const sessionId = (session: SampleSession): string =>
  session.kind === 'legacy' ? session.startUrl : session.name;

export function sampleConfigText(sample: Sample): string {
  const parts: string[] = [];
  for (const session of sample.sessions) {
    if (session.kind === 'sso-session') {
      parts.push(
        `[sso-session ${session.name}]\nsso_start_url = ${session.startUrl}\nsso_region = ${session.region}\nsso_registration_scopes = sso:account:access\n`,
      );
      for (const p of session.profiles) {
        parts.push(
          `[profile ${p.name}]\nsso_session = ${session.name}\nsso_account_id = ${p.accountId}\nsso_role_name = ${p.roleName}\nregion = ${p.region}\n`,
        );
      }
    } else {
      for (const p of session.profiles) {
        parts.push(
          `[profile ${p.name}]\nsso_start_url = ${session.startUrl}\nsso_region = ${session.region}\nsso_account_id = ${p.accountId}\nsso_role_name = ${p.roleName}\nregion = ${p.region}\n`,
        );
      }
    }
  }
  if (sample.extraConfig) parts.push(sample.extraConfig);
  return parts.join('\n');
}

/** Every account and role in the sample (plus the extra ones), for the fake's `accounts` knob. */
export function sampleAccounts(sample: Sample): FakeAccount[] {
  const accounts = new Map<string, FakeAccount>();
  for (const session of sample.sessions) {
    for (const p of session.profiles) {
      const account = accounts.get(p.accountId) ?? {
        accountId: p.accountId,
        accountName: p.accountName,
        emailAddress: `aws+${p.accountName}@example.com`,
        roles: [],
      };
      if (!account.roles.includes(p.roleName)) account.roles.push(p.roleName);
      accounts.set(p.accountId, account);
    }
  }
  for (const extra of sample.extraAccounts ?? []) {
    const account = accounts.get(extra.accountId);
    if (account) {
      for (const role of extra.roles) if (!account.roles.includes(role)) account.roles.push(role);
    } else accounts.set(extra.accountId, { ...extra, roles: [...extra.roles] });
  }
  return [...accounts.values()];
}

const MINUTE = 60_000;

/** Writes one session's token file in the given state; returns its path (or null for `none`). */
export function writeSessionToken(
  home: TempHome,
  fake: FakeIdentityCenter,
  session: SampleSession,
  state: SampleTokenState,
  now: number = Date.now(),
): string | null {
  const id = sessionId(session);
  const issue = (options: Parameters<FakeIdentityCenter['issueToken']>[0]) =>
    serializeCliToken(
      fake.issueToken({ startUrl: session.startUrl, region: session.region, ...options }),
    );
  switch (state) {
    case 'none':
      return null;
    case 'corrupt':
      // A write cut short, as a crash mid-write of a non-atomic writer leaves it.
      return home.writeToken(id, '{"startUrl": "' + session.startUrl + '", "accessTo');
    case 'valid-refreshable':
      return home.writeToken(id, issue({ ttlSeconds: 8 * 3600, refreshable: true }));
    case 'valid':
      return home.writeToken(id, issue({ ttlSeconds: 6 * 3600, refreshable: false }));
    case 'expiring':
      return home.writeToken(id, issue({ ttlSeconds: 10 * 60, refreshable: false }));
    case 'expired':
      return home.writeToken(id, issue({ expiresAt: now - 3 * 60 * MINUTE, refreshable: false }));
  }
}

export function writeSample(home: TempHome, fake: FakeIdentityCenter, sample: Sample): void {
  fake.knobs.accounts = sampleAccounts(sample);
  for (const session of sample.sessions) writeSessionToken(home, fake, session, session.token);
  // An empty world has no config file at all, like a fresh machine.
  if (sample.sessions.length > 0 || sample.extraConfig) {
    writeFileSync(home.paths.configFile, sampleConfigText(sample));
  }
}

// ---- the worlds ----------------------------------------------------------------

const profile = (
  name: string,
  accountId: string,
  accountName: string,
  roleName: string,
  region: string,
): SampleProfile => ({ name, accountId, accountName, roleName, region });

/** Small and fixed: what the e2e tests assert against. */
export const E2E_SAMPLE: Sample = {
  sessions: [
    {
      name: 'acme',
      kind: 'sso-session',
      startUrl: 'https://acme.awsapps.com/start',
      region: 'us-east-1',
      token: 'valid-refreshable',
      profiles: [
        profile('acme-dev', '111111111111', 'acme-dev', 'DeveloperAccess', 'eu-west-1'),
        profile('acme-prod', '222222222222', 'acme-prod', 'ReadOnly', 'us-east-1'),
        profile('acme-admin', '222222222222', 'acme-prod', 'AdministratorAccess', 'us-east-1'),
      ],
    },
    {
      name: 'ops',
      kind: 'sso-session',
      startUrl: 'https://ops-team.awsapps.com/start',
      region: 'us-west-2',
      token: 'expiring',
      profiles: [profile('ops-audit', '333333333333', 'audit', 'AuditReadOnly', 'us-west-2')],
    },
    {
      name: 'contractor',
      kind: 'sso-session',
      startUrl: 'https://d-9067c0ffee.awsapps.com/start',
      region: 'eu-central-1',
      token: 'expired',
      profiles: [
        profile('contractor-dev', '444444444444', 'partner-dev', 'PowerUserAccess', 'eu-central-1'),
        profile('contractor-ro', '444444444444', 'partner-dev', 'ReadOnly', 'eu-central-1'),
      ],
    },
    {
      name: 'legacy',
      kind: 'legacy',
      startUrl: 'https://d-legacy0001.awsapps.com/start',
      region: 'us-east-1',
      token: 'none',
      profiles: [profile('legacy-billing', '555555555555', 'billing', 'Billing', 'us-east-1')],
    },
    {
      name: 'research',
      kind: 'sso-session',
      startUrl: 'https://research.awsapps.com/start',
      region: 'ap-southeast-2',
      token: 'corrupt',
      profiles: [profile('research-lab', '666666666666', 'lab', 'DataScientist', 'ap-southeast-2')],
    },
  ],
  extraConfig: `[profile acme-deploy]
role_arn = arn:aws:iam::222222222222:role/Deployer
source_profile = acme-prod
region = us-east-1
`,
  extraAccounts: [
    {
      accountId: '777777777777',
      accountName: 'acme-sandbox',
      emailAddress: 'aws+sandbox@example.com',
      roles: ['DeveloperAccess'],
    },
  ],
};

const ACME_ACCOUNTS = [
  ['100000000001', 'shared-services'],
  ['100000000002', 'network'],
  ['100000000003', 'payments-dev'],
  ['100000000004', 'payments-staging'],
  ['100000000005', 'payments-prod'],
  ['100000000006', 'data-lake'],
  ['100000000007', 'security-audit'],
  ['100000000008', 'log-archive'],
] as const;
const ACME_ROLES = ['AdministratorAccess', 'DeveloperAccess', 'ReadOnlyAccess'] as const;
const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'] as const;

/** The web demo: several sessions in every state and a few dozen profiles. */
export const DEMO_SAMPLE: Sample = {
  sessions: [
    {
      name: 'acme',
      kind: 'sso-session',
      startUrl: 'https://acme.awsapps.com/start',
      region: 'eu-west-1',
      token: 'valid-refreshable',
      profiles: ACME_ACCOUNTS.flatMap(([id, account], i) =>
        ACME_ROLES.map((role) =>
          profile(
            `${account}-${role.replace('Access', '').toLowerCase()}`,
            id,
            account,
            role,
            REGIONS[i % REGIONS.length]!,
          ),
        ),
      ),
    },
    {
      name: 'ops',
      kind: 'sso-session',
      startUrl: 'https://ops-team.awsapps.com/start',
      region: 'us-west-2',
      token: 'expiring',
      profiles: [
        profile('ops-audit', '200000000001', 'audit', 'AuditReadOnly', 'us-west-2'),
        profile('ops-oncall', '200000000002', 'operations', 'OnCallOperator', 'us-west-2'),
        profile('ops-billing', '200000000003', 'billing', 'BillingReadOnly', 'us-east-1'),
      ],
    },
    {
      name: 'contractor',
      kind: 'sso-session',
      startUrl: 'https://d-9067c0ffee.awsapps.com/start',
      region: 'eu-central-1',
      token: 'expired',
      profiles: [
        profile('partner-dev', '300000000001', 'partner-dev', 'PowerUserAccess', 'eu-central-1'),
        profile('partner-readonly', '300000000001', 'partner-dev', 'ReadOnly', 'eu-central-1'),
        profile(
          'partner-staging',
          '300000000002',
          'partner-staging',
          'PowerUserAccess',
          'eu-central-1',
        ),
      ],
    },
    {
      name: 'legacy',
      kind: 'legacy',
      startUrl: 'https://d-legacy0001.awsapps.com/start',
      region: 'us-east-1',
      token: 'none',
      profiles: [
        profile('legacy-billing', '400000000001', 'old-billing', 'Billing', 'us-east-1'),
        profile('legacy-reports', '400000000001', 'old-billing', 'ReportsViewer', 'us-east-1'),
      ],
    },
    {
      name: 'research',
      kind: 'sso-session',
      startUrl: 'https://research.awsapps.com/start',
      region: 'ap-southeast-2',
      token: 'corrupt',
      profiles: [
        profile('research-lab', '500000000001', 'lab', 'DataScientist', 'ap-southeast-2'),
        profile('research-gpu', '500000000002', 'gpu-cluster', 'MLEngineer', 'ap-southeast-2'),
      ],
    },
  ],
  extraConfig: `[profile deploy-prod]
role_arn = arn:aws:iam::100000000005:role/Deployer
source_profile = payments-prod-administrator
region = eu-west-1
`,
  extraAccounts: [
    {
      accountId: '100000000009',
      accountName: 'sandbox-alice',
      emailAddress: 'aws+sandbox-alice@example.com',
      roles: ['AdministratorAccess'],
    },
    {
      accountId: '100000000010',
      accountName: 'sandbox-bob',
      emailAddress: 'aws+sandbox-bob@example.com',
      roles: ['AdministratorAccess'],
    },
  ],
};

/** Generated scale world: `sessions` sessions with `perSession` profiles each. */
export function largeSample(sessions = 50, perSession = 100): Sample {
  const states: SampleTokenState[] = ['valid-refreshable', 'valid', 'expiring', 'expired', 'none'];
  return {
    sessions: Array.from({ length: sessions }, (_, s) => {
      const name = `org-${String(s + 1).padStart(2, '0')}`;
      return {
        name,
        kind: 'sso-session' as const,
        startUrl: `https://${name}.awsapps.com/start`,
        region: REGIONS[s % REGIONS.length]!,
        token: states[s % states.length]!,
        profiles: Array.from({ length: perSession }, (_, p) => {
          const account = String(100_000_000_000 + s * 1000 + Math.floor(p / 4)).padStart(12, '0');
          const role = [
            'AdministratorAccess',
            'DeveloperAccess',
            'ReadOnlyAccess',
            'BillingAccess',
          ][p % 4]!;
          return profile(
            `${name}-acct${Math.floor(p / 4)}-${role.replace('Access', '').toLowerCase()}`,
            account,
            `${name}-account-${Math.floor(p / 4)}`,
            role,
            REGIONS[(s + p) % REGIONS.length]!,
          );
        }),
      };
    }),
  };
}

/** A machine with no AWS configuration at all. */
export const EMPTY_SAMPLE: Sample = { sessions: [] };

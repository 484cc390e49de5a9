// `sso-tray discover` and `sso-tray add-profiles` end to end: the real CLI
// code, the real core and SDK, the fake portal, a temp HOME. The printed
// preview is a patch that GNU patch turns into exactly what --write writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../app/cli/context';
import { runCli } from '../../../app/cli/main';
import type { DiscoveryResult } from '../../../app/shared/api';
import { SEED_CONFIG } from '../../support/temp-home';
import { startDiscoveryWorld, type DiscoveryWorld } from './support/discovery-world';

let world: DiscoveryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    env: world!.env,
    cwd: world!.home.home,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
  };
  const code = await runCli(argv, ctx);
  return { code, stdout, stderr };
}

const config = () => readFileSync(world!.home.paths.configFile, 'utf8');

describe('sso-tray discover', () => {
  it('prints every account and role with the profiles that cover it', async () => {
    world = await startDiscoveryWorld();
    const { code, stdout, stderr } = await cli('discover', 'my-sso');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        'ACCOUNT       NAME  ROLE                 PROFILES',
        '111111111111  dev   DeveloperAccess      dev',
        '111111111111  dev   ReadOnly             -',
        '222222222222  prod  AdministratorAccess  -',
        '222222222222  prod  ReadOnly             prod',
        '',
        '2 accounts, 4 roles, 2 without a profile.',
        'Preview the missing profiles: sso-tray add-profiles my-sso',
        '',
      ].join('\n'),
    );
  });

  it('prints the DiscoveryResult with --json', async () => {
    world = await startDiscoveryWorld();
    const { code, stdout } = await cli('discover', 'my-sso', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as DiscoveryResult;
    expect(result.session).toBe('my-sso');
    expect(result.accounts[1]).toEqual({
      accountId: '222222222222',
      accountName: 'prod',
      emailAddress: 'prod@example.com',
      roles: [
        { roleName: 'AdministratorAccess', profiles: [] },
        { roleName: 'ReadOnly', profiles: ['prod'] },
      ],
    });
  });

  it('says how to sign in when the session is not signed in', async () => {
    world = await startDiscoveryWorld({ signedIn: false });
    expect(await cli('discover', 'my-sso')).toEqual({
      code: 4, // needs sign-in
      stdout: '',
      stderr:
        'sso-tray: You are not signed in to my-sso. Sign in, then discover accounts. Run: sso-tray login my-sso\n',
    });
  });

  it('is a usage error without a session', async () => {
    world = await startDiscoveryWorld();
    const { code, stderr } = await cli('discover');
    expect(code).toBe(2);
    expect(stderr).toContain('missing <session>');
  });
});

describe('sso-tray add-profiles', () => {
  it('previews a diff that patch applies to exactly what --write then writes', async () => {
    world = await startDiscoveryWorld();
    const preview = await cli('add-profiles', 'my-sso', '--region', 'eu-west-1');
    expect(preview.code).toBe(0);
    expect(preview.stderr).toBe(
      `2 to add in ${world.home.paths.configFile}. Run again with --write to apply.\n`,
    );
    expect(config()).toBe(SEED_CONFIG);
    expect(preview.stdout).toContain('+[profile dev-readonly]\n');
    expect(preview.stdout).toContain('+region = eu-west-1\n');

    const work = mkdtempSync(path.join(tmpdir(), 'sso-tray-patch-'));
    try {
      writeFileSync(path.join(work, 'config'), SEED_CONFIG);
      writeFileSync(path.join(work, 'preview.diff'), preview.stdout);
      const patched = spawnSync('patch', ['--quiet', '-o', 'patched', 'config', 'preview.diff'], {
        cwd: work,
      });
      expect(patched.status).toBe(0);

      const written = await cli('add-profiles', 'my-sso', '--region', 'eu-west-1', '--write');
      expect(written.code).toBe(0);
      expect(readFileSync(path.join(work, 'patched'), 'utf8')).toBe(config());
      const backup = readdirSync(path.dirname(world.home.paths.configFile)).find((f) =>
        f.startsWith('config.sso-tray-backup-'),
      );
      expect(written.stdout).toBe(
        `Updated ${world.home.paths.configFile}: 2 added, 0 removed.\n` +
          '  + dev-readonly  (111111111111 ReadOnly)\n' +
          '  + prod-administratoraccess  (222222222222 AdministratorAccess)\n' +
          `Backup: ${path.join(path.dirname(world.home.paths.configFile), backup!)}\n`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    const again = await cli('add-profiles', 'my-sso', '--write');
    expect(again).toEqual({
      code: 0,
      stdout: 'Nothing to change: every role of my-sso already has a profile.\n',
      stderr: '',
    });
  });

  it('prunes generated profiles whose role was removed, with --prune --write', async () => {
    world = await startDiscoveryWorld();
    await cli('add-profiles', 'my-sso', '--template', '{account_id}-{role_name}', '--write');
    expect(config()).toContain('[profile 222222222222-administratoraccess]');
    world.fake.knobs.accounts = world.fake.knobs.accounts.map((a) =>
      a.accountId === '222222222222' ? { ...a, roles: ['ReadOnly'] } : a,
    );
    const pruned = await cli('add-profiles', 'my-sso', '--prune', '--write');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('0 added, 1 removed.\n  - 222222222222-administratoraccess\n');
    expect(config()).not.toContain('administratoraccess');
    expect(config()).toContain('[profile 111111111111-readonly]');
    expect(config().startsWith(SEED_CONFIG)).toBe(true);
  });

  it('rejects a bad template and a bad region with one clear line, as usage errors', async () => {
    world = await startDiscoveryWorld();
    const template = await cli('add-profiles', 'my-sso', '--template', '{acct}');
    expect(template.code).toBe(2); // a usage error
    expect(template.stderr).toMatch(
      /^sso-tray: Invalid name template: unknown placeholder \{acct\}/,
    );
    const region = await cli('add-profiles', 'my-sso', '--region', 'Europe');
    expect(region).toMatchObject({
      code: 2,
      stderr: 'sso-tray: "Europe" is not an AWS region name.\n',
    });
    expect(world.fake.requests).toHaveLength(0);
  });
});

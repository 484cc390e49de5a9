// Files other tools write, read the way the AWS CLI reads them: a token whose
// expiresAt ends in a lower-case z, a config that starts with a byte-order mark,
// a profile name with an unquoted space.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());

describe('files other tools write', () => {
  it('a token whose expiresAt ends in a lower-case z is valid (botocore and the AWS CLI accept it)', async () => {
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00z' }));
    const run = await runSsoTray(['status', '--json'], { env: home.env });
    const [session] = JSON.parse(run.stdout).sessions;
    expect(session.state).toBe('valid');
    expect(session.expiresAt).toBe('2099-01-01T00:00:00.000Z');
  });

  it('a config starting with a byte-order mark is reported as such, with the fix', async () => {
    home = createTempHome();
    writeFileSync(
      home.paths.configFile,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEED_CONFIG)]),
    );
    const run = await runSsoTray(['status', '--json'], { env: home.env });
    const problems = JSON.parse(run.stdout).problems as { message: string; line: number }[];
    const bom = problems.find((p) => /byte-order mark/i.test(p.message));
    expect(bom).toBeDefined();
    expect(bom!.line).toBe(1);
    expect(bom!.message).toMatch(/without (a )?(BOM|byte-order mark)/i);
    expect(problems.some((p) => /text before the first/.test(p.message))).toBe(false);
  });

  it('doctor says an unquoted space in a profile name needs quotes', async () => {
    home = createTempHome({
      config: `${SEED_CONFIG}\n[profile my dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    });
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const run = await runSsoTray(['doctor', '--json'], { env: home.env, cwd: home.home });
    const findings = JSON.parse(run.stdout).findings as {
      title: string;
      fix: string[];
      line?: number;
    }[];
    const quoted = findings.find((f) => f.fix.includes('[profile "my dev"]'));
    expect(quoted).toBeDefined();
    expect(quoted!.line).toBe(SEED_CONFIG.split('\n').length + 1);
  });
});

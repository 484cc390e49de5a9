// The export group of the SsoTrayApi over a real core and the fake IAM
// Identity Center: the window only ever gets masked previews, the clipboard
// gets the full snippet (marked secret for credentials), the console opens the
// portal link, and failures are results with actions, not exceptions.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWindowApi, type Core, type PlatformAdapters } from '../../../app/core';
import { SYSTEM_BROWSER_ONLY } from '../../../app/core/browser/browser-choice';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { SsoTrayApi } from '../../../app/shared/api';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';

let fake: FakeIdentityCenter;
let home: TempHome;
let core: Core;
let api: SsoTrayApi;
let clipboard: { text: string; secret: boolean | undefined }[];
let opened: string[];

beforeAll(async () => {
  fake = await startFakeIdentityCenter();
});
afterAll(() => fake.close());

beforeEach(async () => {
  home = createTempHome({
    config: `${SEED_CONFIG}\n[profile %USERNAME%]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = DeveloperAccess\n`,
  });
  clipboard = [];
  opened = [];
  // The system browser: what the URL policy lets through to it is what a user would see open.
  core = await openTestCore(home, {
    env: fake.env,
    systemBrowser: async (url) => void opened.push(url),
  });
  const platform: PlatformAdapters = {
    clipboard: {
      writeText: (text, options) => void clipboard.push({ text, secret: options?.secret }),
    },
    browser: SYSTEM_BROWSER_ONLY,
    appInfo: { version: 'test', platform: 'linux' },
  };
  api = createWindowApi(core, platform);
});
afterEach(async () => {
  await core.close();
  home.cleanup();
});

async function signIn(): Promise<void> {
  home.writeToken(
    'my-sso',
    serializeCliToken(fake.issueToken({ startUrl: 'https://d-abc123.awsapps.com/start' })),
  );
  await core.reload();
}

describe('previewExport / copyExport', () => {
  it('profile mode: the preview is the snippet (nothing secret), region from the setting', async () => {
    const preview = await api.previewExport({ profile: 'dev', target: 'bash', mode: 'profile' });
    expect(preview).toEqual({
      ok: true,
      value: {
        maskedText:
          'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\n' +
          'export AWS_PROFILE=dev\nexport AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n',
        expiresAt: null,
      },
    });
    await api.copyExport({ profile: 'dev', target: 'bash', mode: 'profile', includeRegion: false });
    expect(clipboard).toEqual([
      {
        text: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\nexport AWS_PROFILE=dev\n',
        secret: false,
      },
    ]);
  });

  it('credentials mode: the clipboard gets the keys (marked secret), the window only a masked preview', async () => {
    await signIn();
    const expected = fake.roleCredentials('111111111111', 'DeveloperAccess');
    const result = await api.copyExport({
      profile: 'dev',
      target: 'powershell',
      mode: 'credentials',
    });
    expect(result.ok).toBe(true);
    const preview = result.ok ? result.value : null;
    expect(clipboard).toHaveLength(1);
    expect(clipboard[0]!.secret).toBe(true);
    expect(clipboard[0]!.text).toContain(
      `$Env:AWS_SECRET_ACCESS_KEY="${expected.secretAccessKey}"\n`,
    );
    const everything = JSON.stringify(preview);
    for (const secret of [expected.accessKeyId, expected.secretAccessKey, expected.sessionToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(preview!.expiresAt).toBe(new Date(expected.expiration).toISOString());
    expect(preview!.maskedText.split('\n')).toHaveLength(clipboard[0]!.text.split('\n').length);
  });

  it('not signed in: a result with a sign-in action, and nothing on the clipboard', async () => {
    const result = await api.copyExport({ profile: 'dev', target: 'bash', mode: 'credentials' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'not-signed-in',
        message: 'Not signed in to my-sso; sign in to it first.',
        action: { kind: 'sign-in', session: 'my-sso' },
      },
    });
    expect(clipboard).toEqual([]);
  });

  it('a value a shell cannot hold safely is refused, not copied', async () => {
    // cmd.exe expands %VAR% even inside quotes.
    const result = await api.copyExport({ profile: '%USERNAME%', target: 'cmd', mode: 'profile' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unsafe-value' } });
    expect(clipboard).toEqual([]);
    expect(
      (await api.copyExport({ profile: '%USERNAME%', target: 'bash', mode: 'profile' })).ok,
    ).toBe(true);
    const unknown = await api.previewExport({ profile: 'ghost', target: 'bash', mode: 'profile' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-profile' } });
  });
});

describe('openConsole', () => {
  it('opens the access portal’s shortcut link, without credentials', async () => {
    const before = fake.requestsFor('GetRoleCredentials').length;
    expect(await api.openConsole('prod')).toEqual({ ok: true, value: null });
    expect(opened).toEqual([
      'https://d-abc123.awsapps.com/start/#/console?account_id=222222222222&role_name=ReadOnly',
    ]);
    expect(fake.requestsFor('GetRoleCredentials').length).toBe(before);
  });

  it('a profile that is not an IAM Identity Center role is an error result', async () => {
    expect(await api.openConsole('nope')).toMatchObject({
      ok: false,
      error: { code: 'unknown-profile' },
    });
    expect(opened).toEqual([]);
  });
});

describe('diagnose', () => {
  it('reports on the profile asked about', async () => {
    const result = await api.diagnose('dev');
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : null;
    expect(report!.profile).toBe('dev');
    expect(report!.findings.map((f) => f.id)).toContain('session-signed-out');
  });
});

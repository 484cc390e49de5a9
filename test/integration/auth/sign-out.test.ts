// Per-session sign-out: the portal's Logout with that session's token (a
// failure there is tolerated), then only that session's token file goes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { SEED_CONFIG } from '../../support/temp-home';
import { startAuthHarness, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
afterEach(async () => h?.close());

const CONFIG = `${SEED_CONFIG}
[sso-session other]
sso_start_url = https://d-other.awsapps.com/start
sso_region = eu-west-1
`;

/** my-sso signed in through the real flow, plus another session, a foreign file and a registration. */
async function crowdedCache() {
  h = await startAuthHarness({ config: CONFIG });
  expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
  const other = h.home.writeToken(
    'other',
    serializeCliToken(h.fake.issueToken({ startUrl: 'https://d-other.awsapps.com/start' })),
  );
  await h.core.reload();
  const foreign = path.join(h.home.paths.cacheDir, 'granted-something.json');
  writeFileSync(foreign, '{"accessToken": "another tool", "expiresAt": "2099-01-01T00:00:00Z"}');
  const before = Object.fromEntries(
    readdirSync(h.home.paths.cacheDir).map((f) => [
      f,
      readFileSync(path.join(h.home.paths.cacheDir, f), 'utf8'),
    ]),
  );
  return { other, foreign, before, token: JSON.parse(h.tokenText()) as Record<string, string> };
}

describe('sign-out of one session', () => {
  it('logs out at the portal with that token and deletes only that token file', async () => {
    const { before, token } = await crowdedCache();
    const result = await h.core.signOut('my-sso');
    expect(result).toEqual({ session: 'my-sso', removed: true, portal: 'logged-out' });

    const [logout] = h.fake.requestsFor('Logout');
    expect(logout!.headers['x-amz-sso_bearer_token']).toBe(token.accessToken);
    expect(h.fake.isTokenValid(token.accessToken!)).toBe(false);

    const after = readdirSync(h.home.paths.cacheDir);
    const expected = Object.keys(before).filter(
      (f) => f !== path.basename(h.home.tokenPath('my-sso')),
    );
    expect(after.sort()).toEqual(expected.sort());
    for (const file of after) {
      expect(readFileSync(path.join(h.home.paths.cacheDir, file), 'utf8')).toBe(before[file]);
    }
    const views = h.core.snapshot().sessions;
    expect(views.find((s) => s.name === 'my-sso')!.state).toBe('signed-out');
    expect(views.find((s) => s.name === 'other')!.state).toBe('valid');
  });

  it('still deletes the file when the portal cannot be reached', async () => {
    await crowdedCache();
    h.fake.knobs.failures.Logout = { status: 'reset', count: 3 };
    const result = await h.core.signOut('dev');
    expect(result.removed).toBe(true);
    expect(result.portal).toMatchObject({ failed: { code: 'network' } });
    expect(() => h.tokenText()).toThrow(/ENOENT/);
  });

  it('skips the portal for an expired token, and is a no-op when not signed in', async () => {
    h = await startAuthHarness();
    h.home.writeToken(
      'my-sso',
      serializeCliToken(h.fake.issueToken({ expiresAt: Date.now() - 1000 })),
    );
    expect(await h.core.signOut('my-sso')).toEqual({
      session: 'my-sso',
      removed: true,
      portal: 'skipped',
    });
    expect(await h.core.signOut('my-sso')).toEqual({
      session: 'my-sso',
      removed: false,
      portal: 'skipped',
    });
    expect(h.fake.requestsFor('Logout')).toHaveLength(0);
  });

  it('cancels a running sign-in of the session first', async () => {
    h = await startAuthHarness();
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser });
    await h.prompt();
    await h.core.signOut('my-sso');
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'signed-out',
      signIn: null,
    });
  });

  it('refuses names that are not sessions', async () => {
    h = await startAuthHarness();
    await expect(h.core.signOut('nope')).rejects.toMatchObject({ code: 'unknown-session' });
  });
});

// The main list: sessions with their state (icon + word + colour), live
// countdowns and profiles; search, favourites and keyboard navigation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serializeCliToken } from '../../app/core/token-cache/token-file';
import { expect, profileRow, sessionRow, test } from './fixtures';

test.describe('with room for every row', () => {
  test.use({ viewport: { width: 380, height: 1400 } });

  test('shows every session of the sample with its state, and its profiles', async ({ app }) => {
    const expected = [
      { name: 'acme', state: 'valid', word: 'Valid', time: /^7h 5\dm left$/ },
      { name: 'ops', state: 'expiring', word: 'Expiring soon', time: /^(9|10)m left$/ },
      { name: 'contractor', state: 'expired', word: 'Expired', time: /^expired 3h ago$/ },
      { name: 'research', state: 'invalid', word: 'Invalid', time: /^$/ },
      {
        name: 'https://d-legacy0001.awsapps.com/start',
        state: 'signed-out',
        word: 'Signed out',
        time: /^$/,
      },
    ];
    for (const session of expected) {
      const row = sessionRow(app, session.name);
      await expect(row).toHaveAttribute('data-state', session.state);
      // Never colour alone: the word is there, and the icon next to it.
      await expect(row.locator('.state-word')).toHaveText(session.word);
      await expect(row.locator('.state svg')).toHaveCount(1);
      await expect(row.getByTestId('time-left')).toHaveText(session.time);
    }
    await expect(sessionRow(app, 'acme')).toContainText('renews automatically');
    await expect(sessionRow(app, 'ops')).not.toContainText('renews automatically');
    // A legacy session is named by its start URL; the window shows the core's label for it.
    await expect(
      sessionRow(app, 'https://d-legacy0001.awsapps.com/start').locator('.session-name'),
    ).toHaveText('d-legacy0001.awsapps.com/start');
    // The unreadable token says what is wrong on the session itself.
    await expect(sessionRow(app, 'research')).toContainText('cannot be used');

    await expect(profileRow(app, 'acme-dev')).toContainText(
      '111111111111 · DeveloperAccess · eu-west-1',
    );
    await expect(profileRow(app, 'acme-admin')).toContainText(
      '222222222222 · AdministratorAccess · us-east-1',
    );
    await expect(profileRow(app, 'acme-deploy')).toContainText('via acme-prod');
    await expect(profileRow(app, 'contractor-ro')).toContainText(
      '444444444444 · ReadOnly · eu-central-1',
    );
    await expect(profileRow(app, 'legacy-billing')).toContainText('555555555555 · Billing');

    // Sessions that need the user first; profiles under their session, in config order.
    const order = await app
      .locator('[data-row]')
      .evaluateAll((rows) =>
        rows.map((r) => r.getAttribute('data-session') ?? r.getAttribute('data-profile')),
      );
    expect(order).toEqual([
      'contractor',
      'contractor-dev',
      'contractor-ro',
      'ops',
      'ops-audit',
      'research',
      'research-lab',
      'https://d-legacy0001.awsapps.com/start',
      'legacy-billing',
      'acme',
      'acme-dev',
      'acme-prod',
      'acme-admin',
      'acme-deploy',
    ]);
  });
});

test('counts down live and turns expired at the boundary, without a reload', async ({
  app,
  harness,
}) => {
  await app.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
  const issued = harness.fake.issueToken({
    startUrl: 'https://ops-team.awsapps.com/start',
    // Real time: long enough that a slow machine still shows it counting down before it expires.
    ttlSeconds: 8,
    refreshable: false,
  });
  harness.home.writeToken('ops', serializeCliToken(issued));
  const time = sessionRow(app, 'ops').getByTestId('time-left');
  await expect(time).toHaveText(/^[1-8]s left$/);
  const first = Number((await time.textContent())!.match(/\d+/)![0]);
  await expect(time).not.toHaveText(`${first}s left`);
  await expect(sessionRow(app, 'ops')).toHaveAttribute('data-state', 'expired');
  await expect(sessionRow(app, 'ops').locator('.state-word')).toHaveText('Expired');
  expect(await app.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
});

test('search filters by name, account, role and region; / focuses it', async ({ app }) => {
  const search = app.getByRole('searchbox', { name: 'Search profiles' });
  await app.locator('body').click({ position: { x: 5, y: 300 } });
  await app.keyboard.press('/');
  await expect(search).toBeFocused();

  const shown = () =>
    app
      .locator('[data-row="profile"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')));

  await app.keyboard.type('administratoraccess');
  await expect.poll(shown).toEqual(['acme-admin']);
  await expect(sessionRow(app, 'acme')).toBeVisible();
  await expect(sessionRow(app, 'ops')).toHaveCount(0);

  await search.fill('333333333333');
  await expect.poll(shown).toEqual(['ops-audit']);

  await search.fill('eu-central-1');
  await expect.poll(shown).toEqual(['contractor-dev', 'contractor-ro']);

  // Words narrow together, in any order.
  await search.fill('readonly 444');
  await expect.poll(shown).toEqual(['contractor-ro']);

  // A session's name shows all of its profiles.
  await search.fill('acme');
  await expect.poll(shown).toEqual(['acme-dev', 'acme-prod', 'acme-admin', 'acme-deploy']);

  await search.fill('no-such-profile');
  await expect(app.getByText('No profile matches “no-such-profile”.')).toBeVisible();

  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect.poll(async () => (await shown()).length).toBeGreaterThan(4);
});

test('favourites are pinned above the valid sessions and remembered', async ({ app, harness }) => {
  // Scrolled down to the valid sessions, the user pins one of their profiles.
  await app.locator('.list-scroller').evaluate((list) => (list.scrollTop = list.scrollHeight));
  const star = profileRow(app, 'acme-prod').getByRole('button', {
    name: 'Favourite acme-prod',
  });
  const before = await star.boundingBox();
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  // The row that was clicked stays where it was while the group appears above it.
  expect(await star.boundingBox()).toEqual(before);

  // Below the sessions that need the user, above the valid ones.
  const pinned = app.locator('[data-row="profile"][data-pinned="true"]');
  await expect(app.locator('.group-row', { hasText: 'Favourites' })).toBeVisible();
  await expect(pinned).toHaveAttribute('data-profile', 'acme-prod');
  // The pinned row says which session it needs, and that session's state.
  await expect(pinned).toContainText('acme');
  await expect(pinned.locator('.state')).toHaveAttribute('data-state', 'valid');
  const order = await app
    .locator('[data-row]')
    .evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-profile') ?? r.getAttribute('data-session')),
    );
  expect(order.indexOf('acme-prod')).toBeLessThan(order.indexOf('acme'));

  // Stored by the app, so it survives a new window.
  const file = path.join(harness.home.home, '.config', 'sso-tray', 'settings.json');
  await expect
    .poll(() => (JSON.parse(readFileSync(file, 'utf8')) as { favourites: string[] }).favourites)
    .toEqual(['acme-prod']);
  await app.reload();
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme-prod');
  await expect(app.locator('[data-row="profile"][data-pinned="true"]')).toHaveAttribute(
    'data-profile',
    'acme-prod',
  );

  await app
    .locator('[data-row="profile"][data-pinned="true"]')
    .getByRole('button', { name: 'Favourite acme-prod' })
    .click();
  await expect(app.locator('.group-row', { hasText: 'Favourites' })).toHaveCount(0);
});

test('keyboard: arrows move through rows, Enter runs the row action, left/right fold a session', async ({
  app,
  harness,
}) => {
  const search = app.getByRole('searchbox', { name: 'Search profiles' });
  await search.focus();
  await app.keyboard.press('ArrowDown');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(profileRow(app, 'contractor-dev')).toBeFocused();

  // Enter on a profile copies its export in the remembered shell and mode.
  await app.keyboard.press('Enter');
  await expect
    .poll(() => harness.traffic.callsTo('copyExport'))
    .toEqual([[{ profile: 'contractor-dev', target: 'bash', mode: 'profile' }]]);

  await app.keyboard.press('ArrowUp');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(profileRow(app, 'contractor-dev')).toHaveCount(0);
  await app.keyboard.press('ArrowDown');
  await expect(sessionRow(app, 'ops')).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('ArrowRight');
  await expect(profileRow(app, 'contractor-dev')).toBeVisible();

  // End reaches the last row even though it was not rendered (virtual list).
  await app.keyboard.press('End');
  await expect(profileRow(app, 'acme-deploy')).toBeFocused();
  await app.keyboard.press('Home');
  await expect(sessionRow(app, 'contractor')).toBeFocused();

  // Enter on a session that needs it starts the sign-in.
  await app.keyboard.press('Enter');
  await expect.poll(() => harness.traffic.callsTo('signIn')).toEqual([['contractor']]);
});

// Discover accounts, the window's part: every account and role the
// session reaches, which have a profile, a diff of the profiles to add, and
// Apply, which writes ~/.aws/config (with a backup) and the list follows.
import { existsSync, readFileSync } from 'node:fs';
import { expect, profileRow, sessionRow, statusLine, test } from './fixtures';

test('lists accounts and roles, previews the missing profiles as a diff, and applies it', async ({
  app,
  harness,
}) => {
  const configBefore = readFileSync(harness.home.paths.configFile, 'utf8');
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  await sessionRow(app, 'acme').getByRole('button', { name: 'Discover accounts of acme' }).click();
  await expect(app.getByRole('heading', { name: 'Accounts of acme' })).toBeVisible();

  const table = app.getByRole('table');
  const sandbox = table.locator('tr', { hasText: '777777777777' });
  await expect(sandbox).toContainText('acme-sandbox');
  await expect(sandbox).toContainText('DeveloperAccess');
  await expect(sandbox).toContainText('missing');
  await expect(table.locator('tr', { hasText: 'DeveloperAccess' }).first()).toContainText(
    'acme-dev',
  );

  await app.getByLabel('Region').fill('eu-west-2');
  await app.getByRole('button', { name: 'Preview changes' }).click();
  const diff = app.getByLabel('Changes to the config file');
  await expect(diff).toContainText('sso_account_id = 777777777777');
  await expect(diff).toContainText('region = eu-west-2');
  await expect(diff).toContainText('sso_session = acme');
  // Nothing is written before Apply.
  expect(readFileSync(harness.home.paths.configFile, 'utf8')).toBe(configBefore);

  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(statusLine(app)).toContainText('Added ');
  const backup = (await statusLine(app).textContent())!.replace(/^.*Backup: /, '');
  expect(existsSync(backup)).toBe(true);
  expect(readFileSync(backup, 'utf8')).toBe(configBefore);
  const configAfter = readFileSync(harness.home.paths.configFile, 'utf8');
  expect(configAfter.startsWith(configBefore)).toBe(true);
  expect(configAfter).toContain('sso_account_id = 777777777777');
  // The table now finds a profile for it.
  await expect(sandbox).not.toContainText('missing');

  // Back in the list, the new profile is there, with the account's name.
  await app.getByRole('button', { name: 'Back to the list' }).click();
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('777777777777');
  const added = app.locator('[data-row="profile"][data-pinned="false"]');
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('acme-sandbox (777777777777) · DeveloperAccess · eu-west-2');
  const name = (await added.getAttribute('data-profile'))!;
  await expect(profileRow(app, name)).toBeVisible();
});

test('a session that is not signed in says so and offers to sign in', async ({ app, harness }) => {
  await sessionRow(app, 'contractor')
    .getByRole('button', { name: 'Discover accounts of contractor' })
    .click();
  const notice = app.getByRole('note');
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => harness.traffic.callsTo('signIn')).toEqual([['contractor']]);
  // Signed in, the same view can ask again.
  await expect(statusLine(app)).toHaveText('Signed in to contractor.');
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByRole('table')).toContainText('444444444444');
});

// Preferences: every stored setting, saved as it changes (through the app's
// real settings store), a rejected value explained next to its field, the view
// opened directly with #preferences (as the tray's menu does), and the browser
// shown read-only, changed only through main's picker (played by the harness).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../app/shared/api';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';

const FIREFOX_WORK = {
  kind: 'installed',
  browser: 'firefox',
  executable: '/usr/bin/firefox',
  profile: 'work',
  label: 'Firefox: work',
} as const;

/** The settings file as the app wrote it (defaults until the first save). */
const stored = (harness: Harness) => (): Settings => {
  const file = path.join(harness.home.home, '.config', 'sso-tray', 'settings.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Settings) : DEFAULT_SETTINGS;
};

test('opens on #preferences and saves every setting as it changes', async ({ app, harness }) => {
  await app.goto(`${harness.url}#preferences`);
  await expect(app.getByRole('heading', { name: 'Preferences' })).toBeVisible();
  const settings = stored(harness);

  const lead = app.getByLabel('Warn before a session ends (minutes)');
  await lead.fill('30, 10');
  await lead.press('Enter');
  await expect.poll(() => settings().notificationLeadMinutes).toEqual([30, 10]);

  await app.getByRole('checkbox', { name: 'contractor' }).check();
  await expect.poll(() => settings().mutedSessions).toEqual(['contractor']);

  await app.getByLabel('Default shell').selectOption('powershell');
  await expect.poll(() => settings().defaultShell).toBe('powershell');

  await app.getByRole('radio', { name: 'Credentials (temporary keys)' }).check();
  await expect.poll(() => settings().defaultExportMode).toBe('credentials');

  await app.getByRole('checkbox', { name: 'Include AWS_REGION from the profile' }).uncheck();
  await expect.poll(() => settings().includeRegion).toBe(false);

  await app.getByRole('radio', { name: 'Device code' }).check();
  await expect.poll(() => settings().signInFlow).toBe('device-code');

  const browser = app.getByLabel('Browser for sign-in pages');
  await expect(browser).toHaveText('System default browser');
  harness.picker.answer = FIREFOX_WORK;
  await app.getByRole('button', { name: 'Choose…' }).click();
  await expect(browser).toHaveText('Firefox: work');
  await expect.poll(() => (settings() as { browser?: unknown }).browser).toEqual(FIREFOX_WORK);
  expect(harness.picker.shown).toBe(1);

  await app.getByRole('checkbox', { name: 'Renew refreshable sessions automatically' }).uncheck();
  const renewLead = app.getByLabel('Renew this many minutes before expiry');
  await renewLead.fill('20');
  await renewLead.press('Enter');
  await expect.poll(() => settings().renewal).toEqual({ enabled: false, leadMinutes: 20 });

  const clear = app.getByLabel('Clear copied credentials after (seconds)');
  await clear.fill('45');
  await clear.press('Enter');
  await expect.poll(() => settings().clipboardClearSeconds).toBe(45);

  await app.getByRole('checkbox', { name: 'Launch SSO Tray at login' }).check();
  await expect.poll(() => settings().launchAtLogin).toBe(true);

  // A new window shows what was stored.
  await app.reload();
  await expect(app.getByLabel('Default shell')).toHaveValue('powershell');
  await expect(app.getByLabel('Warn before a session ends (minutes)')).toHaveValue('30, 10');
  await expect(app.getByRole('radio', { name: 'Device code' })).toBeChecked();
  await expect(app.getByLabel('Browser for sign-in pages')).toHaveText('Firefox: work');

  // The list's copy buttons follow the default shell and mode.
  await app.getByRole('button', { name: 'Back to the list' }).click();
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme-dev');
  await expect(
    app.getByRole('button', { name: 'Copy export for acme-dev (PowerShell, credentials)' }),
  ).toBeVisible();
});

test('each session: its own sign-in method and its own browser, chosen in main’s picker', async ({
  app,
  harness,
}) => {
  await app.goto(`${harness.url}#preferences`);
  const settings = stored(harness);
  const file = () =>
    settings() as Settings & { sessionBrowsers?: Record<string, unknown>; browser?: unknown };

  // Every session has a row; by default it follows the default browser.
  const acmeBrowser = app.getByRole('status', { name: 'Browser for acme' });
  await expect(acmeBrowser).toHaveText('Default (System default browser)');
  await expect(app.getByRole('status', { name: 'Browser for ops' })).toHaveText(
    'Default (System default browser)',
  );
  // Legacy sessions always use the device code: their method cannot be changed.
  const legacyMethod = app.getByRole('combobox', { name: /^Sign-in method for .*legacy/ });
  await expect(legacyMethod).toBeDisabled();
  await expect(legacyMethod).toHaveValue('device-code');

  await app.getByRole('combobox', { name: 'Sign-in method for acme' }).selectOption('Device code');
  await expect.poll(() => settings().sessionSignIn).toEqual({ acme: { flow: 'device-code' } });

  // The window only names the session; main's picker (played by the harness) chooses.
  harness.picker.answer = FIREFOX_WORK;
  await app.getByRole('button', { name: 'Choose the browser for acme' }).click();
  await expect(acmeBrowser).toHaveText('Firefox: work');
  expect(harness.picker.lastSession).toMatchObject({ name: 'acme', own: null });
  await expect.poll(() => file().sessionBrowsers).toEqual({ acme: FIREFOX_WORK });
  // The default browser and the other sessions are unchanged.
  expect(file().browser).toBeUndefined();
  await expect(app.getByLabel('Browser for sign-in pages')).toHaveText('System default browser');
  await expect(app.getByRole('status', { name: 'Browser for ops' })).toHaveText(
    'Default (System default browser)',
  );

  // Stored: a new window shows it.
  await app.reload();
  await expect(app.getByRole('status', { name: 'Browser for acme' })).toHaveText('Firefox: work');
  await expect(app.getByRole('combobox', { name: 'Sign-in method for acme' })).toHaveValue(
    'device-code',
  );

  // Back to the default, for both.
  harness.picker.answer = { kind: 'default' };
  await app.getByRole('button', { name: 'Choose the browser for acme' }).click();
  await expect(app.getByRole('status', { name: 'Browser for acme' })).toHaveText(
    'Default (System default browser)',
  );
  await expect.poll(() => file().sessionBrowsers).toBeUndefined();
  await app.getByRole('combobox', { name: 'Sign-in method for acme' }).selectOption('Default');
  await expect.poll(() => settings().sessionSignIn).toEqual({});
});

test('a value the app cannot use is explained and nothing is saved', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Preferences' }).click();
  await expect(app).toHaveURL(/#preferences$/);
  const before = harness.settings.get();
  const file = path.join(harness.home.home, '.config', 'sso-tray', 'settings.json');

  const lead = app.getByLabel('Warn before a session ends (minutes)');
  await lead.fill('soon');
  await lead.press('Enter');
  const leadError = app.getByText('Use one to five whole minutes separated by commas, e.g. 15, 5.');
  await expect(leadError).toBeVisible();
  await lead.fill('60, 30, 15, 10, 5, 1');
  await lead.press('Enter');
  await expect(leadError).toBeVisible();

  const renew = app.getByLabel('Renew this many minutes before expiry');
  await renew.fill('90');
  await renew.press('Enter');
  await expect(app.getByText('Use a whole number of minutes from 1 to 60.')).toBeVisible();
  expect(harness.settings.get()).toEqual(before);
  expect(existsSync(file)).toBe(false);

  // Escape leaves the view for the list.
  await app.keyboard.press('Escape');
  await expect(app.getByRole('list', { name: 'Sessions and profiles' })).toBeVisible();
});

test.describe('a browser command set before this version', () => {
  test.use({ harnessOptions: { settingsFile: { browserCommand: 'firefox -P old {url}' } } });

  test('is shown read-only, kept on Cancel, and replaced only by a choice in main’s picker', async ({
    app,
    harness,
  }) => {
    await app.getByRole('button', { name: 'Preferences' }).click();
    const browser = app.getByLabel('Browser for sign-in pages');
    await expect(browser).toHaveText(
      'firefox -P old {url} (set before this version; change it with Choose…)',
    );
    // Nothing to type into: the window cannot edit it.
    await expect(app.getByRole('textbox', { name: /browser/i })).toHaveCount(0);
    const file = path.join(harness.home.home, '.config', 'sso-tray', 'settings.json');

    // The user cancels main's dialog: nothing changes.
    harness.picker.answer = null;
    await app.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => harness.picker.shown).toBe(1);
    await expect(browser).toContainText('firefox -P old {url}');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      browserCommand: 'firefox -P old {url}',
    });

    harness.picker.answer = { kind: 'system' };
    await app.getByRole('button', { name: 'Choose…' }).click();
    await expect(browser).toHaveText('System default browser');
    expect(harness.settings.browser()).toEqual({ kind: 'system' });
  });
});

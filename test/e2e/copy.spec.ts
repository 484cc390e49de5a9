// Copy feedback: a toast shows what went on the clipboard (masked), the copy
// button shows a check for a moment, copied credentials say when they leave
// the clipboard (after 60 s by default), and messages clear by themselves,
// except errors, which stay until dismissed. The page's clock is driven, so
// "a moment" and "by themselves" are steps, not waits.
import type { Page } from '@playwright/test';
import { EXPORT_SHELLS, EXPORT_TARGET_LABELS } from '../../app/shared/api';
import type { Harness } from '../harness/harness';
import { expect, profileRow, statusLine, test } from './fixtures';
import { openWindow, POPOVER } from './window';

test.use({ viewport: POPOVER });

async function open(page: Page, harness: Harness, profile: string) {
  await page.clock.install();
  await openWindow(page, harness);
  await page.getByRole('searchbox', { name: 'Search profiles' }).fill(profile);
  return profileRow(page, profile);
}

test('a copy shows the masked text in a toast and a check on the button, then both go', async ({
  page,
  harness,
}) => {
  const row = await open(page, harness, 'acme-dev');
  const copy = row.getByRole('button', { name: 'Copy export for acme-dev (bash, profile)' });
  await copy.click();
  await harness.clipboard.waitForWrite(1);

  await expect(statusLine(page)).toHaveText('Copied the profile export for acme-dev (bash).');
  const toast = page.getByTestId('copy-toast');
  await expect(toast.getByLabel('What was copied, masked')).toContainText(
    'export AWS_PROFILE=acme-dev',
  );
  await expect(copy).toHaveAttribute('data-copied', 'true');
  await expect(copy.locator('.icon-check')).toBeVisible();
  // Its name stays the same: a screen reader hears the status line instead.
  await expect(copy).toHaveAccessibleName('Copy export for acme-dev (bash, profile)');

  await page.clock.fastForward(2000);
  await expect(copy).toHaveAttribute('data-copied', 'false');
  await expect(copy.locator('.icon-copy')).toBeVisible();
  await expect(toast).toBeVisible();

  await page.clock.fastForward(5000);
  await expect(toast).toHaveCount(0);
  await expect(statusLine(page)).toHaveText('');
  // The footer's counts are back.
  await expect(page.getByRole('button', { name: '1 expired' })).toBeVisible();
});

test('copied credentials: masked in the toast, and cleared from the clipboard after 60 s by default', async ({
  page,
  harness,
}) => {
  const credentials = harness.fake.roleCredentials('111111111111', 'DeveloperAccess');
  const row = await open(page, harness, 'acme-dev');
  await row.getByRole('button', { name: 'Export options for acme-dev' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export acme-dev' });
  await dialog.getByRole('radio', { name: 'Credentials' }).check();
  await expect(dialog.getByTestId('export-preview')).toContainText('••••');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  expect(write.secret).toBe(true);
  expect(harness.settings.get().clipboardClearSeconds).toBe(60);

  const toast = page.getByTestId('copy-toast');
  await expect(toast).toContainText('export AWS_SECRET_ACCESS_KEY=••••');
  await expect(toast).toContainText('Cleared from the clipboard in 60 s.');
  expect(await page.content()).not.toContain(credentials.secretAccessKey);
});

test('the shell menu lists shells; tools are offered apart, and never become the default shell', async ({
  page,
  harness,
}) => {
  const row = await open(page, harness, 'acme-dev');
  await row.getByRole('button', { name: 'Export options for acme-dev' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export acme-dev' });
  await expect(dialog.getByLabel('Shell').locator('option')).toHaveText(
    EXPORT_SHELLS.map((shell) => EXPORT_TARGET_LABELS[shell]),
  );
  const tools = dialog.getByRole('group', { name: 'Or for a tool' });
  await expect(tools.getByRole('button')).toHaveText([
    'Pulumi (stack config)',
    'credential_process (JSON)',
  ]);

  await tools.getByRole('button', { name: 'credential_process (JSON)' }).click();
  await expect(tools.getByRole('button', { name: 'credential_process (JSON)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(dialog.getByTestId('export-preview')).toContainText(
    'credential_process = sso-tray credential-process --profile acme-dev',
  );
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  expect(write.text).toContain('credential_process = ');
  await expect(statusLine(page)).toHaveText(
    'Copied the credential_process (JSON) lines for acme-dev.',
  );
  expect(harness.settings.get().defaultShell).toBe('bash');
});

test('an error stays until the user dismisses it', async ({ page, harness }) => {
  harness.fake.knobs.failures = { GetRoleCredentials: { status: 500, count: 100 } };
  await harness.api.updateSettings({ defaultExportMode: 'credentials' });
  const row = await open(page, harness, 'acme-prod');
  await row.getByRole('button', { name: 'Copy export for acme-prod (bash, credentials)' }).click();
  await expect(statusLine(page)).toHaveClass(/tone-error/);
  const text = await statusLine(page).textContent();
  await page.clock.fastForward('01:00');
  await expect(statusLine(page)).toHaveText(text!);
  await page.getByRole('button', { name: 'Dismiss the message' }).click();
  await expect(statusLine(page)).toHaveText('');
  expect(harness.clipboard.writes).toEqual([]);
});

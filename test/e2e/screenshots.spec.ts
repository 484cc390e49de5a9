// Screenshots of the main states, light and dark, at the window's compact
// size, saved as test artifacts. With SSO_TRAY_UPDATE_DOCS_SCREENSHOT=1 the
// light list is also written to docs/screenshots/ for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { REPO_ROOT } from '../harness/renderer-build';
import { EMPTY_SAMPLE } from '../harness/samples';
import { expect, sessionRow, test } from './fixtures';

const DOCS_SCREENSHOT = path.join(REPO_ROOT, 'docs', 'screenshots', 'window.png');

async function shoot(page: Page, info: TestInfo, name: string): Promise<string> {
  const file = info.outputPath(`${name}.png`);
  // Animations (the sign-in spinner) frozen, so pictures are stable.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`the list (${scheme})`, async ({ app }, info) => {
      await expect(app.locator('body')).toHaveCSS(
        'background-color',
        scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(23, 25, 29)',
      );
      const file = await shoot(app, info, `list-${scheme}`);
      if (scheme === 'light' && process.env.SSO_TRAY_UPDATE_DOCS_SCREENSHOT === '1') {
        mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
        copyFileSync(file, DOCS_SCREENSHOT);
      }
    });

    test(`a device-code sign-in waiting for the user (${scheme})`, async ({
      app,
      harness,
    }, info) => {
      harness.browser.browser = 'away';
      await app.getByRole('searchbox', { name: 'Search profiles' }).fill('legacy');
      const row = sessionRow(app, 'https://d-legacy0001.awsapps.com/start');
      await row.getByRole('button', { name: /^Sign in/ }).click();
      await expect(row.getByLabel('Device user code')).toBeVisible();
      await shoot(app, info, `sign-in-device-code-${scheme}`);
      await row.getByRole('button', { name: /^Cancel sign-in/ }).click();
      await expect(row.getByLabel('Device user code')).toHaveCount(0);
    });

    test(`export options (${scheme})`, async ({ app }, info) => {
      await app.getByRole('button', { name: 'Export options for acme-dev' }).click();
      const dialog = app.getByRole('dialog', { name: 'Export acme-dev' });
      await dialog.getByRole('radio', { name: 'Credentials' }).check();
      await expect(dialog.getByTestId('export-preview')).not.toHaveText('Loading preview…');
      await shoot(app, info, `export-${scheme}`);
    });

    test(`diagnostics (${scheme})`, async ({ app }, info) => {
      await app.getByRole('button', { name: /^Diagnostics/ }).click();
      await expect(app.getByRole('button', { name: 'Run again' })).toBeEnabled();
      await shoot(app, info, `diagnostics-${scheme}`);
    });

    test(`preferences (${scheme})`, async ({ app }, info) => {
      await app.getByRole('button', { name: 'Preferences' }).click();
      await expect(app.getByRole('heading', { name: 'Preferences' })).toBeVisible();
      await shoot(app, info, `preferences-${scheme}`);
    });

    test(`discovery with a preview (${scheme})`, async ({ app }, info) => {
      await app.getByRole('button', { name: 'Discover accounts of acme' }).click();
      await app.getByRole('button', { name: 'Preview changes' }).click();
      await expect(app.getByLabel('Changes to the config file')).toBeVisible();
      await shoot(app, info, `discovery-${scheme}`);
    });

    test.describe('empty', () => {
      test.use({ harnessOptions: { sample: EMPTY_SAMPLE } });
      test(`the empty state (${scheme})`, async ({ app }, info) => {
        await expect(
          app.getByRole('heading', { name: 'No IAM Identity Center sessions yet' }),
        ).toBeVisible();
        await shoot(app, info, `empty-${scheme}`);
      });
    });
  });
}

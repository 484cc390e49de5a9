// The window's look, compared with committed baselines (Playwright's
// toHaveScreenshot, small tolerance): the list at the popover's size and wide,
// and the main views, in light and dark. Deterministic: the page's clock is
// fixed just after the sample's tokens were minted, animations are off, and
// what differs per run (temp paths, device codes) is masked.
//
// Update the baselines after an intended change:
//   npx playwright test test/e2e/window-screenshots.spec.ts --update-snapshots
// and the README's pictures (docs/screenshots) from the same run:
//   SSO_TRAY_UPDATE_DOCS_SCREENSHOT=1 npx playwright test test/e2e/window-screenshots.spec.ts
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { REPO_ROOT } from '../harness/renderer-build';
import { EMPTY_SAMPLE } from '../harness/samples';
import { expect, profileRow, sessionRow, test } from './fixtures';
import { fixPageClock, openWindow, POPOVER, WIDE } from './window';

const DOCS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Per-run differences: temp paths, the device code, absolute times. */
const volatile = (page: Page): Locator[] => [
  page.locator('.path'),
  page.locator('.user-code'),
  page.locator('.empty-state code'),
];

async function looksLike(page: Page, name: string): Promise<void> {
  await expect(page).toHaveScreenshot(`${name}.png`, {
    mask: volatile(page),
    // Anti-aliasing noise only: a changed word, colour or spacing is more than this.
    maxDiffPixels: 50,
    threshold: 0.1,
    animations: 'disabled',
    caret: 'hide',
  });
}

/** The README's pictures, taken from the state the baseline just matched. */
async function updateDocs(page: Page, info: TestInfo, name: string): Promise<void> {
  if (process.env.SSO_TRAY_UPDATE_DOCS_SCREENSHOT !== '1') return;
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({
    path: file,
    animations: 'disabled',
    caret: 'hide',
    mask: volatile(page),
  });
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(file, path.join(DOCS, `${name}.png`));
}

async function open(page: Page, harness: Harness, errors: string[]): Promise<void> {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await fixPageClock(page, harness);
  await openWindow(page, harness);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    let errors: string[] = [];
    test.beforeEach(() => {
      errors = [];
    });
    test.afterEach(() => {
      expect(errors, 'the window logged errors').toEqual([]);
    });

    for (const [size, viewport] of [
      ['popover', POPOVER],
      ['wide', WIDE],
    ] as const) {
      test(`the list, ${size} (${scheme})`, async ({ page, harness }, info) => {
        await page.setViewportSize(viewport);
        await open(page, harness, errors);
        await expect(page.getByTestId('problem-badge')).toHaveText('4');
        await expect(sessionRow(page, 'ops').getByTestId('time-left')).toHaveText('9m left');
        if (size === 'wide') {
          // A profile selected: its details need no temp path masked out.
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('ArrowDown');
          await expect(page.getByTestId('details-pane')).toContainText('PowerUserAccess');
        }
        await looksLike(page, `list-${size}-${scheme}`);
        await updateDocs(page, info, `${size}-${scheme}`);
      });
    }

    test.describe('popover', () => {
      test.use({ viewport: POPOVER });

      test(`a focused row and its Enter hint (${scheme})`, async ({ page, harness }) => {
        await open(page, harness, errors);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await expect(profileRow(page, 'contractor-dev').locator('.enter-hint')).toBeVisible();
        await looksLike(page, `focused-row-${scheme}`);
      });

      test(`export options (${scheme})`, async ({ page, harness }) => {
        await open(page, harness, errors);
        await profileRow(page, 'contractor-dev')
          .getByRole('button', { name: 'Export options for contractor-dev' })
          .click();
        const dialog = page.getByRole('dialog', { name: 'Export contractor-dev' });
        await expect(dialog.getByTestId('export-preview')).toContainText('AWS_PROFILE');
        await looksLike(page, `export-${scheme}`);
      });

      test(`diagnostics for a profile (${scheme})`, async ({ page, harness }) => {
        await open(page, harness, errors);
        await profileRow(page, 'contractor-dev')
          .getByRole('button', { name: 'Run diagnostics for contractor-dev' })
          .click();
        await expect(page.locator('[data-finding="session-expired"]')).toBeVisible();
        await looksLike(page, `diagnostics-${scheme}`);
      });

      test(`preferences (${scheme})`, async ({ page, harness }) => {
        await open(page, harness, errors);
        await page.getByRole('button', { name: 'Preferences' }).click();
        await expect(page.getByRole('heading', { name: 'Preferences' })).toBeVisible();
        await looksLike(page, `preferences-${scheme}`);
      });

      test(`a device-code sign-in waiting for the user (${scheme})`, async ({ page, harness }) => {
        // The user has not confirmed the code yet.
        harness.fake.knobs.autoApprove = false;
        harness.browser.browser = 'away';
        await open(page, harness, errors);
        await page.getByRole('searchbox', { name: 'Search profiles' }).fill('legacy');
        const row = sessionRow(page, 'https://d-legacy0001.awsapps.com/start');
        await row.getByRole('button', { name: /^Sign in/ }).click();
        await expect(row.getByLabel('Device user code')).toBeVisible();
        await looksLike(page, `sign-in-device-code-${scheme}`);
        await row.getByRole('button', { name: /^Cancel sign-in/ }).click();
        await expect(row.getByLabel('Device user code')).toHaveCount(0);
      });

      test.describe('empty', () => {
        test.use({ harnessOptions: { sample: EMPTY_SAMPLE } });
        test(`the empty state (${scheme})`, async ({ page, harness }) => {
          page.on('pageerror', (error) => errors.push(error.message));
          await openWindow(page, harness);
          await expect(
            page.getByRole('heading', { name: 'No IAM Identity Center sessions yet' }),
          ).toBeVisible();
          await looksLike(page, `empty-${scheme}`);
        });
      });
    });
  });
}

// Playwright fixtures: a fresh harness (fake IAM Identity Center, temp HOME,
// real core, loopback bridge) per test, and the window opened on it in
// Debian's Chromium at the app window's compact size. A page error or console
// error (a CSP violation, a React crash) fails the test.
import { expect as baseExpect, test as base, type Locator, type Page } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions } from '../harness/harness';

interface Fixtures {
  harnessOptions: HarnessOptions;
  harness: Harness;
  app: Page;
}

// Assertions wait until they hold or the test's own timeout: a loaded machine is slow, not wrong.
export const expect = baseExpect.configure({ timeout: 0 });

export const COMPACT = { width: 380, height: 560 } as const;

export const test = base.extend<Fixtures>({
  viewport: COMPACT,
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const harness = await startHarness(harnessOptions);
    await use(harness);
    await harness.close();
  },
  app: async ({ page, harness }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await page.goto(harness.url);
    await expect(page.locator('main')).not.toContainText('Loading sessions');
    await use(page);
    expect(errors, 'the window logged errors').toEqual([]);
    // Usable at the compact size: nothing pushes the window sideways.
    const overflow = await page
      .locator('html')
      .evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  },
});

export const sessionRow = (page: Page, name: string): Locator =>
  page.locator(`[data-row="session"][data-session="${name}"]`);

/** A profile's row under its session (not its pinned copy among favourites). */
export const profileRow = (page: Page, name: string): Locator =>
  page.locator(`[data-row="profile"][data-profile="${name}"][data-pinned="false"]`);

/** The status line at the bottom: the result of the last action. */
export const statusLine = (page: Page): Locator => page.getByTestId('status-message');

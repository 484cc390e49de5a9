// Scale: 5,000 profiles in 50 sessions render and filter, keeping only the rows
// in view in the DOM. The window measures itself (performance marks); how fast
// it renders and filters is a benchmark figure (`npm run bench`, renderer rows),
// never asserted here. This test checks the marks the benchmark reads exist.
import type { Page } from '@playwright/test';
import { largeSample } from '../harness/samples';
import { expect, test } from './fixtures';

const measures = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);

test.describe('5,000 profiles in 50 sessions', () => {
  test.use({ harnessOptions: { sample: largeSample(50, 100) } });

  test('render and filter, keeping the DOM small and measuring themselves', async ({ app }) => {
    await expect(app.locator('[data-row="session"]').first()).toBeVisible();
    await expect(app.locator('footer')).toContainText('10 expired10 expiring10 signed out');
    expect(await measures(app, 'sso-tray:first-render')).toHaveLength(1);
    expect(await measures(app, 'sso-tray:startup')).toHaveLength(1);
    // Virtualised: a screenful of rows, not 5,050.
    expect(await app.locator('[data-row]').count()).toBeLessThan(40);

    const search = app.getByRole('searchbox', { name: 'Search profiles' });
    await search.click();
    await search.pressSequentially('org-37-acct7-readonly');
    await expect(app.locator('[data-row="profile"]')).toHaveCount(1);
    await expect(app.locator('[data-row="profile"]')).toHaveAttribute(
      'data-profile',
      'org-37-acct7-readonly',
    );
    await expect(app.locator('[data-row="session"]')).toContainText('1 of 100 profiles');
    // One measure per keystroke.
    await expect
      .poll(() => measures(app, 'sso-tray:filter').then((m) => m.length))
      .toBe('org-37-acct7-readonly'.length);

    // Clearing brings every row back; the keyboard still reaches the very last one.
    await search.press('Escape');
    await search.press('ArrowDown');
    await app.keyboard.press('End');
    // Valid sessions come last: the last row is the last valid session's last profile.
    await expect(app.locator('[data-profile="org-47-acct24-billing"]')).toBeFocused();
    expect(await app.locator('[data-row]').count()).toBeLessThan(40);
  });
});

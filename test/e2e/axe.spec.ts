// axe-core finds no violation in any view of the window, at the popover's size
// and wide, in light and dark: every rule axe runs by default (WCAG A and AA,
// best practices such as one h1 and scrollable regions reachable by keyboard).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EMPTY_SAMPLE } from '../harness/samples';
import { expect, profileRow, sessionRow, test } from './fixtures';
import { POPOVER, WIDE } from './window';

/** Violations as "rule: target" lines, so a failure says where. */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')} ${n.failureSummary ?? ''}`,
    ),
  );
}

for (const [size, viewport] of [
  ['popover', POPOVER],
  ['wide', WIDE],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${size}, ${scheme}`, () => {
      test.use({ viewport, colorScheme: scheme });

      test(`no axe violations in any view (${size}, ${scheme})`, async ({ app }) => {
        // Nine full axe runs: a hang, not a slow machine, should fail this.
        test.setTimeout(120_000);
        await expect(app.getByTestId('problem-badge')).toHaveText('4');
        expect(await violations(app), 'the list').toEqual([]);

        // The list with a row and one of its buttons focused (the Enter hint shows).
        await app.keyboard.press('ArrowDown');
        await app.keyboard.press('ArrowDown');
        await expect(profileRow(app, 'contractor-dev')).toBeFocused();
        expect(await violations(app), 'the list, focused').toEqual([]);

        await sessionRow(app, 'contractor')
          .getByRole('button', { name: 'More actions for contractor' })
          .click();
        await expect(app.getByRole('menu')).toBeVisible();
        expect(await violations(app), 'a row’s menu').toEqual([]);
        await app.keyboard.press('Escape');

        await profileRow(app, 'contractor-dev')
          .getByRole('button', { name: 'Copy export for contractor-dev (bash, profile)' })
          .click();
        await expect(app.getByTestId('copy-toast')).toBeVisible();
        expect(await violations(app), 'the copy toast').toEqual([]);
        await app.getByRole('button', { name: 'Dismiss the message' }).click();

        await profileRow(app, 'contractor-dev')
          .getByRole('button', { name: 'Export options for contractor-dev' })
          .click();
        await app.getByRole('radio', { name: 'Credentials' }).check();
        await expect(app.getByRole('note')).toBeVisible();
        expect(await violations(app), 'the export sheet').toEqual([]);
        await app.keyboard.press('Escape');

        await app.getByRole('button', { name: 'Keyboard shortcuts' }).click();
        await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
        expect(await violations(app), 'the shortcuts').toEqual([]);
        await app.keyboard.press('Escape');

        await app.getByRole('button', { name: 'Preferences' }).click();
        await expect(app.getByRole('heading', { name: 'Preferences' })).toBeVisible();
        expect(await violations(app), 'preferences').toEqual([]);
        await app.keyboard.press('Escape');

        await app.getByRole('button', { name: 'Diagnostics, 4 problems' }).click();
        await expect(app.getByRole('list', { name: 'Findings' })).toBeVisible();
        expect(await violations(app), 'diagnostics').toEqual([]);
        await app.keyboard.press('Escape');

        await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
        await sessionRow(app, 'acme')
          .getByRole('button', { name: 'Discover accounts of acme' })
          .click();
        await app.getByRole('button', { name: 'Preview changes' }).click();
        await expect(app.getByLabel('Changes to the config file')).toBeVisible();
        expect(await violations(app), 'discovery').toEqual([]);
      });

      test.describe('with no configuration', () => {
        test.use({ harnessOptions: { sample: EMPTY_SAMPLE } });
        test(`no axe violations in the empty state (${size}, ${scheme})`, async ({ app }) => {
          await expect(
            app.getByRole('heading', { name: 'No IAM Identity Center sessions yet' }),
          ).toBeVisible();
          expect(await violations(app)).toEqual([]);
        });
      });
    });
  }
}

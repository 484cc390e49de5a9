// The window by keyboard alone: focus starts in the search box, the list is
// one Tab stop whose rows and buttons the arrow keys reach, Enter's action is
// shown on the focused row, Escape closes whatever is open, `?` lists the keys.
import type { Page } from '@playwright/test';
import { expect, profileRow, sessionRow, test } from './fixtures';
import { openWindow, POPOVER } from './window';

test.use({ viewport: POPOVER });

// (Browser code below reaches the DOM through the elements it is given: this
// file is type-checked without the DOM library.)
const focused = (page: Page) =>
  page.locator('body').evaluate((body) => {
    const active = body.ownerDocument.activeElement;
    return { inList: active?.closest('[role="list"]') !== null };
  });

/** Elements inside the list that Tab would stop on. */
const tabStopsInList = (page: Page) =>
  page
    .locator('[role="list"]')
    .evaluate(
      (list) =>
        [...list.querySelectorAll('button, a[href], input, select, [tabindex]')].filter(
          (el) => el.tabIndex >= 0 && !el.disabled && el.offsetParent !== null,
        ).length,
    );

interface Changed {
  readonly target: { readonly nodeType: number; readonly parentElement: Shown | null } & Shown;
}
interface Shown {
  closest(selector: string): unknown;
  readonly outerHTML?: string;
}

test('focus starts in the search box', async ({ app }) => {
  await expect(app.getByRole('searchbox', { name: 'Search profiles' })).toBeFocused();
});

test('the list is one Tab stop: Tab enters it once and the next Tab leaves it', async ({ app }) => {
  expect(await tabStopsInList(app)).toBe(1);
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: /^Diagnostics/ })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Preferences' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
  await app.keyboard.press('Tab');
  expect((await focused(app)).inList).toBe(false);
  await expect(app.getByRole('button', { name: '1 expired' })).toBeFocused();
  // Back in, on the same row.
  await app.keyboard.press('Shift+Tab');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
});

test('arrow keys reach the buttons inside a row; Enter presses one; Escape goes back to the row', async ({
  app,
  harness,
}) => {
  await app.keyboard.press('ArrowDown');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  const row = profileRow(app, 'contractor-dev');
  await expect(row).toBeFocused();

  await app.keyboard.press('ArrowRight');
  await expect(row.getByRole('button', { name: 'Favourite contractor-dev' })).toBeFocused();
  await app.keyboard.press('ArrowRight');
  const copy = row.getByRole('button', { name: 'Copy export for contractor-dev (bash, profile)' });
  await expect(copy).toBeFocused();
  // Still one Tab stop while a button has focus.
  expect(await tabStopsInList(app)).toBe(1);
  await app.keyboard.press('Enter');
  await harness.clipboard.waitForWrite(1);
  await expect(copy).toHaveAttribute('data-copied', 'true');

  await app.keyboard.press('Escape');
  await expect(row).toBeFocused();
  // Left from a profile goes up to its session, like a tree.
  await app.keyboard.press('ArrowLeft');
  await expect(sessionRow(app, 'contractor')).toBeFocused();
  // Escape from a row: back to the search box.
  await app.keyboard.press('Escape');
  await expect(app.getByRole('searchbox', { name: 'Search profiles' })).toBeFocused();
});

test('the focused row shows what Enter does', async ({ app }) => {
  const hint = (row: ReturnType<typeof profileRow>) => row.locator('.enter-hint');
  // Nothing while the list does not have focus.
  await expect(hint(profileRow(app, 'contractor-dev'))).toBeHidden();

  await app.keyboard.press('ArrowDown');
  await expect(hint(sessionRow(app, 'contractor'))).toBeVisible();
  await expect(hint(sessionRow(app, 'contractor'))).toHaveText('Enter sign in');
  await app.keyboard.press('ArrowDown');
  await expect(hint(profileRow(app, 'contractor-dev'))).toHaveText('Enter copy (bash, profile)');
  await expect(hint(sessionRow(app, 'contractor'))).toBeHidden();
  await expect(profileRow(app, 'contractor-dev')).toHaveAccessibleDescription(
    /Enter copy \(bash, profile\)/,
  );
});

test('Escape closes every sheet, menu and view', async ({ app }) => {
  const list = app.getByRole('list', { name: 'Sessions and profiles' });

  await profileRow(app, 'contractor-dev')
    .getByRole('button', { name: 'Export options for contractor-dev' })
    .click();
  await expect(app.getByRole('dialog', { name: 'Export contractor-dev' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);

  await sessionRow(app, 'contractor')
    .getByRole('button', { name: 'More actions for contractor' })
    .click();
  await expect(app.getByRole('menu')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('menu')).toBeHidden();
  await expect(
    sessionRow(app, 'contractor').getByRole('button', { name: 'More actions for contractor' }),
  ).toBeFocused();

  for (const [open, heading] of [
    ['Preferences', 'Preferences'],
    ['Diagnostics, 4 problems', 'Diagnostics'],
    ['Discover accounts of contractor', 'Accounts of contractor'],
  ] as const) {
    await app.getByRole('button', { name: open }).click();
    await expect(app.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(list).toBeVisible();
    await expect(app.getByRole('searchbox', { name: 'Search profiles' })).toBeFocused();
  }
});

test('? shows the shortcuts (but types a ? in the search box)', async ({ app }) => {
  const search = app.getByRole('searchbox', { name: 'Search profiles' });
  await app.keyboard.type('?');
  await expect(search).toHaveValue('?');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await search.fill('');

  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('?');
  const dialog = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Search profiles');
  await expect(dialog).toContainText('Close a dialog or view');
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Focus is back where it was.
  await expect(sessionRow(app, 'contractor')).toBeFocused();
});

test('time passes: the countdown changes in the description, the name stays, nothing else in the list changes', async ({
  page,
  harness,
}) => {
  await page.clock.install();
  await openWindow(page, harness);
  const ops = sessionRow(page, 'ops');
  // contractor, its two profiles, then ops.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(ops).toBeFocused();
  await expect(ops).toHaveAccessibleName('Session ops, Expiring soon');
  await expect(ops).toHaveAccessibleDescription(/^9m left/);

  // Record every change in the list while two minutes pass.
  await page.locator('[role="list"]').evaluate((list) => {
    const changed: string[] = [];
    (globalThis as unknown as { changed: string[] }).changed = changed;
    const Observer = list.ownerDocument.defaultView.MutationObserver;
    new Observer((records: Changed[]) => {
      for (const { target } of records) {
        // A text node's change belongs to its element.
        const element = target.nodeType === 1 ? target : target.parentElement;
        changed.push(
          element?.closest('.time-text') ? 'time' : (element?.outerHTML ?? '?').slice(0, 80),
        );
      }
    }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.clock.fastForward('02:00');

  await expect(ops).toHaveAccessibleDescription(/^7m left/);
  await expect(ops).toHaveAccessibleName('Session ops, Expiring soon');
  await expect(ops).toBeFocused();
  const changed = await page.evaluate(
    () => (globalThis as unknown as { changed: string[] }).changed,
  );
  expect(changed.length).toBeGreaterThan(0);
  expect(changed.filter((c) => c !== 'time')).toEqual([]);
});

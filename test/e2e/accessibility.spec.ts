// Accessible names on every control, as Chromium's accessibility tree computes
// them (what a screen reader announces), in each view of the window.
import type { Page } from '@playwright/test';
import { expect, profileRow, test } from './fixtures';

const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'textbox',
]);

interface AxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
}

/** Controls Chromium exposes without a name: each is a `role` string. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  await cdp.detach();
  const controls = nodes.filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value ?? ''));
  expect(controls.length).toBeGreaterThan(0);
  return controls.filter((n) => !(n.name?.value ?? '').trim()).map((n) => n.role!.value!);
}

test('every control in every view has an accessible name', async ({ app }) => {
  expect(await unnamedControls(app), 'list').toEqual([]);

  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  await profileRow(app, 'acme-dev')
    .getByRole('button', { name: 'Export options for acme-dev' })
    .click();
  await expect(app.getByRole('dialog')).toBeVisible();
  expect(await unnamedControls(app), 'export dialog').toEqual([]);
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: 'Preferences' }).click();
  await expect(app.getByRole('heading', { name: 'Preferences' })).toBeVisible();
  expect(await unnamedControls(app), 'preferences').toEqual([]);

  await app.getByRole('button', { name: /^Diagnostics/ }).click();
  await expect(app.getByRole('button', { name: 'Run again' })).toBeEnabled();
  expect(await unnamedControls(app), 'diagnostics').toEqual([]);

  await app.getByRole('button', { name: 'Back to the list' }).click();
  await app.getByRole('button', { name: 'Discover accounts of acme' }).click();
  await app.getByRole('button', { name: 'Preview changes' }).click();
  await expect(app.getByLabel('Changes to the config file')).toBeVisible();
  expect(await unnamedControls(app), 'discovery').toEqual([]);
});

test('the export dialog is modal: Tab never reaches the list behind it, and focus comes back on close', async ({
  app,
}) => {
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme-dev');
  const options = profileRow(app, 'acme-dev').getByRole('button', {
    name: 'Export options for acme-dev',
  });
  await options.focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Export acme-dev' });
  await expect(dialog.getByLabel('Shell')).toBeFocused();
  for (let i = 0; i < 12; i++) {
    await app.keyboard.press('Tab');
    // Inside the dialog, or (between rounds) on nothing: never on the window behind it.
    const outside = await dialog.evaluate((d) => {
      const active = d.ownerDocument.activeElement;
      return active !== null && active !== d.ownerDocument.body && !d.contains(active);
    });
    expect(outside).toBe(false);
  }
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(options).toBeFocused();
});

// Wide windows: from 900 px the list keeps its popover width and the selected
// session's or profile's details, in full and with their actions, fill the rest.
import { expect, profileRow, sessionRow, test } from './fixtures';
import { showsAllText, WIDE } from './window';

test.use({ viewport: WIDE });

test('two panes: the list at its own width and the selected row’s details beside it', async ({
  app,
}) => {
  const list = app.locator('.list-pane');
  const details = app.getByTestId('details-pane');
  await expect(details).toBeVisible();
  const [listBox, detailsBox] = [await list.boundingBox(), await details.boundingBox()];
  expect(listBox!.width).toBeLessThanOrEqual(460);
  expect(detailsBox!.x).toBeGreaterThanOrEqual(listBox!.x + listBox!.width - 1);
  // A row's buttons stay next to its name, not a screen away.
  const actions = await sessionRow(app, 'contractor').locator('.row-actions').boundingBox();
  expect(actions!.x + actions!.width).toBeLessThanOrEqual(listBox!.x + listBox!.width);

  // The first row is selected: the session that needs the user.
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('contractor');
  await expect(details).toContainText('Expired');
  const tokenFile = details.locator('.path');
  await expect(tokenFile).toContainText('/.aws/sso/cache/');
  expect(await showsAllText(tokenFile)).toBe(true);

  // Moving in the list moves the details.
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await expect(profileRow(app, 'contractor-dev')).toBeFocused();
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('contractor-dev');
  await expect(details).toContainText('444444444444');
  await expect(details.getByRole('button', { name: 'Sign in to contractor' })).toBeVisible();
});

test('the details pane acts: sign in, then copy the export', async ({ app, harness }) => {
  const details = app.getByTestId('details-pane');
  await details.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
  await expect(details.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expect(details).toContainText('Renews automatically');

  await profileRow(app, 'contractor-ro').click();
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('contractor-ro');
  await details.getByRole('button', { name: 'Copy export (bash, profile)' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  expect(write.text).toContain('export AWS_PROFILE=contractor-ro');
});

test('below 900 px there is one pane', async ({ app }) => {
  await expect(app.getByTestId('details-pane')).toBeVisible();
  await app.setViewportSize({ width: 899, height: 800 });
  await expect(app.getByTestId('details-pane')).toHaveCount(0);
  await app.setViewportSize({ width: 900, height: 800 });
  await expect(app.getByTestId('details-pane')).toBeVisible();
});

// What needs the user comes first, and the fix is where the user is: sessions
// with problems at the top of the popover, counts in the footer that filter to
// them, Sign in on the row, in the export sheet and in Diagnostics, and words
// that mean one thing each.
import { expect, profileRow, sessionRow, statusLine, test } from './fixtures';
import { firstVisibleRow, POPOVER, rowOrder, showsAllText } from './window';

test.use({ viewport: POPOVER });

test('problems come first: the first row of the popover is a session that needs the user', async ({
  app,
}) => {
  const first = await firstVisibleRow(app);
  await expect(first).toHaveAttribute('data-row', 'session');
  await expect(first).toHaveAttribute('data-state', 'expired');
  const sessions = await rowOrder(app, '[data-row="session"]');
  // Expired, expiring, invalid, signed out; valid last.
  expect(sessions.slice(0, 4)).toEqual([
    'contractor',
    'ops',
    'research',
    'https://d-legacy0001.awsapps.com/start',
  ]);
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('a');
  await expect(sessionRow(app, 'acme')).toBeVisible();
  expect((await rowOrder(app))[0]).toBe('contractor');
});

test('a session keeps its place while the user signs in; a fresh look re-sorts', async ({
  app,
}) => {
  await sessionRow(app, 'contractor')
    .getByRole('button', { name: 'Sign in to contractor' })
    .click();
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
  expect((await rowOrder(app))[0]).toBe('contractor');
  await app.reload();
  await expect(sessionRow(app, 'ops')).toBeVisible();
  expect((await rowOrder(app))[0]).toBe('ops');
});

test('the footer counts are whole buttons that filter the list to those sessions', async ({
  app,
}) => {
  const counts = app.getByRole('group', { name: 'Show only sessions that are' });
  const buttons = counts.getByRole('button');
  await expect(buttons).toHaveText(['1 expired', '1 expiring', '1 invalid', '1 signed out']);
  for (const button of await buttons.all()) expect(await showsAllText(button)).toBe(true);

  await counts.getByRole('button', { name: '1 expired' }).click();
  await expect(counts.getByRole('button', { name: '1 expired' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(await rowOrder(app)).toEqual(['contractor', 'contractor-dev', 'contractor-ro']);

  await counts.getByRole('button', { name: '1 invalid' }).click();
  expect(await rowOrder(app)).toEqual(['research', 'research-lab']);

  // Pressed again: everything is back.
  await counts.getByRole('button', { name: '1 invalid' }).click();
  await expect(sessionRow(app, 'acme')).toBeAttached();
  await expect(counts.getByRole('button', { name: '1 invalid' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('Sign in is on the rows that need it; a valid session keeps "Sign in again" in its menu', async ({
  app,
  harness,
}) => {
  for (const name of ['contractor', 'ops', 'research']) {
    await expect(
      sessionRow(app, name).getByRole('button', { name: `Sign in to ${name}` }),
    ).toBeVisible();
  }
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  const acme = sessionRow(app, 'acme');
  await expect(acme).toHaveAttribute('data-state', 'valid');
  await expect(acme.getByRole('button', { name: /^Sign in/ })).toHaveCount(0);

  await acme.getByRole('button', { name: 'More actions for acme' }).click();
  const menu = app.getByRole('menu', { name: 'More actions for acme' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Sign in again', 'Mute notifications']);
  await menu.getByRole('menuitem', { name: 'Sign in again' }).click();
  await expect.poll(() => harness.traffic.callsTo('signIn')).toEqual([['acme']]);
  await expect(statusLine(app)).toHaveText('Signed in to acme.');
});

test('one meaning per word: "renews" only for a session that renews by itself, reasons in full', async ({
  app,
}) => {
  const contractor = sessionRow(app, 'contractor');
  await expect(contractor.locator('.state-word')).toHaveText('Expired');
  await expect(contractor).not.toContainText('renew');
  // No "signed in … ago": the file's time is not the sign-in's.
  await expect(app.getByRole('list', { name: 'Sessions and profiles' })).not.toContainText(
    'signed in',
  );

  const ops = sessionRow(app, 'ops');
  await expect(ops).toContainText('no renewal');
  await expect(ops).not.toContainText('renews');
  // Why it will not renew, in full on the row, not in a tooltip.
  const reason = ops.getByTestId('row-notice');
  await expect(reason).toHaveText(/This sign-in has no refresh token: .* and sign in again\.$/);
  expect(await showsAllText(reason)).toBe(true);

  const invalid = sessionRow(app, 'research').getByTestId('row-notice');
  await expect(invalid).toHaveText(
    'The cached token for research cannot be used: not valid JSON (truncated or corrupted). Sign in again to replace it.',
  );
  expect(await showsAllText(invalid)).toBe(true);
  // It wraps inside the row instead of running under the next one.
  const [rowBox, textBox] = await Promise.all([
    sessionRow(app, 'research').boundingBox(),
    invalid.boundingBox(),
  ]);
  expect(textBox!.height).toBeGreaterThan(30);
  expect(textBox!.y + textBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height);

  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  await expect(sessionRow(app, 'acme')).toContainText('renews automatically');
});

test('the export sheet of an expired session offers the sign-in instead of an error in the code box', async ({
  app,
  harness,
}) => {
  await profileRow(app, 'contractor-dev')
    .getByRole('button', { name: 'Export options for contractor-dev' })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Export contractor-dev' });
  // Profile mode works without a sign-in, and says the profile needs one.
  await expect(dialog.getByTestId('export-preview')).toContainText('AWS_PROFILE=contractor-dev');
  await expect(dialog.getByRole('note')).toContainText('This profile works once you sign in');

  await dialog.getByRole('radio', { name: 'Credentials' }).check();
  const note = dialog.getByRole('note');
  await expect(note).toContainText('The sign-in for contractor has expired');
  await expect(dialog.getByTestId('export-preview')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Copy' })).toBeDisabled();

  await note.getByRole('button', { name: 'Sign in to contractor' }).click();
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
  // Signed in, the same sheet shows the credentials, masked, and copies them.
  const credentials = harness.fake.roleCredentials('444444444444', 'PowerUserAccess');
  await expect(dialog.getByTestId('export-preview')).toContainText('AWS_SECRET_ACCESS_KEY=••••');
  await expect(dialog.getByTestId('export-preview')).not.toContainText(credentials.secretAccessKey);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  expect(write.text).toContain(credentials.secretAccessKey);
  await expect(dialog).toHaveCount(0);
});

test('copying for an expired session says so, with a Sign in action', async ({ app, harness }) => {
  await profileRow(app, 'contractor-ro')
    .getByRole('button', { name: 'Copy export for contractor-ro (bash, profile)' })
    .click();
  await harness.clipboard.waitForWrite(1);
  await expect(statusLine(app)).toHaveText(
    'Copied the profile export for contractor-ro (bash). contractor has expired: sign in before using it.',
  );
  await app.getByRole('contentinfo').getByRole('button', { name: 'Sign in to contractor' }).click();
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
});

test('Diagnostics: a Sign in button instead of commands, and a badge that counts what is listed', async ({
  app,
}) => {
  const badge = app.getByRole('button', { name: 'Diagnostics, 4 problems' });
  await expect(badge).toBeVisible();
  await expect(app.getByTestId('problem-badge')).toHaveText('4');
  await badge.click();

  const problems = app.locator('[data-finding]:not([data-severity="info"])');
  await expect(problems).toHaveCount(4);
  await expect(app.getByTestId('finding-counts')).toHaveText('4 problems, 1 note');

  const finding = app.locator('[data-finding="session-expired"]');
  await expect(finding).toContainText('Warning');
  // The fix is the button, not commands to copy.
  await expect(finding.locator('pre')).toHaveCount(0);
  await expect(finding).not.toContainText('aws sso login');
  // A fix that is not a sign-in still comes as lines to copy.
  await expect(app.locator('[data-finding="profile-legacy-sso"] pre')).toContainText(
    'sso_session = d-legacy0001',
  );

  await finding.getByRole('button', { name: 'Sign in to contractor' }).click();
  // The doctor looks again by itself: one problem fewer, in the list and on the badge.
  await expect(finding).toHaveCount(0);
  await expect(problems).toHaveCount(3);
  await expect(app.getByTestId('problem-badge')).toHaveText('3');
  await expect(app.getByRole('button', { name: 'Diagnostics, 3 problems' })).toBeVisible();
});

test('severities agree between all diagnostics and one profile’s, and long paths wrap', async ({
  app,
}) => {
  await app.getByRole('button', { name: /^Diagnostics/ }).click();
  const overall = app.locator('[data-finding="session-expired"]');
  await expect(overall).toHaveAttribute('data-severity', 'warning');
  const path = app.locator('[data-finding="session-invalid"] .path');
  await expect(path).toContainText('/.aws/sso/cache/');
  expect(await showsAllText(path)).toBe(true);
  const box = await path.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(POPOVER.width);

  await app.getByRole('button', { name: 'Back to the list' }).click();
  await profileRow(app, 'contractor-dev')
    .getByRole('button', { name: 'Run diagnostics for contractor-dev' })
    .click();
  await expect(app.getByRole('heading', { name: 'Diagnostics for contractor-dev' })).toBeVisible();
  await expect(app.locator('[data-finding="session-expired"]')).toHaveAttribute(
    'data-severity',
    'warning',
  );
});

// Signing in and out from the window, against the fake IAM Identity Center
// through the real core: the token lands on disk as the AWS CLI writes it and
// the row follows without a reload or a layout jump.
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, sessionRow, statusLine, test } from './fixtures';

const LEGACY = 'https://d-legacy0001.awsapps.com/start';

/** Where every row is: a state change must not move any of them. */
const rowBoxes = (page: Page) =>
  page.locator('[data-row]').evaluateAll((rows) =>
    rows.map((r) => {
      const box = r.getBoundingClientRect();
      return [r.id, box.top, box.height];
    }),
  );

const markWindow = (page: Page) =>
  page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 7));
const windowMarker = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { marker?: number }).marker);

test('signs in to an expired session: the fake approves, the token is written, the row turns valid', async ({
  app,
  harness,
}) => {
  await markWindow(app);
  const tokenFile = harness.home.tokenPath('contractor');
  const expired = JSON.parse(readFileSync(tokenFile, 'utf8')) as { accessToken: string };
  const boxes = await rowBoxes(app);

  await sessionRow(app, 'contractor')
    .getByRole('button', { name: 'Sign in to contractor' })
    .click();

  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
  await expect(sessionRow(app, 'contractor').locator('.state-word')).toHaveText('Valid');
  await expect(sessionRow(app, 'contractor').getByTestId('time-left')).toHaveText(/^7h 5\dm left$/);
  await expect(statusLine(app)).toHaveText('Signed in to contractor.');

  // The browser was sent to the fake's authorize page (PKCE), which approved at once.
  expect(harness.browser.opened.map((o) => o.kind)).toEqual(['sign-in']);
  expect(harness.browser.opened[0]!.url).toContain(
    `${harness.fake.url}/authorize?response_type=code`,
  );
  // A new token on disk, in the AWS CLI's format, that the fake accepts.
  const written = JSON.parse(readFileSync(tokenFile, 'utf8')) as {
    accessToken: string;
    refreshToken?: string;
  };
  expect(written.accessToken).not.toBe(expired.accessToken);
  expect(harness.fake.isTokenValid(written.accessToken)).toBe(true);
  expect(written.refreshToken).toBeTruthy();
  await expect(sessionRow(app, 'contractor')).toContainText('renews automatically');

  expect(await windowMarker(app)).toBe(7);
  expect(await rowBoxes(app)).toEqual(boxes);
  expect(harness.traffic.leaked(harness.secrets())).toEqual([]);
});

test('device code: the code in large type with a copy button, then valid once the user confirms', async ({
  app,
  harness,
}) => {
  // The user reads the code first; the fake waits for the page to be confirmed.
  harness.browser.browser = 'away';
  const tokenFile = harness.home.tokenPath(LEGACY);
  expect(existsSync(tokenFile)).toBe(false);
  // Below the fold of the compact window: find it the way a user would.
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('legacy');
  const row = sessionRow(app, LEGACY);
  const boxes = await rowBoxes(app);

  // Legacy sessions always use the device flow, as the AWS CLI does.
  await row.getByRole('button', { name: 'Sign in to d-legacy0001.awsapps.com' }).click();
  const progress = row.getByTestId('sign-in-progress');
  await expect(progress).toContainText('Confirm this code in the browser:');
  const code = row.getByLabel('Device user code');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  const userCode = (await code.textContent())!;
  expect(harness.fake.pendingDevices().map((d) => d.userCode)).toEqual([userCode]);
  expect(
    await code.evaluate((el) =>
      parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).fontSize),
    ),
  ).toBeGreaterThanOrEqual(18);
  expect(harness.browser.opened.at(-1)!.url).toContain(`/device?user_code=${userCode}`);
  expect(await rowBoxes(app)).toEqual(boxes);

  await row.getByRole('button', { name: `Copy code ${userCode}` }).click();
  await expect.poll(() => harness.clipboard.text()).toBe(userCode);

  // The user opens the page the app opened and confirms; the app polls through "pending".
  await harness.fake.visit(harness.browser.opened.at(-1)!.url);
  await expect(row).toHaveAttribute('data-state', 'valid');
  expect(harness.fake.requestsFor('VerifyDevice')).toHaveLength(1);
  expect(harness.fake.requestsFor('CreateToken').length).toBeGreaterThanOrEqual(3);
  await expect(progress).toHaveCount(0);
  expect(existsSync(tokenFile)).toBe(true);
  expect(await rowBoxes(app)).toEqual(boxes);
});

test('a running sign-in shows "Waiting for browser…", opens the page again, and can be cancelled', async ({
  app,
  harness,
}) => {
  harness.browser.browser = 'away';
  const row = sessionRow(app, 'contractor');
  await row.getByRole('button', { name: 'Sign in to contractor' }).click();
  await expect(row.getByTestId('sign-in-progress')).toContainText('Waiting for browser…');
  await expect(row.getByRole('button', { name: 'Sign out of contractor' })).toBeDisabled();

  await row.getByRole('button', { name: 'Open page again' }).click();
  await expect.poll(() => harness.browser.opened.length).toBe(2);
  expect(harness.browser.opened[1]!.url).toBe(harness.browser.opened[0]!.url);

  await row.getByRole('button', { name: 'Cancel sign-in to contractor' }).click();
  await expect(row.getByTestId('sign-in-progress')).toHaveCount(0);
  await expect(statusLine(app)).toHaveText('Sign-in to contractor cancelled.');
  await expect(row).toHaveAttribute('data-state', 'expired');
  await expect(row.getByRole('button', { name: 'Sign in to contractor' })).toBeVisible();
});

test('an error from IAM Identity Center (5xx) is shown on the session and in the status line', async ({
  app,
  harness,
}) => {
  harness.fake.knobs.failures = { RegisterClient: { status: 503, count: 100 } };
  const tokenFile = harness.home.tokenPath('contractor');
  const before = readFileSync(tokenFile, 'utf8');
  const row = sessionRow(app, 'contractor');
  await row.getByRole('button', { name: 'Sign in to contractor' }).click();

  const error = row.locator('.error-line');
  await expect(error).toBeVisible();
  const message = (await error.textContent())!.trim();
  expect(message.length).toBeGreaterThan(10);
  await expect(statusLine(app)).toHaveText(message);
  await expect(statusLine(app)).toHaveClass(/tone-error/);
  await expect(row).toHaveAttribute('data-state', 'expired');
  expect(readFileSync(tokenFile, 'utf8')).toBe(before);

  // Once the service answers again, signing in clears the error.
  harness.fake.knobs.failures = {};
  await row.getByRole('button', { name: 'Sign in to contractor' }).click();
  await expect(row).toHaveAttribute('data-state', 'valid');
  await expect(error).toHaveCount(0);
});

test('signs out of one session: its token file goes, the others stay', async ({ app, harness }) => {
  const acme = harness.home.tokenPath('acme');
  const ops = harness.home.tokenPath('ops');
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  await sessionRow(app, 'acme').getByRole('button', { name: 'Sign out of acme' }).click();
  await expect(sessionRow(app, 'acme')).toHaveAttribute('data-state', 'signed-out');
  await expect(sessionRow(app, 'acme').getByTestId('time-left')).toHaveText('');
  await expect(statusLine(app)).toHaveText('Signed out of acme.');
  expect(existsSync(acme)).toBe(false);
  expect(existsSync(ops)).toBe(true);
  expect(harness.fake.requestsFor('Logout')).toHaveLength(1);
  await expect(
    sessionRow(app, 'acme').getByRole('button', { name: 'Sign out of acme' }),
  ).toBeDisabled();
});

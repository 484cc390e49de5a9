// Copy export: the exact text lands on the (harness's) clipboard and works in
// a real shell; credentials are fetched from the fake portal in the app and
// never cross to the window, which only sees a masked preview.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Harness } from '../harness/harness';
import type { Page } from '@playwright/test';
import { expect, profileRow, sessionRow, statusLine, test } from './fixtures';

/** Valid sessions sit below the ones that need the user: find a profile the way a user would. */
const find = (app: Page, text: string) =>
  app.getByRole('searchbox', { name: 'Search profiles' }).fill(text);

const STALE_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  AWS_ACCESS_KEY_ID: 'AKIASTALESTATICKEY00',
  AWS_SECRET_ACCESS_KEY: 'stale-static-secret',
  AWS_DEFAULT_PROFILE: 'someone-else',
};

/** Runs the snippet as a user pasting it into `shell` would, then reports the variables. */
function runIn(shell: 'bash' | 'fish', snippet: string): Record<string, string> {
  const report =
    shell === 'bash'
      ? 'for v in AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION; do printf "%s=%s\\n" "$v" "${!v-<unset>}"; done'
      : 'for v in AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION; if set -q $v; printf "%s=%s\\n" $v $$v; else; printf "%s=<unset>\\n" $v; end; end';
  // No rc files: the user's own shell setup is not what is being tested.
  const noRc = shell === 'bash' ? ['--norc', '--noprofile'] : ['--no-config'];
  const out = execFileSync(`/usr/bin/${shell}`, [...noRc, '-c', `${snippet}\n${report}`], {
    env: STALE_ENV,
    encoding: 'utf8',
  });
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
}

/**
 * What the AWS CLI v2 itself prints for the profile, against the same fake and
 * HOME. Asynchronous: the fake answers from this very process.
 */
async function awsCliExport(harness: Harness, profile: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    '/usr/bin/aws',
    ['configure', 'export-credentials', '--profile', profile, '--format', 'env'],
    {
      env: {
        HOME: harness.home.home,
        PATH: '/usr/bin:/bin',
        AWS_DATA_PATH: harness.fake.awsDataPath(),
      },
      encoding: 'utf8',
    },
  );
  return stdout;
}

test('profile mode: the copied lines select the profile and clear keys that would override it', async ({
  app,
  harness,
}) => {
  await find(app, 'acme-dev');
  await profileRow(app, 'acme-dev')
    .getByRole('button', { name: 'Copy export for acme-dev (bash, profile)' })
    .click();
  const write = await harness.clipboard.waitForWrite(1);
  await expect(statusLine(app)).toHaveText('Copied the profile export for acme-dev (bash).');
  expect(write.secret).toBe(false);
  expect(runIn('bash', write.text)).toEqual({
    AWS_PROFILE: 'acme-dev',
    AWS_DEFAULT_PROFILE: '<unset>',
    AWS_ACCESS_KEY_ID: '<unset>',
    AWS_SECRET_ACCESS_KEY: '<unset>',
    AWS_SESSION_TOKEN: '<unset>',
    AWS_REGION: 'eu-west-1',
  });
});

test('credentials mode: the AWS CLI’s own lines on the clipboard, a masked preview in the window', async ({
  app,
  harness,
}) => {
  const credentials = harness.fake.roleCredentials('111111111111', 'DeveloperAccess');
  await find(app, 'acme-dev');
  await profileRow(app, 'acme-dev')
    .getByRole('button', { name: 'Export options for acme-dev' })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Export acme-dev' });
  await dialog.getByRole('radio', { name: 'Credentials' }).check();
  const preview = dialog.getByTestId('export-preview');
  await expect(preview).toContainText('export AWS_SECRET_ACCESS_KEY=••••••••');
  await expect(preview).not.toContainText(credentials.secretAccessKey);
  await expect(preview).not.toContainText(credentials.sessionToken);

  await dialog.getByRole('button', { name: 'Copy' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  await expect(dialog).toHaveCount(0);
  await expect(statusLine(app)).toHaveText('Copied the credentials export for acme-dev (bash).');
  expect(write.secret).toBe(true);

  // Byte for byte what `aws configure export-credentials --format env` prints.
  expect(write.text.startsWith(await awsCliExport(harness, 'acme-dev'))).toBe(true);
  expect(runIn('bash', write.text)).toEqual({
    AWS_PROFILE: '<unset>',
    AWS_DEFAULT_PROFILE: '<unset>',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_REGION: 'eu-west-1',
  });

  // Nothing secret ever crossed the bridge: not the role keys, not the tokens on disk.
  const secrets = harness.secrets();
  expect(secrets).toEqual(expect.arrayContaining([credentials.secretAccessKey]));
  expect(harness.traffic.leaked(secrets)).toEqual([]);
  expect(harness.traffic.toWindow()).toContain('••••••••');
  expect(await app.content()).not.toContain(credentials.secretAccessKey);
});

test('the shell picker remembers the last shell, and fish gets lines fish runs', async ({
  app,
  harness,
}) => {
  await find(app, 'acme');
  await profileRow(app, 'acme-prod')
    .getByRole('button', { name: 'Export options for acme-prod' })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Export acme-prod' });
  await dialog.getByLabel('Shell').selectOption('fish');
  await expect(dialog.getByTestId('export-preview')).toContainText('set -gx AWS_PROFILE');
  const file = path.join(harness.home.home, '.config', 'sso-tray', 'settings.json');
  await expect
    .poll(() => (JSON.parse(readFileSync(file, 'utf8')) as { defaultShell: string }).defaultShell)
    .toBe('fish');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const write = await harness.clipboard.waitForWrite(1);
  expect(runIn('fish', write.text)).toMatchObject({
    AWS_PROFILE: 'acme-prod',
    AWS_ACCESS_KEY_ID: '<unset>',
    AWS_REGION: 'us-east-1',
  });

  // Remembered for the quick copy, the next dialog and a new window.
  await app.reload();
  await find(app, 'acme');
  await expect(
    profileRow(app, 'acme-prod').getByRole('button', {
      name: 'Copy export for acme-prod (fish, profile)',
    }),
  ).toBeVisible();
  await profileRow(app, 'acme-dev')
    .getByRole('button', { name: 'Export options for acme-dev' })
    .click();
  await expect(app.getByRole('dialog').getByLabel('Shell')).toHaveValue('fish');
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);
});

test('quick copy of credentials for an expired session: the status line says so and offers the sign-in', async ({
  app,
  harness,
}) => {
  await harness.api.updateSettings({ defaultExportMode: 'credentials' });
  await app.reload();
  await profileRow(app, 'contractor-dev')
    .getByRole('button', { name: 'Copy export for contractor-dev (bash, credentials)' })
    .click();
  await expect(statusLine(app)).toContainText('expired');
  await expect(statusLine(app)).toHaveClass(/tone-error/);
  expect(harness.clipboard.writes).toEqual([]);
  // The status line offers the way out.
  await app.getByRole('contentinfo').getByRole('button', { name: 'Sign in to contractor' }).click();
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
});

test('a 5xx from the portal is shown and leaves the clipboard alone', async ({ app, harness }) => {
  harness.fake.knobs.failures = { GetRoleCredentials: { status: 500, count: 100 } };
  await harness.api.updateSettings({ defaultExportMode: 'credentials' });
  await app.reload();
  await find(app, 'acme-prod');
  await profileRow(app, 'acme-prod')
    .getByRole('button', { name: 'Copy export for acme-prod (bash, credentials)' })
    .click();
  await expect(statusLine(app)).toHaveClass(/tone-error/);
  await expect(statusLine(app)).toContainText('InternalServerException');
  expect(harness.clipboard.writes).toEqual([]);
});

test('open console sends the browser to the portal’s console link for the role', async ({
  app,
  harness,
}) => {
  await find(app, 'acme-prod');
  await profileRow(app, 'acme-prod')
    .getByRole('button', { name: 'Open the AWS console for acme-prod' })
    .click();
  await expect(statusLine(app)).toHaveText('Opened the AWS console for acme-prod.');
  expect(harness.browser.opened.map((o) => o.url)).toEqual([
    'https://acme.awsapps.com/start/#/console?account_id=222222222222&role_name=ReadOnly',
  ]);
});

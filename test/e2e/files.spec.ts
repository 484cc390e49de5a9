// The window follows the files, whoever writes them: a token written or
// deleted behind the app's back (as the AWS CLI and botocore do) shows in the
// open window; a config that appears replaces the empty state. How fast is a
// benchmark figure (`npm run bench`, reaction: rename -> snapshot).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeCliToken } from '../../app/core/token-cache/token-file';
import { EMPTY_SAMPLE } from '../harness/samples';
import { expect, profileRow, sessionRow, test } from './fixtures';

const LEGACY = 'https://d-legacy0001.awsapps.com/start';

test('a token written in place (as the AWS CLI does) shows in the open window', async ({
  app,
  harness,
}) => {
  const token = serializeCliToken(
    harness.fake.issueToken({ startUrl: LEGACY, refreshable: false }),
  );
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('legacy');
  await expect(sessionRow(app, LEGACY)).toHaveAttribute('data-state', 'signed-out');
  writeFileSync(harness.home.tokenPath(LEGACY), token, { mode: 0o600 });
  await expect(sessionRow(app, LEGACY)).toHaveAttribute('data-state', 'valid');
});

test('a token replaced by rename (as botocore does) shows in the open window', async ({
  app,
  harness,
}) => {
  const token = serializeCliToken(
    harness.fake.issueToken({ startUrl: 'https://d-9067c0ffee.awsapps.com/start' }),
  );
  const target = harness.home.tokenPath('contractor');
  const temp = path.join(path.dirname(target), 'tmp-botocore-write');
  writeFileSync(temp, token, { mode: 0o600 });
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'expired');
  renameSync(temp, target);
  await expect(sessionRow(app, 'contractor')).toHaveAttribute('data-state', 'valid');
});

test('a token deleted (as `aws sso logout` does) shows in the open window', async ({
  app,
  harness,
}) => {
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme');
  await expect(sessionRow(app, 'acme')).toHaveAttribute('data-state', 'valid');
  rmSync(harness.home.tokenPath('acme'));
  await expect(sessionRow(app, 'acme')).toHaveAttribute('data-state', 'signed-out');
});

test.describe('on a machine with no AWS configuration', () => {
  test.use({ harnessOptions: { sample: EMPTY_SAMPLE } });

  test('explains what to add, and the pasted lines turn into the list', async ({
    app,
    harness,
  }) => {
    await expect(
      app.getByRole('heading', { name: 'No IAM Identity Center sessions yet' }),
    ).toBeVisible();
    const lines = app.getByLabel('Lines to add to the AWS config file');
    await expect(lines).toContainText('[sso-session my-sso]');
    await expect(app.getByRole('main')).toContainText(harness.home.paths.configFile);

    await app.getByRole('button', { name: 'Copy these lines' }).click();
    await expect.poll(() => harness.clipboard.text()).toBe(await lines.textContent());

    // The user pastes them into the config file; the window was watching.
    writeFileSync(harness.home.paths.configFile, harness.clipboard.text()!);
    await expect(sessionRow(app, 'my-sso')).toHaveAttribute('data-state', 'signed-out');
    await expect(profileRow(app, 'dev')).toContainText('111122223333 · ReadOnlyAccess · us-east-1');
  });
});

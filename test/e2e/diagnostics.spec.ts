// Diagnostics: the doctor's findings with the lines that fix them (copyable),
// for everything or for one profile, plus the problems found reading files.
import { expect, profileRow, statusLine, test } from './fixtures';

test.describe('with stale static keys in the environment', () => {
  // The classic "my tool ignores my SSO profile": keys in the environment win.
  test.use({
    harnessOptions: {
      env: { AWS_ACCESS_KEY_ID: 'AKIASTALESTATICKEY00', AWS_SECRET_ACCESS_KEY: 'stale' },
    },
  });

  test('diagnostics for one profile name the problem and copy the fix', async ({
    app,
    harness,
  }) => {
    await app.getByRole('searchbox', { name: 'Search profiles' }).fill('acme-dev');
    await profileRow(app, 'acme-dev')
      .getByRole('button', { name: 'Run diagnostics for acme-dev' })
      .click();
    await expect(app.getByRole('heading', { name: 'Diagnostics for acme-dev' })).toBeVisible();
    // (The calls without a profile are the header badge's: it counts every problem.)
    expect(harness.traffic.callsTo('diagnose').filter((args) => args.length > 0)).toEqual([
      ['acme-dev'],
    ]);

    const finding = app.locator('[data-finding="env-static-keys-active"]');
    await expect(finding).toContainText('Static keys in the environment');
    await expect(finding.locator('pre')).toContainText('export AWS_PROFILE=acme-dev');
    await finding.getByRole('button', { name: /^Copy the fix/ }).click();
    await expect(statusLine(app)).toHaveText('Copied the fix.');
    const fix = await harness.clipboard.waitForWrite(1);
    expect(fix.text).toContain('unset AWS_ACCESS_KEY_ID');
    expect(fix.text.split('\n').at(-1)).toBe('export AWS_PROFILE=acme-dev');
  });
});

test('diagnostics for everything list findings by severity, with the unreadable file’s path', async ({
  app,
  harness,
}) => {
  await app.getByRole('button', { name: 'Diagnostics, 4 problems' }).click();
  await expect(app).toHaveURL(/#diagnostics$/);
  await expect(app.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();

  const findings = app.getByRole('list', { name: 'Findings' });
  await expect(findings.locator('[data-finding="session-invalid"]')).toContainText('Error');
  await expect(findings.locator('[data-finding="session-expired"]')).toContainText('Warning');
  await expect(findings.locator('[data-finding="session-invalid"]')).toContainText(
    harness.home.tokenPath('research'),
  );

  // Running again asks the app again.
  const asked = harness.traffic.callsTo('diagnose').length;
  await app.getByRole('button', { name: 'Run again' }).click();
  await expect.poll(() => harness.traffic.callsTo('diagnose').length).toBe(asked + 1);
  await app.getByRole('button', { name: 'Back to the list' }).click();
  await expect(app.getByRole('list', { name: 'Sessions and profiles' })).toBeVisible();
});

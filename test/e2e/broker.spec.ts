// The credentials broker in the window: Diagnostics shows it running, where
// tools reach it and who asked (a real `sso-tray credential-process` and the
// real AWS CLI through the container endpoint); the export sheet's container
// mode previews the lines with the bearer token masked and copies them in
// full; with no broker, both say so.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { runSsoTray } from '../support/run-cli';
import { expect, profileRow, statusLine, test } from './fixtures';

const run = promisify(execFile);

const openDiagnostics = async (app: Page) => {
  await app.getByRole('button', { name: 'Diagnostics, 4 problems' }).click();
  await expect(app.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
};

const openContainerExport = async (app: Page, profile: string) => {
  await app.getByRole('searchbox', { name: 'Search profiles' }).fill(profile);
  await profileRow(app, profile)
    .getByRole('button', { name: `Export options for ${profile}` })
    .click();
  const dialog = app.getByRole('dialog', { name: `Export ${profile}` });
  await dialog.getByRole('radio', { name: 'Container' }).check();
  return dialog;
};

/** The name this process has in /proc: what credential-process reports for its parent. */
const ownProcessName = () => readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();

test.describe('with the broker running', () => {
  test.use({ harnessOptions: { broker: true } });

  test('Diagnostics shows the broker, its address and each credential-process caller with the outcome', async ({
    app,
    harness,
  }) => {
    const broker = harness.broker!;
    await openDiagnostics(app);
    const section = app.getByRole('region', { name: 'Credentials broker' });
    await expect(section).toContainText(`Running (pid ${process.pid}).`);
    await expect(section.getByTestId('broker-address')).toHaveText(broker.address.path);
    await expect(section.getByTestId('broker-container-url')).toHaveText(
      broker.containerEndpoint!.url,
    );
    await expect(section).toContainText('No tool has asked yet.');

    // A tool's credential_process: the real CLI, asking the harness's broker.
    const env = { HOME: harness.home.home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const answered = await runSsoTray(['credential-process', '--profile', 'acme-dev'], { env });
    expect(answered.stderr).toBe('');
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout)).toMatchObject({
      AccessKeyId: harness.fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    });
    // contractor's sign-in has expired; --wait 0: do not wait for a browser sign-in.
    const refused = await runSsoTray(
      ['credential-process', '--profile', 'contractor-dev', '--wait', '0'],
      { env },
    );
    expect(refused.code).not.toBe(0);

    // It reports its parent, the program that ran it: this test process.
    const caller = `${ownProcessName()} (pid ${process.pid})`;
    const recent = section.getByRole('list', { name: 'Recent callers' }).getByRole('listitem');
    await expect(recent).toHaveCount(2);
    // Newest first.
    await expect(recent.nth(0)).toContainText(caller);
    await expect(recent.nth(0)).toContainText('contractor-dev');
    await expect(recent.nth(0)).not.toHaveAttribute('data-outcome', 'ok');
    const code = await recent.nth(0).getAttribute('data-outcome');
    expect(code).toMatch(/^[a-z]+(-[a-z]+)+$/);
    await expect(recent.nth(0)).toContainText(code!);
    await expect(recent.nth(1)).toContainText(caller);
    await expect(recent.nth(1)).toContainText('acme-dev');
    await expect(recent.nth(1)).toContainText('Answered');
    expect(harness.traffic.leaked(harness.secrets())).toEqual([]);
  });

  test('the export sheet’s container mode previews the lines with the token masked, and copies them in full', async ({
    app,
    harness,
  }) => {
    const broker = harness.broker!;
    const tokenFile = broker.containerEndpoint!.tokenFile;
    const token = readFileSync(tokenFile, 'utf8');
    const url = `${broker.containerEndpoint!.url}/v1/credentials/acme-dev`;
    const dialog = await openContainerExport(app, 'acme-dev');
    const preview = dialog.getByTestId('export-preview');
    await expect(preview).toContainText(`export AWS_CONTAINER_CREDENTIALS_FULL_URI=${url}`);
    await expect(preview).toContainText('export AWS_CONTAINER_AUTHORIZATION_TOKEN=••••••••');
    await expect(preview).toContainText(
      `export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=${tokenFile}`,
    );
    await expect(preview).toContainText(/^unset [^\n]*\bAWS_PROFILE\b/m);
    await expect(dialog).toContainText(
      'any SDK that reads AWS_CONTAINER_CREDENTIALS_FULL_URI; needs the broker running',
    );
    // The lines are for a shell: the tools and the region do not apply.
    await expect(dialog.getByRole('button', { name: 'Pulumi (stack config)' })).toBeDisabled();
    await expect(dialog.getByRole('checkbox', { name: 'Include the region' })).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Copy' }).click();
    const write = await harness.clipboard.waitForWrite(1);
    await expect(statusLine(app)).toHaveText('Copied the container export for acme-dev (bash).');
    expect(write.secret).toBe(true);
    expect(write.text).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN=${token}\n`);

    // The copied lines work: the AWS CLI 2.9.19 gets acme-dev's credentials from the endpoint.
    const { stdout } = await run(
      '/bin/bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        `${write.text}\naws configure export-credentials --format process`,
      ],
      {
        env: {
          HOME: harness.home.home,
          PATH: '/usr/bin:/bin',
          AWS_PROFILE: 'acme-prod',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      AccessKeyId: harness.fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    });

    // ...and shows among the recent callers, by its User-Agent (the AWS CLI's container
    // provider sends urllib3's own, not "aws-cli/...").
    await openDiagnostics(app);
    const recent = app.getByRole('list', { name: 'Recent callers' }).getByRole('listitem');
    await expect(recent).toHaveCount(1);
    await expect(recent.first()).toContainText(
      /^python-urllib3\/[\d.]+ \(container endpoint\) acme-dev/,
    );
    await expect(recent.first()).toContainText('acme-dev');
    await expect(recent.first()).toContainText('Answered');

    // The token never reached the window.
    expect(harness.traffic.leaked([token, ...harness.secrets()])).toEqual([]);
    expect(await app.content()).not.toContain(token);
  });
});

test.describe('with a tool waiting for a sign-in', () => {
  // on-click: the waiting tool opens no sign-in page; it waits for the user.
  test.use({ harnessOptions: { broker: true, settings: { toolSignIn: 'on-click' } } });

  for (const scheme of ['light', 'dark'] as const) {
    test(`Diagnostics lists the waiting request; no axe violations (${scheme})`, async ({
      app,
      harness,
    }) => {
      await app.emulateMedia({ colorScheme: scheme });
      // A tool asks for contractor-dev (its sign-in has expired) and keeps waiting.
      const tool = connect(harness.broker!.address.path);
      tool.on('error', () => undefined);
      tool.write(
        `${JSON.stringify({
          v: 1,
          id: 1,
          op: 'credentials',
          profile: 'contractor-dev',
          waitSeconds: 600,
          caller: { pid: 4242, name: 'terraform' },
        })}\n`,
      );
      try {
        await openDiagnostics(app);
        const waiting = app.getByRole('list', { name: 'Waiting now (1)' }).getByRole('listitem');
        await expect(waiting).toHaveCount(1);
        await expect(waiting.first()).toContainText('terraform (pid 4242) contractor-dev · asked');
        await expect(app.getByTestId('broker')).toContainText('None answered yet.');
        await expect(app.getByTestId('broker')).toContainText(
          'Names and pids are what each tool reported about itself',
        );
        const { violations } = await new AxeBuilder({ page: app }).analyze();
        expect(
          violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
        ).toEqual([]);
      } finally {
        tool.destroy();
      }
      // The tool gave up: it leaves the list and shows among the recent callers.
      await expect(app.getByRole('list', { name: /^Waiting now/ })).toHaveCount(0);
      const recent = app.getByRole('list', { name: 'Recent callers' }).getByRole('listitem');
      await expect(recent.first()).toContainText('terraform (pid 4242)');
      await expect(recent.first()).toHaveAttribute('data-outcome', 'cancelled');
    });
  }
});

test('with no broker: Diagnostics says it is not running, and container mode says to start it', async ({
  app,
  harness,
}) => {
  expect(harness.broker).toBeNull();
  await openDiagnostics(app);
  await expect(app.getByRole('region', { name: 'Credentials broker' })).toContainText(
    'The credentials broker is not running in this app.',
  );
  await app.getByRole('button', { name: 'Back to the list' }).click();

  const dialog = await openContainerExport(app, 'acme-dev');
  await expect(dialog.getByTestId('export-preview')).toHaveText(
    'No SSO Tray broker is running: start the SSO Tray app or `sso-tray serve`, then export again.',
  );
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(statusLine(app)).toContainText('No SSO Tray broker is running');
  expect(harness.clipboard.writes).toEqual([]);
});

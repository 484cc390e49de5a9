// Chained profiles in the window: under the session they rest on, "via" the
// profile whose credentials assume their role; a chain over static keys (no
// session) among the other profiles, likewise. The access portal has no
// console link for an assumed role, so their console button is off and says
// where to get one. The chain is decided by the core (the snapshot's
// sourceProfile and chainSource); the window only shows it.
import { E2E_SAMPLE } from '../harness/samples';
import { expect, profileRow, test } from './fixtures';

const STATIC_KEY_CHAIN = `
[profile ci]
aws_access_key_id = AKIAEXAMPLECI0000000
aws_secret_access_key = not-a-real-secret-for-the-window-test

[profile from-keys]
role_arn = arn:aws:iam::777777777777:role/Builder
source_profile = ci
region = eu-west-1
`;

test.use({
  viewport: { width: 380, height: 1600 },
  harnessOptions: {
    sample: { ...E2E_SAMPLE, extraConfig: `${E2E_SAMPLE.extraConfig ?? ''}${STATIC_KEY_CHAIN}` },
  },
});

test('chains under their session and among the other profiles, "via" their source', async ({
  app,
}) => {
  const deploy = profileRow(app, 'acme-deploy');
  await expect(deploy).toContainText(
    'via acme-prod · arn:aws:iam::222222222222:role/Deployer · us-east-1',
  );
  // Each row's group: the session row above it, or the "Other profiles" heading.
  const groups = await app.locator('[data-row], .group-row').evaluateAll((rows) => {
    let group = '';
    const of: Record<string, string> = {};
    for (const r of rows) {
      const session = r.getAttribute('data-session');
      const profile = r.getAttribute('data-profile');
      if (r.classList.contains('group-row')) group = r.textContent ?? '';
      else if (r.getAttribute('data-row') === 'session' && session) group = session;
      else if (profile) of[profile] = group;
    }
    return of;
  });
  expect(groups['acme-deploy']).toBe('acme');
  expect(groups['from-keys']).toMatch(/^Other profiles/);

  const other = app.getByText('Other profiles');
  await expect(other).toBeVisible();
  await expect(profileRow(app, 'from-keys')).toContainText(
    'via ci · arn:aws:iam::777777777777:role/Builder · eu-west-1',
  );
});

test('the console button is off for an assumed role, and says where a link comes from', async ({
  app,
}) => {
  for (const name of ['acme-deploy', 'from-keys']) {
    const button = profileRow(app, name).getByRole('button', {
      name: `Open the AWS console for ${name}`,
    });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute(
      'title',
      `The access portal has no console link for an assumed role; in a terminal, sso-tray console ${name} --federated prints one`,
    );
  }
  await expect(
    profileRow(app, 'acme-dev').getByRole('button', { name: 'Open the AWS console for acme-dev' }),
  ).toBeEnabled();
});

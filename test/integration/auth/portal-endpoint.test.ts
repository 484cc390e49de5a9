// Every portal call carries the access token as a bearer, so its endpoint comes
// only from the core's environment: a `services` section in ~/.aws/config
// (say, one pointing the default profile at LocalStack) must never receive it.
import { afterEach, expect, it } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { Core } from '../../../app/core';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';

let fakes: FakeIdentityCenter[] = [];
let home: TempHome | undefined;
let core: Core | undefined;
let restore = () => {};
afterEach(async () => {
  restore();
  await core?.close();
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
  home?.cleanup();
});

it('logout and role credentials ignore endpoints configured in ~/.aws/config', async () => {
  const [fake, decoy] = (fakes = await Promise.all([
    startFakeIdentityCenter(),
    startFakeIdentityCenter(),
  ]));
  home = createTempHome({
    config: `[default]\nservices = local\n\n[services local]\nsso =\n  endpoint_url = ${decoy!.url}\n\n${SEED_CONFIG}`,
  });
  home.writeToken('my-sso', serializeCliToken(fake!.issueToken()));
  // The SDK reads the shared config through process.env itself, as it does in the app.
  const savedConfigFile = process.env.AWS_CONFIG_FILE;
  process.env.AWS_CONFIG_FILE = home.paths.configFile;
  restore = () => {
    if (savedConfigFile === undefined) delete process.env.AWS_CONFIG_FILE;
    else process.env.AWS_CONFIG_FILE = savedConfigFile;
  };
  // No portal endpoint in the environment: the SDK would otherwise take the config's.
  core = await openTestCore(home, { env: { AWS_ENDPOINT_URL_SSO_OIDC: fake!.url } });
  await core.credentials('dev').catch(() => undefined);
  await core.signOut('my-sso');
  expect(decoy!.requests).toEqual([]);
});

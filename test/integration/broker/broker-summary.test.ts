// What the window learns about the broker (Core.brokerSummary and the API's
// getBroker), over a real core, its real broker in a temp HOME, the real socket
// client and real HTTP to the container endpoint: running or why not (never
// started, another broker runs, stopped), the requests being answered and the
// last callers as they reported themselves, and never a secret. The export
// sheet's container mode through the same API: a masked preview, the full
// lines on the clipboard.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BrokerAlreadyRunningError,
  createWindowApi,
  type Broker,
  type Core,
  type PlatformAdapters,
} from '../../../app/core';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import { RECENT_CALLS_SHOWN } from '../../../app/core/broker/broker-summary';
import { SYSTEM_BROWSER_ONLY } from '../../../app/core/browser/browser-choice';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { BrokerSummary } from '../../../app/shared/api';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { cacheSecrets } from '../../support/cache-secrets';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';
import { rawConnection } from './broker-support';

const START_URL = 'https://d-abc123.awsapps.com/start';
/** A second session whose sign-in is long gone: a tool asking for `old` waits for a sign-in. */
const OLD_SESSION = `
[sso-session old-sso]
sso_start_url = https://d-old0000001.awsapps.com/start
sso_region = us-east-1

[profile old]
sso_session = old-sso
sso_account_id = 333333333333
sso_role_name = ReadOnly
`;

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
const cores: Core[] = [];
const brokers: Broker[] = [];
afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
  for (const core of cores.splice(0)) await core.close();
  await fake?.close();
  home?.cleanup();
});

/** my-sso signed in (dev and prod answer at once), old-sso signed out long ago. */
async function world() {
  fake = await startFakeIdentityCenter();
  home = createTempHome({ config: SEED_CONFIG + OLD_SESSION });
  home.writeToken('my-sso', serializeCliToken(fake.issueToken({ startUrl: START_URL })));
  return openCore();
}

async function openCore(): Promise<Core> {
  // on-click: a tool waiting for old-sso opens no sign-in page.
  const core = await openTestCore(home!, { env: fake!.env, settings: { toolSignIn: 'on-click' } });
  cores.push(core);
  return core;
}

async function start(core: Core): Promise<Broker> {
  const broker = await core.startBroker();
  brokers.push(broker);
  return broker;
}

const clipboard: { text: string; secret: boolean | undefined }[] = [];
const platform: PlatformAdapters = {
  clipboard: {
    writeText: (text, options) => void clipboard.push({ text, secret: options?.secret }),
  },
  browser: SYSTEM_BROWSER_ONLY,
  appInfo: { version: 'test', platform: 'linux' },
};

const ask = (profile: string, caller?: { pid?: number; name?: string }) =>
  requestCredentials(
    profile,
    { waitSeconds: 0, ...(caller ? { caller } : {}) },
    { addresses: brokerAddressesFor(home!.env) },
  );

/** GET on the container endpoint as an SDK sends it, with its User-Agent. */
function containerGet(broker: Broker, profile: string, userAgent: string): Promise<number> {
  const { port, tokenFile } = broker.containerEndpoint!;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/v1/credentials/${profile}`,
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: readFileSync(tokenFile, 'utf8'),
          'user-agent': userAgent,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const running = (summary: BrokerSummary) => {
  if (!summary.running) throw new Error(`not running: ${summary.detail}`);
  return summary;
};

describe('brokerSummary', () => {
  it('before any start: not running in this app, and the API says the same', async () => {
    const core = await world();
    const expected = {
      running: false,
      detail: 'The credentials broker is not running in this app.',
    };
    expect(core.brokerSummary()).toEqual(expected);
    expect(await createWindowApi(core, platform).getBroker()).toEqual(expected);
  });

  it('running: its address and endpoint, then each caller as it reported itself, newest first', async () => {
    const core = await world();
    const broker = await start(core);
    const first = running(core.brokerSummary());
    expect(first).toEqual({
      running: true,
      detail: `Running (pid ${process.pid}).`,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      addressKind: 'socket',
      address: brokerAddressesFor(home!.env)[0]!.path,
      containerUrl: broker.containerEndpoint!.url,
      waiting: [],
      recent: [],
    });
    expect(first.address.startsWith(home!.home)).toBe(true);
    expect(first.containerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect((await ask('dev', { pid: 4242, name: 'python3' })).ok).toBe(true);
    expect(await ask('nope', { name: 'terraform' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-profile' },
    });
    expect(await ask('prod', { pid: 99 })).toMatchObject({ ok: true });
    expect(await ask('prod')).toMatchObject({ ok: true });
    expect(await containerGet(broker, 'dev', 'aws-sdk-js/3.600.0 ua/2.0 os/linux')).toBe(200);

    const { recent } = running(await createWindowApi(core, platform).getBroker());
    expect(recent.map(({ profile, caller, outcome }) => ({ profile, caller, outcome }))).toEqual([
      { profile: 'dev', caller: 'aws-sdk-js/3.600.0 (container endpoint)', outcome: 'ok' },
      { profile: 'prod', caller: 'A program that did not say its name', outcome: 'ok' },
      { profile: 'prod', caller: 'pid 99', outcome: 'ok' },
      { profile: 'nope', caller: 'terraform', outcome: 'unknown-profile' },
      { profile: 'dev', caller: 'python3 (pid 4242)', outcome: 'ok' },
    ]);
    const times = recent.map((call) => Date.parse(call.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a tool waiting for a sign-in is listed while it waits, then among the recent callers', async () => {
    const core = await world();
    const broker = await start(core);
    const line = JSON.stringify({
      v: 1,
      id: 1,
      op: 'credentials',
      profile: 'old',
      waitSeconds: 600,
      caller: { pid: 5150, name: 'terraform' },
    });
    const tool = rawConnection(broker.address.path, `${line}\n`);
    await vi.waitFor(() => expect(running(core.brokerSummary()).waiting).toHaveLength(1), {
      timeout: 15_000,
    });
    const { waiting } = running(core.brokerSummary());
    expect(waiting).toEqual([
      { profile: 'old', caller: 'terraform (pid 5150)', since: expect.any(String) },
    ]);

    // The tool gives up (its connection closes): no longer waiting, answered `cancelled`.
    tool.socket.destroy();
    await vi.waitFor(() => expect(running(core.brokerSummary()).waiting).toEqual([]), {
      timeout: 15_000,
    });
    expect(running(core.brokerSummary()).recent).toEqual([
      {
        profile: 'old',
        caller: 'terraform (pid 5150)',
        at: expect.any(String),
        outcome: 'cancelled',
      },
    ]);
  });

  it(`lists the last ${RECENT_CALLS_SHOWN} calls only`, async () => {
    const core = await world();
    await start(core);
    for (let i = 0; i < RECENT_CALLS_SHOWN + 3; i++) await ask(`missing-${i}`, { name: 'loop' });
    const { recent } = running(core.brokerSummary());
    expect(recent.map((call) => call.profile)).toEqual(
      Array.from({ length: RECENT_CALLS_SHOWN }, (_, i) => `missing-${RECENT_CALLS_SHOWN + 2 - i}`),
    );
  });

  it('holds no secret: not the container token or its file, no credentials, no SSO token', async () => {
    const core = await world();
    const broker = await start(core);
    expect((await ask('dev', { name: 'python3' })).ok).toBe(true);
    expect(await containerGet(broker, 'prod', 'aws-cli/2.15.0')).toBe(200);
    const json = JSON.stringify(await createWindowApi(core, platform).getBroker());
    const dev = fake!.roleCredentials('111111111111', 'DeveloperAccess');
    const prod = fake!.roleCredentials('222222222222', 'ReadOnly');
    const { tokenFile } = broker.containerEndpoint!;
    const secrets = [
      readFileSync(tokenFile, 'utf8'),
      tokenFile,
      ...[dev, prod].flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken]),
      ...cacheSecrets(home!.paths.cacheDir),
    ];
    expect(secrets.filter((secret) => json.includes(secret))).toEqual([]);
    expect(json).toContain('python3');
  });

  it('another broker runs: says so, with its pid and address; the running one is unaffected', async () => {
    const first = await world();
    const broker = await start(first);
    const second = await openCore();
    await expect(second.startBroker()).rejects.toBeInstanceOf(BrokerAlreadyRunningError);
    expect(second.brokerSummary()).toEqual({
      running: false,
      detail: `An SSO Tray broker already runs for this user (pid ${process.pid}), on ${broker.address.path}.`,
    });
    // The first core asked to start again while its broker runs: still running.
    await expect(first.startBroker()).rejects.toBeInstanceOf(BrokerAlreadyRunningError);
    expect(first.brokerSummary().running).toBe(true);
  });

  it('after close: no longer claims to run', async () => {
    const core = await world();
    const broker = await start(core);
    expect(core.brokerSummary().running).toBe(true);
    await broker.close();
    expect(core.brokerSummary()).toEqual({
      running: false,
      detail: 'The credentials broker has stopped.',
    });
    // A tool finds no broker now.
    expect(await ask('dev')).toMatchObject({ ok: false, error: { code: 'no-broker' } });
  });
});

describe('the export sheet’s container mode through the API', () => {
  it('previews the lines with the bearer token masked; copies them in full, marked secret', async () => {
    const core = await world();
    const broker = await start(core);
    const api = createWindowApi(core, platform);
    const token = readFileSync(broker.containerEndpoint!.tokenFile, 'utf8');
    const request = { profile: 'dev', target: 'bash', mode: 'container' } as const;

    const preview = await api.previewExport(request);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.maskedText).toContain(
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${broker.containerEndpoint!.url}/v1/credentials/dev\n`,
    );
    expect(preview.value.maskedText).toContain(
      'export AWS_CONTAINER_AUTHORIZATION_TOKEN=••••••••\n',
    );
    expect(preview.value.maskedText).not.toContain(token);

    clipboard.length = 0;
    const copied = await api.copyExport({ ...request, target: 'fish' });
    expect(copied.ok && copied.value.maskedText).not.toContain(token);
    expect(clipboard).toHaveLength(1);
    expect(clipboard[0]!.secret).toBe(true);
    expect(clipboard[0]!.text).toContain(`set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN "${token}"\n`);
  });

  it('with no broker: the clear error, and nothing on the clipboard', async () => {
    const core = await world();
    const api = createWindowApi(core, platform);
    clipboard.length = 0;
    const request = { profile: 'dev', target: 'bash', mode: 'container' } as const;
    const error = {
      ok: false,
      error: {
        code: 'no-broker',
        message:
          'No SSO Tray broker is running: start the SSO Tray app or `sso-tray serve`, then export again.',
      },
    };
    expect(await api.previewExport(request)).toMatchObject(error);
    expect(await api.copyExport(request)).toMatchObject(error);
    expect(clipboard).toEqual([]);
  });
});

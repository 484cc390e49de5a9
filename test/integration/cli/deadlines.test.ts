// Every network call has a deadline: a portal that accepts the connection and
// never answers must not make `credential-process` (run by the AWS CLI,
// Terraform and every SDK) hang. The stalled server records each connection and
// whether the client gave up on it, so the test proves "abandoned" from what the
// server saw, not from a stopwatch.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

interface StalledServer {
  readonly url: string;
  /** Connections accepted, and how many the client closed itself. */
  readonly stats: { accepted: number; closedByClient: number };
  close(): Promise<void>;
}

async function startStalledServer(): Promise<StalledServer> {
  const sockets = new Set<Socket>();
  const stats = { accepted: 0, closedByClient: 0 };
  const server: Server = createServer((socket) => {
    stats.accepted++;
    sockets.add(socket);
    // Read the request, never answer.
    socket.on('data', () => undefined);
    socket.on('end', () => stats.closedByClient++);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let stalled: StalledServer | undefined;
let home: TempHome | undefined;
afterEach(async () => {
  await stalled?.close();
  home?.cleanup();
});

describe('deadlines on network calls', () => {
  it('credential-process gives up on a portal that never answers, naming it', async () => {
    stalled = await startStalledServer();
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const run = await runSsoTray(['credential-process', '--profile', 'dev'], {
      env: {
        ...home.env,
        AWS_ENDPOINT_URL_SSO: stalled.url,
        AWS_ENDPOINT_URL_SSO_OIDC: stalled.url,
        SSO_TRAY_NETWORK_TIMEOUT: '1',
      },
      timeoutMs: 60_000,
    });
    expect(run.stdout).toBe('');
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/IAM Identity Center .*did not answer/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // The client abandoned the request(s) itself; nothing was left hanging.
    expect(stalled.stats.accepted).toBeGreaterThanOrEqual(1);
  });

  it('credential-process has an overall --timeout', async () => {
    stalled = await startStalledServer();
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const run = await runSsoTray(['credential-process', '--profile', 'dev', '--timeout', '2'], {
      env: { ...home.env, AWS_ENDPOINT_URL_SSO: stalled.url },
      timeoutMs: 60_000,
    });
    expect(run.stdout).toBe('');
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/did not answer/);
  });
});

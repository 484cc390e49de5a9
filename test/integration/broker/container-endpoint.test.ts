// The container-credentials endpoint over real HTTP on 127.0.0.1: the ECS
// answer, the Host, Origin and token checks, errors without secrets, a caller
// that hangs up, the token file that survives a restart, and the export
// helper that finds the endpoint through the running broker.
import { readFileSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../app/core/broker/broker';
import { exportContainerSnippet } from '../../../app/core/broker/container-export';
import type { BrokerAddress } from '../../../app/core/broker/broker-location';
import { credentialsFor, ScriptedBackend } from '../../support/scripted-broker-backend';

let root: string;
let address: BrokerAddress;
let backend: ScriptedBackend;
let broker: Broker;
let port: number;
let token: string;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sso-tray-container-'));
  const dir = path.join(root, 'run');
  address = { kind: 'unix', path: path.join(dir, 'broker.sock'), dir, privateParent: false };
  backend = new ScriptedBackend({
    dev: { kind: 'credentials' },
    "team's dev": { kind: 'credentials' },
    slow: { kind: 'wait' },
    expired: { kind: 'error', code: 'needs-sign-in', message: 'Sign in to my-sso in SSO Tray.' },
    buggy: { kind: 'crash', message: 'refresh token aor-SECRET-9 was refused' },
  });
  broker = await startBroker({ backend, addresses: [address] });
  port = broker.containerEndpoint!.port;
  token = readFileSync(broker.containerEndpoint!.tokenFile, 'utf8');
});

afterEach(async () => {
  await broker.close();
  rmSync(root, { recursive: true, force: true });
});

interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

function get(
  target: string,
  /** Added to (or, when undefined, removed from) the SDKs' Host and Authorization headers. */
  headers: Record<string, string | undefined> = {},
  options: { method?: string; host?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries({ host: `127.0.0.1:${port}`, authorization: token, ...headers }).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        ),
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
            text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('answers', () => {
  it('gives the ECS answer for the profile in the path, to 127.0.0.1 and localhost', async () => {
    const dev = credentialsFor('dev');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const answer = await get('/v1/credentials/dev', {
        host,
        'user-agent': 'aws-cli/2.9.19 Python/3.11',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        AccessKeyId: dev.accessKeyId,
        SecretAccessKey: dev.secretAccessKey,
        Token: dev.sessionToken,
        Expiration: '2030-01-01T12:00:00Z',
      });
    }
    expect(backend.calls).toHaveLength(3);
    expect(backend.calls[0]!.request).toMatchObject({
      waitMs: 0,
      caller: { via: 'container-endpoint', pid: null, name: 'aws-cli/2.9.19' },
    });
  });

  it('decodes a percent-encoded profile name', async () => {
    const answer = await get('/v1/credentials/team%27s%20dev');
    expect(answer.status).toBe(200);
    expect(answer.body.AccessKeyId).toBe(credentialsFor("team's dev").accessKeyId);
  });

  it('passes core errors on as JSON with their code and no secret', async () => {
    expect(await get('/v1/credentials/expired')).toMatchObject({
      status: 400,
      body: {
        code: 'needs-sign-in',
        message: 'Sign in to my-sso in SSO Tray.',
        Code: 'needs-sign-in',
        Message: 'Sign in to my-sso in SSO Tray.',
      },
    });
    expect(await get('/v1/credentials/nobody')).toMatchObject({
      status: 404,
      body: { code: 'unknown-profile' },
    });
    const internal = await get('/v1/credentials/buggy');
    expect(internal).toMatchObject({ status: 500, body: { code: 'internal' } });
    expect(internal.text).not.toContain('SECRET');
  });
});

describe('refusals', () => {
  it.each([
    ['no Authorization header', { authorization: undefined }, 401, 'missing-token'],
    ['a wrong token', { authorization: 'x'.repeat(43) }, 403, 'wrong-token'],
    ['the token with a "Bearer " prefix', 'bearer', 403, 'wrong-token'],
    ['a foreign Host (DNS rebinding)', 'rebind', 403, 'forbidden-host'],
    ['a Host without the port', { host: '127.0.0.1' }, 403, 'forbidden-host'],
    ['a Host with another port', 'other-port', 403, 'forbidden-host'],
    ['a browser Origin', { origin: 'http://127.0.0.1:8000' }, 403, 'forbidden-origin'],
  ] as const)('%s: %i %s, no backend call', async (_label, headers, status, code) => {
    const extra =
      headers === 'bearer'
        ? { authorization: `Bearer ${token}` }
        : headers === 'rebind'
          ? { host: `attacker.example:${port}` }
          : headers === 'other-port'
            ? { host: `127.0.0.1:${port + 1}` }
            : headers;
    const answer = await get('/v1/credentials/dev', extra);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code, message: expect.any(String) });
    expect(answer.text).not.toContain(token);
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses other methods and other paths', async () => {
    expect(await get('/v1/credentials/dev', {}, { method: 'POST' })).toMatchObject({
      status: 405,
      body: { code: 'method-not-allowed' },
    });
    for (const target of [
      '/',
      '/v1/credentials/',
      '/v1/credentials/a/b',
      '/v1/credentials/%E0%A4%A',
    ]) {
      expect(await get(target)).toMatchObject({ status: 404, body: { code: 'not-found' } });
    }
    expect(backend.calls).toHaveLength(0);
  });

  it('listens on 127.0.0.1 only: another loopback address is refused', async () => {
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.2');
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('callers and restarts', () => {
  it('a caller that hangs up while waiting aborts its backend call', async () => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/credentials/slow',
      headers: { host: `127.0.0.1:${port}`, authorization: token },
    });
    req.on('error', () => undefined);
    req.end();
    await backend.until((b) => b.waitingCount() === 1);
    req.destroy();
    await backend.until((b) => b.calls[0]!.abortedWith !== null);
    expect(backend.calls[0]!.abortedWith).toBe('cancelled');
    expect(backend.calls).toHaveLength(1);
  });

  it('keeps its token (0600) and its port across a restart', async () => {
    const tokenFile = broker.containerEndpoint!.tokenFile;
    expect(path.dirname(tokenFile)).toBe(address.dir);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    await broker.close();
    broker = await startBroker({ backend, addresses: [address] });
    expect(broker.containerEndpoint).toEqual({ url: `http://127.0.0.1:${port}`, port, tokenFile });
    expect(readFileSync(tokenFile, 'utf8')).toBe(token);
    expect((await get('/v1/credentials/dev')).status).toBe(200);
  });

  it('is named in the status for `sso-tray export --tool container`', () => {
    expect(broker.status().containerEndpoint).toEqual({
      url: `http://127.0.0.1:${port}`,
      tokenFile: path.join(address.dir, 'container-token'),
    });
  });
});

describe('exportContainerSnippet', () => {
  it('points the snippet at the running broker, with the token from its file', async () => {
    const snippet = await exportContainerSnippet('dev', 'bash', { addresses: [address] });
    expect(snippet.text).toContain(
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:${port}/v1/credentials/dev\n`,
    );
    expect(snippet.text).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN=${token}\n`);
    expect(snippet.secrets).toEqual([token]);
  });

  it('says so when no broker runs, or when it serves no endpoint', async () => {
    await broker.close();
    await expect(
      exportContainerSnippet('dev', 'bash', { addresses: [address] }),
    ).rejects.toMatchObject({
      code: 'no-broker',
      message: expect.stringContaining('sso-tray serve'),
    });
    broker = await startBroker({ backend, addresses: [address], container: false });
    await expect(
      exportContainerSnippet('dev', 'bash', { addresses: [address] }),
    ).rejects.toMatchObject({
      code: 'no-container-endpoint',
    });
  });
});

// A loopback stand-in for the AWS federation endpoint (signin.aws.amazon.com
// cannot be reached here): answers getSigninToken with a token naming the
// session id it was given, and records every request.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigninStandIn {
  url: string;
  requests: URL[];
  status: number;
  close(): Promise<void>;
}

export async function startSigninStandIn(): Promise<SigninStandIn> {
  const state = { requests: [] as URL[], status: 200 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push(url);
    if (state.status !== 200) {
      res.writeHead(state.status).end('bad');
      return;
    }
    const session = JSON.parse(url.searchParams.get('Session') ?? '{}') as Record<string, string>;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ SigninToken: `token-for-${session.sessionId}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/federation`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

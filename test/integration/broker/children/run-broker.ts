// A broker in its own process, for tests that need another process holding the
// socket (a second start must name its pid) or one to kill (a stale socket).
// Usage: node --import tsx run-broker.ts <socket path>; prints "ready <pid>",
// stops when stdin closes.
import path from 'node:path';
import { startBroker } from '../../../../app/core/broker/broker';
import { ScriptedBackend } from '../../../support/scripted-broker-backend';

const socketPath = process.argv[2];
if (!socketPath) throw new Error('usage: run-broker.ts <socket path>');
const broker = await startBroker({
  backend: new ScriptedBackend({ dev: { kind: 'credentials' } }),
  addresses: [
    { kind: 'unix', path: socketPath, dir: path.dirname(socketPath), privateParent: false },
  ],
  container: false,
});
process.stdout.write(`ready ${process.pid}\n`);
process.stdin.on('end', () => void broker.close().then(() => process.exit(0)));
process.stdin.resume();

// `credential_process` through the broker, as a standalone entry for tests and
// for measuring the client's cost: bundled with esbuild and run with node.
// `sso-tray credential-process` does the same once the CLI is wired to it.
// Usage: node <bundle> --profile P [--wait SECONDS]
// Exit 0 with the process JSON; 3 when no broker runs; 1 on any other error.
import { parseArgs } from 'node:util';
import { describeProcess, requestCredentials } from '../../app/core/broker/broker-client';
import { formatAwsCliCredentials } from '../../app/core/export/aws-cli-format';

const { values } = parseArgs({
  options: { profile: { type: 'string' }, wait: { type: 'string' } },
});
if (!values.profile) {
  process.stderr.write('usage: --profile P [--wait SECONDS]\n');
  process.exit(2);
}
const reply = await requestCredentials(values.profile, {
  waitSeconds: values.wait === undefined ? 300 : Number(values.wait),
  // The tool that ran us is the caller the user cares about.
  caller: describeProcess(process.ppid),
});
if (reply.ok) {
  process.stdout.write(formatAwsCliCredentials(reply.value, 'process'));
} else {
  process.stderr.write(`${reply.error.code}: ${reply.error.message}\n`);
  process.exitCode = reply.error.code === 'no-broker' ? 3 : 1;
}

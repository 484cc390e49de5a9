// Runs the fake IAM Identity Center by hand (demo, scripts): prints how to point
// the tools at it and serves until interrupted.
//   npx tsx test/fakes/run-fake-identity-center.ts [--port-file FILE]
import { writeFileSync } from 'node:fs';
import { startFakeIdentityCenter } from './fake-identity-center';

const fake = await startFakeIdentityCenter();
const portFileIndex = process.argv.indexOf('--port-file');
if (portFileIndex > 0 && process.argv[portFileIndex + 1]) {
  writeFileSync(process.argv[portFileIndex + 1]!, fake.url);
}
process.stdout.write(
  `Fake IAM Identity Center on ${fake.url}\n` +
    `export AWS_ENDPOINT_URL_SSO_OIDC=${fake.url}\n` +
    `export AWS_ENDPOINT_URL_SSO=${fake.url}\n` +
    `export AWS_DATA_PATH=${fake.awsDataPath()}   # AWS CLI 2.9.19\n`,
);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

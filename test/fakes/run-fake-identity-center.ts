// Runs the fake IAM Identity Center and the fake STS by hand (demo, scripts):
// prints how to point the tools at them and serves until interrupted.
//   npx tsx test/fakes/run-fake-identity-center.ts [--port-file FILE]
import { rmSync, writeFileSync } from 'node:fs';
import { createAwsDataPath } from './fake-aws-data-path';
import { startFakeIdentityCenter } from './fake-identity-center';
import { startFakeSts } from './fake-sts';

const fake = await startFakeIdentityCenter();
// Two roles to assume in a demo; tests register their own.
const sts = await startFakeSts({
  identityCenter: fake,
  knobs: {
    roles: [
      { arn: 'arn:aws:iam::333333333333:role/Deploy' },
      { arn: 'arn:aws:iam::555555555555:role/Audit' },
    ],
  },
});
const dataPath = createAwsDataPath(fake.url, { stsUrl: sts.url });
const portFileIndex = process.argv.indexOf('--port-file');
if (portFileIndex > 0 && process.argv[portFileIndex + 1]) {
  writeFileSync(process.argv[portFileIndex + 1]!, fake.url);
}
process.stdout.write(
  `Fake IAM Identity Center on ${fake.url}, fake STS on ${sts.url}\n` +
    `export AWS_ENDPOINT_URL_SSO_OIDC=${fake.url}\n` +
    `export AWS_ENDPOINT_URL_SSO=${fake.url}\n` +
    `export AWS_ENDPOINT_URL_STS=${sts.url}\n` +
    `export AWS_DATA_PATH=${dataPath}   # AWS CLI 2.9.19\n` +
    `Roles that may be assumed: ${sts.knobs.roles.map((r) => r.arn).join(', ')}\n`,
);
const stop = () =>
  void Promise.all([fake.close(), sts.close()]).then(() => {
    rmSync(dataPath, { recursive: true, force: true });
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

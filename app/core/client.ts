// The core's second, small door: what a short-lived process that other tools
// run many times (`sso-tray credential-process`) needs to ask a running core,
// and nothing else: the broker client, the credential_process output, the
// error type and table. It loads no AWS SDK, no zod, no config reader, so a
// call answered by the broker costs little more than starting Node. Everything
// else goes through the main door, app/core/index.ts (docs/architecture.md).

export {
  brokerStatus,
  describeProcess,
  requestCredentials,
  type BrokerReply,
} from './broker/broker-client';
export { brokerAddressesFor } from './broker/broker-location';
export { DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS } from './broker/broker-protocol';
export { formatAwsCliCredentials, type AwsCliFormat } from './export/aws-cli-format';
export { CoreError, isCoreError } from './errors/core-error';
export { exitCodeOf, type ErrorCode } from './errors/error-table';

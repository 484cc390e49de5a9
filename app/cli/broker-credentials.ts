// credential_process through a running broker: the one place the CLI asks it.
// Loads only the core's small client door, so a call the broker answers costs
// little more than starting Node (the entry imports this before anything else).

import {
  brokerAddressesFor,
  describeProcess,
  formatAwsCliCredentials,
  requestCredentials,
  type AwsCliFormat,
  type ErrorCode,
} from '../core/client';

export type BrokerAnswer =
  /** The broker answered: the text for stdout. */
  | { readonly kind: 'credentials'; readonly text: string }
  /** The broker refused or failed: the code (exit status from the error table) and one sentence. */
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }
  /** Nobody listens: the caller does it without a broker. */
  | { readonly kind: 'no-broker' };

export async function credentialsFromBroker(
  profile: string,
  options: { readonly waitSeconds: number; readonly format: AwsCliFormat },
  env: Readonly<Record<string, string | undefined>>,
): Promise<BrokerAnswer> {
  const reply = await requestCredentials(
    profile,
    // The tool that ran us (the AWS CLI, Terraform...) is the caller the user cares about.
    { waitSeconds: options.waitSeconds, caller: describeProcess(process.ppid) },
    { addresses: brokerAddressesFor(env) },
  );
  if (reply.ok) {
    return { kind: 'credentials', text: formatAwsCliCredentials(reply.value, options.format) };
  }
  if (reply.error.code === 'no-broker') return { kind: 'no-broker' };
  // The broker passes the core's codes on, and adds its own (error-table.ts knows them all).
  return { kind: 'failed', code: reply.error.code as ErrorCode, message: reply.error.message };
}

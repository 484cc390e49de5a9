// Role chains (role_arn + source_profile) that need the user at every renewal:
// a hop with mfa_serial asks for a code about once an hour. A chain the AWS CLI
// refuses (missing source profile, loop, source without credentials, an empty
// mfa_serial) is already a problem of the snapshot (config-checks.ts); here are
// what only the chain's hops show. Chains are resolved by the same code that
// fetches their credentials (credentials/role-chain.ts).

import type { Finding } from '../../shared/api';
import { CredentialsError } from '../credentials/credentials-error';
import { resolveRoleChain, type RoleChain } from '../credentials/role-chain';
import { shellArg } from './fix-lines';
import type { Check, DoctorContext } from './doctor-input';

// STS's SerialNumber: the serial of a hardware device or the ARN of a virtual one.
const MFA_SERIAL = /^[\w+=/:,.@-]{9,256}$/;

function chainOf(context: DoctorContext, profile: string): RoleChain | null {
  try {
    return resolveRoleChain(context.config, profile, context.env);
  } catch (error) {
    if (error instanceof CredentialsError) return null;
    throw error;
  }
}

export const chainChecks: Check = (context) => {
  const findings: Finding[] = [];
  for (const p of context.scope) {
    if (p.kind !== 'chained') continue;
    const chain = chainOf(context, p.name);
    for (const hop of chain?.hops ?? []) {
      if (hop.mfaSerial === null) continue;
      const where = hop.profile === p.name ? '' : ` (in profile ${hop.profile})`;
      if (!MFA_SERIAL.test(hop.mfaSerial)) {
        findings.push({
          id: 'profile-mfa-no-device',
          severity: 'error',
          title: `mfa_serial of profile ${hop.profile} names no MFA device`,
          explanation: `Profile ${p.name} needs an MFA code from mfa_serial = ${hop.mfaSerial}${where}, which is neither the ARN of a virtual MFA device (arn:aws:iam::<account>:mfa/<name>) nor the serial number of a hardware one: STS refuses every code for it. Copy the device's identifier from the IAM console (Security credentials, Multi-factor authentication).`,
          fix: [
            `[profile ${hop.profile}]`,
            'mfa_serial = arn:aws:iam::<account id>:mfa/<device name>',
          ],
          profile: p.name,
          file: context.snapshot.configFile,
          ...(p.line !== null ? { line: p.line } : {}),
        });
        continue;
      }
      if (findings.some((f) => f.id === 'profile-chain-mfa' && f.profile === p.name)) continue;
      findings.push({
        id: 'profile-chain-mfa',
        severity: 'info',
        title: `Profile ${p.name} needs an MFA code`,
        explanation: `Assuming ${hop.roleArn}${where} needs a code from ${hop.mfaSerial} each time its credentials are renewed (about once an hour). The AWS CLI and sso-tray ask for it in the terminal; a tool started without one (an IDE, a desktop app, a scheduled job) cannot ask and fails. Through SSO Tray such tools get the credentials (the tray app asks in a small window of its own, \`sso-tray serve\` in its terminal): the command below prints a profile for them.`,
        fix: [`sso-tray export ${shellArg(context.shell, p.name)} --tool credential-process`],
        profile: p.name,
      });
    }
  }
  return findings;
};

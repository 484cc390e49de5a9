// STS failures the fakes do not stage, turned into messages a user can act on,
// built from names only (an STS message may quote the values it refused).
import { describe, expect, it } from 'vitest';
import {
  toStsCredentialsError,
  type AssumeRoleCall,
} from '../../../app/core/credentials/sts-role-assumer';

const CALL: AssumeRoleCall = {
  hop: {
    profile: 'deploy',
    roleArn: 'arn:aws:iam::333333333333:role/Deploy',
    roleSessionName: null,
    externalId: null,
    durationSeconds: null,
    mfaSerial: null,
  },
  roleSessionName: 'botocore-session-1',
  tokenCode: null,
  sourceProfile: 'dev',
};

/** An error as the SDK throws it for an STS answer. */
const serviceError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe('toStsCredentialsError', () => {
  it.each([
    [
      serviceError('ExpiredToken', 'The security token included in the request is expired'),
      'session-expired',
      'The credentials of profile "dev" have expired (ExpiredToken); profile "deploy" needs fresh ones.',
    ],
    [
      serviceError('RegionDisabledException', 'STS is not activated in this region'),
      'service-error',
      'STS is not activated in this region for the account of arn:aws:iam::333333333333:role/Deploy (profile "deploy"); set another region.',
    ],
    [
      serviceError('Throttling', 'Rate exceeded'),
      'service-error',
      'STS answered Throttling for profile "deploy".',
    ],
    [
      serviceError(
        'ValidationError',
        "1 validation error detected: Value 'secret-ish value' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
      ),
      'chain-invalid',
      'STS refused to assume arn:aws:iam::333333333333:role/Deploy for profile "deploy": external_id is not valid.',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      'network',
      'Could not reach STS (ECONNREFUSED) for profile "deploy". Check the network and try again.',
    ],
  ])('%s', (error, code, message) => {
    const mapped = toStsCredentialsError(error, CALL);
    expect({ code: mapped.code, message: mapped.message }).toEqual({ code, message });
  });
});

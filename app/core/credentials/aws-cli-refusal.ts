// Profiles the AWS CLI refuses get no credentials from us either: a file it
// cannot parse (a key given twice, a duplicated section, a byte-order mark,
// bytes that are not UTF-8) fails every profile there, and a profile whose
// sso_start_url or sso_region contradicts its [sso-session] fails on its own.
// Handing out credentials the AWS CLI would refuse hides the problem until some
// other tool trips over it.

import type { Problem } from '../../shared/model';
import type { ConfigModel } from '../config/config-model';
import { CoreError } from '../errors/core-error';

/** Problems that make the AWS CLI refuse every profile of the file. */
const WHOLE_FILE_CODES: ReadonlySet<string> = new Set([
  'config-rejected-by-aws-cli',
  'config-not-utf8',
  'config-byte-order-mark',
  'credentials-rejected-by-aws-cli',
]);

/** Problems that make the AWS CLI refuse one profile. */
const PROFILE_CODES: ReadonlySet<string> = new Set(['profile-session-mismatch']);

export function awsCliRefusal(model: ConfigModel, profile: string): Problem | null {
  return (
    model.problems.find(
      (p) => WHOLE_FILE_CODES.has(p.code) || (PROFILE_CODES.has(p.code) && p.profile === profile),
    ) ?? null
  );
}

/** Throws a `config-refused` error when the AWS CLI would refuse this profile. */
export function assertAwsCliAccepts(model: ConfigModel, profile: string): void {
  const problem = awsCliRefusal(model, profile);
  if (!problem) return;
  const where = problem.file ? ` (${problem.file}${problem.line ? `:${problem.line}` : ''})` : '';
  throw new CoreError(
    'config-refused',
    `Profile "${profile}" cannot be used as the AWS CLI would refuse it: ${problem.message}${where}`,
  );
}

// A tiny command for the pseudo-terminal tests: resolves one profile's
// credentials through the real services with the terminal MFA prompt, the way
// `sso-tray export` will, and writes the outcome as JSON to a file (so the
// terminal carries only what the user sees).
//   node --import tsx resolve-profile-entry.ts <profile> <result-file>
import { writeFileSync } from 'node:fs';
import { createTerminalMfaPrompt } from '../../../../app/cli/mfa-prompt';
import { CredentialsError } from '../../../../app/core/credentials/credentials-error';
import { exitCodeOf } from '../../../../app/core/errors/error-table';
import { resolveAwsPaths } from '../../../../app/core/paths';
import { ChainedCredentialsService } from '../../../../app/core/credentials/chained-credentials';
import { createStaticKeysReader } from '../../../../app/core/credentials/static-keys';
import { fileRoleCredentials, fileSessions } from './file-sessions';

const [profile, resultFile] = process.argv.slice(2);
if (!profile || !resultFile)
  throw new Error('usage: resolve-profile-entry.ts <profile> <result-file>');
const paths = resolveAwsPaths();
const sessions = fileSessions(paths);
const { service: sso, close } = fileRoleCredentials(sessions, process.env);
const chained = new ChainedCredentialsService({
  config: () => sessions.config(),
  ssoCredentials: (name) => sso.get(name),
  staticKeys: createStaticKeysReader(paths),
  mfa: createTerminalMfaPrompt(),
});
try {
  const credentials = await chained.get(profile);
  writeFileSync(resultFile, JSON.stringify({ ok: true, credentials }));
  process.exitCode = 0;
} catch (error) {
  if (!(error instanceof CredentialsError)) throw error;
  writeFileSync(
    resultFile,
    JSON.stringify({ ok: false, code: error.code, message: error.message }),
  );
  process.stderr.write(`sso-tray: ${error.message}\n`);
  // The status the CLI gives the same error.
  process.exitCode = exitCodeOf(error.code);
} finally {
  close();
}

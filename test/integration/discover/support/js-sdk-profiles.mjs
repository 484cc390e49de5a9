// Resolves each profile named on the command line with the JS SDK's own
// providers (fromSSO, fromIni) and its config loader, in a fresh process so the
// environment (HOME, AWS_ENDPOINT_URL_SSO) is exactly the test's.
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

const KEYS = ['sso_session', 'sso_account_id', 'sso_role_name', 'region', 'output'];
const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
const result = {};
for (const name of process.argv.slice(2)) {
  try {
    const section = configFile[name] ?? {};
    const sso = await fromSSO({ profile: name })();
    const ini = await fromIni({ profile: name })();
    result[name] = {
      config: Object.fromEntries(KEYS.filter((k) => k in section).map((k) => [k, section[k]])),
      credentials: {
        accessKeyId: sso.accessKeyId,
        secretAccessKey: sso.secretAccessKey,
        sessionToken: sso.sessionToken,
      },
      iniAccessKeyId: ini.accessKeyId,
    };
  } catch (error) {
    result[name] = { error: `${error?.name}: ${error?.message}` };
  }
}
process.stdout.write(JSON.stringify(result));

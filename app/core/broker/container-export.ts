// `sso-tray export P --tool container`: asks the running broker where its
// container endpoint listens, reads the token from its 0600 file, and builds
// the snippet. A clear error when no broker runs or it serves no endpoint.

import { currentUid } from '../fs/folder-privacy';
import type { ExportShell } from '../../shared/api';
import type { Snippet } from '../export/snippets';
import { brokerStatus, type ClientOptions } from './broker-client';
import { BrokerError } from './broker-error';
import { containerCredentialsUrl } from './container-endpoint';
import { buildContainerSnippet } from './container-snippet';
import { readContainerToken } from './container-token';

export async function exportContainerSnippet(
  profile: string,
  shell: ExportShell,
  options: ClientOptions & { readonly uid?: number | null } = {},
): Promise<Snippet> {
  const status = await brokerStatus(options);
  if (!status.ok) {
    throw new BrokerError(
      status.error.code,
      status.error.code === 'no-broker'
        ? 'No SSO Tray broker is running: start the SSO Tray app or `sso-tray serve`, then export again.'
        : status.error.message,
    );
  }
  const endpoint = status.value.containerEndpoint;
  if (endpoint === null) {
    throw new BrokerError(
      'no-container-endpoint',
      'The running broker does not serve container credentials; turn the endpoint on and export again.',
    );
  }
  const uid = options.uid !== undefined ? options.uid : currentUid();
  const token = await readContainerToken(endpoint.tokenFile, uid);
  if (token === null) {
    throw new BrokerError(
      'token-unreadable',
      `The container token file ${endpoint.tokenFile} is missing or not private; restart the broker.`,
    );
  }
  return buildContainerSnippet({
    shell,
    url: containerCredentialsUrl(endpoint.url, profile),
    token,
    tokenFile: endpoint.tokenFile,
  });
}

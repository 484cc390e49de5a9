// One export request end to end: the profile's facts from the config, the role
// credentials when the snippet needs them, the full snippet and its masked
// preview. Shared by the API (window) and the CLI.

import type { ExportPreview, ExportRequest } from '../../shared/api';
import { EXPORT_TOOLS } from '../../shared/api';
import type { ConfigModel } from '../config/config-model';
import { CredentialsError } from '../credentials/credentials-error';
import type { RoleCredentials } from '../credentials/role-credentials';
import { previewSnippet } from './mask';
import { buildSnippet, type Snippet, type SnippetInput } from './snippets';

export interface PreparedExport {
  readonly snippet: Snippet;
  readonly preview: ExportPreview;
}

export interface ExportDependencies {
  readonly config: ConfigModel;
  readonly credentials: (profile: string) => Promise<RoleCredentials>;
  /** argv that runs sso-tray, for the credential_process helper. */
  readonly ssoTrayCommand?: readonly string[];
}

const isTool = (target: ExportRequest['target']) =>
  (EXPORT_TOOLS as readonly string[]).includes(target);

export async function prepareExport(
  deps: ExportDependencies,
  request: ExportRequest & { readonly includeRegion: boolean },
): Promise<PreparedExport> {
  const profile = deps.config.profiles.find((p) => p.name === request.profile);
  if (!profile && !deps.config.staticKeyProfiles.has(request.profile)) {
    throw new CredentialsError(
      'unknown-profile',
      `No profile named "${request.profile}" in the AWS config file.`,
    );
  }
  const region = profile?.region ?? null;
  const input: SnippetInput = {
    target: request.target,
    mode: request.mode,
    profile: request.profile,
    // Tool helpers write config, where the region belongs whenever it is known.
    region: request.includeRegion || isTool(request.target) ? region : null,
    credentials:
      request.mode === 'credentials' && !isTool(request.target)
        ? await deps.credentials(request.profile)
        : null,
    ssoTrayCommand: deps.ssoTrayCommand,
  };
  // Build the real snippet first: if a value cannot be quoted, nothing is shown or copied.
  const snippet = buildSnippet(input);
  return { snippet, preview: previewSnippet(input) };
}

// API group: export snippets, console, diagnostics (issue 4). Secrets stay
// here: the window gets masked previews; full credential snippets go straight
// to the clipboard, marked secret so main can clear them later.
import type { ApiResult, ExportRequest, SsoTrayApi } from '../../shared/api';
import { consoleLink } from '../console/console-link';
import type { SsoTrayCore } from '../core';
import { CredentialsError } from '../credentials/credentials-error';
import { runDoctor } from '../diagnose/doctor';
import { gatherDoctorInput } from '../diagnose/gather';
import { prepareExport } from '../export/export-service';
import { SnippetError } from '../export/snippet-error';
import type { PlatformAdapters } from './platform';
import { fail, ok, unexpected } from './results';

export type ExportApi = Pick<
  SsoTrayApi,
  'previewExport' | 'copyExport' | 'openConsole' | 'diagnose'
>;

export interface ExportApiOptions {
  /** Where the doctor looks for a Pulumi project; default the process's working directory. */
  readonly cwd?: () => string;
  /** argv that runs the sso-tray CLI, for credential_process snippets. */
  readonly ssoTrayCommand?: readonly string[];
}

async function attempt<T>(run: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof CredentialsError) return fail(error.toApiError());
    if (error instanceof SnippetError) return fail({ code: error.code, message: error.message });
    return unexpected(error);
  }
}

export function createExportApi(
  core: SsoTrayCore,
  platform: PlatformAdapters,
  options: ExportApiOptions = {},
): ExportApi {
  const prepare = (request: ExportRequest) =>
    prepareExport(
      {
        config: core.sessions.config(),
        credentials: core.credentials,
        ssoTrayCommand: options.ssoTrayCommand,
      },
      {
        ...request,
        includeRegion: request.includeRegion ?? platform.settings.get().includeRegion,
      },
    );
  return {
    previewExport: (request) => attempt(async () => (await prepare(request)).preview),
    copyExport: (request) =>
      attempt(async () => {
        const { snippet, preview } = await prepare(request);
        await platform.clipboard.writeText(snippet.text, { secret: snippet.secrets.length > 0 });
        return preview;
      }),
    openConsole: (profile) =>
      attempt(async () => {
        // The portal's shortcut link: no credentials leave the machine.
        const { url } = await consoleLink(core.credentials, profile);
        await platform.opener.openUrl(url);
        return null;
      }),
    diagnose: (profile) =>
      attempt(async () =>
        runDoctor(
          await gatherDoctorInput(core, {
            profile: profile ?? null,
            cwd: (options.cwd ?? (() => process.cwd()))(),
          }),
        ),
      ),
  };
}

// `sso-tray export <profile> [--shell S] [--credentials] [--region]`: the lines
// that select a profile (or export its role credentials) in your shell.
// `--format F`: the role credentials exactly as `aws configure
// export-credentials --format F` prints them. `--tool pulumi|credential-process`:
// helper lines for tools. `--tool container [--shell S]`: point the shell at the
// running broker's container-credentials endpoint.

import type { ExportShell, ExportTarget } from '../../shared/api';
import { EXPORT_SHELLS, EXPORT_TOOLS } from '../../shared/api';
import { AWS_CLI_FORMATS, detectShell, isAwsCliFormat } from '../../core';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { usageError } from '../context';
import { DEFAULT_DEADLINE_SECONDS, withDeadline } from '../deadline';
import { signInWarning } from '../sign-in-hint';
import { ssoTrayInvocation, withCore } from '../with-core';

const USAGE = [
  `sso-tray export <profile> [--shell ${EXPORT_SHELLS.join('|')}] [--credentials] [--region]`,
  `       sso-tray export <profile> --format ${AWS_CLI_FORMATS.join('|')}`,
  `       sso-tray export <profile> --tool ${EXPORT_TOOLS.join('|')}`,
  `       sso-tray export <profile> --tool container [--shell S]`,
].join('\n');

const HELP = `Prints shell lines for <profile>; evaluate them in your shell, for example
  eval "$(sso-tray export dev)"                 (bash, zsh)
  sso-tray export dev --shell fish | source     (fish)

  --shell S       the shell to write for (default: from $SHELL)
  --credentials   export the role's temporary credentials instead of AWS_PROFILE
  --region        also set AWS_REGION and AWS_DEFAULT_REGION from the profile
  --format F      role credentials byte for byte as \`aws configure export-credentials --format F\`
  --tool T        pulumi: \`pulumi config set aws:profile\` lines;
                  credential-process: a profile for tools that do not understand sso_session;
                  container: the lines that point this shell at the running broker's
                  container-credentials endpoint (the app or \`sso-tray serve\`), with --shell
`;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${option} must be one of ${allowed.join(', ')}\nUsage: ${USAGE}`);
}

export const exportSpec: CommandSpec = {
  name: 'export',
  usage: USAGE,
  summary: 'print shell lines that select a profile or export its credentials',
  help: HELP,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        shell: { type: 'string' },
        credentials: { type: 'boolean' },
        region: { type: 'boolean' },
        format: { type: 'string' },
        tool: { type: 'string' },
      },
      USAGE,
    );
    const [profile] = expectPositionals(positionals, ['profile'], USAGE);
    const container = values.tool === 'container';
    const modes = [
      values.format,
      container ? undefined : values.tool,
      container ? values.credentials : (values.shell ?? values.credentials),
    ].filter((v) => v !== undefined);
    if (modes.length > 1) {
      throw usageError(`use one of --format, --tool or --shell/--credentials\nUsage: ${USAGE}`);
    }
    if (values.format !== undefined) {
      if (!isAwsCliFormat(values.format)) oneOf(values.format, AWS_CLI_FORMATS, 'format');
      if (values.region)
        throw usageError(
          `--format prints what the AWS CLI prints; --region does not apply\nUsage: ${USAGE}`,
        );
      const format = values.format as (typeof AWS_CLI_FORMATS)[number];
      const text = await withCore(
        ctx,
        (core) =>
          withDeadline(core, DEFAULT_DEADLINE_SECONDS, (signal) =>
            core.exportCredentials(profile!, format, { signal }),
          ),
        { name: { name: profile!, among: 'profiles' } },
      );
      ctx.stdout(text);
      return 0;
    }
    const target: ExportTarget =
      values.tool !== undefined && !container
        ? oneOf(values.tool, EXPORT_TOOLS, 'tool')
        : values.shell !== undefined
          ? oneOf<ExportShell>(values.shell, EXPORT_SHELLS, 'shell')
          : detectShell(ctx.env);
    const mode = container ? 'container' : values.credentials ? 'credentials' : 'profile';
    const { snippet, warning } = await withCore(
      ctx,
      async (core) => {
        const prepared = await withDeadline(core, DEFAULT_DEADLINE_SECONDS, (signal) =>
          core.prepareExport(
            { profile: profile!, target, mode, includeRegion: Boolean(values.region) },
            { ssoTrayCommand: ssoTrayInvocation(), signal },
          ),
        );
        // Profile mode needs no sign-in to print, but the tools that use it do.
        const needsSignIn = mode === 'profile' ? signInWarning(core.snapshot(), profile!) : null;
        return { snippet: prepared.snippet, warning: needsSignIn };
      },
      { name: { name: profile!, among: 'profiles' } },
    );
    ctx.stdout(snippet.text);
    if (warning) ctx.stderr(warning);
    return 0;
  },
};

// `sso-tray serve [--device-code] [--no-browser] [--open] [--no-container]`:
// the broker the tray app runs, in the foreground, for servers, WSL, remote
// boxes and machines where Electron cannot run. Tools reach it through
// `sso-tray credential-process` and the container-credentials endpoint; a
// session that needs a browser sign-in gets one sign-in for every waiting
// tool. It prints each sign-in's URL and code, one line per request (never a
// secret), and stops cleanly on SIGINT/SIGTERM. --open also serves the window
// in the default browser (loopback, behind a per-run key in its URL).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrokerAlreadyRunningError,
  CoreError,
  createWindowApi,
  openCore,
  startBridgeServer,
  terminalLauncher,
  type Broker,
  type BridgeServer,
  type Core,
  type SignInPrompt,
  SYSTEM_BROWSER_ONLY,
} from '../../core';
import type { CoreEvent } from '../../shared/events';
import type { SignInFlow } from '../../shared/model';
import { VERSION } from '../../shared/version';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import type { CliContext } from '../context';
import { createTerminalMfaPrompt } from '../mfa-prompt';

const USAGE = 'sso-tray serve [--device-code | --pkce] [--no-browser] [--open] [--no-container]';

/**
 * The built window (out/renderer) and its web bridge (out/web/bridge.js): the
 * `out` folder above this code (bundled: out/cli/chunks), or the repository's.
 */
function builtWindow(): { rendererDir: string; bridgeScript: string } | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = path.dirname(dir)) {
    for (const out of [dir, path.join(dir, 'out')]) {
      const rendererDir = path.join(out, 'renderer');
      const bridge = path.join(out, 'web', 'bridge.js');
      if (existsSync(path.join(rendererDir, 'index.html')) && existsSync(bridge)) {
        return { rendererDir, bridgeScript: readFileSync(bridge, 'utf8') };
      }
    }
  }
  return null;
}

const time = () => new Date().toISOString().slice(11, 19);

function eventLine(event: CoreEvent): string | null {
  switch (event.kind) {
    case 'credentials-requested':
      return `${event.message} (${event.waiting} waiting)`;
    case 'renewed':
    case 'renewal-failed':
    case 'needs-sign-in':
    case 'signed-in':
    case 'sign-in-failed':
    case 'sign-in-cancelled':
      return event.message;
  }
}

export async function serveCommand(
  options: {
    flow: SignInFlow | undefined;
    noBrowser: boolean;
    open: boolean;
    container: boolean;
  },
  ctx: CliContext,
): Promise<number> {
  let core: Core | null = null;
  const log = (line: string) => ctx.stdout(`${time()} ${line}\n`);
  const opener = async (prompt: SignInPrompt) => {
    log(`Sign in to ${prompt.session}: open ${prompt.url}`);
    if (prompt.userCode) log(`  and confirm the code ${prompt.userCode}`);
    if (options.noBrowser || !core) return;
    await core
      .openUrl(prompt.url, { for: prompt.session })
      .catch((error: Error) => log(`${error.message} Open it by hand.`));
  };
  core = await openCore({
    env: ctx.env,
    watch: true,
    systemBrowser: terminalLauncher(ctx.env),
    signInOpener: opener,
    // A tool's chain that needs an MFA code asks here, where the broker runs.
    mfaPrompt: createTerminalMfaPrompt(),
    ...(options.flow ? { signInFlow: options.flow } : {}),
  });
  let broker: Broker | null = null;
  let window: BridgeServer | null = null;
  // Listening before anything is printed: a SIGTERM sent as soon as a line
  // appears must stop serve cleanly, not kill it with the broker's socket left behind.
  const stop = stopped(ctx);
  try {
    try {
      broker = await core.startBroker({
        container: options.container ? {} : false,
        onInternalError: (error) => log(`internal error: ${(error as Error)?.message ?? error}`),
      });
    } catch (error) {
      if (error instanceof BrokerAlreadyRunningError) throw new CoreError('usage', error.message);
      throw error;
    }
    core.onEvent((event) => {
      const line = eventLine(event);
      if (line) log(line);
    });
    broker.activity.onEvent((event) => {
      if (event.kind !== 'finished') return;
      const { call } = event;
      const who = call.caller.name ?? call.caller.via;
      log(
        `${who}${call.caller.pid ? ` (pid ${call.caller.pid})` : ''} asked for ${call.profile}: ${call.outcome}`,
      );
    });
    ctx.stdout(`SSO Tray ${VERSION} broker ready on ${broker.address.path}\n`);
    if (broker.containerEndpoint) {
      ctx.stdout(
        `Container credentials: ${broker.containerEndpoint.url} (sso-tray export <profile> --tool container)\n`,
      );
    }
    if (options.open) {
      const built = builtWindow();
      if (!built)
        throw new CoreError(
          'unexpected',
          'The window is not built yet: run `npm run build` first.',
        );
      const api = createWindowApi(core, {
        clipboard: { writeText: () => undefined },
        browser: SYSTEM_BROWSER_ONLY,
        appInfo: { version: VERSION, platform: `${process.platform} (sso-tray serve)` },
      });
      window = await startBridgeServer({
        api,
        rendererDir: built.rendererDir,
        clientScript: built.bridgeScript,
      });
      ctx.stdout(`Window: ${window.url}\n`);
      await terminalLauncher(ctx.env)(window.url).catch(() =>
        ctx.stdout('Open the address above in your browser.\n'),
      );
    }
    ctx.stdout('Press Ctrl-C to stop.\n');
    await stop;
    log('stopping');
    return 0;
  } finally {
    await window?.close();
    await broker?.close();
    await core.close();
  }
}

/** Resolves on SIGINT or SIGTERM (or Ctrl-C through the CLI's interrupt hook). */
function stopped(ctx: CliContext): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGTERM', done);
      stopInterrupt?.();
      resolve();
    };
    const stopInterrupt = ctx.onInterrupt?.(done);
    process.once('SIGTERM', done);
  });
}

export const serveSpec: CommandSpec = {
  name: 'serve',
  usage: USAGE,
  summary: 'run the credentials broker in the foreground (no tray needed)',
  help:
    'Tools reach the broker through `sso-tray credential-process` and the container\n' +
    'endpoint; a session that needs a sign-in gets ONE sign-in for every waiting tool.\n\n' +
    '  --device-code   sign in with the device code flow (chosen by itself over SSH\n' +
    '                  and where there is no display)\n' +
    '  --pkce          sign in with the browser flow wherever this runs\n' +
    '  --no-browser    print each sign-in page instead of opening it\n' +
    '  --open          also serve the SSO Tray window in your browser\n' +
    '  --no-container  do not serve the container-credentials endpoint\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'device-code': { type: 'boolean' },
        pkce: { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        open: { type: 'boolean' },
        'no-container': { type: 'boolean' },
      },
      USAGE,
    );
    expectPositionals(positionals, [], USAGE);
    if (values['device-code'] && values.pkce) {
      throw new CoreError('usage', 'use --device-code or --pkce, not both.');
    }
    return serveCommand(
      {
        flow: values['device-code'] ? 'device-code' : values.pkce ? 'pkce' : undefined,
        noBrowser: Boolean(values['no-browser']),
        open: Boolean(values.open),
        container: !values['no-container'],
      },
      ctx,
    );
  },
};

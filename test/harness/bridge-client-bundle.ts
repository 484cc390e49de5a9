// The browser side of the loopback bridge (bridge-client.ts) bundled with
// esbuild, once per process. Build-time tooling: kept apart from the server,
// which takes the script as text.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bridgeScript: Promise<string> | null = null;

export function bridgeClientScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [fileURLToPath(new URL('./bridge-client.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

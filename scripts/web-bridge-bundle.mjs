// The web window's bridge script (app/preload/web-bridge.ts) as the browser
// loads it: one IIFE. Used by the build (out/web/bridge.js, served by
// `sso-tray serve --open`) and by the e2e harness, so both serve the same thing.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../app/preload/web-bridge.ts', import.meta.url));

/** The bundled script as text; written to `outfile` too when given. */
export async function bundleWebBridge(outfile) {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
    ...(outfile ? { outfile } : {}),
  });
  const text = result.outputFiles[0].text;
  if (outfile) {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(outfile, text);
  }
  return text;
}

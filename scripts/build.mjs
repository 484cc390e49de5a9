// Builds the bundles: the CLI and the Electron main process with esbuild, the
// preload as CommonJS (sandboxed preloads cannot be ES modules), and the
// renderer with Vite. `--cli` builds only the CLI (run by `npm install`).
import { build as esbuild } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';

const cliOnly = process.argv.includes('--cli');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Dependencies are installed next to the app (and packaged by electron-builder).
  packages: 'external',
  logLevel: 'warning',
  define: { __SSO_TRAY_VERSION__: JSON.stringify(version) },
};

// The CLI is split in chunks: `credential-process`, which tools run on every
// AWS call, loads the entry and the broker client only; the rest loads on
// demand. Chunk names carry their content's hash, so a new build adds files
// beside the old ones and swaps the entry in last: a test spawning the bin
// while another build runs never finds it missing or half-written.
const cliTemp = `out/.cli-${process.pid}`;
await esbuild({
  ...node,
  entryPoints: ['app/cli/sso-tray.ts'],
  outdir: cliTemp,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
});
mkdirSync('out/cli/chunks', { recursive: true });
for (const chunk of readdirSync(`${cliTemp}/chunks`)) {
  renameSync(`${cliTemp}/chunks/${chunk}`, `out/cli/chunks/${chunk}`);
}
for (const file of ['sso-tray.js.map', 'sso-tray.js']) {
  renameSync(`${cliTemp}/${file}`, `out/cli/${file}`);
}
rmSync(cliTemp, { recursive: true, force: true });
removeStaleChunks('out/cli/chunks');

/** Chunks of earlier builds, once no process started before this build can still load them. */
function removeStaleChunks(dir) {
  const stale = Date.now() - 10 * 60_000;
  for (const chunk of readdirSync(dir)) {
    const file = `${dir}/${chunk}`;
    if (statSync(file).mtimeMs < stale) rmSync(file, { force: true });
  }
}

if (!cliOnly) {
  rmSync('out/main', { recursive: true, force: true });
  rmSync('out/preload', { recursive: true, force: true });
  await esbuild({
    ...node,
    entryPoints: ['app/main/index.ts'],
    outfile: 'out/main/index.js',
    format: 'esm',
  });
  await esbuild({
    ...node,
    packages: undefined,
    external: ['electron'],
    entryPoints: ['app/preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    format: 'cjs',
  });
  const { build: vite } = await import('vite');
  await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
  // The web window's bridge, for `sso-tray serve --open`.
  const { bundleWebBridge } = await import('./web-bridge-bundle.mjs');
  await bundleWebBridge('out/web/bridge.js');
}

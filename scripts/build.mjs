// Builds the bundles: the CLI and the Electron main process with esbuild, the
// preload as CommonJS (sandboxed preloads cannot be ES modules), and the
// renderer with Vite. `--cli` builds only the CLI (run by `npm install`).
import { build as esbuild } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';

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

// Build the CLI next to its final place and swap it in, so a test spawning the
// bin while another build runs never finds it missing or half-written.
const cliTemp = `out/.cli-${process.pid}`;
await esbuild({
  ...node,
  entryPoints: ['app/cli/sso-tray.ts'],
  outfile: `${cliTemp}/sso-tray.js`,
  format: 'esm',
});
mkdirSync('out/cli', { recursive: true });
for (const file of ['sso-tray.js', 'sso-tray.js.map']) {
  renameSync(`${cliTemp}/${file}`, `out/cli/${file}`);
}
rmSync(cliTemp, { recursive: true, force: true });

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
}

// Makes sure out/renderer holds a build of the current renderer sources, so
// `npx playwright test` works on its own; `npm test` and `npm run demo:web`
// build first and find it fresh.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RENDERER_OUT = path.join(REPO_ROOT, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

let ready: Promise<string> | null = null;

export function ensureRendererBuilt(): Promise<string> {
  ready ??= (async () => {
    const index = path.join(RENDERER_OUT, 'index.html');
    const sources = Math.max(
      newestMtime(path.join(REPO_ROOT, 'renderer')),
      newestMtime(path.join(REPO_ROOT, 'app', 'shared')),
    );
    if (!existsSync(index) || statSync(index).mtimeMs < sources) {
      const { build } = await import('vite');
      await build({
        configFile: path.join(REPO_ROOT, 'vite.config.ts'),
        root: path.join(REPO_ROOT, 'renderer'),
        logLevel: 'warn',
      });
    }
    return RENDERER_OUT;
  })();
  return ready;
}

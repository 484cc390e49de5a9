import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer bundle. `base: './'` because Electron loads it from file://.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer bundle. `base: './'`: relative URLs work on the app's origin
// (sso-tray://app/) and behind the loopback bridge alike.
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

// Entry point of the Electron main process (bundled to out/main/index.js).
import { app } from 'electron';
import { startMainProcess } from './main-process';

startMainProcess().catch((error: unknown) => {
  console.error('[sso-tray] could not start:', error);
  app.exit(1);
});

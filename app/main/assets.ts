// Where the app's files are, in development (the repository, `npm start`) and
// when packaged (the tray icons are extraResources next to app.asar).

import path from 'node:path';

export interface AppFiles {
  readonly iconDir: string;
  readonly preload: string;
  /** The built renderer, served on the app's origin (renderer-protocol.ts). */
  readonly rendererDir: string;
}

export function resolveAppFiles(input: {
  readonly isPackaged: boolean;
  /** app.getAppPath(): the repository in development, .../resources/app.asar when packaged. */
  readonly appPath: string;
  /** process.resourcesPath: the folder holding app.asar and the extraResources. */
  readonly resourcesPath: string;
}): AppFiles {
  return {
    iconDir: input.isPackaged
      ? path.join(input.resourcesPath, 'icons')
      : path.join(input.appPath, 'build', 'icons'),
    preload: path.join(input.appPath, 'out', 'preload', 'index.cjs'),
    rendererDir: path.join(input.appPath, 'out', 'renderer'),
  };
}

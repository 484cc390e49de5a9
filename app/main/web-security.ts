// Locks down every web contents the app creates (today: the one window):
// no new windows, no navigation away from the bundled page, no <webview>, and
// every permission request denied (the window needs none). Links the window
// wants opened go through the API (openConsole, reopenSignInPage), whose URLs
// main builds and validates; the renderer never opens a URL itself.

import type { App, Session, WebContents } from 'electron';

export function secureWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function setupWebContentsSecurity(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

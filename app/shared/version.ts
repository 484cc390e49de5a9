// The product's version: set by the build from package.json (scripts/build.mjs,
// vitest.config.ts); "0.0.0-dev" when running unbundled sources without it.
declare const __SSO_TRAY_VERSION__: string | undefined;

export const VERSION: string =
  typeof __SSO_TRAY_VERSION__ === 'string' ? __SSO_TRAY_VERSION__ : '0.0.0-dev';

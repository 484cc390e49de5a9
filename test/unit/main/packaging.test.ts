// electron-builder.yml, read by electron-builder's own config reader and
// validated against its own JSON schema (node_modules/app-builder-lib/scheme.json,
// with ajv as electron-builder does), plus the settings a shipped tray app needs.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { getConfig } from 'app-builder-lib/out/util/config/load';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES, trayIconFileName } from '../../../app/main/tray-icon';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const schema = JSON.parse(
  readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;

async function loadConfig(): Promise<Configuration> {
  const read = await getConfig<Configuration>(
    {
      packageKey: 'build',
      configFilename: 'electron-builder',
      projectDir: ROOT,
      packageMetadata: null,
    },
    'electron-builder.yml',
  );
  if (!read) throw new Error('electron-builder.yml not found');
  return read.result;
}

// electron-builder validates with these options (app-builder-lib schemaValidator), minus type coercion.
// Compiled once: the schema is large.
let compiled: ValidateFunction | null = null;
const validator = () => (compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema));

describe('electron-builder.yml', () => {
  it('matches electron-builder’s own schema', async () => {
    const validate = validator();
    const config = await loadConfig();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a misplaced option', async () => {
    const validate = validator();
    const config = await loadConfig();
    expect(validate({ ...config, mac: { ...config.mac, LSUIElement: true } })).toBe(false);
    expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }),
    ).toBe(false);
  });

  it('sets the fuses for a shipped app', async () => {
    expect((await loadConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The window is served from sso-tray://app/: file:// pages need no extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage + deb, dmg + zip without a Dock icon, and an NSIS installer', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.appId).toBe('dev.ssotray.app');
  });

  it('ships every tray icon as an extra resource, where main looks for it', async () => {
    const config = await loadConfig();
    expect(config.extraResources).toEqual([
      { from: 'build/icons', to: 'icons', filter: ['*.png'] },
    ]);
    for (const state of TRAY_ICON_STATES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        expect(existsSync(path.join(ROOT, 'build/icons', trayIconFileName(state, platform)))).toBe(
          true,
        );
      }
    }
    expect(existsSync(path.join(ROOT, 'build/icon.png'))).toBe(true);
  });

  it('packages the bundles package.json points at', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
    expect(pkg.scripts.dist).toBe('node scripts/build.mjs && electron-builder');
  });
});

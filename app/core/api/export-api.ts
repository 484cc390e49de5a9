// API group: export snippets, console, diagnostics (issue 4).
import type { SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import type { PlatformAdapters } from './platform';
import { notAvailable } from './results';

export type ExportApi = Pick<
  SsoTrayApi,
  'previewExport' | 'copyExport' | 'openConsole' | 'diagnose'
>;

export function createExportApi(_core: SsoTrayCore, _platform: PlatformAdapters): ExportApi {
  return {
    previewExport: () => notAvailable('Export'),
    copyExport: () => notAvailable('Export'),
    openConsole: () => notAvailable('Console'),
    diagnose: () => notAvailable('Diagnostics'),
  };
}

// API group: account discovery and profile generation (issue 7).
import type { SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import type { PlatformAdapters } from './platform';
import { notAvailable } from './results';

export type DiscoveryApi = Pick<SsoTrayApi, 'discover' | 'planProfiles' | 'applyProfilePlan'>;

export function createDiscoveryApi(_core: SsoTrayCore, _platform: PlatformAdapters): DiscoveryApi {
  return {
    discover: () => notAvailable('Discovery'),
    planProfiles: () => notAvailable('Discovery'),
    applyProfilePlan: () => notAvailable('Discovery'),
  };
}

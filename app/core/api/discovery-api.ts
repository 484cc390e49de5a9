// API group: account discovery and profile generation (issue 7).
import type { ApiResult, SsoTrayApi } from '../../shared/api';
import { ConfigEditError, ConfigWriteError } from '../config/config-editor';
import type { SsoTrayCore } from '../core';
import { AccountDiscovery, type AccountDiscoveryOptions } from '../discover/account-discovery';
import { DiscoveryError } from '../discover/discovery-error';
import type { PlatformAdapters } from './platform';
import { fail, ok, unexpected } from './results';

export type DiscoveryApi = Pick<SsoTrayApi, 'discover' | 'planProfiles' | 'applyProfilePlan'>;

function failure(error: unknown): ApiResult<never> {
  if (error instanceof DiscoveryError) {
    return fail({
      code: error.code,
      message: error.message,
      ...(error.action ? { action: error.action } : {}),
    });
  }
  if (error instanceof ConfigWriteError || error instanceof ConfigEditError) {
    return fail({ code: error.code, message: error.message });
  }
  return unexpected(error);
}

async function attempt<T>(run: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return failure(error);
  }
}

export function createDiscoveryApi(
  core: SsoTrayCore,
  _platform: PlatformAdapters,
  options: AccountDiscoveryOptions = {},
): DiscoveryApi {
  const discovery = new AccountDiscovery(core, options);
  return {
    discover: (session) => attempt(() => discovery.discover(session)),
    planProfiles: (request) => attempt(() => discovery.plan(request)),
    applyProfilePlan: (plan) => attempt(() => discovery.apply(plan)),
  };
}

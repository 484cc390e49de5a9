// API group: account discovery and profile generation (issue 7).
import type { ApiResult, SsoTrayApi } from '../../shared/api';
import { ConfigEditError, ConfigWriteError } from '../config/config-editor';
import type { SsoTrayCore } from '../core';
import { AccountDiscovery, type AccountDiscoveryOptions } from '../discover/account-discovery';
import { DiscoveryError } from '../discover/discovery-error';
import { IssuedPlans } from './issued-plans';
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
  const issued = new IssuedPlans();
  return {
    discover: (session) => attempt(() => discovery.discover(session)),
    planProfiles: (request) => attempt(async () => issued.remember(await discovery.plan(request))),
    async applyProfilePlan(plan) {
      // Only a plan main made, exactly as made; it is then checked against the file again.
      if (!issued.has(plan)) {
        return fail({
          code: 'unknown-plan',
          message:
            'SSO Tray did not prepare this change (or it was already applied); nothing was written. Preview the profiles again.',
        });
      }
      const result = await attempt(() => discovery.apply(plan));
      if (result.ok) issued.forget(plan);
      return result;
    },
  };
}

// API group: sign-in, sign-out (issue 3).
import type { SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import type { PlatformAdapters } from './platform';
import { notAvailable } from './results';

export type SignInApi = Pick<
  SsoTrayApi,
  'signIn' | 'cancelSignIn' | 'signOut' | 'reopenSignInPage'
>;

export function createSignInApi(_core: SsoTrayCore, _platform: PlatformAdapters): SignInApi {
  return {
    signIn: () => notAvailable('Sign-in'),
    cancelSignIn: () => notAvailable('Sign-in'),
    signOut: () => notAvailable('Sign-out'),
    reopenSignInPage: () => notAvailable('Sign-in'),
  };
}

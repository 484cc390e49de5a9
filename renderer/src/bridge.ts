// The window's only way to the app: the object the preload (or, in tests and
// the web demo, the loopback bridge script) puts on `window`.
import { BRIDGE_NAME, type SsoTrayApi } from '../../app/shared/api';

export function findBridge(): SsoTrayApi | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_NAME];
  return candidate && typeof candidate === 'object' ? (candidate as SsoTrayApi) : null;
}

// The current route (routes.ts), following the location hash.
import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from '../routes';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const readHash = () => window.location.hash;

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const navigate = useCallback((route: Route) => {
    const next = routeHash(route);
    if (next === window.location.hash) return;
    if (next === '') {
      // Drop the hash without leaving a bare "#" in the address.
      history.pushState(null, '', window.location.pathname + window.location.search);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else window.location.hash = next;
  }, []);
  return [parseRoute(hash), navigate];
}

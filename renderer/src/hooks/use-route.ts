// Views live in the location hash, so main can open `#preferences` directly
// and Back/Escape return to the list.
import { useCallback, useSyncExternalStore } from 'react';

export type Route =
  | { readonly view: 'list' }
  | { readonly view: 'preferences' }
  | { readonly view: 'diagnostics'; readonly profile: string | null }
  | { readonly view: 'discover'; readonly session: string };

export function parseRoute(hash: string): Route {
  const [view = '', ...rest] = hash.replace(/^#/, '').split('/');
  const argument = rest.length ? decodeURIComponent(rest.join('/')) : null;
  if (view === 'preferences') return { view: 'preferences' };
  if (view === 'diagnostics') return { view: 'diagnostics', profile: argument };
  if (view === 'discover' && argument) return { view: 'discover', session: argument };
  return { view: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'list':
      return '';
    case 'preferences':
      return '#preferences';
    case 'diagnostics':
      return route.profile ? `#diagnostics/${encodeURIComponent(route.profile)}` : '#diagnostics';
    case 'discover':
      return `#discover/${encodeURIComponent(route.session)}`;
  }
}

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

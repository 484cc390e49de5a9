// The window's views, kept in the location hash so main can open
// `#preferences` directly and Back/Escape return to the list.

export type Route =
  | { readonly view: 'list' }
  | { readonly view: 'preferences' }
  | { readonly view: 'diagnostics'; readonly profile: string | null }
  | { readonly view: 'discover'; readonly session: string };

export function parseRoute(hash: string): Route {
  const [view = '', ...rest] = hash.replace(/^#/, '').split('/');
  let argument: string | null = null;
  try {
    argument = rest.length ? decodeURIComponent(rest.join('/')) : null;
  } catch {
    // A malformed escape: treat it as no argument.
  }
  if (view === 'preferences') return { view: 'preferences' };
  if (view === 'diagnostics') return { view: 'diagnostics', profile: argument || null };
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

// Routes round-trip through the location hash, whatever a name holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../renderer/src/routes';

describe('routes', () => {
  it('reads the views main opens directly', () => {
    expect(parseRoute('#preferences')).toEqual({ view: 'preferences' });
    expect(parseRoute('#diagnostics')).toEqual({ view: 'diagnostics', profile: null });
    expect(parseRoute('#diagnostics/acme-dev')).toEqual({
      view: 'diagnostics',
      profile: 'acme-dev',
    });
    expect(parseRoute('')).toEqual({ view: 'list' });
  });

  it('falls back to the list for anything else', () => {
    expect(parseRoute('#discover')).toEqual({ view: 'list' });
    expect(parseRoute('#nonsense/x')).toEqual({ view: 'list' });
    expect(parseRoute('#discover/%E0%A4%A')).toEqual({ view: 'list' });
  });

  it('round-trips any profile or session name (slashes, spaces, URLs)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        const routes: Route[] = [
          { view: 'diagnostics', profile: name },
          { view: 'discover', session: name },
        ];
        for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
      }),
    );
    const legacy: Route = { view: 'discover', session: 'https://d-1.awsapps.com/start' };
    expect(parseRoute(routeHash(legacy))).toEqual(legacy);
  });
});

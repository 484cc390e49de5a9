// The window's time words and the moment each changes: a text woken at
// `changesIn` reads differently, and one millisecond earlier it does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agoText, expiryText } from '../../../renderer/src/time/time-text';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('expiryText', () => {
  it('counts down, then says how long ago it expired', () => {
    expect(expiryText(iso(T0 + 7 * HOUR + 12 * MINUTE + 5_000), T0).text).toBe('7h 12m left');
    expect(expiryText(iso(T0 + 45_000), T0).text).toBe('45s left');
    expect(expiryText(iso(T0 - 3 * HOUR), T0).text).toBe('expired 3h ago');
    expect(expiryText(iso(T0 + 3 * 24 * HOUR + 2 * HOUR), T0).text).toBe('3d 2h left');
  });

  it('is empty and never changes without an expiry', () => {
    expect(expiryText(null, T0)).toEqual({ text: '', changesIn: null });
    expect(expiryText('soon', T0)).toEqual({ text: '', changesIn: null });
  });

  it('changes at the next minute boundary, not every second, above a minute', () => {
    const { changesIn } = expiryText(iso(T0 + 7 * HOUR + 12 * MINUTE + 5_000), T0);
    expect(changesIn).toBe(5_001);
    expect(expiryText(iso(T0 + 7 * HOUR + 12 * MINUTE + 5_000), T0 + 5_001).text).toBe(
      '7h 11m left',
    );
  });

  it('turns into "expired" exactly at the expiry', () => {
    const at = T0 + 800;
    const { text, changesIn } = expiryText(iso(at), T0);
    expect(text).toBe('0s left');
    expect(changesIn).toBe(800);
    expect(expiryText(iso(at), T0 + 800).text).toBe('expired 0s ago');
  });

  it('for any expiry and time: the same words until changesIn, different words at it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40 * 24 * 3_600_000, max: 40 * 24 * 3_600_000 }), (offset) => {
        const expires = iso(T0 + offset);
        const at = Date.parse(expires);
        const now = at - offset;
        const { text, changesIn } = expiryText(expires, now);
        expect(changesIn).toBeGreaterThan(0);
        expect(expiryText(expires, now + changesIn! - 1).text).toBe(text);
        expect(expiryText(expires, now + changesIn!).text).not.toBe(text);
      }),
    );
  });
});

describe('agoText', () => {
  it('says "just now" for the first minute, then minutes and hours', () => {
    expect(agoText(iso(T0 - 5_000), T0)).toEqual({ text: 'just now', changesIn: 55_000 });
    expect(agoText(iso(T0 - 61_000), T0).text).toBe('1m ago');
    expect(agoText(iso(T0 - 2 * HOUR - 5 * MINUTE), T0).text).toBe('2h 5m ago');
    expect(agoText(null, T0)).toEqual({ text: '', changesIn: null });
  });

  it('for any elapsed time: the same words until changesIn, different words at it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5_000, max: 90 * 24 * 3_600_000 }), (elapsed) => {
        const then = iso(T0);
        const now = T0 + elapsed;
        const { text, changesIn } = agoText(then, now);
        expect(changesIn).toBeGreaterThan(0);
        expect(agoText(then, now + changesIn! - 1).text).toBe(text);
        expect(agoText(then, now + changesIn!).text).not.toBe(text);
      }),
    );
  });
});

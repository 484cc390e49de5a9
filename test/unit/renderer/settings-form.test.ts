// The settings form accepts exactly what the app's settings schema accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../app/shared/api-schema';
import { DEFAULT_SETTINGS } from '../../../app/shared/api';
import {
  parseMinutesList,
  parseWholeNumber,
  SETTINGS_LIMITS,
} from '../../../renderer/src/views/settings-form';

describe('SETTINGS_LIMITS', () => {
  it('are the schema’s limits', () => {
    expect(SETTINGS_LIMITS).toEqual({
      notificationLeadMinutes: { min: 1, max: 24 * 60, maxItems: 5 },
      renewalLeadMinutes: { min: 1, max: 60 },
      clipboardClearSeconds: { min: 0, max: 3600 },
    });
  });
});

describe('parseMinutesList', () => {
  it('reads commas or spaces, and refuses what the app would', () => {
    expect(parseMinutesList('15, 5')).toEqual({ ok: true, value: [15, 5] });
    expect(parseMinutesList('30 10')).toEqual({ ok: true, value: [30, 10] });
    for (const bad of ['soon', '', '0', '1.5', '60, 30, 15, 10, 5, 1', '1441']) {
      expect(parseMinutesList(bad)).toEqual({
        ok: false,
        message: 'Use one to five whole minutes separated by commas, e.g. 15, 5.',
      });
    }
  });

  it('accepts a list exactly when the settings schema does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 2000 }), { maxLength: 7 }), (numbers) => {
        const parsed = parseMinutesList(numbers.join(', '));
        const schema = settingsSchema.shape.notificationLeadMinutes.safeParse(numbers).success;
        expect(parsed.ok).toBe(numbers.length > 0 && schema);
      }),
    );
  });
});

describe('parseWholeNumber', () => {
  const seconds = SETTINGS_LIMITS.clipboardClearSeconds;

  it('says which numbers are allowed', () => {
    expect(parseWholeNumber('60', seconds, 'seconds')).toEqual({ ok: true, value: 60 });
    expect(parseWholeNumber('0', seconds, 'seconds')).toEqual({ ok: true, value: 0 });
    expect(parseWholeNumber('', seconds, 'seconds')).toEqual({
      ok: false,
      message: 'Use a whole number of seconds from 0 to 3600.',
    });
    expect(parseWholeNumber('90', SETTINGS_LIMITS.renewalLeadMinutes, 'minutes')).toEqual({
      ok: false,
      message: 'Use a whole number of minutes from 1 to 60.',
    });
  });

  it('agrees with the schema on every clipboard value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 4000 }), (n) => {
        const schema = settingsSchema.shape.clipboardClearSeconds.safeParse(n).success;
        expect(parseWholeNumber(String(n), seconds, 'seconds').ok).toBe(schema);
      }),
    );
  });

  it('the defaults pass their own checks (credentials leave the clipboard after a minute)', () => {
    expect(DEFAULT_SETTINGS.clipboardClearSeconds).toBe(60);
    expect(
      parseWholeNumber(String(DEFAULT_SETTINGS.clipboardClearSeconds), seconds, 'seconds').ok,
    ).toBe(true);
  });
});

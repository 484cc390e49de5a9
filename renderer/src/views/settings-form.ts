// The settings form's checks, with the limits read from the settings schema
// the app validates with (app/shared/api-schema.ts), so the form and the app
// can never disagree about what is allowed. Pure: no React.
import { z } from 'zod';
import { settingsSchema } from '../../../app/shared/api-schema';

export type FieldResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface NumberLimits {
  readonly min: number;
  readonly max: number;
}

interface JsonLimits {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
  readonly items?: JsonLimits;
}

function limitsOf(schema: z.ZodType): NumberLimits {
  const json = z.toJSONSchema(schema) as JsonLimits;
  return { min: json.minimum ?? 0, max: json.maximum ?? Number.MAX_SAFE_INTEGER };
}

const shape = settingsSchema.shape;
const leadListJson = z.toJSONSchema(shape.notificationLeadMinutes) as JsonLimits;

export const SETTINGS_LIMITS = {
  notificationLeadMinutes: {
    ...limitsOf(shape.notificationLeadMinutes.element),
    maxItems: leadListJson.maxItems ?? 1,
  },
  renewalLeadMinutes: limitsOf(shape.renewal.shape.leadMinutes),
  clipboardClearSeconds: limitsOf(shape.clipboardClearSeconds),
} as const;

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const word = (n: number) => WORDS[n] ?? String(n);

/** "15, 5" -> [15, 5]: one to the schema's most, each a whole number of minutes within its limits. */
export function parseMinutesList(text: string): FieldResult<number[]> {
  const numbers = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  const { maxItems } = SETTINGS_LIMITS.notificationLeadMinutes;
  const valid = numbers.length >= 1 && shape.notificationLeadMinutes.safeParse(numbers).success;
  return valid
    ? { ok: true, value: numbers }
    : {
        ok: false,
        message: `Use one to ${word(maxItems)} whole minutes separated by commas, e.g. 15, 5.`,
      };
}

/** A whole number within the limits, or the sentence that says which are allowed. */
export function parseWholeNumber(
  text: string,
  limits: NumberLimits,
  unit: 'minutes' | 'seconds',
): FieldResult<number> {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isInteger(value) && value >= limits.min && value <= limits.max
    ? { ok: true, value }
    : {
        ok: false,
        message: `Use a whole number of ${unit} from ${limits.min} to ${limits.max}.`,
      };
}

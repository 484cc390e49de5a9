// The stored browser choice, checked when the settings file is read or a new
// choice is saved. Kept apart from browser-choice.ts so that reading the
// choice (every CLI command) does not load the schema library.

import { z } from 'zod';
import { BROWSER_IDS, type BrowserChoice } from './browser-choice';

const text = z.string().min(1).max(4096);

/** The stored form, checked when the settings file is read. */
export const browserChoiceSchema: z.ZodType<BrowserChoice> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system') }).strict(),
  z
    .object({
      kind: z.literal('installed'),
      browser: z.enum(BROWSER_IDS),
      executable: text,
      profile: text.nullable(),
      label: text,
    })
    .strict(),
  z.object({ kind: z.literal('program'), executable: text }).strict(),
]);

/** A command line as an older version stored it. */
export const legacyCommandSchema = z.string().min(1).max(2048);

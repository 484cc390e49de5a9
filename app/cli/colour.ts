// Colour for a terminal: session states, severities and headings. Only when
// stdout is a terminal, never when piped; NO_COLOR (https://no-color.org)
// turns it off, FORCE_COLOR turns it on even in a pipe (or off with 0/false),
// as Node's own tools read them. TERM=dumb gets none.

import type { SessionState } from '../shared/model';

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/** Whether to colour stdout. */
export function colourWanted(env: Env, isTty: boolean): boolean {
  // FORCE_COLOR wins over NO_COLOR, as in Node.
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  if (set(env.NO_COLOR)) return false;
  return isTty && env.TERM !== 'dumb';
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

type Style = keyof typeof CODES;

export type Tone = 'good' | 'warn' | 'bad' | 'quiet' | 'plain';

const TONE_STYLE: Readonly<Record<Tone, Style | null>> = {
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  quiet: 'dim',
  plain: null,
};

/** The tone of each session state: the tray's green, yellow and red. */
export const STATE_TONE: Readonly<Record<SessionState, Tone>> = {
  valid: 'good',
  expiring: 'warn',
  expired: 'bad',
  invalid: 'bad',
  'signed-out': 'warn',
};

export interface Paint {
  readonly enabled: boolean;
  tone(tone: Tone, text: string): string;
  heading(text: string): string;
  /** A command to type. */
  command(text: string): string;
}

export function createPaint(enabled: boolean): Paint {
  const style = (name: Style | null, text: string) => {
    if (!enabled || name === null || text === '') return text;
    const [on, off] = CODES[name];
    return `\x1b[${on}m${text}\x1b[${off}m`;
  };
  return {
    enabled,
    tone: (tone, text) => style(TONE_STYLE[tone], text),
    heading: (text) => style('bold', text),
    command: (text) => style('cyan', text),
  };
}

/** The paint for a command's stdout. */
export const paintFor = (ctx: { readonly env: Env; readonly isTty: boolean }): Paint =>
  createPaint(colourWanted(ctx.env, ctx.isTty));

/** An SGR sequence (ESC [ ... m), the only escapes this module writes. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Text as the terminal shows it: without colour codes. */
export const visibleText = (text: string): string => text.replace(SGR, '');

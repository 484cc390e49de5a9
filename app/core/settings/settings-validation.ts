// Checking the settings file and the changes to it, field by field against
// the window's settings schema, so one bad value costs only that value.
// Loaded only when there is something to check (see settings-store.ts).

import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/api';
import {
  firstIssue,
  MAX_SESSION_CHOICES,
  sessionSignInEntrySchema,
  settingsPatchSchema,
  settingsSchema,
} from '../../shared/api-schema';
import { SYSTEM_BROWSER, type BrowserChoice, type BrowserSetting } from '../browser/browser-choice';
import { browserChoiceSchema, legacyCommandSchema } from '../browser/browser-choice-schema';
import { CoreError } from '../errors/core-error';
import type { SettingsLoad } from './settings-store';

type SettingsKey = keyof Settings;
const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingsKey[];

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** A stored choice wins over an older version's command line. */
function browserFromJson(
  record: Readonly<Record<string, unknown>>,
  invalidFields: string[],
): BrowserSetting {
  if ('browser' in record) {
    const choice = browserChoiceSchema.safeParse(record.browser);
    if (choice.success) return choice.data;
    invalidFields.push('browser');
  }
  if ('browserCommand' in record && record.browserCommand !== null) {
    const command = legacyCommandSchema.safeParse(record.browserCommand);
    if (command.success) return { kind: 'legacy-command', commandLine: command.data };
    invalidFields.push('browserCommand');
  }
  return SYSTEM_BROWSER;
}

/** Each session's own choice; one that cannot be used is dropped (and named). */
function sessionBrowsersFromJson(
  record: Readonly<Record<string, unknown>>,
  invalidFields: string[],
): Record<string, BrowserChoice> {
  const stored = record.sessionBrowsers;
  if (stored === undefined) return {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    invalidFields.push('sessionBrowsers');
    return {};
  }
  const choices: Record<string, BrowserChoice> = {};
  let dropped = false;
  for (const [session, value] of Object.entries(stored)) {
    const choice = browserChoiceSchema.safeParse(value);
    if (choice.success && sessionNameSchema.safeParse(session).success) {
      choices[session] = choice.data;
    } else {
      dropped = true;
    }
  }
  if (dropped) invalidFields.push('sessionBrowsers');
  return choices;
}

/**
 * Each session's sign-in choice, one by one: a bad entry is dropped (and the
 * field named) without costing the others; keys a newer version added inside
 * an entry are ignored, its flow kept.
 */
function sessionSignInFromJson(
  stored: unknown,
  invalidFields: string[],
): Settings['sessionSignIn'] {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    invalidFields.push('sessionSignIn');
    return {};
  }
  const entries = Object.entries(stored).flatMap(([session, value]) => {
    const choice = sessionSignInEntrySchema.safeParse(value);
    return choice.success && sessionNameSchema.safeParse(session).success
      ? [[session, choice.data] as const]
      : [];
  });
  const kept = entries.slice(0, MAX_SESSION_CHOICES);
  if (kept.length < Object.keys(stored).length) invalidFields.push('sessionSignIn');
  // fromEntries defines each name as its own key, `__proto__` included.
  return Object.fromEntries(kept);
}

const BROWSER_KEYS: readonly string[] = ['browser', 'browserCommand', 'sessionBrowsers'];
const sessionNameSchema = z.string().min(1).max(1024);

/** Canonical form: lead times unique and longest first, name lists without duplicates. */
export function normalizeSettings(settings: Settings): Settings {
  return {
    ...settings,
    notificationLeadMinutes: unique(settings.notificationLeadMinutes).sort((a, b) => b - a),
    mutedSessions: unique(settings.mutedSessions),
    favourites: unique(settings.favourites),
    // A session without a choice of its own has no entry.
    sessionSignIn: Object.fromEntries(
      Object.entries(settings.sessionSignIn).filter(([, choice]) => choice.flow !== undefined),
    ),
  };
}

/**
 * Reads settings out of parsed JSON, keeping every valid field and replacing
 * each invalid one with its default. Pure, so it is tested without files.
 */
export function settingsFromJson(data: unknown): SettingsLoad | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const invalidFields: string[] = [];
  const unknownFields: Record<string, unknown> = {};
  const browser = browserFromJson(record, invalidFields);
  const sessionBrowsers = sessionBrowsersFromJson(record, invalidFields);
  for (const [key, value] of Object.entries(record)) {
    if (BROWSER_KEYS.includes(key)) continue;
    if (!(SETTINGS_KEYS as string[]).includes(key)) {
      unknownFields[key] = value;
      continue;
    }
    if (key === 'sessionSignIn') {
      merged[key] = sessionSignInFromJson(value, invalidFields);
      continue;
    }
    const field = settingsSchema.shape[key as SettingsKey].safeParse(value);
    if (field.success) merged[key] = field.data;
    else invalidFields.push(key);
  }
  return {
    settings: normalizeSettings(merged as unknown as Settings),
    browser,
    sessionBrowsers,
    unknownFields,
    invalidFields,
  };
}

/** A choice from main's picker, checked before it is stored. */
export function checkedBrowserChoice(choice: BrowserChoice): BrowserChoice {
  return browserChoiceSchema.parse(choice);
}

/** A session name from main's picker, checked before a choice is stored under it. */
export function checkedSessionName(session: string): string {
  return sessionNameSchema.parse(session);
}

/** The fields a patch changes; throws a CoreError that names the first bad value. */
export function checkedPatch(patch: SettingsPatch): Partial<Settings> {
  const checked = settingsPatchSchema.safeParse(patch);
  if (!checked.success) {
    const issue = firstIssue(checked.error);
    throw new CoreError(
      'invalid-settings',
      `That setting cannot be saved${issue.where ? ` (${issue.where})` : ''}: ${issue.message}.`,
    );
  }
  // A key set to undefined (it survives Electron's structured clone; JSON drops it) means
  // "no change": merged as is, it would wipe the setting (`{ renewal: undefined }`).
  return Object.fromEntries(
    Object.entries(checked.data).filter(([, value]) => value !== undefined),
  ) as Partial<Settings>;
}

// Runtime validation of every API call's arguments, applied by main's IPC
// handlers and by the e2e bridge before anything reaches the core.

import { z } from 'zod';
import { EXPORT_MODES, EXPORT_SHELLS, EXPORT_TOOLS, TOOL_SIGN_IN, type ApiMethod } from './api';

const name = z.string().min(1).max(1024);
const signInFlowSchema = z.enum(['pkce', 'device-code']);

export const exportRequestSchema = z
  .object({
    profile: name,
    target: z.enum([...EXPORT_SHELLS, ...EXPORT_TOOLS]),
    mode: z.enum(EXPORT_MODES),
    includeRegion: z.boolean().optional(),
  })
  .strict();

export const signInOptionsSchema = z.object({ flow: signInFlowSchema.optional() }).strict();

/** One session's sign-in choice. The settings file may carry keys a newer version added; the window's settings take none. */
export const sessionSignInEntrySchema = z.object({ flow: signInFlowSchema.optional() });

/** At most this many sessions with their own sign-in choice. */
export const MAX_SESSION_CHOICES = 1000;

/** The window's settings (the `Settings` type is what this accepts). */
export const settingsSchema = z
  .object({
    /** Minutes before expiry at which to notify (sessions that cannot renew themselves). */
    notificationLeadMinutes: z
      .array(
        z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      )
      .max(5),
    /** Sessions whose notifications are muted. */
    mutedSessions: z.array(name).max(1000),
    defaultShell: z.enum(EXPORT_SHELLS),
    defaultExportMode: z.enum(EXPORT_MODES),
    includeRegion: z.boolean(),
    /** The flow when nothing says otherwise (a session's own choice, the config, where the user is). */
    signInFlow: signInFlowSchema,
    /**
     * Per session (by name): the sign-in flow chosen for it, over the config and
     * the environment; no flow: chosen by the config and where SSO Tray runs
     * (docs/sign-in.md).
     */
    sessionSignIn: z
      .record(name, sessionSignInEntrySchema.strict())
      .refine((sessions) => Object.keys(sessions).length <= MAX_SESSION_CHOICES, {
        message: `at most ${MAX_SESSION_CHOICES} sessions`,
      }),
    renewal: z
      .object({ enabled: z.boolean(), leadMinutes: z.number().int().min(1).max(60) })
      .strict(),
    /** Clear the clipboard this many seconds after copying credentials, if it still holds them; 0 = never. */
    clipboardClearSeconds: z.number().int().min(0).max(3600),
    launchAtLogin: z.boolean(),
    /**
     * When a tool asks for credentials of a session that needs a browser sign-in:
     * open the sign-in page at once, only if the user was active in the last
     * minute (else wait for a click on the notice), or always wait for the click.
     */
    toolSignIn: z.enum(TOOL_SIGN_IN),
    /** Profile names pinned to the top. */
    favourites: z.array(name).max(10_000),
  })
  .strict();

export const settingsPatchSchema = settingsSchema.partial().strict();

export const profilePlanRequestSchema = z
  .object({
    session: name,
    template: z.string().min(1).max(200).optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region name')
      .optional(),
    output: z.enum(['json', 'text', 'table', 'yaml', 'yaml-stream']).optional(),
    prune: z.boolean().optional(),
  })
  .strict();

const plannedProfileSchema = z
  .object({
    name,
    accountId: z.string().regex(/^\d{12}$/),
    accountName: z.string().max(1024),
    roleName: name,
    region: z.string().nullable(),
    output: z.enum(['json', 'text', 'table', 'yaml', 'yaml-stream']).nullable().optional(),
  })
  .strict();

export const profilePlanSchema = z
  .object({
    session: name,
    configFile: z.string().min(1),
    additions: z.array(plannedProfileSchema).max(100_000),
    removals: z.array(name).max(100_000),
    diff: z.string(),
    baseHash: z.string().min(1),
  })
  .strict();

/** Argument tuples per method. */
export const API_ARGUMENTS = {
  getAppInfo: z.tuple([]),
  getSnapshot: z.tuple([]),
  signIn: z.union([z.tuple([name]), z.tuple([name, signInOptionsSchema])]),
  cancelSignIn: z.tuple([name]),
  signOut: z.tuple([name]),
  reopenSignInPage: z.tuple([name]),
  previewExport: z.tuple([exportRequestSchema]),
  copyExport: z.tuple([exportRequestSchema]),
  copyText: z.tuple([z.string().min(1).max(10_000)]),
  openConsole: z.tuple([name]),
  diagnose: z.union([z.tuple([]), z.tuple([name]), z.tuple([z.undefined()])]),
  discover: z.tuple([name]),
  planProfiles: z.tuple([profilePlanRequestSchema]),
  applyProfilePlan: z.tuple([profilePlanSchema]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),
  getBrowser: z.union([z.tuple([]), z.tuple([name]), z.tuple([z.undefined()])]),
  // A session name at most: the choice is made in main's dialog, never sent by the window.
  chooseBrowser: z.union([z.tuple([]), z.tuple([name]), z.tuple([z.undefined()])]),
  getBroker: z.tuple([]),
} satisfies Record<ApiMethod, z.ZodType>;

export type ArgumentCheck = { ok: true; args: unknown[] } | { ok: false; message: string };

const MAX_ISSUE_LENGTH = 200;

/**
 * The first problem zod found, short enough to show: zod quotes unknown keys
 * in its message, and a hostile key can be megabytes long.
 */
export function firstIssue(error: z.ZodError): {
  readonly where: string;
  readonly message: string;
} {
  const issue = error.issues[0];
  const clip = (text: string) =>
    text.length > MAX_ISSUE_LENGTH ? `${text.slice(0, MAX_ISSUE_LENGTH)}…` : text;
  return {
    where: clip(issue?.path.map(String).join('.') ?? ''),
    message: clip(issue?.message ?? 'rejected'),
  };
}

/** Validates a call's arguments; the message names the method and the first bad field. */
export function checkArguments(method: ApiMethod, args: unknown): ArgumentCheck {
  const result = API_ARGUMENTS[method].safeParse(args);
  if (result.success) return { ok: true, args: result.data as unknown[] };
  const issue = firstIssue(result.error);
  const where = issue.where ? ` at ${issue.where}` : '';
  return { ok: false, message: `Invalid arguments for ${method}${where}: ${issue.message}` };
}

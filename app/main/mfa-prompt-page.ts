// The page of main's MFA prompt: one form, no script, no preload. Electron has
// no native text-input dialog, so main shows this page in a small window of its
// own, apart from the app's window (which never sees a code or a credential).
// Submitting the form starts a navigation to ANSWER_URL; main reads the code
// from it and cancels the navigation (mfa-prompt-window.ts). Pure: builds the
// page and reads an answer, nothing else.

/** Where the form sends its answer. Never loaded: main stops the navigation and reads it. */
export const ANSWER_URL = 'sso-tray://mfa/answer';

export interface MfaPromptPageInput {
  readonly serial: string;
  readonly profile: string;
  /** Shown above the field after a code that was not 6 digits. */
  readonly error?: string | null;
  /** Where the form goes (tests in a plain browser point it at a local server). */
  readonly answerUrl?: string;
}

export type MfaPromptAnswer =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'cancel' };

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const STYLE = `
:root { color-scheme: light dark; font: 13px system-ui, sans-serif; }
body { margin: 0; padding: 16px 18px; }
h1 { font-size: 14px; margin: 0 0 6px; }
p { margin: 0 0 10px; overflow-wrap: anywhere; }
.error { color: #c62828; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
input { font: 20px ui-monospace, monospace; letter-spacing: 0.2em; width: 9ch; padding: 4px 6px; }
/* OK comes first in the markup (Enter submits with the first button), last on screen. */
.buttons { display: flex; flex-direction: row-reverse; gap: 8px; margin-top: 14px; }
button { font: inherit; padding: 4px 14px; }
`;

/** The whole page as a `data:` URL, with a policy that allows nothing but the form. */
export function mfaPromptPageUrl(input: MfaPromptPageInput): string {
  const action = input.answerUrl ?? ANSWER_URL;
  const target = new URL(action);
  // A scheme of its own has no origin to name: the policy names the scheme.
  const formAction = /^https?:$/.test(target.protocol) ? target.origin : target.protocol;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; base-uri 'none'`;
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>MFA code for ${escapeHtml(input.profile)}</title>
<style>${STYLE}</style></head>
<body><form method="get" action="${escapeHtml(action)}">
<h1>MFA code for profile ${escapeHtml(input.profile)}</h1>
<p>Enter the current code of ${escapeHtml(input.serial)}.</p>
${error}<label for="code">Code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus>
<div class="buttons">
<button type="submit" name="action" value="ok">OK</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div></form></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

const withoutQuery = (url: URL) => `${url.protocol}//${url.host}${url.pathname}`;

/** What a navigation the page started means, or null when it is not the form's answer. */
export function readMfaAnswer(url: string, answerUrl: string = ANSWER_URL): MfaPromptAnswer | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (withoutQuery(parsed) !== withoutQuery(new URL(answerUrl))) return null;
  if (parsed.searchParams.get('action') === 'cancel') return { kind: 'cancel' };
  const code = (parsed.searchParams.get('code') ?? '').replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? { kind: 'code', code } : { kind: 'invalid' };
}

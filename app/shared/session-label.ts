// How a session is named for people, in every view and message: an
// [sso-session] by its name, a legacy session (named by its start URL) by that
// URL without the scheme, so it reads as a name.
import type { SessionKind } from './model';

export function sessionLabel(kind: SessionKind, name: string): string {
  return kind === 'legacy' ? name.replace(/^https?:\/\//i, '') : name;
}

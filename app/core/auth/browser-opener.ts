// How a sign-in page reaches the user: a prompt (the URL, and the device code)
// handed to an opener. The core's default opener launches the URL through the
// one launcher (app/core/browser/launch-url.ts), behind the URL policy; the
// CLI's prints it too; headless reports it only.

import type { SignInFlow } from '../../shared/model';

/** What the user needs to complete a sign-in. Holds no secret. */
export interface SignInPrompt {
  readonly session: string;
  readonly flow: SignInFlow;
  /** The page to open: authorize URL (PKCE) or verificationUriComplete (device). */
  readonly url: string;
  /** Device flow: the code to confirm, and the page where it can be typed in. */
  readonly userCode?: string;
  readonly verificationUri?: string;
}

export type BrowserOpener = (prompt: SignInPrompt) => Promise<void>;

/** Report only: the URL (and code) reach the user through `report` and the snapshot. */
export function headlessOpener(report: (prompt: SignInPrompt) => void = () => {}): BrowserOpener {
  return async (prompt) => report(prompt);
}

// The bridge's main side: one handler per API method, all registered through
// one wrapper that drops calls from anything but our window and validates the
// arguments before the API service sees them.

import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  API_METHODS,
  channelOf,
  READY_CHANNEL,
  type ApiMethod,
  type SsoTrayApi,
} from '../shared/api';
import { checkArguments } from '../shared/api-schema';

/** Methods that resolve to a plain value rather than an ApiResult. */
const PLAIN_VALUE_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'getAppInfo',
  'getSnapshot',
  'getSettings',
  'getBrowser',
  'getBroker',
]);

export interface SenderFacts {
  /** webContents.id of the sender. */
  readonly contentsId: number;
  /** URL of the frame that sent the message, or null once it is gone. */
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
}

export interface OurWindow {
  /** webContents.id of our window, or null while there is none. */
  readonly contentsId: number | null;
  /** The renderer page's URL on the app's own origin (`sso-tray://app/index.html`). */
  readonly rendererUrl: string;
}

const withoutFragment = (url: string) => url.replace(/[?#].*$/, '');

/** True only for the main frame of our window showing our bundled page. */
export function isTrustedSender(sender: SenderFacts, ours: OurWindow): boolean {
  return (
    ours.contentsId !== null &&
    sender.contentsId === ours.contentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    withoutFragment(sender.frameUrl) === withoutFragment(ours.rendererUrl)
  );
}

export function senderFacts(event: IpcMainEvent | IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    contentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

export type TrustCheck = (event: IpcMainEvent | IpcMainInvokeEvent) => boolean;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

export function registerApiHandlers(
  ipc: Pick<IpcMain, 'handle'>,
  api: SsoTrayApi,
  isTrusted: TrustCheck,
): void {
  for (const method of API_METHODS) {
    ipc.handle(channelOf(method), async (event, ...args: unknown[]) => {
      if (!isTrusted(event)) {
        // Not our window: drop it. The rejection carries no detail worth probing.
        console.warn(`[sso-tray] refused ${method} from an unknown sender`);
        throw new Error('Refused: this call did not come from the SSO Tray window.');
      }
      const check = checkArguments(method, args);
      if (!check.ok) {
        if (PLAIN_VALUE_METHODS.has(method)) throw new Error(check.message);
        return { ok: false, error: { code: 'invalid-argument', message: check.message } };
      }
      return (api[method] as AnyMethod)(...check.args);
    });
  }
}

export function registerReadyListener(
  ipc: Pick<IpcMain, 'on'>,
  isTrusted: TrustCheck,
  onReady: () => void,
): void {
  ipc.on(READY_CHANNEL, (event) => {
    if (isTrusted(event)) onReady();
  });
}

// The one bridge object the window gets (contextBridge, sandboxed preload).
// It exposes exactly the app/shared API: one method per operation, each an
// ipcRenderer.invoke on a channel derived from the method name. Listeners never
// see the IpcRendererEvent.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  BRIDGE_NAME,
  channelOf,
  READY_CHANNEL,
  SNAPSHOT_CHANNEL,
  type ApiMethod,
  type SsoTrayApi,
} from '../shared/api';
import type { Snapshot } from '../shared/model';

const invokers = Object.fromEntries(
  API_METHODS.map((method: ApiMethod) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args),
  ]),
) as Omit<SsoTrayApi, 'onSnapshot'>;

const bridge: SsoTrayApi = {
  ...invokers,
  onSnapshot(listener) {
    const handler = (_event: IpcRendererEvent, snapshot: Snapshot) => listener(snapshot);
    ipcRenderer.on(SNAPSHOT_CHANNEL, handler);
    // Main queues snapshots until the window says it is listening.
    ipcRenderer.send(READY_CHANNEL);
    return () => {
      ipcRenderer.removeListener(SNAPSHOT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);

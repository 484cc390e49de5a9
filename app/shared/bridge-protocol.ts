// The loopback bridge's wire format, shared by its server and browser sides.
//   POST /api/<method>  body {"args": [...]}  ->  200 {"value": result}
//                                             |   4xx/5xx {"error": {code, message}}
//   GET /api/snapshots  text/event-stream, one `snapshot` event per snapshot,
//                       the current one first.
import type { ApiMethod } from './api';

/** Methods that resolve to a plain value (not an ApiResult): failures reject. */
export const PLAIN_METHODS: readonly ApiMethod[] = [
  'getAppInfo',
  'getSnapshot',
  'getSettings',
  'getBrowser',
  'getBroker',
];

export const API_PREFIX = '/api/';
export const SNAPSHOT_EVENTS_PATH = '/api/snapshots';
export const BRIDGE_SCRIPT_PATH = '/bridge.js';

export const apiPath = (method: ApiMethod): string => `${API_PREFIX}${method}`;

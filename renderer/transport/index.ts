/**
 * Installs `window.fulcrum` in browser mode. In the desktop app the preload has already put it there
 * (through contextBridge) and this does nothing, so the renderer cannot tell which transport it has.
 */
import type { FulcrumBridge } from '../../shared/api.js';
import { createHttpBridge, createMissingTokenBridge, tokenFromHash } from './http.js';

export { createHttpBridge, tokenFromHash } from './http.js';

export const MISSING_TOKEN_MESSAGE =
  'This page has no access token. Open the link printed by `npm run web` (it ends in #token=…).';

export type BridgeState =
  | { status: 'ready'; transport: 'electron' | 'browser' }
  | { status: 'missing-token'; message: string };

// The token survives a reload of the same tab in sessionStorage: the URL loses it as soon as the hash
// router navigates (and we strip it from the address bar ourselves). It is not journal data, it is
// scoped to this launch's random port, and it stops working when the host stops.
const TOKEN_KEY = 'fulcrum.browserModeToken';

let state: BridgeState | null = null;

export function installBridge(): BridgeState {
  if (state) return state;
  const w = window as unknown as { fulcrum?: FulcrumBridge };
  if (w.fulcrum) return (state = { status: 'ready', transport: w.fulcrum.transport });

  const fromUrl = tokenFromHash(window.location.hash);
  if (fromUrl) {
    safeSession((s) => s.setItem(TOKEN_KEY, fromUrl));
    // Keep the secret off the screen and out of history entries the router makes.
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  const token = fromUrl ?? safeSession((s) => s.getItem(TOKEN_KEY));
  const bridge = token ? createHttpBridge(token) : createMissingTokenBridge(MISSING_TOKEN_MESSAGE);
  Object.defineProperty(window, 'fulcrum', { value: bridge, writable: false, configurable: false, enumerable: false });
  return (state = token ? { status: 'ready', transport: 'browser' } : { status: 'missing-token', message: MISSING_TOKEN_MESSAGE });
}

/** The state of the last `installBridge()` (null before it ran). */
export function bridgeState(): BridgeState | null {
  return state;
}

function safeSession<T>(f: (s: Storage) => T): T | null {
  try {
    return f(window.sessionStorage);
  } catch {
    return null;
  }
}

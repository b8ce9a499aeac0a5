/**
 * Installs `window.fulcrum` in browser mode. In the desktop app the preload has already put it there
 * (through contextBridge) and this does nothing, so the renderer cannot tell which transport it has.
 */
import type { FulcrumBridge } from '../../shared/api.js';
import { createHttpBridge, createMissingTokenBridge, exchangeLaunchToken, tokenFromHash } from './http.js';

export { createHttpBridge, exchangeLaunchToken, tokenFromHash } from './http.js';

export const MISSING_TOKEN_MESSAGE =
  'This page has no access key. Open the link printed by `npm run web` (it ends in #token=…).';

export type BridgeState =
  | { status: 'ready'; transport: 'electron' | 'browser' }
  | { status: 'missing-token' | 'link-used' | 'unreachable'; message: string };

// A mark (not a secret) that this tab has opened Fulcrum from a link, so that a reload, which finds
// no link in the address bar, can say the link was used rather than that there never was one.
const OPENED_KEY = 'fulcrum.openedFromLink';

let state: Promise<BridgeState> | null = null;

/**
 * Installs the bridge. In browser mode the launch token leaves the address bar and this history entry
 * before anything else runs (it is single-use; the browser still keeps the URL as typed in its
 * history files, which is why it must be spent at once), is traded for a session secret kept only in
 * this closure, and the page then calls with that. The secret is never written anywhere: a reload
 * starts without it, and so cannot reuse the link.
 */
export function installBridge(): Promise<BridgeState> {
  if (state) return state;
  const w = window as unknown as { fulcrum?: FulcrumBridge };
  if (w.fulcrum) return (state = Promise.resolve({ status: 'ready', transport: w.fulcrum.transport }));

  const launchToken = tokenFromHash(window.location.hash);
  if (launchToken) history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  return (state = (async (): Promise<BridgeState> => {
    const refuse = (s: Exclude<BridgeState, { status: 'ready' }>): BridgeState => {
      install(createMissingTokenBridge(s.message));
      return s;
    };
    if (!launchToken) {
      const used = safeSession((s) => s.getItem(OPENED_KEY)) === '1';
      return used ? refuse({ status: 'link-used', message: LINK_USED_MESSAGE }) : refuse({ status: 'missing-token', message: MISSING_TOKEN_MESSAGE });
    }
    safeSession((s) => s.setItem(OPENED_KEY, '1'));
    const exchange = await exchangeLaunchToken(launchToken);
    if (!exchange.ok) return refuse({ status: exchange.reason === 'used' ? 'link-used' : 'unreachable', message: exchange.reason === 'used' ? LINK_USED_MESSAGE : exchange.message });
    install(createHttpBridge(exchange.session));
    return { status: 'ready', transport: 'browser' };
  })());
}

export const LINK_USED_MESSAGE =
  'For your privacy, each link Fulcrum prints opens it once, in one tab, so a reload or a link opened again cannot get back in. Nothing you saved is affected. To go on, start Fulcrum again (npm run web) and open the new link it prints.';

function install(bridge: FulcrumBridge): void {
  Object.defineProperty(window, 'fulcrum', { value: bridge, writable: false, configurable: false, enumerable: false });
}

function safeSession<T>(f: (s: Storage) => T): T | null {
  try {
    return f(window.sessionStorage);
  } catch {
    return null;
  }
}

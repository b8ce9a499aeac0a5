/**
 * Applies policy.ts to Electron: every session refuses permissions and any request that is not the
 * app's own files; every web contents refuses navigation, new windows and <webview>.
 */
import type { App, Session, WebContents } from 'electron';
import { MicrophoneGate, isAllowedRequest, isAppUrl } from './policy.js';

/**
 * `microphone`: the gate a recording arms (see MicrophoneGate); without one, every permission is
 * refused, the microphone included.
 */
export function hardenSession(ses: Session, opts: { devTools: boolean; microphone?: MicrophoneGate }): void {
  const gate = opts.microphone ?? new MicrophoneGate(() => 0);
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const d = (details ?? {}) as { mediaTypes?: string[]; requestingUrl?: string; isMainFrame?: boolean };
    callback(gate.allows({ permission, mediaTypes: d.mediaTypes, requestingUrl: d.requestingUrl, isMainFrame: d.isMainFrame }));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => {
    const d = (details ?? {}) as { mediaType?: string; requestingUrl?: string; isMainFrame?: boolean };
    const mediaTypes = d.mediaType && d.mediaType !== 'unknown' ? [d.mediaType] : [];
    return gate.allows({ permission, mediaTypes, requestingUrl: d.requestingUrl ?? requestingOrigin, isMainFrame: d.isMainFrame });
  });
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, opts) }));
  ses.setSpellCheckerEnabled(false);
}

function hardenContents(contents: WebContents): void {
  // The app is one page with hash routes (in-page navigations do not pass here): any real navigation
  // — a dropped file, a link, a script — is refused.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** For every web contents the app ever creates (the window, DevTools, the print view). */
export function hardenAllContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

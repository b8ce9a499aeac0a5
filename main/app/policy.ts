/**
 * The desktop app's security policy as plain data and functions (no Electron import), so it is unit
 * tested under Node; security.ts, window.ts and ipc.ts apply it (window.ts writes out the webPreferences). See Electron's security checklist
 * and SECURITY.md.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'fulcrum';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
/** In-memory session: no `persist:` prefix, so Chromium keeps no cache, localStorage or IndexedDB on disk. */
export const PARTITION = 'fulcrum';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of the app's own files (app://fulcrum/…), and nothing else. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * Which requests the app's session lets through: its own files, DevTools' own pages (DevTools exist
 * only in unpackaged builds), and inline `data:` images the CSP allows. Everything else — http(s),
 * file, ws, ftp, other schemes — is cancelled, so no remote content can ever load.
 */
export function isAllowedRequest(url: string, opts: { devTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:') return /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(url);
  return opts.devTools && u.protocol === 'devtools:';
}

export interface SenderFacts {
  /** `event.senderFrame?.url` (null when the frame is gone). */
  url: string | null | undefined;
  /** The frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The frame belongs to the app's own window. */
  isOurWindow: boolean;
}

/** IPC is answered only for the main frame of our window showing our own files. */
export function isAllowedSender(s: SenderFacts): boolean {
  return s.isMainFrame && s.isOurWindow && typeof s.url === 'string' && isAppUrl(s.url);
}

/** What Electron says about a permission request (PermissionRequest details). */
export interface PermissionFacts {
  /** For 'media': what is asked for ('audio', 'video'). */
  mediaTypes?: readonly string[] | undefined;
  requestingUrl?: string | undefined;
  isMainFrame?: boolean | undefined;
}

/**
 * Every permission (camera, notifications, clipboard-read, geolocation, …) is refused, with one
 * exception: the microphone alone, asked for by the app's own page — a voice note, which the page asks
 * for only when the person clicks "Record" and releases when the recording stops. Each recording asks
 * again: the permission check (without facts) always answers no, so nothing is remembered.
 */
export function grantsPermission(permission: string, facts: PermissionFacts = {}): boolean {
  return (
    permission === 'media' &&
    facts.isMainFrame === true &&
    facts.mediaTypes?.length === 1 &&
    facts.mediaTypes[0] === 'audio' &&
    typeof facts.requestingUrl === 'string' &&
    isAppUrl(facts.requestingUrl)
  );
}

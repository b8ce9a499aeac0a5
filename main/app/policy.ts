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

/** Every permission (camera, notifications, clipboard-read, geolocation, …) is refused. */
export const grantsPermission = (_permission: string): boolean => false;

/** What Electron tells a permission handler about a request (the parts the gate reads). */
export interface PermissionAsk {
  permission: string;
  /** For 'media': which devices ('audio', 'video'). */
  mediaTypes?: readonly string[];
  /** The page asking, and whether it is the main frame. */
  requestingUrl?: string;
  isMainFrame?: boolean;
}

/**
 * The one exception to "every permission is refused": the microphone, only while the person has
 * armed a recording with a click (the renderer calls `armMicrophone` in that click's handler), only
 * audio (never the camera), only for the app's own main frame, and only until the recording stops
 * (`releaseMicrophone`) or ARM_MS pass, whichever comes first.
 */
export class MicrophoneGate {
  static readonly ARM_MS = 15 * 60 * 1000;
  private armedUntil = 0;
  constructor(private readonly now: () => number = Date.now) {}
  arm(): void {
    this.armedUntil = this.now() + MicrophoneGate.ARM_MS;
  }
  release(): void {
    this.armedUntil = 0;
  }
  get armed(): boolean {
    return this.now() < this.armedUntil;
  }
  allows(ask: PermissionAsk): boolean {
    if (ask.permission !== 'media' || !this.armed) return grantsPermission(ask.permission);
    const types = ask.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'audio') && ask.isMainFrame !== false && isAppUrl(ask.requestingUrl ?? '');
  }
}

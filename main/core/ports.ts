import type { AppEvent } from '../../shared/api.js';
import type { PreferencesStore } from './prefs.js';
import type { AttachStep } from './attachments/steps.js';
import type { ImportStep } from './portability/import/steps.js';

/**
 * Side effects behind small ports: Electron implements them in main/app, the browser-mode
 * host in main/web, and tests pass simple in-memory ones (tests/helpers/ports.ts). Core never imports 'electron'.
 */
export interface Ports {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Logs go to stderr only, and never carry journal content (names, text, tags). */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Pushes an event to the open window(s): locked, reminders, menu commands. Never journal content. */
  emit(event: AppEvent): void;
  /**
   * Host side effects. Optional on purpose: browser mode has no native file dialogs or print-to-PDF,
   * and the type makes every caller decide what to do without them instead of faking a result.
   */
  dialogs?: Dialogs;
  printer?: Printer;
  notifier?: Notifier;
  power?: PowerEvents;
  /** Harmless preferences kept outside the journal (lock timeout, quick-exit shortcut, window bounds). */
  preferences?: PreferencesStore;
  /** The desktop window, for quick exit (browser mode has none: the page leaves by itself). */
  window?: WindowControl;
  /**
   * The operating system's preferred languages, most preferred first (Electron:
   * `app.getPreferredSystemLanguages()`): native dialogs and notifications speak the first Fulcrum
   * has when the person left the language on "system".
   */
  systemLanguages?: readonly string[];
  /** Tests only: called at each step of storing an attachment, to kill the process there. */
  attachCrashAt?: (step: AttachStep) => void;
  /** Tests only: awaited the first time an import reaches each of its steps, to stop it there. */
  importStepAt?: (step: ImportStep) => void | Promise<void>;
  /** Tests only: called each time a slice of an import's commit has committed (1, 2, …), to crash or wait there. */
  importSliceAt?: (slice: number) => void | Promise<void>;
  /** Tests only: milliseconds of writing per slice of an import's commit (0: one entry a slice), and of a preview's work between two turns. */
  importSliceMs?: number;
  /** Browser mode: the streams its downloads go into, by the handle the host gave the call. */
  downloads?: DownloadSinks;
}

/**
 * One download on its way to the host (browser mode's HTTP reply): `start` names the file, `write`
 * hands over the next bytes, and between pages the writer awaits `drain()`, which returns once the
 * host has taken most of what was sent — so what is in flight stays bounded whatever the file's size.
 * `drain` throws CANCELLED when the person's browser went away from the download.
 */
export interface DownloadSink {
  start(head: { filename: string; mimeType: string }): void;
  write(chunk: string | Uint8Array): void;
  drain(): Promise<void>;
}

export interface DownloadSinks {
  /** The sink of the download with this handle, or undefined (no such download). */
  get(id: number): DownloadSink | undefined;
}

/** The one app window, as quick exit and idle detection need it. */
export interface WindowControl {
  /** Hides the window at once (quick exit). Launching Fulcrum again shows it, locked. */
  hide(): void;
  /** Is Fulcrum's window the one receiving keyboard input? */
  isFocused(): boolean;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native file dialogs. Both never add the file to the OS's recent documents. Null = cancelled. */
export interface Dialogs {
  saveFile(opts: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>;
  openFile(opts: { title: string; filters?: FileFilter[] }): Promise<string | null>;
}

/** How a PDF is laid out: paper, margins, and Chromium's header/footer templates (pageNumber, totalPages). */
export interface PrintOptions {
  pageSize: 'A4' | 'Letter';
  marginsMm: { top: number; bottom: number; left: number; right: number };
  headerTemplate: string;
  footerTemplate: string;
}

/** Renders a self-contained HTML document to PDF bytes (Electron: an offscreen window's printToPDF). */
export interface Printer {
  printToPDF(html: string, opts?: PrintOptions): Promise<Buffer>;
}

/** OS notifications. Title and body must be neutral: never names, tags or content. */
export interface Notifier {
  show(title: string, body: string): void;
}

export type PowerEvent = 'suspend' | 'lock-screen';
/** System suspend and screen lock, so the journal can lock itself. Returns an unsubscribe function. */
export interface PowerEvents {
  on(event: PowerEvent, listener: () => void): () => void;
  /** Milliseconds since the last keyboard or mouse input anywhere on the system (desktop only). */
  idleMs?(): number;
}

/**
 * Power events that arrive as messages (the host forwards Electron's powerMonitor to the core's
 * thread; browser mode's test host fires them by hand): `fire` hands one to the listeners.
 */
export function forwardedPowerEvents(): PowerEvents & { fire(event: PowerEvent): void; readonly listening: number } {
  const listeners = new Map<PowerEvent, Set<() => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    fire(event) {
      for (const l of [...(listeners.get(event) ?? [])]) l();
    },
    /** Listeners still subscribed (a closed session leaves none). */
    get listening() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}

export function defaultPorts(): Ports {
  return {
    now: () => Date.now(),
    log: (level, message) => {
      if (level !== 'info' || process.env.FULCRUM_DEBUG) process.stderr.write(`[fulcrum] ${level}: ${message}\n`);
    },
    emit: () => {},
  };
}

/**
 * The renderer's safety features that need the DOM: activity pings for the auto-lock, the system
 * clipboard, leaving for the neutral page (browser-mode quick exit), and keeping typed text out of
 * the browser's form memory. The pure parts are in safety-core.ts.
 */
import * as core from './safety-core.js';

export { attemptTime, describeAttempts, stepsToFirstEntry, type ClipboardLike } from './safety-core.js';

/** How often at most the renderer tells main "the person is here" (the idle timer's granularity). */
export const ACTIVITY_PING_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Calls `send` on user input, at most once per `throttleMs` (the first input at once). Returns the
 * function that removes the listeners.
 */
export function watchActivity(send: () => void, throttleMs = ACTIVITY_PING_MS, now = () => Date.now()): () => void {
  let last = -Infinity;
  const on = () => {
    const t = now();
    if (t - last < throttleMs) return;
    last = t;
    send();
  };
  for (const e of ACTIVITY_EVENTS) window.addEventListener(e, on, { capture: true, passive: true });
  return () => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, on, { capture: true });
  };
}

const systemClipboard = (): core.ClipboardLike | null => (typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard : null);

/** Copies a secret (the recovery key) and remembers it, so locking can take it off the clipboard. */
export const copySensitive = (text: string) => core.copySensitive(text, systemClipboard());
/** On lock: empties the clipboard if it still holds what the app put there (see safety-core.ts). */
export const clearSensitiveClipboard = () => core.clearSensitiveClipboard(systemClipboard());

// ---- leaving for the neutral page (browser mode)

/** Browser mode's neutral page (main/web/neutral.ts). */
export const NEUTRAL_PAGE = '/new-tab';

interface HistoryEntryLike {
  key: string;
  index: number;
  sameDocument: boolean;
}
interface NavigationLike {
  currentEntry: HistoryEntryLike | null;
  entries(): HistoryEntryLike[];
  traverseTo(key: string): { committed: Promise<unknown> };
}

/**
 * Quick exit in browser mode: step back to this page's first history entry (the hash routes pushed
 * the others) and replace it with the neutral page, so Back does not lead into the journal; the
 * neutral page itself drops the forward entries (main/web/neutral.ts).
 */
export async function leaveToNeutralPage(): Promise<void> {
  const nav = (window as unknown as { navigation?: NavigationLike }).navigation;
  try {
    const current = nav?.currentEntry;
    if (nav && current) {
      const entries = nav.entries();
      const back = core.stepsToFirstEntry(entries, current.index);
      const first = entries[current.index - back];
      if (back > 0 && first) await Promise.race([nav.traverseTo(first.key).committed, new Promise((r) => setTimeout(r, 120))]);
    }
  } catch {
    // No Navigation API (older browsers): replacing the current entry is the best there is.
  }
  window.location.replace(NEUTRAL_PAGE);
}

// ---- form memory

const FIELDS = 'form, input, textarea, select';

/**
 * Chromium keeps what is typed into form fields — for "restore tabs" (the session files) and for
 * autofill — on disk and in the clear. The canary journey found entry text in the browser profile's
 * Session files. Every field in the app opts out (`autocomplete="off"` also stops the form-state
 * capture), unless it already says what it is (the passphrase fields' current-/new-password).
 */
export function keepFieldsOutOfBrowserMemory(doc: Document = document): () => void {
  const mark = (el: Element) => {
    if (el.matches(FIELDS) && el.getAttribute('autocomplete') === null) el.setAttribute('autocomplete', 'off');
  };
  const markTree = (el: Element) => {
    mark(el);
    el.querySelectorAll(FIELDS).forEach(mark);
  };
  markTree(doc.documentElement);
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) markTree(n as Element);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}

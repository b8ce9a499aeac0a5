/**
 * The renderer's side of issue 7: activity pings for the auto-lock, the clipboard the app filled,
 * leaving for the neutral page (browser-mode quick exit), and how failed attempts are written.
 */

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

// ---- the clipboard

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}
const systemClipboard = (): ClipboardLike | null => (typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard : null);

/** What the app itself last put on the clipboard (the recovery key). Memory only. */
let placed: string | null = null;

/** Copies a secret and remembers it, so locking can take it off the clipboard again. */
export async function copySensitive(text: string, clipboard: ClipboardLike | null = systemClipboard()): Promise<void> {
  if (!clipboard) throw new Error('no clipboard');
  await clipboard.writeText(text);
  placed = text;
}

/**
 * On lock: if the clipboard still holds what the app put there, empty it. Where the page may not
 * read the clipboard (the desktop app refuses the permission; browsers ask), it is emptied anyway —
 * leaving a recovery key there is worse than losing something copied since.
 */
export async function clearSensitiveClipboard(clipboard: ClipboardLike | null = systemClipboard()): Promise<boolean> {
  const ours = placed;
  placed = null;
  if (ours === null || !clipboard) return false;
  try {
    if ((await clipboard.readText()) !== ours) return false;
  } catch {
    // Not allowed to look: clear it.
  }
  try {
    await clipboard.writeText('');
    return true;
  } catch {
    return false;
  }
}

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

/** How many same-document entries to step back to reach this page's first history entry. */
export function stepsToFirstEntry(entries: readonly Pick<HistoryEntryLike, 'sameDocument'>[], current: number): number {
  let first = current;
  while (first > 0 && entries[first - 1]?.sameDocument) first--;
  return current - first;
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
      const back = stepsToFirstEntry(entries, current.index);
      const first = entries[current.index - back];
      if (back > 0 && first) await Promise.race([nav.traverseTo(first.key).committed, new Promise((r) => setTimeout(r, 120))]);
    }
  } catch {
    // No Navigation API (older browsers): replacing the current entry is the best there is.
  }
  window.location.replace(NEUTRAL_PAGE);
}

// ---- failed attempts

/** "Tue 21:40" within the last week, "4 Mar, 21:40" before, with the year when it is not this year. */
export function attemptTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (now - ms < 6 * 86_400_000 && now >= ms) return `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) })}, ${time}`;
}

/** "3 failed attempts since your last visit: Tue 21:40, Tue 21:41, Wed 08:02." (the first five, then "and N more"). */
export function describeAttempts(times: readonly number[], now = Date.now()): string {
  const n = times.length;
  const shown = times.slice(0, 5).map((t) => attemptTime(t, now));
  const more = n > 5 ? `, and ${n - 5} more` : '';
  return `${n} failed ${n === 1 ? 'attempt' : 'attempts'} to unlock since your last visit: ${shown.join(', ')}${more}.`;
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

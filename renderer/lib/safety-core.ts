/**
 * The DOM-free part of the renderer's safety code (unit-tested under Node): the clipboard the app
 * filled, the history steps quick exit takes, and how failed attempts are written. The DOM side is
 * renderer/lib/safety.ts.
 */
import { formatLocale } from './format.js';

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** What the app itself last put on the clipboard (the recovery key). Memory only. */
let placed: string | null = null;

/** Copies a secret and remembers it, so locking can take it off the clipboard again. */
export async function copySensitive(text: string, clipboard: ClipboardLike | null): Promise<void> {
  if (!clipboard) throw new Error('no clipboard');
  await clipboard.writeText(text);
  placed = text;
}

/**
 * On lock: if the clipboard still holds what the app put there, empty it. Where the page may not
 * read the clipboard (the desktop app refuses the permission; browsers ask), it is emptied anyway —
 * leaving a recovery key there is worse than losing something copied since.
 */
export async function clearSensitiveClipboard(clipboard: ClipboardLike | null): Promise<boolean> {
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

/** How many same-document entries to step back to reach this page's first history entry. */
export function stepsToFirstEntry(entries: readonly { sameDocument: boolean }[], current: number): number {
  let first = current;
  while (first > 0 && entries[first - 1]?.sameDocument) first--;
  return current - first;
}

/** "Tue 21:40" within the last week, "4 Mar, 21:40" before, with the year when it is not this year. */
export function attemptTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString(formatLocale(), { hour: '2-digit', minute: '2-digit' });
  if (now - ms < 6 * 86_400_000 && now >= ms) return `${d.toLocaleDateString(formatLocale(), { weekday: 'short' })} ${time}`;
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return `${d.toLocaleDateString(formatLocale(), { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) })}, ${time}`;
}

/** "3 failed attempts to unlock since your last visit: Tue 21:40, …" (the first five, then "and N more"). */
export function describeAttempts(times: readonly number[], now = Date.now()): string {
  const n = times.length;
  const shown = times.slice(0, 5).map((t) => attemptTime(t, now));
  const more = n > 5 ? `, and ${n - 5} more` : '';
  return `${n} failed ${n === 1 ? 'attempt' : 'attempts'} to unlock since your last visit: ${shown.join(', ')}${more}.`;
}

import { format, isValid, parseISO } from 'date-fns';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/schemas.js';

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A 'YYYY-MM-DD' day as a heading: "Today", "Yesterday" or "Tuesday 4 March 2025". */
export function dayHeading(day: string, now = new Date()): string {
  const d = parseISO(day);
  if (!isValid(d)) return day;
  const today = format(now, 'yyyy-MM-dd');
  const yesterday = format(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1), 'yyyy-MM-dd');
  if (day === today) return 'Today';
  if (day === yesterday) return 'Yesterday';
  return format(d, now.getFullYear() === d.getFullYear() ? 'EEEE d MMMM' : 'EEEE d MMMM yyyy');
}

/** Time of day in the zone the entry was written in. */
export function timeOf(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone }).format(ms);
  } catch {
    return format(ms, 'HH:mm');
  }
}

export function dateTimeOf(ms: number, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(ms);
  } catch {
    return format(ms, 'PPPp');
  }
}

export function shortDateTime(ms: number): string {
  return format(ms, 'd MMM yyyy, HH:mm');
}

/** The value of an <input type="datetime-local"> for a moment, in the browser's zone. */
export function toLocalInput(ms: number): string {
  return format(ms, "yyyy-MM-dd'T'HH:mm");
}

/** Parses an <input type="datetime-local"> value as a local time; null when incomplete. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const d = parseISO(value);
  return isValid(d) ? d.getTime() : null;
}

export interface TextPart {
  text: string;
  mark: boolean;
}

/** Splits a search excerpt at the highlight markers; rendered as text and <mark>, never as HTML. */
export function splitHighlights(excerpt: string): TextPart[] {
  const parts: TextPart[] = [];
  let mark = false;
  let buf = '';
  for (const ch of excerpt) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      if (buf) parts.push({ text: buf, mark });
      buf = '';
      mark = ch === HIGHLIGHT_START;
    } else buf += ch;
  }
  if (buf) parts.push({ text: buf, mark });
  return parts;
}

export function stripHighlights(s: string): string {
  return s.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
}

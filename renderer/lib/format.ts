import { format, isValid, parseISO } from 'date-fns';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/schemas.js';

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The one formatting module: every date, time, number, percentage and relative time on screen (and
 * in the charts and the report) comes from here, on Intl, in the interface language's locale: a long
 * date ("3 March 2027", "March 3, 2027", "3. März 2027", "٣ مارس ٢٠٢٧"), with the weekday where a day
 * stands alone, and the locale's short time ("19:30" or "7:30 PM"). Nothing else formats for people.
 */
let LOCALE: string | undefined;

/** The locale everything is written for: set by the language provider; the system's until then (tests pin one). */
export function setDateLocale(locale: string | undefined): void {
  LOCALE = locale;
  formats.clear();
  numberFormats.clear();
}
export const setFormatLocale = setDateLocale;
/** The locale in use (undefined: the system's). */
export const formatLocale = (): string | undefined => LOCALE;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormatter(options: Intl.NumberFormatOptions, locale = LOCALE): Intl.NumberFormat {
  const key = JSON.stringify([options, locale ?? null]);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    if (numberFormats.size < 50) numberFormats.set(key, f);
  }
  return f;
}

/** A whole number as the locale writes it ("1,234", "1.234", "١٬٢٣٤"). */
export const formatInteger = (n: number, locale = LOCALE): string => numberFormatter({ maximumFractionDigits: 0 }, locale).format(n);

/** Intl writes a hyphen for minus in most locales; Fulcrum prints a real minus sign (U+2212). */
const realMinus = (s: string): string => s.replace('-', '\u2212');

/** A number with a fixed count of decimals ("−1.2", "−1,2"); −0.04 is written 0.0, never "−0.0". */
export function formatDecimal(n: number, digits = 1, locale = LOCALE): string {
  const r = Number(n.toFixed(digits));
  return realMinus(numberFormatter({ minimumFractionDigits: digits, maximumFractionDigits: digits }, locale).format(r === 0 ? 0 : r));
}

/** A signed number: "+1.0", "−1,2", "0.0". */
export function formatSigned(n: number, digits = 1, locale = LOCALE): string {
  const r = Number(n.toFixed(digits));
  return realMinus(numberFormatter({ minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }, locale).format(r === 0 ? 0 : r));
}

/** A share 0..1 as a whole percentage: "40%", "40 %", "٤٠٪". */
export const formatPercent = (share: number, locale = LOCALE): string => numberFormatter({ style: 'percent', maximumFractionDigits: 0 }, locale).format(share);

/** "in 3 days", "yesterday", "vor 2 Stunden": a relative time in the locale's words. */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit, numeric: 'auto' | 'always' = 'auto'): string {
  return new Intl.RelativeTimeFormat(LOCALE, { numeric }).format(value, unit);
}

/** A list as the locale joins it: "Money, Work, Health", "Geld, Arbeit und Gesundheit", "المال، والعمل". */
export function listFormat(items: readonly string[], type: 'conjunction' | 'unit' = 'unit', style: Intl.ListFormatStyle = 'short'): string {
  return new Intl.ListFormat(LOCALE, { style, type }).format(items);
}

/** The locale's first day of the week (0 = Sunday … 6 = Saturday), where the browser knows it; else Monday. */
export function localeWeekStart(locale = LOCALE): number {
  try {
    const l = new Intl.Locale(locale ?? Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info) return info.firstDay % 7;
  } catch {
    // An unknown tag: the default below.
  }
  return 1;
}

/** The name of a weekday (0 = Sunday) in the locale: "Monday", "lunes", "Montag", "الاثنين". */
export function weekdayName(day: number, width: 'long' | 'short' = 'long'): string {
  // 4 January 1970 was a Sunday.
  return formatter({ weekday: width }, 'UTC').format(Date.UTC(1970, 0, 4 + day, 12));
}
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string, locale = LOCALE): Intl.DateTimeFormat {
  const key = JSON.stringify([options, timeZone ?? null, locale ?? null]);
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      // An unknown zone (from an old import): the browser's own zone.
      f = new Intl.DateTimeFormat(locale, options);
    }
    if (formats.size < 200) formats.set(key, f);
  }
  return f;
}

/** A moment's date: "3 March 2027"; with `weekday`, "Wednesday 3 March 2027". */
export function formatDate(ms: number, timeZone?: string, opts: { weekday?: boolean } = {}): string {
  return formatter(opts.weekday ? { weekday: 'long', ...DATE } : DATE, timeZone).format(ms);
}

/** A moment's date and time: "3 March 2027 at 19:30"; with `weekday`, the weekday first. */
export function formatDateTime(ms: number, timeZone?: string, opts: { weekday?: boolean } = {}): string {
  return formatter(opts.weekday ? { weekday: 'long', ...DATE, ...TIME } : { ...DATE, ...TIME }, timeZone).format(ms);
}

/** A moment's time of day: "19:30" or "7:30 PM". */
export function formatTime(ms: number, timeZone?: string): string {
  return formatter(TIME, timeZone).format(ms);
}

/** A calendar day 'YYYY-MM-DD' in the same style ("Wednesday 3 March 2027"); the year is left out when `sameYearAs` matches. */
export function formatDay(day: string, opts: { weekday?: boolean; sameYearAs?: number } = {}, locale = LOCALE): string {
  const noon = dayNoon(day);
  if (noon === null) return day;
  const options: Intl.DateTimeFormatOptions = { ...(opts.weekday ? { weekday: 'long' } : {}), month: 'long', day: 'numeric' };
  if (opts.sameYearAs !== Number(day.slice(0, 4))) options.year = 'numeric';
  return formatter(options, 'UTC', locale).format(noon);
}

/** Noon UTC of a 'YYYY-MM-DD' day, formatted in UTC: the day itself whatever the zone. */
function dayNoon(day: string): number | null {
  const d = parseISO(day);
  return isValid(d) ? Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), 12) : null;
}

/** Parts of a day, for charts' short ticks ("4 Mar") and month names ("March 2025"); `locale` for a report printed in another language. */
export function formatDayParts(day: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): string {
  const noon = dayNoon(day);
  return noon === null ? day : formatter(options, 'UTC', locale).format(noon);
}

/** Two days as one range in the app's date style: "3–9 March 2025" (`locale`: a report printed in another language). */
export function formatDayRange(from: string, to: string, locale = LOCALE): string {
  const a = dayNoon(from);
  const b = dayNoon(to);
  if (a === null || b === null) return `${from} – ${to}`;
  if (from === to) return formatter(DATE, 'UTC', locale).format(a);
  const f = formatter(DATE, 'UTC', locale);
  return a <= b ? f.formatRange(a, b) : `${f.format(a)} – ${f.format(b)}`;
}

/** A 'YYYY-MM-DD' day as a heading: "Today", "Yesterday" or its date with the weekday. */
export function dayHeading(day: string, now = new Date()): string {
  const d = parseISO(day);
  if (!isValid(d)) return day;
  const today = format(now, 'yyyy-MM-dd');
  const yesterday = format(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1), 'yyyy-MM-dd');
  if (day === today) return capitalise(formatRelative(0, 'day'));
  if (day === yesterday) return capitalise(formatRelative(-1, 'day'));
  return formatDay(day, { weekday: true, sameYearAs: now.getFullYear() });
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase(LOCALE) + s.slice(1);

/** Time of day in the zone the entry was written in. */
export const timeOf = (ms: number, timeZone: string): string => formatTime(ms, timeZone);

/** When an entry happened, in the zone it was written in, with the weekday. */
export const dateTimeOf = (ms: number, timeZone?: string): string => formatDateTime(ms, timeZone, { weekday: true });

/** When something was saved (a draft, a backup, an edit), in the browser's zone. */
export const shortDateTime = (ms: number): string => formatDateTime(ms);

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

const KIB = 1024;
/**
 * A file's size in the locale's units: "512 bytes", "830 kB", "1.2 MB", "1,2 MB", "٥١٢ بايت"
 * (binary steps of 1024, as file managers count). Under 1024 the unit is written out in full.
 */
export function formatBytes(n: number): string {
  const unit = (value: number, u: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte', digits: number): string =>
    numberFormatter({ style: 'unit', unit: u, unitDisplay: u === 'byte' ? 'long' : 'short', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  if (n < KIB) return unit(n, 'byte', 0);
  // Rounded up: a file is never shown smaller than it is.
  if (n < KIB ** 2) return unit(Math.ceil(n / KIB), 'kilobyte', 0);
  if (n < KIB ** 3) return unit(n / KIB ** 2, 'megabyte', 1);
  return unit(n / KIB ** 3, 'gigabyte', 1);
}

/** A running length as a clock, minutes and seconds: "0:05", "12:30", in the locale's digits. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${formatInteger(Math.floor(s / 60))}:${numberFormatter({ minimumIntegerDigits: 2, useGrouping: false }).format(s % 60)}`;
}


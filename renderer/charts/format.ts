/**
 * Words and numbers for charts: bucket labels, ranges and comparisons, in plain language. Each takes
 * the chart's words (words.ts: the interface's language, or the printed report's) as its last argument.
 */
import { formatDay, formatDayParts, formatDayRange, formatDecimal, formatInteger, formatPercent, formatSigned } from '../lib/format.js';
import { addDays, type Bucket, type BucketRef, type Period } from '../../shared/insights.js';
import { appWords, type ChartWords } from './words.js';

/** A short axis tick: "4 Mar" (day or week), "Mar 2025" (month), in the locale's order. */
export function bucketTick(key: string, bucket: Bucket, w: ChartWords = appWords()): string {
  return bucket === 'month' ? formatDayParts(key, { month: 'short', year: 'numeric' }, w.locale) : formatDayParts(key, { month: 'short', day: 'numeric' }, w.locale);
}

/** A bucket in full: "Tuesday 4 March 2025", "3–9 March 2025", "March 2025" (clipped to the range). */
export function bucketLabel(b: Pick<BucketRef, 'key' | 'from' | 'to'>, bucket: Bucket, w: ChartWords = appWords()): string {
  if (bucket === 'month' && b.from === b.key && b.to === lastOfMonth(b.key)) return formatDayParts(b.key, { month: 'long', year: 'numeric' }, w.locale);
  if (b.from === b.to) return dayLabel(b.from, w);
  return rangeLabel(b.from, b.to, w);
}
function lastOfMonth(day: string): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7);
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/** A day with its weekday, in the app's one date style. */
export function dayLabel(day: string, w: ChartWords = appWords()): string {
  return formatDay(day, { weekday: true }, w.locale);
}

/** "3–9 March 2025", "28 February – 6 March 2025" (or the locale's own way of writing a range). */
export function rangeLabel(from: string, to: string, w: ChartWords = appWords()): string {
  return formatDayRange(from, to, w.locale);
}

export function periodLabel(p: Period | null, w: ChartWords = appWords()): string {
  return p ? rangeLabel(p.from, p.to, w) : w.t('charts.noPeriod');
}

/** One decimal, with a real minus sign: "−1.2", "3.0" (the locale's decimal mark). */
export function num(x: number | null | undefined, digits = 1, w: ChartWords = appWords()): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return formatDecimal(x, digits, w.locale);
}

/** A signed balance: "+1.0", "−1.2", "0.0". */
export function signed(x: number | null | undefined, digits = 1, w: ChartWords = appWords()): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return formatSigned(x, digits, w.locale);
}

export const percent = (x: number | null | undefined, w: ChartWords = appWords()): string => (x === null || x === undefined ? '–' : formatPercent(x, w.locale));

/**
 * A label from the catalogue placed mid-sentence: "Felt heard" → "felt heard". German keeps its
 * capitals (nouns are written so), and "I held…" keeps its "I".
 */
export function midSentence(s: string, w: ChartWords = appWords()): string {
  if (w.language === 'de' || /^I\b/.test(s)) return s;
  return s.charAt(0).toLocaleLowerCase() + s.slice(1);
}

/**
 * " (up from 2)", " (down from 5)", " (the same as before)" — or "" when there is nothing to compare
 * with (all time). `show` formats both numbers alike; equal when they print the same.
 */
export function comparison(current: number | null, previous: number | null | undefined, show?: (x: number) => string, w: ChartWords = appWords()): string {
  if (previous === null || previous === undefined || current === null) return '';
  const write = show ?? ((x: number) => formatInteger(x, w.locale));
  const a = write(current);
  const b = write(previous);
  if (a === b) return w.t('charts.same');
  return w.t(current > previous ? 'charts.upFrom' : 'charts.downFrom', { value: b });
}

/** The arrow and number of a change, for tables: "↑ 4", "↓ 2", "no change", "" when unknown. */
export function changeText(change: number | null, w: ChartWords = appWords()): string {
  if (change === null) return '';
  if (change === 0) return w.t('charts.noChange');
  return change > 0 ? `↑ ${formatInteger(change, w.locale)}` : `↓ ${formatInteger(-change, w.locale)}`;
}
export function changeWords(change: number | null, w: ChartWords = appWords()): string {
  if (change === null) return '';
  if (change === 0) return w.t('charts.noChange');
  return w.t(change > 0 ? 'charts.up' : 'charts.down', { count: formatInteger(Math.abs(change), w.locale) });
}

/** Words and numbers for charts: bucket labels, ranges and comparisons, in plain language. */
import { format, parseISO } from 'date-fns';
import { addDays, type Bucket, type BucketRef, type Period } from '../../shared/insights.js';

const d = (day: string) => parseISO(day);

/** A short axis tick: "4 Mar" (day or week), "Mar 25" (month). */
export function bucketTick(key: string, bucket: Bucket): string {
  return bucket === 'month' ? format(d(key), 'MMM yy') : format(d(key), 'd MMM');
}

/** A bucket in full: "Tue 4 March 2025", "3–9 March 2025", "March 2025" (clipped to the range). */
export function bucketLabel(b: Pick<BucketRef, 'key' | 'from' | 'to'>, bucket: Bucket): string {
  if (bucket === 'month' && b.from === b.key && b.to === lastOfMonth(b.key)) return format(d(b.key), 'MMMM yyyy');
  if (b.from === b.to) return dayLabel(b.from);
  return rangeLabel(b.from, b.to);
}
function lastOfMonth(day: string): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7);
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

export function dayLabel(day: string): string {
  return format(d(day), 'EEE d MMMM yyyy');
}

/** "3–9 March 2025", "28 February – 6 March 2025", "30 December 2024 – 5 January 2025". */
export function rangeLabel(from: string, to: string): string {
  const a = d(from);
  const b = d(to);
  if (from === to) return format(a, 'd MMMM yyyy');
  if (from.slice(0, 7) === to.slice(0, 7)) return `${format(a, 'd')}–${format(b, 'd MMMM yyyy')}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${format(a, 'd MMMM')} – ${format(b, 'd MMMM yyyy')}`;
  return `${format(a, 'd MMMM yyyy')} – ${format(b, 'd MMMM yyyy')}`;
}

export function periodLabel(p: Period | null): string {
  return p ? rangeLabel(p.from, p.to) : 'no entries yet';
}

/** One decimal, with a real minus sign: "−1.2", "3.0". */
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** A signed balance: "+1.0", "−1.2", "0.0". */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return '–';
  const s = num(x, digits);
  return x > 0 && Number(Math.abs(x).toFixed(digits)) !== 0 ? `+${s}` : s;
}

export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * " (up from 2)", " (down from 5)", " (the same as before)" — or "" when there is nothing to compare
 * with (all time). `show` formats both numbers alike; equal when they print the same.
 */
export function comparison(current: number | null, previous: number | null | undefined, show: (x: number) => string = (x) => String(x)): string {
  if (previous === null || previous === undefined || current === null) return '';
  const a = show(current);
  const b = show(previous);
  if (a === b) return ' (the same as before)';
  return current > previous ? ` (up from ${b})` : ` (down from ${b})`;
}

/** The arrow and number of a change, for tables: "↑ 4", "↓ 2", "no change", "" when unknown. */
export function changeText(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return 'no change';
  return change > 0 ? `↑ ${change}` : `↓ ${-change}`;
}
export function changeWords(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return 'no change';
  return change > 0 ? `up ${change}` : `down ${-change}`;
}

/**
 * Words and numbers of the report, the same on screen and on paper. Days are YYYY-MM-DD labels (UTC
 * maths). Dates and numbers come from the app's one formatting module, in the interface's locale.
 */
import type { Bucket } from '../../shared/insights.js';
import type { Compared } from '../../shared/report.js';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useT, type MessageId, type MessageValues } from '../i18n/index.js';
import { formatDayParts, formatDecimal, formatInteger, formatPercent, formatSigned } from '../lib/format.js';

/** "3 April 2024" (en-GB), "April 3, 2024" (en-US), "3. April 2024" (de) */
export const longDate = (day: string) => formatDayParts(day, { day: 'numeric', month: 'long', year: 'numeric' });
/** "Wed, 3 Apr 2024" */
export const entryDate = (day: string) => formatDayParts(day, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
/** "3 Apr" */
export const shortDate = (day: string) => formatDayParts(day, { day: 'numeric', month: 'short' });

/** A chart axis label for a bucket's first day. */
export function bucketLabel(key: string, bucket: Bucket): string {
  return bucket === 'month' ? formatDayParts(key, { month: 'short', year: '2-digit' }) : shortDate(key);
}

/** Today in this computer's zone, as the report's "today". */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A label set in the middle of a sentence: "They held more power" → "they held more power", but the
 * first person stays a capital — "I held more power", never "i held…" — and so does the rest of the text.
 */
export function midSentence(label: string): string {
  if (/^I\b/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** +1.2 / −1.2 with a real minus sign; one decimal. */
export const signedNumber = (n: number, digits = 1): string => formatSigned(n, digits);
/** −0.04 rounds to 0: printed as 0.0, never "−0.0". */
export const decimal = (n: number, digits = 1): string => formatDecimal(n, digits);
export const percent = (share: number): string => formatPercent(share);

export type ChangeKind = 'count' | 'mean' | 'share';

export interface ChangeWords {
  /** ↑ ↓ or → */
  arrow: string;
  /** "+3", "−0.5", "+12 pts" */
  delta: string;
  /** "was 2" */
  was: string;
  /** For screen readers: "up 3 from 2". */
  spoken: string;
}

/** How a number moved since the previous period, or null when there is nothing to compare. */
export function change(c: Compared, kind: ChangeKind): ChangeWords | null {
  if (c.value === null || c.previous === null) return null;
  const show = (v: number) => (kind === 'share' ? percent(v) : kind === 'mean' ? decimal(v) : String(v));
  // Compared as shown (rounded first), so "−1.0 (was −1.0)" never gets an arrow.
  const round1 = (v: number) => Math.round(v * 10);
  const diff =
    kind === 'share' ? Math.round(c.value * 100) - Math.round(c.previous * 100) : kind === 'mean' ? (round1(c.value) - round1(c.previous)) / 10 : c.value - c.previous;
  const delta = kind === 'share' ? `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${Math.abs(diff)} pts` : kind === 'mean' ? (diff === 0 ? '±0.0' : signedNumber(diff)) : `${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${Math.abs(diff)}`;
  const arrow = diff > 0 ? '↑' : diff < 0 ? '↓' : '→';
  const size = kind === 'share' ? `${Math.abs(diff)} points` : kind === 'mean' ? Math.abs(diff).toFixed(1) : String(Math.abs(diff));
  const spoken = diff === 0 ? `the same as before (${show(c.previous)})` : `${diff > 0 ? 'up' : 'down'} ${size} from ${show(c.previous)}`;
  return { arrow, delta, was: `was ${show(c.previous)}`, spoken };
}

type Translate = (id: MessageId, values?: MessageValues) => string;

/**
 * The report's dates, numbers and change words in the report's own language, which may differ from
 * the interface's (a report printed in German for a therapist while Fulcrum speaks English).
 */
export interface ReportFormat {
  locale: string;
  longDate: (day: string) => string;
  entryDate: (day: string) => string;
  bucketLabel: (key: string, bucket: Bucket) => string;
  integer: (n: number) => string;
  decimal: (n: number, digits?: number) => string;
  percent: (share: number) => string;
  change: (c: Compared, kind: ChangeKind) => ChangeWords | null;
  /** A catalogue word set inside a sentence: lower case, except in German, where nouns keep their capital. */
  lower: (word: string) => string;
}

export function reportFormat(locale: string, t: Translate): ReportFormat {
  const day = (d: string, options: Intl.DateTimeFormatOptions) => formatDayParts(d, options, locale);
  const integer = (n: number) => formatInteger(n, locale);
  const dec = (n: number, digits = 1) => formatDecimal(n, digits, locale);
  const pct = (share: number) => formatPercent(share, locale);
  const sign = (diff: number) => (diff > 0 ? '+' : diff < 0 ? '−' : '±');
  return {
    locale,
    longDate: (d) => day(d, { day: 'numeric', month: 'long', year: 'numeric' }),
    entryDate: (d) => day(d, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
    bucketLabel: (key, bucket) => (bucket === 'month' ? day(key, { month: 'short', year: '2-digit' }) : day(key, { day: 'numeric', month: 'short' })),
    integer,
    decimal: dec,
    percent: pct,
    lower: (word) => (locale.toLowerCase().startsWith('de') ? word : word.toLocaleLowerCase(locale)),
    change: (c, kind) => {
      if (c.value === null || c.previous === null) return null;
      const show = (v: number) => (kind === 'share' ? pct(v) : kind === 'mean' ? dec(v) : integer(v));
      // Compared as shown (rounded first), so "−1.0 (was −1.0)" never gets an arrow.
      const round1 = (v: number) => Math.round(v * 10);
      const diff =
        kind === 'share' ? Math.round(c.value * 100) - Math.round(c.previous * 100) : kind === 'mean' ? (round1(c.value) - round1(c.previous)) / 10 : c.value - c.previous;
      const delta =
        kind === 'share'
          ? `${sign(diff)}${t('report.doc.change.points', { count: integer(Math.abs(diff)) })}`
          : kind === 'mean'
            ? diff === 0
              ? `±${dec(0)}`
              : formatSigned(diff, 1, locale)
            : `${sign(diff)}${integer(Math.abs(diff))}`;
      const arrow = diff > 0 ? '↑' : diff < 0 ? '↓' : '→';
      const size = kind === 'share' ? t('report.doc.change.pointsSpoken', { count: integer(Math.abs(diff)) }) : kind === 'mean' ? dec(Math.abs(diff)) : integer(Math.abs(diff));
      const value = show(c.previous);
      const spoken = diff === 0 ? t('report.doc.change.same', { value }) : t(diff > 0 ? 'report.doc.change.up' : 'report.doc.change.down', { size, value });
      return { arrow, delta, was: t('report.doc.change.was', { value }), spoken };
    },
  };
}

/** The report's formats, in the language of the IntlProvider around the document. */
export function useReportFormat(): ReportFormat {
  const intl = useIntl();
  const t = useT();
  return useMemo(() => reportFormat(intl.locale, t), [intl.locale, t]);
}

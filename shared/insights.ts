/**
 * Insights, check-in trends, strengths, settings and reminders: input schemas, result shapes and the
 * small calendar helpers both sides need.
 *
 * Every chart result is a small series the renderer draws directly: an `axis` of buckets and, per
 * series, one value per bucket (same index). Each bucket carries the exact day range it covers
 * (clipped to the query's range), so a click on any bar, point or heat-map day becomes an
 * `EntryFilter` with `drillFilter` — and the count the chart shows is the number of entries
 * `entries.search` returns for that filter.
 */
import { z } from 'zod';
import type { Category, Domain, Polarity } from './catalogue.js';
import { Day, EntryFilter, Id, LIMITS, Timestamp, type EntryFilter as EntryFilterT } from './schemas.js';

// ---------------------------------------------------------------- calendar days (pure, zone-free)
const DAY_MS = 86_400_000;
/** Milliseconds of a day's UTC midnight: days are calendar labels, so UTC arithmetic is exact. */
const dayMs = (day: string): number => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
const msDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return msDay(dayMs(day) + n * DAY_MS);
}
/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
}
/** 0 = Sunday … 6 = Saturday, like `strftime('%w')` and `Date#getDay`. */
export function weekdayOf(day: string): number {
  return new Date(dayMs(day)).getUTCDay();
}
/** The first day of the week holding `day`, for a week that starts on `weekStart` (0 = Sunday). */
export function weekStartOf(day: string, weekStart: number): string {
  return addDays(day, -((weekdayOf(day) - weekStart + 7) % 7));
}
export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
function nextMonthStart(day: string): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export const BUCKETS = ['day', 'week', 'month'] as const;
export const Bucket = z.enum(BUCKETS);
export type Bucket = z.infer<typeof Bucket>;

/** The key (first day) of the bucket holding `day`. */
export function bucketOf(day: string, bucket: Bucket, weekStart: number): string {
  if (bucket === 'day') return day;
  if (bucket === 'week') return weekStartOf(day, weekStart);
  return monthStartOf(day);
}
function nextBucket(key: string, bucket: Bucket): string {
  if (bucket === 'day') return addDays(key, 1);
  if (bucket === 'week') return addDays(key, 7);
  return nextMonthStart(key);
}

/**
 * The bucket size chosen when none is asked for: a day per bar up to a month, a week per bar up to
 * about six months (26 bars), a month per bar beyond — every chart stays between 4 and ~40 bars wide
 * for the range picker's choices (7 d, 30 d, 90 d, 1 y, all).
 */
export function autoBucket(from: string, to: string): Bucket {
  const days = daysBetween(from, to) + 1;
  if (days <= 31) return 'day';
  if (days <= 186) return 'week';
  return 'month';
}

/** One bar/point: `key` is the bucket's first day; `from`/`to` are the days it covers inside the range. */
export interface BucketRef {
  key: string;
  from: string;
  to: string;
}

/** Every bucket from `from` to `to`, including empty ones (charts show gaps as gaps). */
export function bucketsFor(from: string, to: string, bucket: Bucket, weekStart: number): BucketRef[] {
  const out: BucketRef[] = [];
  for (let key = bucketOf(from, bucket, weekStart); key <= to; key = nextBucket(key, bucket)) {
    const end = addDays(nextBucket(key, bucket), -1);
    out.push({ key, from: key < from ? from : key, to: end > to ? to : end });
  }
  return out;
}

/**
 * Series as rows, the shape recharts draws: one object per bucket with its key, its day range (for
 * the drill-down) and one field per series. `chartRows(axis.buckets, { imbalance: v1, healthy: v2 })`.
 */
export function chartRows<K extends string>(
  buckets: readonly BucketRef[],
  columns: Readonly<Record<K, readonly (number | null)[]>>,
): (BucketRef & Record<K, number | null>)[] {
  return buckets.map((b, i) => {
    const row: Record<string, unknown> = { ...b };
    for (const [k, values] of Object.entries(columns) as [K, readonly (number | null)[]][]) row[k] = values[i] ?? null;
    return row as BucketRef & Record<K, number | null>;
  });
}

/** Charts refuse more bars than this (a 10-year range by day); a coarser bucket always fits. */
export const MAX_BUCKETS = 3_700;

// ---------------------------------------------------------------- settings (kept inside the journal)
export const Weekday = z.number().int().min(0).max(6);
/** Local wall-clock time, 24 h: "20:00". */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 20:00');

export const JournalReminder = z
  .object({
    enabled: z.boolean(),
    /** Days of the week it fires on, 0 = Sunday … 6 = Saturday. */
    days: z.array(Weekday).max(7).transform((d) => [...new Set(d)].sort((a, b) => a - b)),
    time: TimeOfDay,
  })
  .strict();
export const CheckInReminder = z.object({ enabled: z.boolean(), day: Weekday, time: TimeOfDay }).strict();

export const Settings = z
  .object({
    /** First day of the week for weekly charts and check-ins: 0 = Sunday … 6 = Saturday. */
    weekStart: Weekday,
    journalReminder: JournalReminder,
    checkInReminder: CheckInReminder,
    /** How long "Remind me later" waits. */
    snoozeMinutes: z.number().int().min(5).max(24 * 60),
  })
  .strict();
export type Settings = z.output<typeof Settings>;

export const SETTINGS_DEFAULTS: Settings = {
  weekStart: 1,
  journalReminder: { enabled: false, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' },
  checkInReminder: { enabled: false, day: 0, time: '19:00' },
  snoozeMinutes: 60,
};

/** Top-level keys are replaced whole (a reminder schedule is one value). */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

// ---------------------------------------------------------------- strengths
const strengthText = z
  .string()
  .max(LIMITS.label * 10)
  .refine((s) => !s.includes('\u0000'), 'contains a NUL byte')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be empty'));

export const StrengthInput = z
  .object({
    /** The person it belongs to; null = the user themself. */
    personId: Id.nullable(),
    text: strengthText,
  })
  .strict();
export type StrengthInput = z.input<typeof StrengthInput>;
export const StrengthPatch = z.object({ id: Id, text: strengthText }).strict();
export const StrengthListInput = z
  .object({
    /** Omitted: everyone's; null: the user's own; an id: that person's. */
    personId: Id.nullable().optional(),
  })
  .strict()
  .default({});

export const Strength = z.object({
  id: Id,
  personId: Id.nullable(),
  text: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Strength = z.infer<typeof Strength>;

// ---------------------------------------------------------------- reminders
export const REMINDER_KINDS = ['journal', 'checkin'] as const;
export const ReminderKind = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof ReminderKind>;

export interface ReminderStatus {
  kind: ReminderKind;
  enabled: boolean;
  /** Next time it will fire (ms since the epoch), or null when off. */
  nextAt: number | null;
  snoozedUntil: number | null;
}

// ---------------------------------------------------------------- insight queries
/** The entry filters insights understand; same meaning as in `entries.search`. */
export const InsightFilter = EntryFilter.pick({ personIds: true, tagIds: true, categories: true, polarity: true, domains: true });
export type InsightFilter = z.infer<typeof InsightFilter>;

const queryFields = {
  /** First and last day (inclusive). Omitted `from`: the first entry's day; omitted `to`: today. */
  from: Day.optional(),
  to: Day.optional(),
  /** Bar size; chosen from the range length when omitted (see autoBucket). */
  bucket: Bucket.optional(),
  filter: InsightFilter.default({}),
  /** Today in the user's time zone; defaults to the computer's clock and zone. */
  today: Day.optional(),
};
const ordered = (v: { from?: string | undefined; to?: string | undefined }) => !v.from || !v.to || v.from <= v.to;
const orderedMsg = { message: '`from` must not be after `to`', path: ['to'] };

export const InsightQuery = z.object(queryFields).strict().refine(ordered, orderedMsg);
export type InsightQuery = z.input<typeof InsightQuery>;
export const TopPatternsQuery = z
  .object({ ...queryFields, limit: z.number().int().min(1).max(100).default(10) })
  .strict()
  .refine(ordered, orderedMsg);
export type TopPatternsQuery = z.input<typeof TopPatternsQuery>;
export const CheckInTrendsQuery = z
  .object({ from: Day.optional(), to: Day.optional(), personIds: z.array(Id).max(LIMITS.listIds).optional(), today: Day.optional() })
  .strict()
  .refine(ordered, orderedMsg);
export type CheckInTrendsQuery = z.input<typeof CheckInTrendsQuery>;
export const TodayInput = z.object({ today: Day.optional() }).strict().default({});

// ---------------------------------------------------------------- results
export interface Period {
  from: string;
  to: string;
}

export interface Axis {
  bucket: Bucket;
  weekStart: number;
  /** The range actually covered; null only for "all time" on a journal without entries. */
  period: Period | null;
  /** The period of equal length just before (for "up from 2"); null for "all time". */
  previous: Period | null;
  buckets: BucketRef[];
}

export type SeriesValues = number[];
export type MeanValues = (number | null)[];

/**
 * Pattern frequency, stacked by category, imbalance and healthy apart. A value is the number of
 * entries in the bucket showing at least one pattern of that category and polarity (an entry with two
 * "Decisions" imbalance patterns counts once in that stack), so a bar drills down to exactly that many
 * entries: `drillFilter(filter, { ...bucket, category, polarity })`.
 */
export interface PatternCounts {
  axis: Axis;
  /** Only the (category, polarity) pairs seen in the range; catalogue order, imbalance first. */
  series: { category: Category; polarity: Polarity; values: SeriesValues; total: number }[];
  /** Entries with at least one pattern of each polarity, per bucket; always all three polarities. */
  byPolarity: { polarity: Polarity; values: SeriesValues; total: number; previousTotal: number | null }[];
}

/** Balance of power (−3 they held far more … +3 I held far more), averaged over rated entries. */
export interface BalanceSeries {
  /** null = every entry in the filter, whoever it is about. */
  personId: number | null;
  values: MeanValues;
  /** Trailing moving average: all rated entries of this bucket and the `window − 1` before it (inside the range). */
  moving: MeanValues;
  /** Entries with a balance, per bucket (what the mean is over). */
  rated: SeriesValues;
  /** All entries per bucket: what the drill-down opens. */
  entries: SeriesValues;
  mean: number | null;
  previousMean: number | null;
}
export interface BalanceTrend {
  axis: Axis;
  window: number;
  overall: BalanceSeries;
  /** One per person with entries in the range (only the filtered people when the filter names some). */
  people: BalanceSeries[];
}

export const SCORE_MEASURES = ['heard', 'respected', 'valued', 'involved'] as const;
export type ScoreMeasure = (typeof SCORE_MEASURES)[number];
export interface ScoreTrends {
  axis: Axis;
  /** Entries per bucket (the drill-down count). */
  entries: SeriesValues;
  series: { measure: ScoreMeasure; values: MeanValues; rated: SeriesValues; mean: number | null; previousMean: number | null }[];
}

/**
 * Healthy share = healthy pattern tags ÷ (healthy + imbalance pattern tags), per bucket, in 0…1
 * (null when a bucket has neither). A share draws on a fixed 0–1 axis and never divides by zero, unlike
 * a raw healthy:imbalance ratio. Counts are pattern tags, not entries: an entry with two healthy
 * patterns weighs twice. Neutral tags are left out.
 */
export interface HealthyShare {
  axis: Axis;
  values: MeanValues;
  healthy: SeriesValues;
  imbalance: SeriesValues;
  share: number | null;
  previousShare: number | null;
}

export interface PatternRef {
  tagId: number;
  label: string;
  category: Category;
  polarity: Polarity;
  color: string | null;
}
/** Top patterns by number of entries in the range, with the same count in the previous period. */
export interface TopPatterns {
  period: Period | null;
  previous: Period | null;
  items: (PatternRef & { count: number; previousCount: number | null; change: number | null })[];
}

/**
 * Per pattern, over the query's range (all time when it is omitted): how often, first and last day
 * seen, whole days since the last one (relative to `today`), and the longest gap — the most days
 * between two consecutive days on which it was seen (null when seen on one day only).
 */
export interface PatternHistory {
  today: string;
  period: Period | null;
  items: (PatternRef & { count: number; days: number; firstSeen: string; lastSeen: string; daysSinceLast: number; longestGapDays: number | null })[];
}

/** Calendar heat map: only days with entries are listed; the renderer fills the grid. */
export interface HeatMap {
  period: Period | null;
  maxEntries: number;
  days: { day: string; entries: number; meanIntensity: number | null }[];
}

export interface DomainBreakdown {
  period: Period | null;
  previous: Period | null;
  /** Entries in the range (an entry in two domains counts in both rows, once here). */
  total: number;
  /** Domains with entries, most first. imbalance/healthy: entries in the domain with such a pattern. */
  items: { domain: Domain; entries: number; previousEntries: number | null; imbalance: number; healthy: number }[];
}

export interface PersonMeasures {
  personId: number;
  entries: number;
  balance: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  /** Entries about this person with at least one imbalance / healthy pattern. */
  imbalance: number;
  healthy: number;
}
export interface PeopleComparison {
  period: Period | null;
  items: PersonMeasures[];
}

export const CHECKIN_MEASURES = ['heard', 'respected', 'involved', 'fairShare', 'boundaries', 'safe'] as const;
export type CheckInMeasure = (typeof CHECKIN_MEASURES)[number];
export interface CheckInTrends {
  weekStart: number;
  period: Period | null;
  /** Every week (its first day) in the range. */
  weeks: string[];
  series: { personId: number; count: number; values: Record<CheckInMeasure, MeanValues>; mean: Record<CheckInMeasure, number | null> }[];
}

export interface CheckInsDue {
  /** The current week (its first day, per the week-start setting) and its last day. */
  week: string;
  weekEnd: string;
  /** Non-archived people without a check-in this week, with the week of their last one. */
  due: { personId: number; lastWeek: string | null }[];
}

/** Entries dated after tomorrow, which "all time" leaves out: how many, and their first and last day. */
export interface AheadOfToday {
  count: number;
  from: string;
  to: string;
}

export interface InsightsOverview {
  patterns: PatternCounts;
  balance: BalanceTrend;
  scores: ScoreTrends;
  healthyShare: HealthyShare;
  topPatterns: TopPatterns;
  heatmap: HeatMap;
  domains: DomainBreakdown;
  people: PeopleComparison;
  /** "All time" only: entries dated after tomorrow, not in these charts; null when none. */
  ahead: AheadOfToday | null;
}

// ---------------------------------------------------------------- drill-down
/** What was clicked: a bucket's (or a day's) range, and the series it belongs to. */
export interface DrillTarget {
  from: string;
  to: string;
  personId?: number;
  category?: Category;
  polarity?: Polarity;
  tagId?: number;
  domain?: Domain;
}

/**
 * The timeline filter for a click on a chart: the insight filter narrowed to the clicked bucket and
 * series. Series exist only for the people, domains and patterns the filter admits, so replacing a
 * list with the one clicked is the exact intersection. A category/polarity series under a pattern
 * filter narrows `tagIds` to the filter's patterns of that kind (`tags`: the journal's patterns).
 */
export function drillFilter(
  filter: InsightFilter,
  target: DrillTarget,
  tags: readonly { id: number; category: Category; polarity: Polarity }[],
): EntryFilterT {
  const out: EntryFilterT = { from: target.from, to: target.to };
  const personIds = target.personId !== undefined ? [target.personId] : filter.personIds;
  const categories = target.category !== undefined ? [target.category] : filter.categories;
  const polarity = target.polarity ?? filter.polarity;
  const domains = target.domain !== undefined ? [target.domain] : filter.domains;
  let tagIds = target.tagId !== undefined ? [target.tagId] : filter.tagIds?.length ? filter.tagIds : undefined;
  if (target.tagId === undefined && tagIds && (target.category !== undefined || target.polarity !== undefined)) {
    const kind = new Map(tags.map((t) => [t.id, t]));
    tagIds = tagIds.filter((id) => {
      const t = kind.get(id);
      return !!t && (!categories?.length || categories.includes(t.category)) && (!polarity || t.polarity === polarity);
    });
  }
  if (personIds?.length) out.personIds = personIds;
  if (tagIds) out.tagIds = tagIds;
  if (categories?.length) out.categories = categories;
  if (polarity) out.polarity = polarity;
  if (domains?.length) out.domains = domains;
  return out;
}

import { FulcrumError } from '../../../../shared/errors.js';
import {
  addDays,
  autoBucket,
  bucketsFor,
  daysBetween,
  MAX_BUCKETS,
  type Axis,
  type Bucket,
  type InsightFilter,
  type AheadOfToday,
  type Period,
} from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { refreshRollups, rollupsCurrent } from './rollups.js';
import { indexedScope, type IndexedScope } from './indexed.js';
import { readyIndex } from './memindex.js';
import { normalizeFilter, prepared } from './sql.js';

/** What every aggregation needs besides the database: resolved once per call. */
export interface Scope {
  today: string;
  weekStart: number;
  filter: InsightFilter;
  /** null: "all time" on a journal without entries — every series is empty. */
  period: Period | null;
  previous: Period | null;
  axis: Axis;
  /** Bucket key → index in axis.buckets. */
  index: Map<string, number>;
  /** Unfiltered: read the per-day rollups (refreshed on resolve) instead of every entry. */
  rollups: boolean;
  /** "All time" only: the entries dated after tomorrow, left out of the range (null when none). */
  ahead: AheadOfToday | null;
  /** The in-memory index, when it is ready (memindex.ts): every chart reads it instead of SQL. */
  mem: IndexedScope | null;
}

export interface ScopeInput {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: Bucket | undefined;
  filter: InsightFilter;
}

export interface ScopeOptions {
  today: string;
  weekStart: number;
  /** false: always aggregate the entries themselves (tests compare both ways). */
  rollups?: boolean;
  /**
   * When to read the in-memory index once it is ready. Default: for a filtered query, and for an
   * unfiltered one while the index holds at most `unfilteredIndexUpTo` entries (or the rollups are
   * turned off). true: whenever it is ready; false: never (tests compare every way).
   */
  index?: boolean;
  /** Default UNFILTERED_INDEX_UP_TO. */
  unfilteredIndexUpTo?: number;
}

/**
 * Unfiltered, the per-day rollups add up a few rows per day whatever the journal's size, where the
 * index passes over every entry: the index is faster at 100k entries (whole page 46 ms against
 * 106 ms), the rollups at 1M (0.57 s against 1.2 s), both measured by `npm run bench`.
 */
export const UNFILTERED_INDEX_UP_TO = 300_000;

/** The day of the first live entry, or null (uses the day index: one step). */
export function firstEntryDay(db: DB): string | null {
  return (prepared(db, 'SELECT min(day) FROM entries WHERE deleted_at IS NULL').pluck().get() as string | null) ?? null;
}
export function lastEntryDay(db: DB): string | null {
  return (prepared(db, 'SELECT max(day) FROM entries WHERE deleted_at IS NULL').pluck().get() as string | null) ?? null;
}

/** The day of the last live entry dated on or before `upTo`, or null. */
export function lastEntryDayUpTo(db: DB, upTo: string): string | null {
  return (prepared(db, 'SELECT max(day) FROM entries WHERE deleted_at IS NULL AND day <= ?').pluck().get(upTo) as string | null) ?? null;
}

/** Live entries dated after `after`: how many, and the days of the first and last. */
export function entriesAfter(db: DB, after: string): AheadOfToday | null {
  const r = prepared(db, 'SELECT count(*) AS count, min(day) AS first, max(day) AS last FROM entries WHERE deleted_at IS NULL AND day > ?').get(after) as { count: number; first: string | null; last: string | null };
  return r.count > 0 && r.first && r.last ? { count: r.count, from: r.first, to: r.last } : null;
}

/**
 * Resolves a query's range. "All time" (no `from`) spans the first entry's day to the last entry's,
 * where entries dated after tomorrow are left out (and counted in `ahead`): one entry with a
 * mistyped year must not stretch every chart to 2099. Omitted `to` with a `from`: today, or the last
 * entry's day up to tomorrow when one is dated later. "All time" has no previous period.
 */
export function resolveScope(db: DB, q: ScopeInput, ctx: ScopeOptions): Scope {
  const allTime = q.from === undefined;
  const tomorrow = addDays(ctx.today, 1);
  let from = q.from ?? firstEntryDay(db);
  let to = q.to;
  const ahead = allTime && q.to === undefined ? entriesAfter(db, tomorrow) : null;
  if (to === undefined) {
    const last = lastEntryDayUpTo(db, tomorrow);
    if (allTime) to = last ?? ctx.today;
    else to = last && last > ctx.today ? last : ctx.today;
  }
  if (from !== null && from > to) {
    // "All time" up to a `to` before the first entry: an empty range.
    if (allTime) from = null;
    else throw new FulcrumError('VALIDATION', 'The start of the range is after its end. Pick the dates again.', { reason: 'rangeReversed' });
  }
  const bucket = q.bucket ?? (from ? autoBucket(from, to) : 'day');
  const period = from ? { from, to } : null;
  let previous: Period | null = null;
  if (period && !allTime) {
    const length = daysBetween(period.from, period.to) + 1;
    previous = { from: addDays(period.from, -length), to: addDays(period.from, -1) };
  }
  const buckets = period ? bucketsFor(period.from, period.to, bucket, ctx.weekStart) : [];
  if (buckets.length > MAX_BUCKETS) {
    throw new FulcrumError('VALIDATION', `That range has ${buckets.length} ${bucket}s — too many bars to draw. Choose a larger bar size (week or month) or a shorter range.`, { reason: 'tooManyBuckets', bars: buckets.length });
  }
  const filter = normalizeFilter(q.filter);
  const unfiltered = Object.keys(filter).length === 0;
  const ready = ctx.index !== false && period ? readyIndex(db) : null;
  const ix = ready && (ctx.index || !unfiltered || ctx.rollups === false || ready.entries <= (ctx.unfilteredIndexUpTo ?? UNFILTERED_INDEX_UP_TO)) ? ready : null;
  // Changed days are reloaded into the index inside this call's read transaction.
  ix?.catchUp(db);
  // A read-only connection cannot bring stale rollups up to date: it reads the entries instead.
  const rollups = !ix && ctx.rollups !== false && unfiltered && (!db.readonly || rollupsCurrent(db));
  if (rollups && !db.readonly) refreshRollups(db);
  const scope: Scope = {
    today: ctx.today,
    weekStart: ctx.weekStart,
    filter,
    period,
    previous,
    axis: { bucket, weekStart: ctx.weekStart, period, previous, buckets },
    index: new Map(buckets.map((b, i) => [b.key, i])),
    rollups,
    ahead,
    mem: null,
  };
  if (ix) scope.mem = indexedScope(db, ix, scope);
  return scope;
}

/**
 * The SQL every insight shares: which entries a filter admits, which of their patterns count, and the
 * bucket a day falls in. Aggregations read only the covering index `entries_live_day` (day and the
 * measures), never the entries table itself with its text.
 */
import type { InsightFilter, Bucket } from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { stmt } from '../repos/sql.js';

/**
 * SQL functions insights need that SQLite lacks, registered once per database handle.
 * `fulcrum_longest_gap(x ORDER BY x)`: the largest difference between consecutive values of a group
 * (NULL with fewer than two) — the longest gap between days a pattern was seen, in one streaming
 * pass; a window function (lag) over the same rows costs several times more.
 */
export function ensureFunctions(db: DB): void {
  if (db.functions.has('fulcrum_longest_gap')) return;
  type Gap = { prev: number | null; max: number | null };
  db.aggregate('fulcrum_longest_gap', {
    start: (): Gap => ({ prev: null, max: null }),
    step: (acc: Gap, x: unknown) => {
      const v = Number(x);
      if (acc.prev !== null && (acc.max === null || v - acc.prev > acc.max)) acc.max = v - acc.prev;
      acc.prev = v;
      return acc;
    },
    result: (acc: Gap) => acc.max,
    deterministic: true,
  } as Parameters<DB['aggregate']>[1]);
  db.functions.add('fulcrum_longest_gap');
}
/**
 * Prepared once per connection and SQL text (the filters make a handful of shapes), in the connection's
 * one cache. Statements are shared, so this starts each use from whole rows; `.pluck()` asks for values.
 */
export function prepared(db: DB, sql: string) {
  const st = stmt(db, sql);
  return st.reader ? st.raw(false).pluck(false) : st;
}

export type Params = Record<string, string | number | null>;

/**
 * Entries are always the outermost loop, read through the day index across the range: `INDEXED BY`
 * pins the index and `CROSS JOIN` the join order. Left to itself, SQLite may start from a person's or
 * a domain's index and then fetch each entry by id from the table, whose pages hold the entry text.
 */
export const ENTRIES = 'entries e INDEXED BY entries_live_day';
export const ENTRY_TAGS = `${ENTRIES} CROSS JOIN entry_tags et ON et.entry_id = e.id CROSS JOIN tags t ON t.id = et.tag_id`;
export const ENTRY_PEOPLE = `${ENTRIES} CROSS JOIN entry_people ep ON ep.entry_id = e.id`;
export const ENTRY_DOMAINS = `${ENTRIES} CROSS JOIN entry_domains ed ON ed.entry_id = e.id`;

/**
 * Filter semantics — exactly those of `entries.search`, so every chart drills down to the entries it
 * counted: a list means "any of"; an empty list means no filter; kinds combine with AND; categories and
 * polarity describe one and the same pattern ("a Money imbalance pattern"), while `tagIds` is its own
 * condition ("has one of these patterns").
 *
 * Which patterns a chart counts ("admitted" patterns) is stricter: a pattern counts when it meets every
 * pattern condition at once. An entry with an admitted pattern always passes the entry filter.
 */
export function hasTagFilter(f: InsightFilter): boolean {
  return !!(f.tagIds || f.categories || f.polarity);
}

/** Drops empty lists (no filter, as in search). */
export function normalizeFilter(f: InsightFilter): InsightFilter {
  const out: InsightFilter = {};
  if (f.personIds?.length) out.personIds = f.personIds;
  if (f.tagIds?.length) out.tagIds = f.tagIds;
  if (f.categories?.length) out.categories = f.categories;
  if (f.polarity) out.polarity = f.polarity;
  if (f.domains?.length) out.domains = f.domains;
  return out;
}

/** Which patterns count, as a condition on `tags AS t` ('1' when any pattern counts). */
export function tagCondition(f: InsightFilter, t = 't'): string {
  const parts: string[] = [];
  if (f.tagIds) parts.push(`${t}.id IN (SELECT value FROM json_each(:tagIds))`);
  if (f.categories) parts.push(`${t}.category IN (SELECT value FROM json_each(:categories))`);
  if (f.polarity) parts.push(`${t}.polarity = :polarity`);
  return parts.length ? parts.join(' AND ') : '1';
}

/** Conditions on `entries AS e` for a live entry inside [:from, :to] admitted by the filter. */
export function entryConditions(
  f: InsightFilter,
  opts: { e?: string; from?: string; to?: string; tags?: boolean } = {},
): string {
  const { e = 'e', from = ':from', to = ':to', tags = true } = opts;
  const parts = [`${e}.deleted_at IS NULL`, `${e}.day >= ${from}`, `${e}.day <= ${to}`];
  if (f.personIds) {
    parts.push(`EXISTS (SELECT 1 FROM entry_people fp WHERE fp.entry_id = ${e}.id AND fp.person_id IN (SELECT value FROM json_each(:personIds)))`);
  }
  if (f.domains) {
    parts.push(`EXISTS (SELECT 1 FROM entry_domains fd WHERE fd.entry_id = ${e}.id AND fd.domain IN (SELECT value FROM json_each(:domains)))`);
  }
  // Queries that join the admitted patterns themselves pass tags: false (the join implies both).
  if (tags && f.tagIds) {
    parts.push(`EXISTS (SELECT 1 FROM entry_tags ft WHERE ft.entry_id = ${e}.id AND ft.tag_id IN (SELECT value FROM json_each(:tagIds)))`);
  }
  if (tags && (f.categories || f.polarity)) {
    const kind = tagCondition({ categories: f.categories, polarity: f.polarity }, 'ct');
    parts.push(`EXISTS (SELECT 1 FROM entry_tags fc JOIN tags ct ON ct.id = fc.tag_id WHERE fc.entry_id = ${e}.id AND ${kind})`);
  }
  return parts.join(' AND ');
}

/** People conditions on `entry_people AS ep`: only the filter's people get series of their own. */
export function personCondition(f: InsightFilter, ep = 'ep'): string {
  return f.personIds ? `${ep}.person_id IN (SELECT value FROM json_each(:personIds))` : '1';
}
export function domainCondition(f: InsightFilter, ed = 'ed'): string {
  return f.domains ? `${ed}.domain IN (SELECT value FROM json_each(:domains))` : '1';
}

export function filterParams(f: InsightFilter): Params {
  return {
    personIds: f.personIds ? JSON.stringify(f.personIds) : null,
    domains: f.domains ? JSON.stringify(f.domains) : null,
    tagIds: f.tagIds ? JSON.stringify(f.tagIds) : null,
    categories: f.categories ? JSON.stringify(f.categories) : null,
    polarity: f.polarity ?? null,
  };
}

/**
 * The bucket key (first day) of `day` in SQL: the day itself, the first day of its week for a week
 * starting on :weekStart (0 = Sunday, like strftime('%w')), or the first of its month.
 */
export function bucketExpr(bucket: Bucket, day = 'e.day'): string {
  if (bucket === 'day') return day;
  if (bucket === 'week') return `date(${day}, '-' || ((CAST(strftime('%w', ${day}) AS INTEGER) - :weekStart + 7) % 7) || ' days')`;
  return `substr(${day}, 1, 8) || '01'`;
}

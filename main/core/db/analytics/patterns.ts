/** Per-pattern insights: the most frequent patterns with their change, and each pattern's history. */
import { daysBetween, type PatternHistory, type PatternRef, type TopPatterns } from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import type { Scope } from './range.js';
import { patternHistoryIx, topPatternsIx } from './indexed.js';
import { scopeParams } from './series.js';
import { entryConditions, prepared, tagCondition, ENTRY_TAGS, ensureFunctions } from './sql.js';

type TagRow = { tagId: number; label: string; category: PatternRef['category']; polarity: PatternRef['polarity']; color: string | null };
const tagCols = 't.id AS tagId, t.label AS label, t.category AS category, t.polarity AS polarity, t.color AS color';

/**
 * The `limit` patterns seen in the most entries in the range (ties: lower id first), each with its
 * count in the previous period of equal length and the change (null for "all time").
 */
export function topPatterns(db: DB, s: Scope, limit: number): TopPatterns {
  if (!s.period) return { period: null, previous: null, items: [] };
  if (s.mem) return topPatternsIx(s.mem, s, limit);
  const rows = prepared(
    db,
    s.rollups
      ? // Read in key order (pattern, day) so the grouping streams; '+' keeps the day index out.
        `SELECT ${tagCols}, r.count AS count, r.previousCount AS previousCount
         FROM (
           SELECT tag_id, total(CASE WHEN day >= :from THEN n END) AS count, total(CASE WHEN day < :from THEN n END) AS previousCount
           FROM rollup_tag WHERE +day >= :pfrom AND +day <= :to GROUP BY tag_id
         ) r CROSS JOIN tags t ON t.id = r.tag_id
         WHERE r.count > 0
         ORDER BY count DESC, t.id LIMIT :limit`
      : `SELECT ${tagCols}, total(e.day >= :from) AS count, total(e.day < :from) AS previousCount
         FROM ${ENTRY_TAGS}
         WHERE ${entryConditions(s.filter, { from: ':pfrom', tags: false })} AND ${tagCondition(s.filter)}
         GROUP BY t.id HAVING count > 0
         ORDER BY count DESC, t.id LIMIT :limit`,
  ).all({ ...scopeParams(s), limit }) as (TagRow & { count: number; previousCount: number })[];
  return {
    period: s.period,
    previous: s.previous,
    items: rows.map((r) => ({
      ...r,
      previousCount: s.previous ? r.previousCount : null,
      change: s.previous ? r.count - r.previousCount : null,
    })),
  };
}

/**
 * First and last day seen, days since, and the longest gap between two consecutive days on which the
 * pattern was seen — one grouped pass over (pattern, day).
 */
export function patternHistory(db: DB, s: Scope): PatternHistory {
  if (!s.period) return { today: s.today, period: null, items: [] };
  if (s.mem) return patternHistoryIx(s.mem, s);
  ensureFunctions(db);
  const rows = prepared(
    db,
    `WITH seen AS (
       ${
         s.rollups
           ? 'SELECT tag_id AS tag, day, n FROM rollup_tag WHERE +day >= :from AND +day <= :to'
           : `SELECT et.tag_id AS tag, e.day AS day, count(*) AS n
              FROM ${ENTRY_TAGS}
              WHERE ${entryConditions(s.filter, { tags: false })} AND ${tagCondition(s.filter)}
              GROUP BY 1, 2`
       }
     )
     SELECT ${tagCols}, h.count, h.days, h.firstSeen, h.lastSeen, h.longestGapDays
     FROM (
       SELECT tag, sum(n) AS count, count(*) AS days, min(day) AS firstSeen, max(day) AS lastSeen,
         fulcrum_longest_gap(CAST(julianday(day) AS INTEGER) ORDER BY day) AS longestGapDays
       FROM seen GROUP BY tag
     ) h CROSS JOIN tags t ON t.id = h.tag
     ORDER BY h.count DESC, t.id`,
  ).all(scopeParams(s)) as (TagRow & { count: number; days: number; firstSeen: string; lastSeen: string; longestGapDays: number | null })[];
  return {
    today: s.today,
    period: s.period,
    items: rows.map((r) => ({ ...r, daysSinceLast: Math.max(0, daysBetween(r.lastSeen, s.today)) })),
  };
}

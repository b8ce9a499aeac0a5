/** Per-pattern insights: the most frequent patterns with their change, and each pattern's history. */
import { daysBetween, type PatternHistory, type PatternRef, type TopPatterns } from '../../../shared/insights.js';
import type { DB } from '../db/index.js';
import type { Scope } from './range.js';
import { scopeParams } from './series.js';
import { entryConditions, prepared, tagCondition, ENTRY_TAGS } from './sql.js';

type TagRow = { tagId: number; label: string; category: PatternRef['category']; polarity: PatternRef['polarity']; color: string | null };
const tagCols = 't.id AS tagId, t.label AS label, t.category AS category, t.polarity AS polarity, t.color AS color';

/**
 * The `limit` patterns seen in the most entries in the range (ties: lower id first), each with its
 * count in the previous period of equal length and the change (null for "all time").
 */
export function topPatterns(db: DB, s: Scope, limit: number): TopPatterns {
  if (!s.period) return { period: null, previous: null, items: [] };
  const rows = prepared(
    db,
    `SELECT ${tagCols}, total(e.day >= :from) AS count, total(e.day < :from) AS previousCount
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
 * pattern was seen — one grouped pass with a window function over (pattern, day).
 */
export function patternHistory(db: DB, s: Scope): PatternHistory {
  if (!s.period) return { today: s.today, period: null, items: [] };
  const rows = prepared(
    db,
    `WITH seen AS (
       SELECT et.tag_id AS tag, e.day AS day, count(*) AS n
       FROM ${ENTRY_TAGS}
       WHERE ${entryConditions(s.filter, { tags: false })} AND ${tagCondition(s.filter)}
       GROUP BY 1, 2
     ), gaps AS (
       SELECT tag, day, n, CAST(julianday(day) - julianday(lag(day) OVER (PARTITION BY tag ORDER BY day)) AS INTEGER) AS gap
       FROM seen
     )
     SELECT ${tagCols}, sum(g.n) AS count, count(*) AS days, min(g.day) AS firstSeen, max(g.day) AS lastSeen, max(g.gap) AS longestGapDays
     FROM gaps g JOIN tags t ON t.id = g.tag
     GROUP BY t.id
     ORDER BY count DESC, t.id`,
  ).all(scopeParams(s)) as (TagRow & { count: number; days: number; firstSeen: string; lastSeen: string; longestGapDays: number | null })[];
  return {
    today: s.today,
    period: s.period,
    items: rows.map((r) => ({ ...r, daysSinceLast: Math.max(0, daysBetween(r.lastSeen, s.today)) })),
  };
}

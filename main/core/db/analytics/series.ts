/**
 * Bucketed series: pattern counts by category, balance of power per person, the four "felt" scores,
 * and the healthy share. One grouped query per series; the bucket is computed in SQL from `day`.
 * Rows of the previous period come back in the same pass with a NULL bucket.
 */
import { CATEGORIES, POLARITIES, type Category, type Polarity } from '../../../../shared/catalogue.js';
import {
  SCORE_MEASURES,
  type BalanceSeries,
  type BalanceTrend,
  type HealthyShare,
  type PatternCounts,
  type ScoreTrends,
} from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import type { Scope } from './range.js';
import { balanceTrendIx, healthyShareIx, patternCountsIx, scoreTrendsIx } from './indexed.js';
import { healthyShareOf, movingMean, ratio } from './mean.js';
import { bucketExpr, entryConditions, filterParams, personCondition, prepared, tagCondition, type Params, ENTRIES, ENTRY_TAGS, ENTRY_PEOPLE } from './sql.js';

/** Named parameters every query may use (unused ones are ignored). */
export function scopeParams(s: Scope): Params {
  return {
    from: s.period?.from ?? null,
    to: s.period?.to ?? null,
    // Start of the previous period when there is one, so a single pass covers both.
    pfrom: s.previous?.from ?? s.period?.from ?? null,
    weekStart: s.weekStart,
    ...filterParams(s.filter),
  };
}

/** The bucket of a day column, or NULL for rows of the previous period. */
function bucketOrPrevious(s: Scope, day = 'd'): string {
  return `CASE WHEN ${day} < :from THEN NULL ELSE ${bucketExpr(s.axis.bucket, day)} END`;
}

/*
 * Two-level grouping: the inner query groups by `e.day` (plus a dimension), which follows the day
 * index; the outer query folds those few rows (one per day, not per entry) into buckets. The bucket
 * expression then runs once per day instead of once per entry, and grouping by day alone needs no
 * sort at all. Without a filter, the inner query is the per-day rollup table itself (rollups.ts).
 */

const zeros = (n: number) => new Array<number>(n).fill(0);

export function patternCounts(db: DB, s: Scope): PatternCounts {
  const n = s.axis.buckets.length;
  const byPolarity = POLARITIES.map((polarity) => ({ polarity, values: zeros(n), total: 0, previousTotal: s.previous ? 0 : null }));
  if (!s.period) return { axis: s.axis, series: [], byPolarity };
  if (s.mem) return patternCountsIx(s.mem, s);
  const params = scopeParams(s);
  const join = (from: string) => `FROM ${ENTRY_TAGS}
    WHERE ${entryConditions(s.filter, { from, tags: false })} AND ${tagCondition(s.filter)}`;

  const stacks = prepared(
    db,
    `SELECT ${bucketExpr(s.axis.bucket, 'd')} AS b, category, polarity, sum(n) AS n FROM (
       ${
         s.rollups
           ? 'SELECT day AS d, category, polarity, n FROM rollup_kind WHERE day >= :from AND day <= :to'
           : `SELECT e.day AS d, t.category AS category, t.polarity AS polarity, count(DISTINCT e.id) AS n ${join(':from')} GROUP BY 1, 2, 3`
       }
     ) GROUP BY 1, 2, 3`,
  ).all(params) as { b: string; category: Category; polarity: Polarity; n: number }[];
  const seriesMap = new Map<string, PatternCounts['series'][number]>();
  for (const r of stacks) {
    const i = s.index.get(r.b);
    if (i === undefined) continue;
    const key = `${r.category}/${r.polarity}`;
    let ser = seriesMap.get(key);
    if (!ser) seriesMap.set(key, (ser = { category: r.category, polarity: r.polarity, values: zeros(n), total: 0 }));
    ser.values[i] = r.n;
    ser.total += r.n;
  }
  const catOrder = (c: string) => (CATEGORIES as readonly string[]).indexOf(c);
  const polOrder = (p: string) => (POLARITIES as readonly string[]).indexOf(p);
  const series = [...seriesMap.values()].sort(
    (a, b) => catOrder(a.category) - catOrder(b.category) || polOrder(a.polarity) - polOrder(b.polarity) || a.category.localeCompare(b.category),
  );

  const polar = prepared(
    db,
    `SELECT ${bucketOrPrevious(s)} AS b, polarity, sum(n) AS n FROM (
       ${
         s.rollups
           ? 'SELECT day AS d, polarity, n FROM rollup_polarity WHERE day >= :pfrom AND day <= :to'
           : `SELECT e.day AS d, t.polarity AS polarity, count(DISTINCT e.id) AS n ${join(':pfrom')} GROUP BY 1, 2`
       }
     ) GROUP BY 1, 2`,
  ).all(params) as { b: string | null; polarity: Polarity; n: number }[];
  for (const r of polar) {
    const ser = byPolarity.find((p) => p.polarity === r.polarity);
    if (!ser) continue;
    if (r.b === null) ser.previousTotal = r.n;
    else {
      const i = s.index.get(r.b);
      if (i === undefined) continue;
      ser.values[i] = r.n;
      ser.total += r.n;
    }
  }
  return { axis: s.axis, series, byPolarity };
}

interface SumRow {
  b: string | null;
  n: number;
  nb: number;
  sb: number;
  nh: number;
  sh: number;
  nr: number;
  sr: number;
  nv: number;
  sv: number;
  ni: number;
  si: number;
}
const MEASURES = { b: 'balance', h: 'heard', r: 'respected', v: 'valued', i: 'involved' } as const;
const innerMeasures = Object.entries(MEASURES)
  .map(([k, col]) => `count(e.${col}) AS n${k}, total(e.${col}) AS s${k}`)
  .join(', ');
const rollupMeasures = Object.keys(MEASURES)
  .map((k) => `n${k}, s${k}`)
  .join(', ');
const outerMeasures = Object.keys(MEASURES)
  .map((k) => `sum(n${k}) AS n${k}, total(s${k}) AS s${k}`)
  .join(', ');

/** Sums and counts per bucket (and for the previous period, b = NULL) over the filtered entries. */
function measureSums(db: DB, s: Scope): SumRow[] {
  return prepared(
    db,
    `SELECT ${bucketOrPrevious(s)} AS b, sum(n) AS n, ${outerMeasures} FROM (
       ${
         s.rollups
           ? `SELECT day AS d, n, ${rollupMeasures} FROM rollup_day WHERE day >= :pfrom AND day <= :to`
           : `SELECT e.day AS d, count(*) AS n, ${innerMeasures} FROM ${ENTRIES} WHERE ${entryConditions(s.filter, { from: ':pfrom' })} GROUP BY 1`
       }
     ) GROUP BY 1`,
  ).all(scopeParams(s)) as SumRow[];
}

function balanceSeries(personId: number | null, s: Scope, rows: { b: string | null; n: number; nb: number; sb: number }[], window: number): BalanceSeries {
  const len = s.axis.buckets.length;
  const entries = zeros(len);
  const rated = zeros(len);
  const sums = zeros(len);
  let previous: { n: number; s: number } | null = s.previous ? { n: 0, s: 0 } : null;
  for (const r of rows) {
    if (r.b === null) {
      if (previous) previous = { n: r.nb, s: r.sb };
      continue;
    }
    const i = s.index.get(r.b);
    if (i === undefined) continue;
    entries[i] = r.n;
    rated[i] = r.nb;
    sums[i] = r.sb;
  }
  const totalRated = rated.reduce((a, b) => a + b, 0);
  return {
    personId,
    values: sums.map((x, i) => ratio(x, rated[i]!)),
    moving: movingMean(sums, rated, window),
    rated,
    entries,
    mean: ratio(sums.reduce((a, b) => a + b, 0), totalRated),
    previousMean: previous ? ratio(previous.s, previous.n) : null,
  };
}

/** Moving-average window, in buckets (3 days, 3 weeks or 3 months). */
export const MOVING_WINDOW = 3;

export function balanceTrend(db: DB, s: Scope, window = MOVING_WINDOW): BalanceTrend {
  if (!s.period) return { axis: s.axis, window, overall: balanceSeries(null, s, [], window), people: [] };
  if (s.mem) return balanceTrendIx(s.mem, s, window);
  const overall = balanceSeries(null, s, measureSums(db, s), window);
  const rows = prepared(
    db,
    `SELECT p, ${bucketOrPrevious(s)} AS b, sum(n) AS n, sum(nb) AS nb, total(sb) AS sb FROM (
       ${
         s.rollups
           ? 'SELECT person_id AS p, day AS d, n, nb, sb FROM rollup_person WHERE day >= :pfrom AND day <= :to'
           : `SELECT ep.person_id AS p, e.day AS d, count(*) AS n, count(e.balance) AS nb, total(e.balance) AS sb
              FROM ${ENTRY_PEOPLE}
              WHERE ${entryConditions(s.filter, { from: ':pfrom' })} AND ${personCondition(s.filter)}
              GROUP BY 1, 2`
       }
     ) GROUP BY 1, 2`,
  ).all(scopeParams(s)) as { p: number; b: string | null; n: number; nb: number; sb: number }[];
  const byPerson = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byPerson.get(r.p) ?? [];
    list.push(r);
    byPerson.set(r.p, list);
  }
  const people = [...byPerson.entries()]
    .map(([p, list]) => balanceSeries(p, s, list, window))
    .filter((ser) => ser.entries.some((x) => x > 0))
    .sort((a, b) => (a.personId ?? 0) - (b.personId ?? 0));
  return { axis: s.axis, window, overall, people };
}

export function scoreTrends(db: DB, s: Scope): ScoreTrends {
  if (s.mem) return scoreTrendsIx(s.mem, s);
  const len = s.axis.buckets.length;
  const rows = s.period ? measureSums(db, s) : [];
  const cols = { heard: ['nh', 'sh'], respected: ['nr', 'sr'], valued: ['nv', 'sv'], involved: ['ni', 'si'] } as const;
  const entries = zeros(len);
  const series = SCORE_MEASURES.map((measure) => {
    const [nk, sk] = cols[measure];
    const rated = zeros(len);
    const sums = zeros(len);
    let prev: { n: number; s: number } = { n: 0, s: 0 };
    for (const r of rows) {
      if (r.b === null) {
        prev = { n: r[nk], s: r[sk] };
        continue;
      }
      const i = s.index.get(r.b);
      if (i === undefined) continue;
      rated[i] = r[nk];
      sums[i] = r[sk];
      entries[i] = r.n;
    }
    return {
      measure,
      values: sums.map((x, i) => ratio(x, rated[i]!)),
      rated,
      mean: ratio(sums.reduce((a, b) => a + b, 0), rated.reduce((a, b) => a + b, 0)),
      previousMean: s.previous ? ratio(prev.s, prev.n) : null,
    };
  });
  return { axis: s.axis, entries, series };
}

export function healthyShare(db: DB, s: Scope): HealthyShare {
  if (s.mem) return healthyShareIx(s.mem, s);
  const len = s.axis.buckets.length;
  const healthy = zeros(len);
  const imbalance = zeros(len);
  let prev = { h: 0, i: 0 };
  if (s.period) {
    const rows = prepared(
      db,
      `SELECT ${bucketOrPrevious(s)} AS b, total(h) AS h, total(i) AS i FROM (
         ${
           s.rollups
             ? 'SELECT day AS d, th AS h, ti AS i FROM rollup_day WHERE day >= :pfrom AND day <= :to'
             : `SELECT e.day AS d, total(t.polarity = 'healthy') AS h, total(t.polarity = 'imbalance') AS i
                FROM ${ENTRY_TAGS}
                WHERE ${entryConditions(s.filter, { from: ':pfrom', tags: false })} AND ${tagCondition(s.filter)}
                GROUP BY 1`
         }
       ) GROUP BY 1`,
    ).all(scopeParams(s)) as { b: string | null; h: number; i: number }[];
    for (const r of rows) {
      if (r.b === null) {
        prev = { h: r.h, i: r.i };
        continue;
      }
      const idx = s.index.get(r.b);
      if (idx === undefined) continue;
      healthy[idx] = r.h;
      imbalance[idx] = r.i;
    }
  }
  return healthyShareOf(s, healthy, imbalance, prev);
}

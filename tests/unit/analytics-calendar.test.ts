/** The calendar helpers shared by core and renderer, and their SQL twins, agree on every day. */
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  autoBucket,
  bucketOf,
  bucketsFor,
  chartRows,
  daysBetween,
  drillFilter,
  weekStartOf,
  type Bucket,
} from '../../shared/insights.js';
import { bucketExpr } from '../../main/core/db/analytics/sql.js';

const dayArb = fc.integer({ min: 0, max: 200 * 365 }).map((n) => addDays('1900-01-01', n));

describe('calendar days', () => {
  it('add and count days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-02-10', '2024-03-02')).toBe(21);
    fc.assert(fc.property(dayArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
  });

  it('start weeks on the chosen day', () => {
    // Wednesday 1 Jan 2025.
    expect(weekStartOf('2025-01-01', 1)).toBe('2024-12-30');
    expect(weekStartOf('2025-01-01', 0)).toBe('2024-12-29');
    expect(weekStartOf('2025-01-01', 3)).toBe('2025-01-01');
    expect(weekStartOf('2025-01-01', 6)).toBe('2024-12-28');
  });

  it('bucket a day in SQL exactly as in TypeScript, for every bucket and week start', () => {
    const db = new Database(':memory:');
    const stmts = Object.fromEntries((['day', 'week', 'month'] as const).map((b) => [b, db.prepare(`SELECT ${bucketExpr(b, ':day')} AS k`).pluck()]));
    fc.assert(
      fc.property(dayArb, fc.constantFrom<Bucket>('day', 'week', 'month'), fc.integer({ min: 0, max: 6 }), (day, bucket, weekStart) => {
        expect(stmts[bucket]!.get({ day, weekStart })).toBe(bucketOf(day, bucket, weekStart));
      }),
      { numRuns: 3000 },
    );
    db.close();
  });

  it('choose days up to a month, weeks up to six months, then months', () => {
    expect(autoBucket('2024-01-01', '2024-01-01')).toBe('day');
    expect(autoBucket('2024-01-01', '2024-01-31')).toBe('day');
    expect(autoBucket('2024-01-01', '2024-02-01')).toBe('week');
    expect(autoBucket('2024-01-01', '2024-07-04')).toBe('week');
    expect(autoBucket('2024-01-01', '2024-07-05')).toBe('month');
  });

  it('cover a range with whole buckets clipped at its ends, without gaps or overlaps', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 800 }), fc.constantFrom<Bucket>('day', 'week', 'month'), fc.integer({ min: 0, max: 6 }), (from, len, bucket, ws) => {
        const to = addDays(from, len);
        const bs = bucketsFor(from, to, bucket, ws);
        expect(bs[0]!.from).toBe(from);
        expect(bs.at(-1)!.to).toBe(to);
        bs.forEach((b, i) => {
          expect(b.key).toBe(bucketOf(b.from, bucket, ws));
          expect(bucketOf(b.to, bucket, ws)).toBe(b.key);
          if (i > 0) expect(b.from).toBe(addDays(bs[i - 1]!.to, 1));
        });
      }),
    );
  });
});

describe('chart helpers', () => {
  it('turn series into rows for the chart library', () => {
    const buckets = bucketsFor('2024-03-01', '2024-03-03', 'day', 1);
    expect(chartRows(buckets, { imbalance: [1, 0, 2], share: [0.5, null, 1] })).toEqual([
      { key: '2024-03-01', from: '2024-03-01', to: '2024-03-01', imbalance: 1, share: 0.5 },
      { key: '2024-03-02', from: '2024-03-02', to: '2024-03-02', imbalance: 0, share: null },
      { key: '2024-03-03', from: '2024-03-03', to: '2024-03-03', imbalance: 2, share: 1 },
    ]);
  });

  it('turn a click into the timeline filter: the clicked series replaces the list it narrows', () => {
    const tags = [
      { id: 1, category: 'money', polarity: 'imbalance' },
      { id: 2, category: 'money', polarity: 'healthy' },
      { id: 3, category: 'decisions', polarity: 'imbalance' },
    ] as const;
    const week = { from: '2024-03-04', to: '2024-03-10' };
    expect(drillFilter({}, { ...week, category: 'money', polarity: 'imbalance' }, tags)).toEqual({ ...week, categories: ['money'], polarity: 'imbalance' });
    expect(drillFilter({ personIds: [4, 5], domains: ['work'] }, { ...week, personId: 5 }, tags)).toEqual({ ...week, personIds: [5], domains: ['work'] });
    expect(drillFilter({ categories: ['money', 'decisions'] }, { ...week, tagId: 3 }, tags)).toEqual({ ...week, tagIds: [3], categories: ['money', 'decisions'] });
    // Under a pattern filter, a category/polarity bar keeps only the filter's patterns of that kind.
    expect(drillFilter({ tagIds: [1, 2, 3] }, { ...week, polarity: 'imbalance' }, tags)).toEqual({ ...week, tagIds: [1, 3], polarity: 'imbalance' });
    expect(drillFilter({ tagIds: [1, 2, 3] }, { ...week, category: 'money', polarity: 'healthy' }, tags)).toEqual({
      ...week,
      tagIds: [2],
      categories: ['money'],
      polarity: 'healthy',
    });
    expect(drillFilter({ personIds: [], domains: [] }, { from: '2024-03-05', to: '2024-03-05' }, tags)).toEqual({ from: '2024-03-05', to: '2024-03-05' });
  });
});

/**
 * Every insight, computed by SQL over a real encrypted journal, equals a brute-force recomputation in
 * TypeScript — over many random journals (people, patterns incl. custom and neutral ones, days across
 * DST changes, year ends and a leap day, missing scores, trashed entries, check-ins on any weekday)
 * and random queries (ranges or all time, bucket sizes, week starts, every filter).
 */
import fc from 'fast-check';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../main/core/db/index.js';
import { seedJournal } from '../../main/core/db/seed.js';
import { checkInsDue, checkInTrends, overview, patternHistory, readyIndex, startInsightIndex, withScope } from '../../main/core/db/analytics/index.js';
import { tempDir } from '../helpers/files.js';
import { brute, bruteCheckIns, bruteDue, journalArb, load, queryArb, rounded, dayArb } from './analytics-helpers.js';

let db: DB;
beforeAll(async () => {
  db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  seedJournal(db, 'random-journal', 0);
  // The in-memory index, built once; every journal loaded below reaches it through its dirty days.
  await startInsightIndex(db, new AbortController().signal);
  expect(readyIndex(db)).not.toBeNull();
});
afterAll(() => db.close());

const RUNS = Number(process.env.FULCRUM_PROPERTY_RUNS ?? 200);

describe('insights equal a brute-force recomputation', () => {
  it('for every chart of the overview and the pattern history', () => {
    fc.assert(
      fc.property(
        journalArb.chain((j) => fc.tuple(fc.constant(j), queryArb(j))),
        ([j, q]) => {
          const tags = load(db, j);
          const want = brute(j, tags, q);
          // Every way: through the per-day rollups (used when there is no filter), over the entries in
          // SQL, and over the in-memory index (with and without a filter).
          for (const way of ['rollups', 'entries', 'index'] as const) {
            const ctx = { today: q.today, weekStart: q.weekStart, rollups: way === 'rollups', index: way === 'index' };
            if (way === 'index') expect(withScope(db, q, ctx, (s) => s.mem !== null || s.period === null)).toBe(true);
            else expect(withScope(db, q, ctx, (s) => s.mem)).toBeNull();
            const got = withScope(db, q, ctx, (s) => overview(db, s, q.limit));
            expect(rounded(got.patterns)).toEqual(rounded(want.overview.patterns));
            expect(rounded(got.balance)).toEqual(rounded(want.overview.balance));
            expect(rounded(got.scores)).toEqual(rounded(want.overview.scores));
            expect(rounded(got.healthyShare)).toEqual(rounded(want.overview.healthyShare));
            expect(rounded(got.topPatterns)).toEqual(rounded(want.overview.topPatterns));
            expect(rounded(got.heatmap)).toEqual(rounded(want.overview.heatmap));
            expect(rounded(got.domains)).toEqual(rounded(want.overview.domains));
            expect(rounded(got.people)).toEqual(rounded(want.overview.people));
            expect(got.ahead).toEqual(want.overview.ahead);
            expect(rounded(withScope(db, q, ctx, (s) => patternHistory(db, s)))).toEqual(rounded(want.patternHistory));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('for check-in trends and the check-ins due', () => {
    fc.assert(
      fc.property(
        journalArb,
        fc.option(dayArb, { nil: undefined }),
        fc.option(dayArb, { nil: undefined }),
        dayArb,
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (j, a, b, today, weekStart, narrow) => {
          load(db, j);
          const q: { from?: string; to?: string; personIds?: number[] } = {};
          if (a) q.from = a;
          if (b) q.to = b;
          if (a && b && a > b) [q.from, q.to] = [b, a];
          if (narrow && j.people.length) q.personIds = [j.people[0]!.id];
          expect(rounded(checkInTrends(db, q, today, weekStart))).toEqual(rounded(bruteCheckIns(j, { ...q, today, weekStart })));
          expect(checkInsDue(db, today, weekStart)).toEqual(bruteDue(j, today, weekStart));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

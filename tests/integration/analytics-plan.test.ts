/**
 * Every insight query is index-driven: entries are read only through the day index, across the
 * asked range (never a scan of the entries table with its text), and the link tables only by key.
 * The SQL is captured as the real aggregations run, then EXPLAIN QUERY PLAN is asked of each.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../main/core/db/index.js';
import { seedJournal } from '../../main/core/db/seed.js';
import { checkInsDue, checkInTrends, invalidateRollups, overview, patternHistory, withScope } from '../../main/core/db/analytics/index.js';
import { selectedEntryIds } from '../../main/core/db/analytics/report.js';
import type { InsightFilter } from '../../shared/insights.js';
import { tempDir } from '../helpers/files.js';
import { load, type RJournal } from './analytics-helpers.js';

/** A database handle that records every statement run through it, with its parameters. */
function recording(db: DB) {
  const seen = new Map<string, unknown>();
  // A statement cache of its own: the connection's cache would hand back statements prepared before
  // recording started, without going through prepare.
  const statements = new Map<string, unknown>();
  const wrap = <T extends object>(target: T, onCall: (name: PropertyKey, args: unknown[]) => void): T => {
    const proxy: T = new Proxy(target, {
      get(t, p) {
        const v = Reflect.get(t, p, t) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          onCall(p, args);
          const r = (v as (...a: unknown[]) => unknown).apply(t, args);
          return r === t ? proxy : r; // pluck(), raw(): keep recording
        };
      },
    });
    return proxy;
  };
  const proxy = new Proxy(db, {
    get(t, p) {
      if (p === 'statements') return statements;
      if (p === 'prepare') {
        return (sql: string) => wrap(t.prepare(sql), (name, args) => {
          if (name === 'all' || name === 'get' || name === 'run') seen.set(sql, args[0] ?? {});
        });
      }
      const v = Reflect.get(t, p, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { db: proxy, seen };
}

function journal(): RJournal {
  const entries = Array.from({ length: 400 }, (_, i) => ({
    day: new Date(Date.UTC(2023, 0, 1) + i * 2 * 86_400_000).toISOString().slice(0, 10),
    deleted: i % 17 === 0,
    balance: (i % 7) - 3,
    intensity: 1 + (i % 5),
    heard: 1 + (i % 5),
    respected: null,
    valued: 1 + ((i * 3) % 5),
    involved: 2,
    people: [1 + (i % 3)],
    tags: [1 + (i % 40), 41 + (i % 5)],
    domains: [(['finances', 'work', 'household'] as const)[i % 3]!],
  }));
  return {
    people: [1, 2, 3].map((id) => ({ id, archived: false })),
    custom: [],
    entries,
    checkins: [{ personId: 1, week: '2024-01-01', values: { heard: 3, respected: 3, involved: 3, fairShare: 3, boundaries: 3, safe: 3 } }],
  };
}

const FILTERS: [string, InsightFilter][] = [
  ['no filter', {}],
  ['a person', { personIds: [2] }],
  ['patterns', { tagIds: [3, 4] }],
  ['a category and polarity', { categories: ['decisions'], polarity: 'imbalance' }],
  ['a domain', { domains: ['work'] }],
  ['everything at once', { personIds: [1, 2], tagIds: [3, 42], categories: ['money', 'decisions', 'connection'], polarity: 'healthy', domains: ['finances', 'work'] }],
];

describe('insight query plans', () => {
  const base = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  seedJournal(base, 'plans', 0);
  load(base, journal());

  for (const [name, filter] of FILTERS) {
    for (const range of [{ from: '2023-06-01', to: '2023-08-31' }, {}]) {
      it(`read entries through the day index only${'from' in range ? ', across the range' : ', all time'}, with ${name}`, () => {
        // Some days stale, so the rollups' refresh runs too (it does when there is no filter).
        invalidateRollups(base);
        const { db, seen } = recording(base);
        const q = { ...range, filter };
        withScope(db, q, { today: '2025-01-01', weekStart: 1 }, (s) => {
          overview(db, s);
          patternHistory(db, s);
        });
        checkInTrends(db, { ...range, personIds: filter.personIds }, '2025-01-01', 1);
        checkInsDue(db, '2025-01-01', 1);
        expect(seen.size).toBeGreaterThan(10);
        for (const [sql, params] of seen) {
          const plan = (base.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as object) as { detail: string }[]).map((r) => r.detail);
          const where = `${plan.join('\n')}\n-- for --\n${sql}`;
          for (const line of plan) {
            // No full scan of any journal table: only json_each lists, CTEs and subquery results, the
            // list of stale days, and rollup_tag (one row per pattern and day, read in key order) are.
            if (/^SCAN /.test(line)) expect(line, where).toMatch(/^SCAN (json_each|seen|h|m|r|p|d|rollup_dirty|rollup_tag|\(subquery-\d+\))( |$)/);
            if (/^SCAN d\b/.test(line)) expect(sql, where).toMatch(/FROM rollup_dirty d/);
            if (/\b(SEARCH|SCAN) rollup_(day|kind|polarity|person|domain)\b/.test(line)) {
              expect(line, where).toMatch(/^SEARCH rollup_\w+ USING PRIMARY KEY \(day>\? AND day<\?\)$|^SEARCH rollup_\w+ USING (COVERING )?INDEX|USING PRIMARY KEY \(day=\?\)/);
            }
            // The people table (for the check-ins due) is small and read whole on purpose; entries never.
            if (/^SCAN p\b/.test(line)) expect(sql, where).toMatch(/FROM people p/);
            if (/\b(SEARCH|SCAN) e\b/.test(line)) {
              // A range of days, or (refreshing the rollups) one stale day at a time.
              expect(line, where).toMatch(/^SEARCH e USING (COVERING )?INDEX entries_live_day \((day>\? AND day<\?|day=\?)\)$/);
            }
            // The first live day: either index of live entries that leads with the day answers it at once.
            if (/\b(SEARCH|SCAN) entries\b/.test(line)) expect(line, where).toMatch(/^SEARCH entries USING (COVERING )?INDEX entries_live_(day|report)\b/);
            if (/\b(SEARCH|SCAN) (et|ep|ed|xt|xg|fp|fd|ft|fc)\b/.test(line)) expect(line, where).toMatch(/USING (COVERING INDEX|PRIMARY KEY|INTEGER PRIMARY KEY|INDEX)/);
            if (/\bSEARCH c\b/.test(line)) expect(line, where).toMatch(/USING (COVERING )?INDEX (checkins_week|sqlite_autoindex_checkins_1)/);
          }
        }
      });
    }
  }
});

describe('report selection query plans', () => {
  const base = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  seedJournal(base, 'plans', 0);
  load(base, journal());
  const live = (base.prepare('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY occurred_at, id').pluck().all() as number[]).slice(0, 50);

  for (const personIds of [[], [2]]) {
    it(`reads hand-picked entries by their ids, never by walking the range${personIds.length ? ', with a person' : ''}`, () => {
      const picked = [...live.filter((_, i) => i % 3 === 0)].reverse();
      const { db, seen } = recording(base);
      const ids = selectedEntryIds(db, { from: '0000-01-01', to: '9999-12-31', personIds, select: 'picked', pickedIds: [...picked, 999_999] });
      // The picked ones that exist and match, oldest first; an id that is nowhere is simply absent.
      const expected = base
        .prepare(
          `SELECT e.id FROM entries e WHERE e.deleted_at IS NULL AND e.id IN (SELECT value FROM json_each(?))${personIds.length ? ' AND EXISTS (SELECT 1 FROM entry_people p WHERE p.entry_id = e.id AND p.person_id = 2)' : ''} ORDER BY e.occurred_at, e.id`,
        )
        .pluck()
        .all(JSON.stringify(picked)) as number[];
      expect(ids).toEqual(expected);
      expect(ids.length).toBeGreaterThan(0);
      expect(seen.size).toBe(1);
      for (const [sql, params] of seen) {
        const plan = (base.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as object) as { detail: string }[]).map((r) => r.detail);
        const lines = plan.filter((l) => /\b(SEARCH|SCAN) e\b/.test(l));
        expect(lines, plan.join('\n')).toEqual([expect.stringMatching(/^SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)$/)]);
      }
    });
  }
});

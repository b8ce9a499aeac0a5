/**
 * What the history's checks and a report's proofs read, counted statement by statement (no clocks):
 * the check after unlock reads only what was added since the last clean check, never a statement
 * that walks the whole revisions table; and a report's proofs are read in batches, so the statements
 * it runs do not grow with the entries it proves. Their times are in `npm run bench` (ledger rows).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../main/core/db/index.js';
import { createEntry, updateEntry, verifyAll, verifySinceLastCheck } from '../../main/core/db/repos/index.js';
import { buildEvidence } from '../../main/core/report/evidence.js';
import { checkEvidence } from '../../shared/evidence.js';
import { EntryInput } from '../../shared/schemas.js';
import { ReportConfig } from '../../shared/report.js';
import { tempDir } from '../helpers/journal.js';

const T0 = Date.UTC(2025, 0, 6, 9);

function journal(entries: number, edits: number): { db: DB; ids: number[]; now: number } {
  const db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  let now = T0;
  const ids: number[] = [];
  for (let i = 0; i < entries; i++) ids.push(createEntry(db, EntryInput.parse({ occurredAt: T0 + i * 60_000, timeZone: 'UTC', title: `Entry ${i}`, body: `Body ${i}` }), ++now).id);
  for (let i = 0; i < edits; i++) updateEntry(db, ids[(i * 7) % ids.length]!, { body: `Edited ${i}` }, ++now);
  return { db, ids, now };
}

type Method = 'get' | 'all' | 'iterate' | 'run';
const METHODS: Method[] = ['get', 'all', 'iterate', 'run'];
let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

/** Records the SQL of every statement run on any connection until the test ends (or `stop` is called). */
function recordStatements(db: DB): { sql: string[]; stop: () => void } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, (...a: unknown[]) => unknown> & { source?: string };
  const originals = METHODS.map((m) => proto[m]);
  const sql: string[] = [];
  METHODS.forEach((m, i) => {
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      sql.push(this.source);
      return originals[i]!.apply(this, args);
    };
  });
  const stop = () => METHODS.forEach((m, i) => (proto[m] = originals[i]!));
  restore = stop;
  return { sql, stop };
}

/** Whether SQLite reads every row of `revisions` (or an index over all of them) to run `sql`. */
const scansRevisions = (db: DB, sql: string): boolean => {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1)) as { detail: string }[];
  return plan.some((p) => /^SCAN revisions\b/.test(p.detail));
};

const count = (db: DB) => db.prepare('SELECT count(*) FROM revisions').pluck().get() as number;

describe('the check after unlock', () => {
  it('reads the revisions added since the last clean check, and no statement walks the whole table; it still counts every revision', async () => {
    const { db, ids, now: t } = journal(30, 20);
    let now = t;
    try {
      expect(await verifyAll(db, ++now)).toMatchObject({ ok: true, revisions: count(db) });
      for (let round = 0; round < 3; round++) {
        for (let k = 0; k < 4; k++) updateEntry(db, ids[(round * 4 + k) % ids.length]!, { body: `Round ${round}.${k}` }, ++now);
        const { sql, stop } = recordStatements(db);
        const check = await verifySinceLastCheck(db, ++now);
        stop();
        expect(check).toMatchObject({ kind: 'incremental', ok: true, revisions: count(db) });
        const scanning = [...new Set(sql)].filter((s) => scansRevisions(db, s));
        expect(scanning).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('a checkpoint recorded before it kept its count is counted once, then carried', async () => {
    const { db, ids, now: t } = journal(12, 5);
    let now = t;
    try {
      await verifyAll(db, ++now);
      // As a journal checked by an earlier version left it: the checkpoint without its count.
      const key = 'ledger.checked';
      const kept = JSON.parse(db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string) as Record<string, unknown>;
      delete kept.count;
      db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(kept), key);
      updateEntry(db, ids[0]!, { body: 'later' }, ++now);
      expect(await verifySinceLastCheck(db, ++now)).toMatchObject({ kind: 'incremental', ok: true, revisions: count(db) });
      updateEntry(db, ids[1]!, { body: 'later still' }, ++now);
      expect(await verifySinceLastCheck(db, ++now)).toMatchObject({ kind: 'incremental', ok: true, revisions: count(db) });
    } finally {
      db.close();
    }
  });
});

describe('the full check', () => {
  it('reads each revision from its bytes as stored, and parses the ones laid out otherwise: the same verdict either way', async () => {
    const { db, now } = journal(6, 4);
    try {
      db.exec('DROP TRIGGER revisions_immutable;');
      const [seq, content] = db.prepare("SELECT seq, content FROM revisions WHERE item_type = 'entry' ORDER BY seq LIMIT 1 OFFSET 3").raw(true).get() as [number, string];
      // The same values with a space after a name: what the revision commits to is unchanged.
      db.prepare('UPDATE revisions SET content = ? WHERE seq = ?').run(content.replace('"title":', '"title": '), seq);
      expect(await verifyAll(db, now + 1)).toMatchObject({ ok: true, failures: [] });
      // A changed value is still named.
      db.prepare('UPDATE revisions SET content = ? WHERE seq = ?').run(content.replace('"title":"', '"title":"X'), seq);
      const check = await verifyAll(db, now + 2);
      expect(check.failures.map((f) => [f.seq, f.code])).toEqual([[seq, 'content-changed']]);
    } finally {
      db.close();
    }
  });
});

describe('the full check between its pauses', () => {
  it('reads the entries a batch at a time: nothing before its first pause reads the whole entries table', async () => {
    const { db, now } = journal(40, 5);
    try {
      const { sql, stop } = recordStatements(db);
      let beforeFirstPause: string[] | null = null;
      const check = await verifyAll(db, now + 1, async () => {
        beforeFirstPause ??= [...new Set(sql)];
      });
      stop();
      expect(check.ok).toBe(true);
      expect(beforeFirstPause).not.toBeNull();
      const scansEntries = (text: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...Array.from({ length: (text.match(/\?/g) ?? []).length }, () => 1)) as { detail: string }[]).some((p) =>
          /^SCAN entries\b/.test(p.detail),
        );
      expect(beforeFirstPause!.filter(scansEntries)).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('the full check across its batches', () => {
  it('names a changed revision and a changed stored node wherever they fall, batch boundaries included', async () => {
    // More revisions than several of the check's batches (it pauses between them).
    const { db, now } = journal(1030, 10);
    try {
      expect(await verifyAll(db, now + 1)).toMatchObject({ ok: true, revisions: 1040 });
      db.exec('DROP TRIGGER revisions_immutable;');
      for (const seq of [500, 501, 1001]) {
        const content = db.prepare('SELECT content FROM revisions WHERE seq = ?').pluck().get(seq) as string;
        db.prepare('UPDATE revisions SET content = ? WHERE seq = ?').run(content.replace('"body":"', '"body":"~'), seq);
      }
      // The node over revisions 1–1024 (completed in a later batch than most of its leaves).
      db.prepare('UPDATE ledger_tree SET hash = zeroblob(32) WHERE level = 10 AND idx = 0').run();
      const check = await verifyAll(db, now + 2);
      expect(check.failures.map((f) => [f.seq, f.code])).toEqual([
        [500, 'content-changed'],
        [501, 'content-changed'],
        [1001, 'content-changed'],
        [1024, 'tree-changed'],
        // Each of them was its entry's newest revision: the live entry no longer reads as it.
        [500, 'changed-without-revision'],
        [501, 'changed-without-revision'],
        [1001, 'changed-without-revision'],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('a report’s proofs', () => {
  const reportOf = (db: DB, picked: number[], now: number) =>
    buildEvidence(db, ReportConfig.parse({ range: { kind: 'dates', from: '2025-01-01', to: '2025-01-31' }, entries: { select: 'picked', pickedIds: picked, detail: 'full' } }), {
      today: '2025-01-31',
      now,
    });

  it('are read in batches: proving eight times the entries runs no more statements, and every proof checks out', async () => {
    const { db, ids, now } = journal(90, 60);
    try {
      const few = ids.filter((_, i) => i % 18 === 0);
      const many = ids.filter((_, i) => i % 2 === 0);
      expect(many.length).toBeGreaterThanOrEqual(8 * few.length);
      const runs = (picked: number[]) => {
        const { sql, stop } = recordStatements(db);
        const evidence = reportOf(db, picked, now + 1);
        stop();
        expect(evidence.entries.map((e) => e.id)).toEqual(picked);
        return { statements: sql.length, evidence };
      };
      const a = runs(few);
      const b = runs(many);
      expect(b.statements).toBeLessThanOrEqual(a.statements);
      expect((await checkEvidence(b.evidence)).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});

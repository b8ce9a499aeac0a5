/**
 * The stored ledger tree (the table `ledger_tree`, which report proofs are read from): what each save
 * adds is exactly the tree rebuilt from every revision, the upgrade writes the same, and it is never
 * trusted blindly — a changed, removed or added row is reported by the full history check, and a
 * report refuses to give a proof it cannot check.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../main/core/db/index.js';
import { createEntry, discardLedgerNodes, fillLedgerTree, startLedgerNodes, storedTree, takeReceipt, updateEntry, usableLedgerNodes, verifyAll } from '../../main/core/db/repos/index.js';
import { Tree, leafOf } from '../../main/core/ledger/merkle.js';
import { buildEvidence } from '../../main/core/report/evidence.js';
import { checkEvidence } from '../../shared/evidence.js';
import { EntryInput } from '../../shared/schemas.js';
import { ReportConfig } from '../../shared/report.js';
import { tempDir } from '../helpers/journal.js';

const T0 = Date.UTC(2025, 0, 6, 9);

/** A journal of `entries` entries, `edits` of them edited afterwards: entries + edits revisions. */
function journal(entries: number, edits: number): DB {
  const db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  let now = T0;
  const ids: number[] = [];
  for (let i = 0; i < entries; i++) ids.push(createEntry(db, EntryInput.parse({ occurredAt: T0, timeZone: 'UTC', title: `Entry ${i}`, body: `Body ${i}` }), ++now).id);
  for (let i = 0; i < edits; i++) updateEntry(db, ids[(i * 7) % ids.length]!, { body: `Edited ${i}` }, ++now);
  return db;
}

const nodes = (db: DB) => db.prepare('SELECT level, idx, hex(hash) AS hash FROM ledger_tree ORDER BY level, idx').all();
const leaves = (db: DB) =>
  (db.prepare('SELECT seq, digest FROM revisions ORDER BY seq').raw(true).all() as [number, string][]).map(([seq, digest]) => leafOf(seq, digest));
const TREE_CHANGED = /stored tree that report proofs are read from does not match/;
const damaged = () => new Error('missing node');
const report = (db: DB) =>
  buildEvidence(db, ReportConfig.parse({ range: { kind: 'dates', from: '2025-01-01', to: '2025-01-31' }, entries: { select: 'all', detail: 'full' } }), {
    today: '2025-01-31',
    now: T0 + 86_400_000,
  });

describe('the stored ledger tree', () => {
  it('what the saves stored gives the same roots and proofs as the tree rebuilt from every revision; the upgrade writes the same rows', async () => {
    const db = journal(23, 14);
    try {
      const all = leaves(db);
      const n = all.length;
      const memory = new Tree(all);
      const stored = storedTree(db, n, damaged);
      for (let size = 1; size <= n; size++) expect(stored.root(size).equals(memory.root(size))).toBe(true);
      for (let m = 0; m < n; m++) expect(stored.inclusion(m, n)).toEqual(memory.inclusion(m, n));
      for (let m = 1; m < n; m++) expect(stored.consistency(m, n)).toEqual(memory.consistency(m, n));
      // One node per perfect subtree of two or more revisions: n − popcount(n) of them.
      expect(nodes(db)).toHaveLength(n - n.toString(2).replaceAll('0', '').length);
      const saved = nodes(db);
      db.exec('DELETE FROM ledger_tree');
      fillLedgerTree(db);
      expect(nodes(db)).toEqual(saved);
      const report1 = report(db);
      expect(report1.entries).toHaveLength(23);
      expect((await checkEvidence(report1)).ok).toBe(true);
      expect(await verifyAll(db, T0)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it('a stored node changed, removed or added is reported by the full check; a report never gives a proof that does not check out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 40 }), fc.nat(), fc.constantFrom('change', 'remove', 'add'), async (entries, pick, how) => {
        const db = journal(entries, 3);
        try {
          const rows = db.prepare('SELECT level, idx, hash FROM ledger_tree ORDER BY level, idx').raw(true).all() as [number, number, Buffer][];
          const [level, idx, hash] = rows[pick % rows.length]!;
          if (how === 'change') {
            const bad = Buffer.from(hash);
            bad[pick % 32]! ^= 1;
            db.prepare('UPDATE ledger_tree SET hash = ? WHERE level = ? AND idx = ?').run(bad, level, idx);
          } else if (how === 'remove') {
            db.prepare('DELETE FROM ledger_tree WHERE level = ? AND idx = ?').run(level, idx);
          } else {
            // A node past the history's end: the subtree it names is not complete yet.
            db.prepare('INSERT INTO ledger_tree (level, idx, hash) VALUES (?, ?, ?)').run(level, Math.floor(leaves(db).length / 2 ** level), randomBytes(32));
          }
          const check = await verifyAll(db, T0);
          expect(check.ok).toBe(false);
          expect(check.failures.some((f) => TREE_CHANGED.test(f.problem))).toBe(true);
          // The report either refuses, plainly, or gives evidence that checks out: never a bad proof.
          let evidence: ReturnType<typeof report> | null = null;
          try {
            evidence = report(db);
          } catch (e) {
            expect((e as Error).message).toMatch(/history does not check out/);
          }
          if (evidence) expect((await checkEvidence(evidence)).ok).toBe(true);
        } finally {
          db.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a changed stored node a proof runs through makes the report refuse, and the next save still works', async () => {
    const db = journal(16, 0);
    try {
      // The root of revisions 1–8 is in the proof of every revision from 9 on.
      db.prepare('UPDATE ledger_tree SET hash = ? WHERE level = 3 AND idx = 0').run(randomBytes(32));
      expect(() => report(db)).toThrow(/history does not check out/);
      // Derived data: a save is never refused because of it (the node is rewritten only if the save completes it).
      expect(() => createEntry(db, EntryInput.parse({ occurredAt: T0, timeZone: 'UTC', title: 'Later', body: 'still saved' }), T0 + 1000)).not.toThrow();
      expect((await verifyAll(db, T0)).failures.some((f) => TREE_CHANGED.test(f.problem))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('a receipt’s consistency proof runs through a changed stored node: the report refuses rather than give it', async () => {
    const db = journal(5, 0);
    try {
      takeReceipt(db, T0 + 10);
      for (let i = 0; i < 11; i++) createEntry(db, EntryInput.parse({ occurredAt: T0, timeZone: 'UTC', title: `More ${i}`, body: 'more' }), T0 + 100 + i);
      const none = ReportConfig.parse({ range: { kind: 'dates', from: '2025-01-01', to: '2025-01-31' }, entries: { select: 'none' } });
      const ctx = { today: '2025-01-31', now: T0 + 86_400_000 };
      const ev = buildEvidence(db, none, ctx);
      expect(ev.receipts).toHaveLength(1);
      expect((await checkEvidence(ev)).ok).toBe(true);
      // Revisions 7–8's node is in the proof from 5 to 16 revisions only (no entry's proof, no root read).
      db.prepare('UPDATE ledger_tree SET hash = ? WHERE level = 1 AND idx = 3').run(randomBytes(32));
      expect(() => buildEvidence(db, none, ctx)).toThrow(/history does not check out/);
    } finally {
      db.close();
    }
  });
});

describe('the in-memory copy of the stored tree', () => {
  const signal = () => new AbortController().signal;

  it('holds exactly the stored nodes, and a report made from it is the one made from the file, saves since the copy included', async () => {
    const db = journal(37, 20);
    try {
      const copy = await startLedgerNodes(db, signal());
      expect(copy?.ready).toBe(true);
      expect(copy?.size).toBe(57);
      for (const r of db.prepare('SELECT level, idx, hash FROM ledger_tree').all() as { level: number; idx: number; hash: Buffer }[]) {
        expect(copy!.node(r.level, r.idx)?.equals(r.hash)).toBe(true);
      }
      expect(copy!.node(1, 28)).toBeUndefined();
      // Saves after the copy: their nodes are read from the file, the rest from the copy.
      for (let i = 0; i < 9; i++) createEntry(db, EntryInput.parse({ occurredAt: T0, timeZone: 'UTC', title: `Later ${i}`, body: 'later' }), T0 + 10_000 + i);
      expect(usableLedgerNodes(db)).toBe(copy);
      const fromCopy = report(db);
      expect((await checkEvidence(fromCopy)).ok).toBe(true);
      discardLedgerNodes(db);
      expect(db.ledgerNodes).toBeNull();
      expect(report(db)).toEqual(fromCopy);
    } finally {
      db.close();
    }
  });

  it('is what the proofs read: a stored node removed after the copy was read no longer stops a report', async () => {
    const db = journal(16, 0);
    try {
      await startLedgerNodes(db, signal());
      // The root of revisions 1–8 is in the proof of every revision from 9 on.
      db.prepare('DELETE FROM ledger_tree WHERE level = 3 AND idx = 0').run();
      const fromCopy = report(db);
      expect((await checkEvidence(fromCopy)).ok).toBe(true);
      // The file alone cannot give it; the full check names the missing node either way.
      discardLedgerNodes(db);
      expect(() => report(db)).toThrow(/history does not check out/);
      expect((await verifyAll(db, T0)).failures.some((f) => TREE_CHANGED.test(f.problem))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('stops at a stored node that is missing when it is read: proofs through it read the file, and the report refuses as before', async () => {
    const db = journal(16, 0);
    try {
      db.prepare('DELETE FROM ledger_tree WHERE level = 1 AND idx = 2').run();
      const copy = await startLedgerNodes(db, signal());
      expect(copy?.ready).toBe(true);
      expect(copy!.node(1, 1)).toBeDefined();
      expect(copy!.node(1, 2)).toBeUndefined();
      expect(copy!.node(1, 3)).toBeUndefined();
      expect(copy!.node(2, 3)).toBeDefined();
      expect(() => report(db)).toThrow(/history does not check out/);
    } finally {
      db.close();
    }
  });

  it('is never used for another history: a copy whose last revision has another hash is ignored', async () => {
    const a = journal(12, 0);
    const b = journal(12, 0);
    try {
      const copy = await startLedgerNodes(a, signal());
      expect(usableLedgerNodes(a)).toBe(copy);
      b.ledgerNodes = copy;
      expect(usableLedgerNodes(b)).toBeNull();
      const fromB = report(b);
      expect((await checkEvidence(fromB)).ok).toBe(true);
      expect(fromB.head.root).not.toBe(report(a).head.root);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a lock during the build discards it; nothing is kept', async () => {
    const db = journal(40, 0);
    try {
      const lock = new AbortController();
      const built = startLedgerNodes(db, lock.signal);
      lock.abort();
      expect(await built).toBeNull();
      expect(db.ledgerNodes).toBeNull();
      expect(usableLedgerNodes(db)).toBeNull();
    } finally {
      db.close();
    }
  });
});

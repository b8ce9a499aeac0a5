import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import crypto from 'node:crypto';
import { IDLE_CHECKPOINT_MS, STEP_GAP_MS, WAL_LIMIT_BYTES, ftsMergeStep, withIdleCheckpoints } from '../../main/core/db/idle.js';
import { manualTimers as recordedTimers } from '../helpers/idle.js';
import { createEntry } from '../../main/core/db/repos/index.js';
import { EntryInput } from '../../shared/schemas.js';
import { createdService } from '../helpers/journal.js';

const walBytes = (dataDir: string) => {
  const wal = path.join(dataDir, 'journal.db-wal');
  return fs.existsSync(wal) ? fs.statSync(wal).size : 0;
};

/** Timers fired by hand. */
function manualTimers() {
  let pending: (() => void) | null = null;
  return {
    timers: {
      setTimeout: (fn: () => void) => ((pending = fn), 1),
      clearTimeout: () => void (pending = null),
    },
    fire: () => {
      const fn = pending;
      pending = null;
      fn?.();
    },
    /** Fires until nothing is scheduled (merge steps re-arm the timer), at most `max` times. */
    settle(max = 100) {
      let n = 0;
      while (pending && n++ < max) this.fire();
      return n;
    },
    get armed() {
      return pending !== null;
    },
  };
}

const entry = (n: number) => ({ occurredAt: Date.UTC(2025, 0, 1) + n * 60_000, timeZone: 'UTC', title: `Synthetic ${n}`, body: 'x'.repeat(500) });

describe('journal upkeep off the hot path', () => {
  it('leaves full-text merging to idle time: saves only add segments, idle steps merge them and search still finds everything', async () => {
    const { service } = await createdService();
    try {
      const db = service.vault.database();
      const automerge = db.prepare("SELECT v FROM entries_fts_config WHERE k = 'automerge'").pluck().get();
      expect(automerge).toBe(0);
      const rows = () => db.prepare('SELECT count(*) FROM entries_fts_data').pluck().get() as number;
      const start = rows();
      // One entry per transaction, as the app writes them: each adds its own index segment (below
      // FTS5's crisis merge at 16 segments, nothing merges them).
      for (let i = 0; i < 12; i++) createEntry(db, EntryInput.parse({ ...entry(i), body: `lantern harbour ${i} `.repeat(20) }), Date.UTC(2025, 0, 2));
      const unmerged = rows();
      expect(unmerged).toBeGreaterThanOrEqual(start + 12);
      let steps = 0;
      while (ftsMergeStep(db) && steps < 100) steps++;
      expect(steps).toBeGreaterThan(0);
      expect(rows()).toBeLessThan(unmerged);
      expect(ftsMergeStep(db)).toBe(false);
      const hits = db.prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'lantern'").pluck().get();
      expect(hits).toBe(12);
    } finally {
      service.vault.lock();
    }
  });


  it('checkpoints (and empties the WAL) only once calls have been quiet, never inside a save', async () => {
    const { service, dataDir } = await createdService();
    try {
      const clock = manualTimers();
      const dispatch = withIdleCheckpoints(service.dispatch, service.vault, { timers: clock.timers });
      for (let i = 0; i < 5; i++) expect((await dispatch('entries.create', entry(i))).ok).toBe(true);
      const pending = walBytes(dataDir);
      expect(pending).toBeGreaterThan(0);
      expect(clock.armed).toBe(true);
      clock.settle();
      expect(clock.armed).toBe(false);
      expect(walBytes(dataDir)).toBe(0);
      // Everything written is in the database file itself now.
      const n = service.vault.database().prepare('SELECT count(*) FROM entries').pluck().get();
      expect(n).toBe(5);
    } finally {
      service.vault.lock();
    }
  });

  it('waits between upkeep steps at least as long as the step before took', async () => {
    const { service } = await createdService();
    try {
      const clock = recordedTimers();
      let left = 3;
      // A step that keeps the thread for 40 ms (a purge of a long expired trash, a big merge).
      const upkeep = () => {
        const until = performance.now() + 40;
        while (performance.now() < until);
        return --left > 0;
      };
      const dispatch = withIdleCheckpoints(service.dispatch, service.vault, { timers: clock.timers, upkeep });
      await dispatch('entries.create', entry(1));
      expect(clock.lastDelay).toBe(IDLE_CHECKPOINT_MS);
      clock.fire();
      expect(clock.lastDelay).toBeGreaterThanOrEqual(40);
      clock.fire();
      expect(clock.lastDelay).toBeGreaterThanOrEqual(40);
      // Quick steps (the last one, then the merges) keep the short gap.
      clock.settle();
      expect(clock.armed).toBe(false);
    } finally {
      service.vault.lock();
    }
  });

  it('waits while a call is still running, and does nothing when the journal is locked', async () => {
    const { service, dataDir } = await createdService();
    try {
      const clock = manualTimers();
      let release: () => void = () => {};
      const slow = (channel: string, raw: unknown) =>
        channel === 'slow' ? new Promise<{ ok: true; value: null }>((r) => (release = () => r({ ok: true, value: null }))) : service.dispatch(channel, raw);
      const dispatch = withIdleCheckpoints(slow, service.vault, { timers: clock.timers });
      await dispatch('entries.create', entry(1));
      const running = dispatch('slow', {});
      clock.fire();
      expect(walBytes(dataDir)).toBeGreaterThan(0);
      release();
      await running;
      expect(clock.armed).toBe(true);
      service.vault.lock();
      clock.fire(); // locked: no database to touch, and no error
      expect(service.vault.unlocked).toBe(false);
    } finally {
      service.vault.lock();
    }
  });

  it('never checkpoints inside a save, however long the WAL grows; past its limit it checkpoints right after the call', async () => {
    const idle = recordedTimers();
    const { service, dataDir } = await createdService(undefined, { idleTimers: idle.timers });
    try {
      const db = service.vault.database();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      idle.settle();
      const file = path.join(dataDir, 'journal.db');
      const digest = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      const before = digest();
      // Past 1000 pages, where SQLite's automatic checkpoint would have copied the WAL into the
      // database inside one of these saves. Written in place, the database file stays as it was.
      let n = 0;
      while (walBytes(dataDir) <= WAL_LIMIT_BYTES) {
        const reply = await service.dispatch('entries.create', { ...entry(n++), body: `${n} `.repeat(12_000) });
        expect(reply.ok).toBe(true);
        expect(digest()).toBe(before);
      }
      expect(walBytes(dataDir)).toBeGreaterThan(1000 * 4096);
      // The call that took the WAL past the limit asked for a checkpoint without the idle wait.
      expect(idle.armed).toBe(true);
      expect(idle.lastDelay).toBe(STEP_GAP_MS);
      idle.fire();
      expect(walBytes(dataDir)).toBe(0);
      expect(digest()).not.toBe(before);
      expect(db.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(n);
      // Below the limit again: the next call waits for a quiet moment as usual.
      await service.dispatch('entries.get', { id: 1 });
      expect(idle.lastDelay).toBe(IDLE_CHECKPOINT_MS);
    } finally {
      service.vault.lock();
    }
  });

  it('is wired into the service: after a quiet moment the WAL is empty', async () => {
    const { service, dataDir } = await createdService();
    try {
      expect((await service.dispatch('entries.create', entry(1))).ok).toBe(true);
      expect(walBytes(dataDir)).toBeGreaterThan(0);
      // Wait on the WAL itself, however long a busy machine takes to get there.
      await vi.waitFor(() => expect(walBytes(dataDir)).toBe(0), { timeout: IDLE_CHECKPOINT_MS + 30_000, interval: 50 });
    } finally {
      service.vault.lock();
    }
  });
});

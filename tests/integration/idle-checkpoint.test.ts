import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IDLE_CHECKPOINT_MS, ftsMergeStep, withIdleCheckpoints } from '../../main/core/db/idle.js';
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

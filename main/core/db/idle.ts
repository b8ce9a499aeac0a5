/**
 * Journal upkeep off the hot path: once calls have been quiet for a moment, expired trash is
 * purged and the full-text indexes are merged, a step at a time, then the WAL is checkpointed.
 *
 * - Checkpoints: SQLite checkpoints automatically inside the commit that pushes the WAL past 1000
 *   pages, so one save in ~30 paid for copying everything before it into the database (at 100k
 *   entries up to ~120 ms for that save, against ~1.3 ms for the others). That automatic checkpoint is
 *   off (`wal_autocheckpoint = 0` in open.ts), so no save ever pays for one: checkpoints run here, after
 *   a quiet moment, or — when a burst of writes (an import, a long session without a pause) has grown
 *   the WAL past WAL_LIMIT_BYTES — right after the call that grew it, between calls, so the WAL stays
 *   bounded. TRUNCATE also empties the WAL file, so old page versions (encrypted, but still earlier
 *   text) do not linger there.
 * - Full-text merges: migration 5 turns FTS5's automerge off, so a save only appends its own small
 *   index segment; the merging it used to do inside some unlucky save (~110 ms at 100k) happens here,
 *   FTS_MERGE_PAGES pages per step, yielding between steps so a call never waits for more than one.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Reply } from '../../../shared/errors.js';
import { snapshotsHeld, type DB } from './open.js';

type Dispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

export interface IdleCheckpointOptions {
  /** Quiet time after the last call before checkpointing. */
  idleMs?: number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** Called when a checkpoint fails (it is retried after the next call). Never given journal content. */
  onError?: (code: string) => void;
  /**
   * Work done a step at a time before the merges and the checkpoint (the purge of expired trash).
   * Returns true when it did some: it is called again after a short gap, until it has none left.
   */
  upkeep?: (db: DB) => boolean;
  /** WAL size past which a checkpoint runs right after the call, without waiting for a quiet moment. */
  walLimitBytes?: number;
}

export const IDLE_CHECKPOINT_MS = 1500;
/** Pages of full-text merge work per idle step (a few tens of ms at 100k entries). */
export const FTS_MERGE_PAGES = 128;
/**
 * Pause between upkeep steps, so queued calls run in between; at least as long as the step before
 * it took, so that upkeep (a long expired trash after months away) never keeps more than half a core
 * busy, however many steps it has.
 */
export const STEP_GAP_MS = 10;
/** The WAL size SQLite's automatic checkpoint would have kept (1000 pages of 4 KiB). */
export const WAL_LIMIT_BYTES = 4000 * 1024;

/**
 * One step of merging the full-text index's segments. Returns true when FTS5 did work (more may be
 * left), false when there was nothing worth merging. FTS5 signals work by raising the change count by
 * two or more.
 */
export function ftsMergeStep(db: DB, pages = FTS_MERGE_PAGES, table: FtsTable = 'entries_fts'): boolean {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const before = changes.get() as number;
  db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ${Math.max(1, Math.floor(pages))})`).run();
  return (changes.get() as number) - before >= 2;
}

/** The full-text indexes whose merging waits for idle time (automerge off). */
export const FTS_TABLES = ['entries_fts', 'entries_unspaced'] as const;
export type FtsTable = (typeof FTS_TABLES)[number];

/** One merge step on the first index that has work; false when none has. */
export const ftsMergeAnyStep = (db: DB, pages = FTS_MERGE_PAGES): boolean => FTS_TABLES.some((t) => ftsMergeStep(db, pages, t));

/**
 * The idle upkeep of one session: after every call, (re)arms a timer; when no call has run or is
 * running for `idleMs` and the journal is unlocked, runs the upkeep (expired trash), merges the
 * full-text indexes step by step, then checkpoints. A WAL grown past the limit is checkpointed right
 * after the call that grew it. Nothing is armed while the journal is locked, and `cancel` (the session
 * calls it when the journal locks) takes the timer off at once.
 */
export class IdleUpkeep {
  private readonly idleMs: number;
  private readonly walLimit: number;
  private readonly timers: NonNullable<IdleCheckpointOptions['timers']>;
  private running = 0;
  private timer: unknown = null;

  constructor(
    private readonly vault: { readonly unlocked: boolean; database(): DB },
    private readonly opts: IdleCheckpointOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? IDLE_CHECKPOINT_MS;
    this.walLimit = opts.walLimitBytes ?? WAL_LIMIT_BYTES;
    this.timers = opts.timers ?? {
      setTimeout: (fn: () => void, ms: number) => {
        const h = setTimeout(fn, ms);
        // Never keeps the process alive: a quit checkpoints through lock() anyway.
        h.unref?.();
        return h;
      },
      clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  /** Is a step waiting on its timer? */
  get armed(): boolean {
    return this.timer !== null;
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private walTooLong(db: DB): boolean {
    try {
      return fs.statSync(`${db.name}-wal`).size > this.walLimit;
    } catch {
      return false;
    }
  }

  private readonly fire = () => {
    this.timer = null;
    if (this.running > 0 || !this.vault.unlocked) return;
    try {
      const db = this.vault.database();
      // A backup's read snapshot is open: a TRUNCATE checkpoint would wait on it. The next call re-arms.
      if (snapshotsHeld(db)) return;
      const started = performance.now();
      const next = () => (this.timer = this.timers.setTimeout(this.fire, Math.max(STEP_GAP_MS, Math.ceil(performance.now() - started))));
      if (this.walTooLong(db)) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        next();
        return;
      }
      if (this.opts.upkeep?.(db) || ftsMergeAnyStep(db)) {
        next();
        return;
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      this.opts.onError?.(String((e as { code?: unknown })?.code ?? 'error'));
    }
  };

  private arm(): void {
    this.cancel();
    if (!this.vault.unlocked) return;
    const soon = this.walTooLong(this.vault.database());
    this.timer = this.timers.setTimeout(this.fire, soon ? STEP_GAP_MS : this.idleMs);
  }

  /** The dispatcher with upkeep after its calls. */
  wrap<D extends Dispatch>(dispatch: D): D {
    const wrapped = async (channel: string, raw: unknown) => {
      this.running++;
      try {
        return await dispatch(channel, raw);
      } finally {
        this.running--;
        this.arm();
      }
    };
    return wrapped as D;
  }
}

/** Wraps a dispatcher with idle upkeep of its own (see IdleUpkeep). */
export function withIdleCheckpoints<D extends Dispatch>(
  dispatch: D,
  vault: { readonly unlocked: boolean; database(): DB },
  opts: IdleCheckpointOptions = {},
): D {
  return new IdleUpkeep(vault, opts).wrap(dispatch);
}

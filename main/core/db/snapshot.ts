/**
 * A consistent copy of the encrypted journal file, taken a chunk at a time so a backup never holds
 * the event loop for long (a `VACUUM INTO` of a 100k-entry journal is one 4–5 s statement).
 *
 * The copy is of journal.db's bytes as they are on disk: already encrypted page by page with the data
 * key, so nothing readable is ever written. To make the bytes a consistent snapshot while calls go on
 * writing, the WAL is first checkpointed into the file and emptied (TRUNCATE), then a second,
 * read-only connection opens a read transaction. In WAL mode a checkpoint never writes into the
 * database file past the oldest open read transaction, so from then on every change goes to the WAL
 * only and the file stays exactly as it was until the copy ends and the reader is closed.
 *
 * Any explicit checkpoint in this process (lock, passphrase change, the idle checkpoint) would wait on
 * that reader for the busy timeout, so they release the snapshots first (`releaseSnapshots`); a copy
 * that lost its reader stops at its next step rather than keep copying a file that may now change.
 */
import fs from 'node:fs';
import { FulcrumError } from '../../../shared/errors.js';
import { openDatabase, releaseSnapshots, type DB } from './open.js';

export { snapshotsHeld, releaseSnapshots } from './open.js';

export const CHUNK = 1024 * 1024;

const busy = () => new FulcrumError('CONFLICT', 'The journal is busy. Try the backup again in a moment.');
const stopped = () =>
  new FulcrumError('CANCELLED', 'The backup was stopped because the journal was locked or changed. Nothing of it was kept.');

export interface Snapshot {
  /** Bytes of the database file at the snapshot. */
  readonly size: number;
  /** The file's bytes, a chunk at a time; throws CANCELLED once the snapshot was released. */
  chunks(): Generator<Buffer, void, void>;
  /** Ends the read transaction. Safe to call twice. */
  close(): void;
}

/**
 * Takes the snapshot now (checkpoint, then a read transaction on a read-only connection opened with
 * `key`, which is not kept). `signal` aborting releases it, like any explicit checkpoint does.
 */
export function openSnapshot(db: DB, file: string, key: Buffer, signal?: AbortSignal): Snapshot {
  if (db.inTransaction) throw new FulcrumError('CONFLICT', 'Another change is being saved. Try the backup again in a moment.');
  releaseSnapshots(db);
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (!result || result.busy !== 0 || result.log > 0) throw busy();
  const reader = openDatabase(file, key, { readonly: true });
  let lost = false;
  let fd: number | null = null;
  const release = () => {
    lost = true;
    if (reader.open) reader.close();
  };
  db.snapshots.add(release);
  const unhold = () => void db.snapshots.delete(release);
  const close = () => {
    unhold();
    signal?.removeEventListener('abort', release);
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    if (reader.open) reader.close();
  };
  signal?.addEventListener('abort', release, { once: true });
  try {
    if (signal?.aborted) throw stopped();
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    // Nothing can have been written between the checkpoint and this read (they run in one go), so the
    // WAL is still empty and the reader sees the database file alone.
    if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size !== 0) throw busy();
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const out: Snapshot = {
      size,
      close,
      *chunks() {
        let copied = 0;
        while (copied < size) {
          if (lost || fd === null) throw stopped();
          const buf = Buffer.alloc(Math.min(CHUNK, size - copied));
          const n = fs.readSync(fd, buf, 0, buf.length, copied);
          if (n !== buf.length) throw new FulcrumError('IO', 'The journal file could not be read in full. Nothing was kept; try the backup again.');
          copied += n;
          yield buf;
        }
        if (lost) throw stopped();
      },
    };
    return out;
  } catch (e) {
    close();
    throw e;
  }
}

/**
 * What a stepwise job yields: nothing (a point where it may pause), or a file to fsync. Flushing a
 * file of hundreds of megabytes can take a second; run stepwise, that happens on libuv's thread pool
 * while calls and locks go on being answered.
 */
export type Step = void | { fsync: number };

/** Runs a stepwise job to its end in one go (where nothing else should run meanwhile). */
export function runSteps<T>(steps: Generator<Step, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value) fs.fsyncSync(r.value.fsync);
  }
}

/** Runs a stepwise job with `pause()` between steps; a throw from pause() ends the job (its finally blocks run). */
export async function driveSteps<T>(steps: Generator<Step, T, void>, pause: () => Promise<void>): Promise<T> {
  try {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      const step = r.value;
      if (step) await new Promise<void>((resolve, reject) => fs.fsync(step.fsync, (e) => (e ? reject(e) : resolve())));
      await pause();
    }
  } catch (e) {
    steps.return(undefined as never);
    throw e;
  }
}

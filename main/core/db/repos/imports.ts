/**
 * The reads and writes an import makes beyond the other repositories (main/core/portability/import
 * plans and applies; the SQL is here): duplicate checks, keeping the original times of what it
 * copies, and the transaction an import runs in (held open across pauses, so not `db.transaction`).
 */
import type { DB } from '../open.js';
import { all, get, run } from './sql.js';
import { CHECKIN_SHOWN } from './checkins.js';

/** GLOB pattern for "<ref> #2", "<ref> #3" … (the ref's own glob characters taken literally). */
export const numberedRefs = (ref: string) => `${ref.replace(/[[*?]/g, (c) => `[${c}]`)} #[0-9]*`;

/** Entries from `source` at the minute `ref` (or its numbered twins) with this title and body. */
export function countSameMinute(db: DB, e: { source: string; sourceRef: string; title: string; body: string }): number {
  return (
    get<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM entries WHERE source = ? AND (source_ref = ? OR source_ref GLOB ?) AND title = ? AND body = ?',
      e.source,
      e.sourceRef,
      numberedRefs(e.sourceRef),
      e.title,
      e.body,
    )?.n ?? 0
  );
}

export const hasSourceRef = (db: DB, source: string, ref: string): boolean =>
  get(db, 'SELECT 1 AS one FROM entries WHERE source = ? AND source_ref = ?', source, ref) !== undefined;

/** An entry of this very journal (no reference of its own) with this id and moment. */
export const hasOwnEntry = (db: DB, id: number, occurredAt: number): boolean =>
  get(db, 'SELECT 1 AS one FROM entries WHERE id = ? AND source_ref IS NULL AND occurred_at = ?', id, occurredAt) !== undefined;

/** A check-in of the journal for this person and week (one hidden by an abandoned import does not count). */
export const hasCheckIn = (db: DB, personId: number, week: string): boolean =>
  get(db, `SELECT 1 AS one FROM checkins c WHERE person_id = ? AND week = ? AND ${CHECKIN_SHOWN}`, personId, week) !== undefined;

export const hasTherapySession = (db: DB, day: string, note: string): boolean =>
  get(db, 'SELECT 1 AS one FROM therapy_sessions WHERE day = ? AND note = ?', day, note) !== undefined;

/** References from `source` taken at the minute `ref`: the minute itself and its numbered twins. */
export const takenMinuteRefs = (db: DB, source: string, ref: string): string[] =>
  all<{ r: string }>(db, 'SELECT source_ref AS r FROM entries WHERE source = ? AND (source_ref = ? OR source_ref GLOB ?)', source, ref, numberedRefs(ref)).map((x) => x.r);

/** Keeps the original "last changed" time of something copied in. */
export function setUpdatedAt(db: DB, table: 'entries' | 'checkins' | 'strengths', id: number, updatedAt: number): void {
  const sql = { entries: 'UPDATE entries SET updated_at = ? WHERE id = ?', checkins: 'UPDATE checkins SET updated_at = ? WHERE id = ?', strengths: 'UPDATE strengths SET updated_at = ? WHERE id = ?' }[table];
  run(db, sql, updatedAt, id);
}

export const addTherapySession = (db: DB, day: string, note: string, createdAt: number): void => void run(db, 'INSERT INTO therapy_sessions (day, note, created_at) VALUES (?, ?, ?)', day, note, createdAt);

/** A built-in pattern's current looks. */
export const tagLooks = (db: DB, id: number) => get<{ label: string; color: string | null; archived_at: number | null }>(db, 'SELECT label, color, archived_at FROM tags WHERE id = ?', id);

/** The import's own transaction: opened before its first write, held across its pauses. */
export const beginImmediate = (db: DB): void => void db.exec('BEGIN IMMEDIATE');
export const commit = (db: DB): void => void db.exec('COMMIT');
/** Rolls back what is open; nothing to do on a closed connection (a lock closed it and SQLite rolled back). */
export function rollbackIfOpen(db: DB): void {
  if (db.open && db.inTransaction) db.exec('ROLLBACK');
}

/*
 * An import written in slices (migration 011): its rows carry the batch and stay hidden until the
 * last transaction shows them all at once; a batch that never got there is abandoned and removed.
 */

/** Opens a batch (inside the first slice's transaction); answers its id. */
export const startBatch = (db: DB, now: number): number => Number(run(db, 'INSERT INTO import_batches (started_at) VALUES (?)', now).lastInsertRowid);

/** Hides a row the batch just wrote: an entry waits in the trash's column (left out of the trash), a person or pattern is left out of the lists. */
export function holdInBatch(db: DB, table: 'entries' | 'people' | 'tags', id: number, batch: number, now: number): void {
  if (table === 'entries') run(db, 'UPDATE entries SET deleted_at = ?, import_batch = ? WHERE id = ?', now, batch, id);
  else run(db, `UPDATE ${table} SET import_batch = ? WHERE id = ?`, batch, id);
}

/**
 * The batch's last step (inside the last transaction): every row it wrote is shown at once. Its
 * check-ins, the most numerous after its entries, are shown by the batch's flag (see CHECKIN_SHOWN),
 * not row by row; their marks are cleared later, in idle moments (clearShownBatches).
 */
export function revealBatch(db: DB, batch: number): void {
  run(db, 'UPDATE entries SET deleted_at = NULL, import_batch = NULL WHERE import_batch = ?', batch);
  run(db, 'UPDATE people SET import_batch = NULL WHERE import_batch = ?', batch);
  run(db, 'UPDATE tags SET import_batch = NULL WHERE import_batch = ?', batch);
  // Without check-ins the batch has nothing left to name: it goes now (one look in a small index).
  run(db, 'DELETE FROM import_batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM checkins WHERE import_batch = ?)', batch, batch);
  run(db, 'UPDATE import_batches SET shown = 1 WHERE id = ?', batch);
}

/**
 * One idle step after an import was shown: clears the batch mark of up to `max` of its check-ins, and
 * drops shown batches with none left (a batch's id is only reused once nothing names it). Answers
 * whether it did anything.
 */
export function clearShownBatches(db: DB, max: number): boolean {
  return db.transaction(() => {
    const cleared = run(
      db,
      'UPDATE checkins SET import_batch = NULL WHERE id IN (SELECT id FROM checkins WHERE import_batch IN (SELECT id FROM import_batches WHERE shown = 1) LIMIT ?)',
      max,
    ).changes;
    const dropped = run(
      db,
      'DELETE FROM import_batches WHERE shown = 1 AND NOT EXISTS (SELECT 1 FROM checkins WHERE import_batch = import_batches.id)',
    ).changes;
    return cleared + dropped > 0;
  })();
}

/**
 * Marks batches as abandoned (one, or with `null` every one: no import runs across an unlock). Their
 * entries give up their source references at once, so importing the same file again finds none of
 * them as already imported; the rows themselves are deleted for good in idle moments. Answers how many.
 */
export function abandonBatches(db: DB, batch: number | null): number {
  return db.transaction(() => {
    const ids = batch === null ? all<{ id: number }>(db, 'SELECT id FROM import_batches WHERE abandoned = 0 AND shown = 0').map((r) => r.id) : [batch];
    for (const id of ids) {
      run(db, 'UPDATE import_batches SET abandoned = 1 WHERE id = ?', id);
      run(db, 'UPDATE entries SET source_ref = NULL WHERE import_batch = ? AND source_ref IS NOT NULL', id);
    }
    return ids.length;
  })();
}

/** Rows of abandoned batches still in the journal (entries, check-ins, people, patterns, batches). */
export function abandonedLeft(db: DB): { entries: number; checkins: number; people: number; tags: number; batches: number } {
  const n = (sql: string) => get<{ n: number }>(db, sql)?.n ?? 0;
  const of = 'IN (SELECT id FROM import_batches WHERE abandoned = 1)';
  return {
    entries: n(`SELECT count(*) AS n FROM entries WHERE import_batch ${of}`),
    checkins: n(`SELECT count(*) AS n FROM checkins WHERE import_batch ${of}`),
    people: n(`SELECT count(*) AS n FROM people WHERE import_batch ${of}`),
    tags: n(`SELECT count(*) AS n FROM tags WHERE import_batch ${of}`),
    batches: n('SELECT count(*) AS n FROM import_batches WHERE abandoned = 1'),
  };
}

/** Once an abandoned batch has no entries and no check-ins left: its people and patterns, then the batch itself. */
export function dropEmptyAbandoned(db: DB): boolean {
  return db.transaction(() => {
    const empty = all<{ id: number }>(
      db,
      'SELECT id FROM import_batches b WHERE abandoned = 1 AND NOT EXISTS (SELECT 1 FROM entries WHERE import_batch = b.id) AND NOT EXISTS (SELECT 1 FROM checkins WHERE import_batch = b.id)',
    ).map((r) => r.id);
    for (const id of empty) {
      // Their entries' links went with the entries, their check-ins before them (purgeAbandonedCheckIns).
      // One still named by an entry of the journal (never expected) is kept, and shown.
      run(db, 'DELETE FROM people WHERE import_batch = ? AND id NOT IN (SELECT person_id FROM entry_people)', id);
      run(db, 'DELETE FROM tags WHERE import_batch = ? AND id NOT IN (SELECT tag_id FROM entry_tags)', id);
      run(db, 'UPDATE people SET import_batch = NULL WHERE import_batch = ?', id);
      run(db, 'UPDATE tags SET import_batch = NULL WHERE import_batch = ?', id);
      run(db, 'DELETE FROM import_batches WHERE id = ?', id);
    }
    return empty.length > 0;
  })();
}

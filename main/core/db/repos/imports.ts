/**
 * The reads and writes an import makes beyond the other repositories (main/core/portability/import
 * plans and applies; the SQL is here): duplicate checks, keeping the original times of what it
 * copies, and the transaction an import runs in (held open across pauses, so not `db.transaction`).
 */
import type { DB } from '../open.js';
import { all, get, run } from './sql.js';

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

export const hasCheckIn = (db: DB, personId: number, week: string): boolean =>
  get(db, 'SELECT 1 AS one FROM checkins WHERE person_id = ? AND week = ?', personId, week) !== undefined;

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

/** The reads an export makes beyond the timeline's repositories (main/core/portability/export). */
import type { DB } from '../open.js';
import { buildSearchQuery } from './search.js';
import { SUMMARY_COLUMNS, type EntryRow } from './entries.js';
import { all, jsonList } from './sql.js';

/** A page of the timeline's search as (id, sort key) pairs: `limit + 1` rows when there is more. */
export function searchKeys(db: DB, filter: Parameters<typeof buildSearchQuery>[0], cursor: Parameters<typeof buildSearchQuery>[1], limit: number): { id: number; k: number }[] {
  const q = buildSearchQuery(filter, cursor, limit, false);
  return all<{ id: number; k: number }>(db, q.sql, q.params);
}

/** Bodies and source references of some entries (any order). */
export function entryBodies(db: DB, ids: readonly number[]): { id: number; body: string; source_ref: string | null }[] {
  return all(db, 'SELECT id, body, source_ref FROM entries WHERE id IN (SELECT value FROM json_each(?))', jsonList(ids));
}

/** Whole entry rows with body and source reference (any order). */
export function entryRowsWithBodies(db: DB, ids: readonly number[]): (EntryRow & { body: string; source_ref: string | null })[] {
  return all(db, `SELECT ${SUMMARY_COLUMNS}, body, source_ref FROM entries WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids));
}

/** The people named in some entries. */
export function peopleInEntries(db: DB, ids: readonly number[]): number[] {
  return all<{ p: number }>(db, 'SELECT DISTINCT person_id AS p FROM entry_people WHERE entry_id IN (SELECT value FROM json_each(?))', jsonList(ids)).map((r) => r.p);
}

/** Every therapy session, oldest first. */
export function therapySessionsOldestFirst(db: DB): { id: number; day: string; note: string; createdAt: number }[] {
  return all<{ id: number; day: string; note: string; created_at: number }>(db, 'SELECT id, day, note, created_at FROM therapy_sessions ORDER BY day, id').map((s) => ({
    id: s.id,
    day: s.day,
    note: s.note,
    createdAt: s.created_at,
  }));
}

/** The day of one entry (live or not), or undefined. */
export function dayOfEntry(db: DB, id: number): string | undefined {
  return all<{ day: string }>(db, 'SELECT day FROM entries WHERE id = ?', id)[0]?.day ?? undefined;
}

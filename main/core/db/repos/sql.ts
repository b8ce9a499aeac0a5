import type Database from 'better-sqlite3-multiple-ciphers';
import type { Statement } from '../connection.js';
import type { DB } from '../open.js';

/**
 * Prepared statements, cached on the connection (`Connection.statements`). Preparing is the costly
 * part of a small query; a lock closes the connection and drops the whole cache with it, so a new
 * unlock starts clean. This is the one statement cache: repositories, analytics and the other db
 * modules all prepare through it. Search builds its SQL from the set of filters in use, which is a
 * small fixed family of texts (list values are bound as one JSON array), so this cache stays small.
 */
export function stmt(db: DB, text: string): Statement {
  let st = db.statements.get(text);
  if (!st) {
    st = db.prepare(text) as Statement;
    db.statements.set(text, st);
  }
  return st;
}

// Cached statements are shared, so each helper sets the row mode it needs on every call (cheap).
/** Rows of a query, typed by the caller (the SQL says what the columns are). */
export const all = <R>(db: DB, text: string, ...params: unknown[]): R[] => stmt(db, text).pluck(false).all(...params) as R[];
export const get = <R>(db: DB, text: string, ...params: unknown[]): R | undefined =>
  stmt(db, text).pluck(false).get(...params) as R | undefined;
/** The first column of every row. */
export const column = <V>(db: DB, text: string, ...params: unknown[]): V[] => stmt(db, text).pluck(true).all(...params) as V[];
/** The first column of the first row. */
export const value = <V>(db: DB, text: string, ...params: unknown[]): V | undefined =>
  stmt(db, text).pluck(true).get(...params) as V | undefined;
export const run = (db: DB, text: string, ...params: unknown[]): Database.RunResult => stmt(db, text).run(...params);

/**
 * A list bound as one parameter (`IN (SELECT value FROM json_each(?))`): the SQL text stays the same
 * whatever the list's length, so it is prepared once, and there is no limit on the number of values.
 */
export const jsonList = (values: readonly (string | number)[]): string => JSON.stringify(values);

/** SQLite stores booleans as 0/1. */
export const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);

/** The ids out of `ids` that are not in `table` (to name a missing person or pattern instead of a bare FK error). */
export function missingIds(db: DB, table: 'people' | 'tags' | 'entries', ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const found = new Set(column<number>(db, `SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids)));
  return ids.filter((id) => !found.has(id));
}

/** The ids out of `ids` that are in `table`, in ascending order (the table from a closed set, never from input). */
export function existingIds(db: DB, table: 'people' | 'tags' | 'entries', ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return column<number>(db, `SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, jsonList(ids));
}

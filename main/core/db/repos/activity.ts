/** When the person last wrote: what the reminders ask before reminding. */
import type { DB } from '../open.js';
import { value } from './sql.js';

/** Is there a live entry dated `day`? */
export function hasEntryOn(db: DB, day: string): boolean {
  return !!value<number>(db, 'SELECT EXISTS (SELECT 1 FROM entries WHERE deleted_at IS NULL AND day = ?)', day);
}

/** When the newest live entry was created (ids grow with creation, so it is one index step), or undefined. */
export function newestEntryCreatedAt(db: DB): number | undefined {
  return value<number>(db, 'SELECT created_at FROM entries WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1');
}

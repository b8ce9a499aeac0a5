/** Whole-journal reads the backup and the vault use: SQLite's own checks and what a journal holds. */
import type { DB } from './open.js';
import { get, value } from './repos/sql.js';
import { CHECKIN_SHOWN } from './repos/checkins.js';

/** SQLite's full integrity check: 'ok', or the first problem it found. */
export const integrityCheck = (db: DB): string => String(db.pragma('integrity_check', { simple: true }));

/** SQLite's quick check (structure without the index contents): 'ok', or the first problem. */
export const quickCheck = (db: DB): string => String(db.pragma('quick_check', { simple: true }));

/**
 * What a journal holds, for a backup's preview. Three index reads: asked as one aggregate, SQLite
 * reads every live row for its day (~0.3 s cold at 10k entries, seconds at 100k), which a backup
 * cannot pause inside.
 */
export function journalSummary(db: DB): { entries: number; firstDay: string | null; lastDay: string | null; people: number; checkins: number } {
  const e = get<{ n: number; first: string | null; last: string | null }>(
    db,
    'SELECT (SELECT count(*) FROM entries WHERE deleted_at IS NULL) AS n, ' +
      '(SELECT min(day) FROM entries WHERE deleted_at IS NULL) AS first, (SELECT max(day) FROM entries WHERE deleted_at IS NULL) AS last',
  )!;
  const people = value<number>(db, 'SELECT count(*) FROM people') ?? 0;
  const checkins = value<number>(db, `SELECT count(*) FROM checkins c WHERE ${CHECKIN_SHOWN}`) ?? 0;
  return { entries: e.n, firstDay: e.first, lastDay: e.last, people, checkins };
}

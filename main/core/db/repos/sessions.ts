/**
 * Therapy session days ("since my last session"): the user marks the day of a session, and the
 * report builder can start its range there. Plain SQL functions of the journal's database.
 */
import { FulcrumError } from '../../../../shared/errors.js';
import type { TherapySession } from '../../../../shared/report.js';
import type { DB } from '../index.js';
import { all, get, run, value } from './sql.js';

interface Row {
  id: number;
  day: string;
  note: string;
  created_at: number;
}
const toSession = (r: Row): TherapySession => ({ id: r.id, day: r.day, note: r.note, createdAt: r.created_at });

/** Newest first. */
export function listSessions(db: DB): TherapySession[] {
  return all<Row>(db, 'SELECT id, day, note, created_at FROM therapy_sessions ORDER BY day DESC, id DESC').map(toSession);
}

/** Marks a session day. Marking the same day again keeps one row (its note updated when one is given). */
export function addSession(db: DB, input: { day: string; note: string }, now: number): TherapySession {
  const id = db.transaction(() => {
    const existing = value<number>(db, 'SELECT id FROM therapy_sessions WHERE day = ? ORDER BY id LIMIT 1', input.day);
    if (existing !== undefined) {
      if (input.note) run(db, 'UPDATE therapy_sessions SET note = ? WHERE id = ?', input.note, existing);
      return existing;
    }
    return Number(run(db, 'INSERT INTO therapy_sessions (day, note, created_at) VALUES (?, ?, ?)', input.day, input.note, now).lastInsertRowid);
  })();
  return toSession(get<Row>(db, 'SELECT id, day, note, created_at FROM therapy_sessions WHERE id = ?', id)!);
}

export function deleteSession(db: DB, id: number): void {
  const changed = db.transaction(() => run(db, 'DELETE FROM therapy_sessions WHERE id = ?', id).changes)();
  if (!changed) throw new FulcrumError('NOT_FOUND', 'That session date is no longer there (it may have been removed). Reload and try again.');
}

/** The latest session on or before `today` (a session marked ahead of time does not count yet). */
export function lastSessionDay(db: DB, today: string): string | null {
  return value<string | null>(db, 'SELECT max(day) FROM therapy_sessions WHERE day <= ?', today) ?? null;
}

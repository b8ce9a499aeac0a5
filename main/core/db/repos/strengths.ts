/**
 * Strengths: what each person — and the user themself (person NULL) — brings to the relationship.
 */
import { FulcrumError } from '../../../../shared/errors.js';
import type { Strength } from '../../../../shared/insights.js';
import type { DB } from '../open.js';
import { all, get, run } from './sql.js';

interface Row {
  id: number;
  person_id: number | null;
  text: string;
  created_at: number;
  updated_at: number;
}
const toStrength = (r: Row): Strength => ({ id: r.id, personId: r.person_id, text: r.text, createdAt: r.created_at, updatedAt: r.updated_at });
const notFound = () => new FulcrumError('NOT_FOUND', 'That strength no longer exists (it may have been removed). Reload and try again.');

/** Oldest first, so a person's list reads in the order it was written. */
export function listStrengths(db: DB, personId?: number | null): Strength[] {
  const rows =
    personId === undefined
      ? all<Row>(db, 'SELECT * FROM strengths ORDER BY person_id IS NOT NULL, person_id, created_at, id')
      : personId === null
        ? all<Row>(db, 'SELECT * FROM strengths WHERE person_id IS NULL ORDER BY created_at, id')
        : all<Row>(db, 'SELECT * FROM strengths WHERE person_id = ? ORDER BY created_at, id', personId);
  return rows.map(toStrength);
}

export function getStrength(db: DB, id: number): Strength {
  const row = get<Row>(db, 'SELECT * FROM strengths WHERE id = ?', id);
  if (!row) throw notFound();
  return toStrength(row);
}

export function createStrength(db: DB, input: { personId: number | null; text: string }, now: number): Strength {
  const id = db.transaction(() =>
    run(db, 'INSERT INTO strengths (person_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)', input.personId, input.text, now, now).lastInsertRowid,
  )();
  return getStrength(db, Number(id));
}

export function updateStrength(db: DB, id: number, text: string, now: number): Strength {
  const changed = db.transaction(() => run(db, 'UPDATE strengths SET text = ?, updated_at = ? WHERE id = ?', text, now, id).changes)();
  if (!changed) throw notFound();
  return getStrength(db, id);
}

export function deleteStrength(db: DB, id: number): void {
  const changed = db.transaction(() => run(db, 'DELETE FROM strengths WHERE id = ?', id).changes)();
  if (!changed) throw notFound();
}


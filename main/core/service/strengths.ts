/**
 * Strengths: what each person — and the user themself (person NULL) — brings to the relationship
 * (the seed's "celebrate each other's strengths"). Plain SQL functions plus their handlers.
 */
import { FulcrumError } from '../../../shared/errors.js';
import type { Strength } from '../../../shared/insights.js';
import type { DB } from '../db/index.js';
import type { HandlersFor } from './types.js';

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
      ? db.prepare('SELECT * FROM strengths ORDER BY person_id IS NOT NULL, person_id, created_at, id').all()
      : personId === null
        ? db.prepare('SELECT * FROM strengths WHERE person_id IS NULL ORDER BY created_at, id').all()
        : db.prepare('SELECT * FROM strengths WHERE person_id = ? ORDER BY created_at, id').all(personId);
  return (rows as Row[]).map(toStrength);
}

export function getStrength(db: DB, id: number): Strength {
  const row = db.prepare('SELECT * FROM strengths WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound();
  return toStrength(row);
}

export function createStrength(db: DB, input: { personId: number | null; text: string }, now: number): Strength {
  const id = db.transaction(() =>
    db.prepare('INSERT INTO strengths (person_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.personId, input.text, now, now).lastInsertRowid,
  )();
  return getStrength(db, Number(id));
}

export function updateStrength(db: DB, id: number, text: string, now: number): Strength {
  const changed = db.transaction(() => db.prepare('UPDATE strengths SET text = ?, updated_at = ? WHERE id = ?').run(text, now, id).changes)();
  if (!changed) throw notFound();
  return getStrength(db, id);
}

export function deleteStrength(db: DB, id: number): void {
  const changed = db.transaction(() => db.prepare('DELETE FROM strengths WHERE id = ?').run(id).changes)();
  if (!changed) throw notFound();
}

export const strengthHandlers: HandlersFor<'strengths'> = {
  'strengths.list': ({ personId }, { vault }) => listStrengths(vault.database(), personId),
  'strengths.create': (input, { vault, ports }) => createStrength(vault.database(), input, ports.now()),
  'strengths.update': ({ id, text }, { vault, ports }) => updateStrength(vault.database(), id, text, ports.now()),
  'strengths.delete': ({ id }, { vault }) => {
    deleteStrength(vault.database(), id);
    return null;
  },
};

import type { z } from 'zod';
import { FulcrumError } from '../../../../shared/errors.js';
import type { Person, PersonInput, PersonPatch, PersonKind } from '../../../../shared/schemas.js';
import type { DB } from '../open.js';
import { all, get, run } from './sql.js';

type NewPerson = z.output<typeof PersonInput>;
type PersonChanges = z.output<typeof PersonPatch>;

interface PersonRow {
  id: number;
  name: string;
  kind: z.infer<typeof PersonKind>;
  color: string;
  notes: string;
  archived_at: number | null;
  created_at: number;
}

const COLS = 'id, name, kind, color, notes, archived_at, created_at';

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  color: r.color,
  notes: r.notes,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
});

export const personNotFound = () =>
  new FulcrumError('NOT_FOUND', 'That person is not in the journal (they may have been removed). Reload and try again.');

export function getPerson(db: DB, id: number): Person | null {
  const row = get<PersonRow>(db, `SELECT ${COLS} FROM people WHERE id = ?`, id);
  return row ? toPerson(row) : null;
}

/** People in name order; archived people (kept for old entries and reports) only on request, last. Not those of an import still being written. */
export function listPeople(db: DB, opts: { includeArchived?: boolean } = {}): Person[] {
  const rows = opts.includeArchived
    ? all<PersonRow>(db, `SELECT ${COLS} FROM people WHERE import_batch IS NULL ORDER BY archived_at IS NOT NULL, name COLLATE NOCASE, id`)
    : all<PersonRow>(db, `SELECT ${COLS} FROM people WHERE archived_at IS NULL AND import_batch IS NULL ORDER BY name COLLATE NOCASE, id`);
  return rows.map(toPerson);
}

export function createPerson(db: DB, input: NewPerson, now: number): Person {
  const info = run(
    db,
    'INSERT INTO people (name, kind, color, notes, archived_at, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
    input.name,
    input.kind,
    input.color,
    input.notes,
    now,
    now,
  );
  return getPerson(db, Number(info.lastInsertRowid))!;
}

/**
 * Changes the given fields. `archived: true` hides the person from pickers but keeps every entry and
 * check-in about them; archiving again keeps the first archive time; `archived: false` brings them back.
 */
export function updatePerson(db: DB, id: number, patch: PersonChanges, now: number): Person {
  return db.transaction(() => {
    const row = get<PersonRow>(db, `SELECT ${COLS} FROM people WHERE id = ?`, id);
    if (!row) throw personNotFound();
    const archivedAt = patch.archived === undefined ? row.archived_at : patch.archived ? (row.archived_at ?? now) : null;
    run(
      db,
      'UPDATE people SET name = ?, kind = ?, color = ?, notes = ?, archived_at = ?, updated_at = ? WHERE id = ?',
      patch.name ?? row.name,
      patch.kind ?? row.kind,
      patch.color ?? row.color,
      patch.notes ?? row.notes,
      archivedAt,
      now,
      id,
    );
    return getPerson(db, id)!;
  })();
}

import type { z } from 'zod';
import { FulcrumError } from '../../../../shared/errors.js';
import type { CheckIn, CheckInInput } from '../../../../shared/schemas.js';
import type { DB } from '../open.js';
import { all, bit, get, run } from './sql.js';
import { personNotFound } from './people.js';
import { keepRevision, nextItemId, tombstone } from './revisions.js';
import { deleteAttachmentsOf } from './attachments.js';

type NewCheckIn = z.output<typeof CheckInInput>;

interface CheckInRow {
  id: number;
  person_id: number;
  week: string;
  heard: number | null;
  respected: number | null;
  involved: number | null;
  fair_share: number | null;
  boundaries: number | null;
  safe: number | null;
  note: string;
  for_therapist: 0 | 1;
  created_at: number;
  updated_at: number;
}

const COLS = 'id, person_id, week, heard, respected, involved, fair_share, boundaries, safe, note, for_therapist, created_at, updated_at';

const toCheckIn = (r: CheckInRow): CheckIn => ({
  id: r.id,
  personId: r.person_id,
  week: r.week,
  heard: r.heard,
  respected: r.respected,
  involved: r.involved,
  fairShare: r.fair_share,
  boundaries: r.boundaries,
  safe: r.safe,
  note: r.note,
  forTherapist: r.for_therapist === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Whether the check-in row (alias `c`) is part of the journal: not written by an import that is still
 * being written or stopped before its end (migration 014). Every read of check-ins the person sees
 * says it; a hidden one is found only by id, by the history and by the import itself. A batch is
 * shown by one flag, so its last transaction never rewrites its check-ins. (A look-up by the batch's
 * id, and only for marked rows: no read scans the batches.)
 */
export const CHECKIN_SHOWN = '(c.import_batch IS NULL OR NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = c.import_batch AND b.shown = 0))';

/** Any check-in by id, shown or still hidden in an import's batch (the history and the import read it). */
export function getCheckIn(db: DB, id: number): CheckIn | null {
  const row = get<CheckInRow>(db, `SELECT ${COLS} FROM checkins WHERE id = ?`, id);
  return row ? toCheckIn(row) : null;
}

/**
 * One check-in per person per week: saving the same week again replaces the answers (keeping its id
 * and when it was first made), so a check-in can be corrected without leaving a duplicate.
 */
export function saveCheckIn(db: DB, input: NewCheckIn, now: number, restoredFrom: number | null = null): CheckIn {
  return db.transaction(() => {
    if (!get(db, 'SELECT 1 AS one FROM people WHERE id = ?', input.personId)) throw personNotFound();
    // The person's own save replaces whatever holds the week, shown or hidden in an import's batch: it
    // is theirs from now on, and shown.
    const row = upsertCheckIn(db, input, now, null)!;
    keepRevision(db, 'checkin', row.id, now, restoredFrom);
    return getCheckIn(db, row.id)!;
  })();
}

/**
 * An import's check-in, written hidden in its batch (shown when the batch is). It takes the week
 * over only from a hidden one (an abandoned import's); a check-in of the journal for that week —
 * one the person saved while the import was being written — is kept, and this answers null.
 */
export function saveCheckInInBatch(db: DB, input: NewCheckIn, now: number, batch: number): CheckIn | null {
  return db.transaction(() => {
    if (!get(db, 'SELECT 1 AS one FROM people WHERE id = ?', input.personId)) throw personNotFound();
    const row = upsertCheckIn(db, input, now, batch);
    if (!row) return null;
    keepRevision(db, 'checkin', row.id, now, null);
    return getCheckIn(db, row.id)!;
  })();
}

function upsertCheckIn(db: DB, input: NewCheckIn, now: number, batch: number | null): { id: number } | undefined {
  return get<{ id: number }>(
    db,
    `INSERT INTO checkins AS c (id, person_id, week, heard, respected, involved, fair_share, boundaries, safe, note, for_therapist,
       created_at, updated_at, import_batch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (person_id, week) DO UPDATE SET
       heard = excluded.heard, respected = excluded.respected, involved = excluded.involved,
       fair_share = excluded.fair_share, boundaries = excluded.boundaries, safe = excluded.safe,
       note = excluded.note, for_therapist = excluded.for_therapist, updated_at = excluded.updated_at,
       import_batch = excluded.import_batch
       WHERE excluded.import_batch IS NULL OR NOT ${CHECKIN_SHOWN}
     RETURNING id`,
    // A new check-in never takes an id that a deleted one's history still names; an update keeps its id.
    nextItemId(db, 'checkin'),
    input.personId,
    input.week,
    input.heard,
    input.respected,
    input.involved,
    input.fairShare,
    input.boundaries,
    input.safe,
    input.note,
    bit(input.forTherapist),
    now,
    now,
    batch,
  );
}

/** Check-ins, newest week first, optionally for one person and a range of weeks (inclusive). */
export function listCheckIns(db: DB, filter: { personId?: number; from?: string; to?: string } = {}): CheckIn[] {
  return all<CheckInRow>(
    db,
    `SELECT ${COLS} FROM checkins c
     WHERE ${CHECKIN_SHOWN} AND (@person IS NULL OR person_id = @person) AND (@from IS NULL OR week >= @from) AND (@to IS NULL OR week <= @to)
     ORDER BY week DESC, person_id, id`,
    { person: filter.personId ?? null, from: filter.from ?? null, to: filter.to ?? null },
  ).map(toCheckIn);
}

/** Deletes a check-in; its revisions keep their hashes (the content is blanked) and the deletion is recorded. */
export function deleteCheckIn(db: DB, id: number, now: number): void {
  db.transaction(() => {
    if (run(db, `DELETE FROM checkins AS c WHERE id = ? AND ${CHECKIN_SHOWN}`, id).changes === 0) {
      throw new FulcrumError('NOT_FOUND', 'That check-in is not in the journal (it may have been deleted already). Reload and try again.');
    }
    tombstone(db, 'checkin', id, now);
    deleteAttachmentsOf(db, 'checkin', [id]);
  })();
}

/**
 * Deletes for good up to `max` check-ins of imports that stopped before their last step (hidden all
 * along), in one transaction, as deleting one does: each leaves a tombstone in the history, and its
 * files go with it. Answers how many.
 */
export function purgeAbandonedCheckIns(db: DB, now: number, max: number): number {
  return db.transaction(() => {
    const ids = all<{ id: number }>(
      db,
      'SELECT id FROM checkins WHERE import_batch IN (SELECT id FROM import_batches WHERE abandoned = 1 AND shown = 0) ORDER BY id LIMIT ?',
      max,
    ).map((r) => r.id);
    for (const id of ids) {
      run(db, 'DELETE FROM checkins WHERE id = ?', id);
      tombstone(db, 'checkin', id, now);
    }
    deleteAttachmentsOf(db, 'checkin', ids);
    return ids.length;
  })();
}

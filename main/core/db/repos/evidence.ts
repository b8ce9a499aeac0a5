/**
 * The reads a report's evidence needs (main/core/report/evidence.ts): the history's digests in chain
 * order, an entry's newest saved revision, the receipts, and how many entries a period holds.
 */
import type { DB } from '../open.js';
import { entryConditions, filterParams } from '../analytics/sql.js';
import { all, get, jsonList, stmt, value } from './sql.js';
import { CHECKIN_SHOWN } from './checkins.js';

/** A saved revision as the evidence discloses it. */
export interface EvidenceRevisionRow {
  seq: number;
  item_id: number;
  rev: number;
  saved_at: number;
  content: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
}

/** Revisions read per batch when the whole history's digests are read (one read per batch, not per row). */
const DIGEST_BATCH = 5000;
/** Read from the index `revisions_digests` alone (migration 9), never from the revisions' rows: named, since on a small journal the planner might take the rows. */
export const REVISION_DIGESTS_SQL = 'SELECT seq, digest FROM revisions INDEXED BY revisions_digests WHERE seq > ? ORDER BY seq LIMIT ?';

/**
 * Every revision's [seq, digest], in chain order, a batch at a time: building the tree for a report
 * needs only these, and reading them as a few large batches costs far less than a call per row.
 */
export function* revisionDigests(db: DB, batchSize = DIGEST_BATCH): Generator<[number, string]> {
  const batch = stmt(db, REVISION_DIGESTS_SQL).raw(true);
  for (let after = 0; ; ) {
    const rows = batch.all(after, batchSize) as [number, string][];
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]![0];
  }
}

/** One revision's link: its digest, the previous hash and its hash. */
export const revisionLink = (db: DB, seq: number): { digest: string; prev: string; hash: string } | undefined =>
  get<{ digest: string; prev: string; hash: string }>(db, 'SELECT digest, prev_hash AS prev, hash FROM revisions WHERE seq = ?', seq);

/** The newest saved revision of an entry or a check-in. */
export const latestRevision = (db: DB, type: 'entry' | 'checkin', id: number): EvidenceRevisionRow | undefined =>
  get<EvidenceRevisionRow>(
    db,
    "SELECT seq, item_id, rev, saved_at, content, digest, prev_hash, hash FROM revisions WHERE item_type = ? AND item_id = ? AND event = 'saved' ORDER BY rev DESC LIMIT 1",
    type,
    id,
  );
/** Items whose newest revisions are read per batch. */
const LATEST_BATCH = 500;

/**
 * The newest saved revision of each of these entries or check-ins (as `latestRevision` reads one), a
 * batch of items per read: a report of a thousand entries reads them in two reads, not a thousand.
 */
export function latestRevisions(db: DB, type: 'entry' | 'checkin', ids: readonly number[]): Map<number, EvidenceRevisionRow> {
  const out = new Map<number, EvidenceRevisionRow>();
  for (let i = 0; i < ids.length; i += LATEST_BATCH) {
    const rows = all<EvidenceRevisionRow>(
      db,
      // Per item, its revisions from the newest back to the first saved one (as `latestRevision`
      // reads it): one row read for most items, where comparing every revision with the newest
      // would read each of them.
      `SELECT r.seq, r.item_id, r.rev, r.saved_at, r.content, r.digest, r.prev_hash, r.hash FROM json_each(?) j
       JOIN revisions r ON r.seq = (SELECT seq FROM revisions WHERE item_type = ? AND item_id = j.value AND event = 'saved' ORDER BY rev DESC LIMIT 1)`,
      jsonList(ids.slice(i, i + LATEST_BATCH)),
      type,
    );
    for (const r of rows) out.set(r.item_id, r);
  }
  return out;
}

export const latestEntryRevision = (db: DB, id: number): EvidenceRevisionRow | undefined => latestRevision(db, 'entry', id);

/** The check-ins of the weeks from `firstWeek` to `lastDay` (by their week's first day), of these people (everyone when none), in week order. */
export const checkInIdsInWeeks = (db: DB, firstWeek: string, lastDay: string, personIds: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    `SELECT id FROM checkins c WHERE week >= ? AND week <= ? AND ${CHECKIN_SHOWN} ${personIds.length ? 'AND person_id IN (SELECT value FROM json_each(?))' : ''} ORDER BY week, person_id, id`,
    ...[firstWeek, lastDay, ...(personIds.length ? [JSON.stringify(personIds)] : [])],
  ).map((r) => r.id);

/** The receipts taken, in chain order. */
export const receiptRows = (db: DB) => all<{ seq: number; head: string; taken_at: number }>(db, 'SELECT seq, head, taken_at FROM receipts ORDER BY seq, id');

/**
 * Entries (not in the trash) that happened between `from` and `to` (days, inclusive): from the day
 * rollups (a row a day), and counted from the entries only on the days whose rollups are stale.
 */
export const entriesInPeriod = (db: DB, from: string, to: string): number =>
  value<number>(
    db,
    `SELECT (SELECT coalesce(sum(n), 0) FROM rollup_day WHERE day >= :from AND day <= :to AND day NOT IN (SELECT day FROM rollup_dirty))
          + (SELECT count(*) FROM entries e WHERE ${entryConditions({})} AND e.day IN (SELECT day FROM rollup_dirty))`,
    { ...filterParams({}), from, to },
  ) ?? 0;

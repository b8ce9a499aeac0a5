/**
 * The reads a report's evidence needs (main/core/report/evidence.ts): the history's digests in chain
 * order, an entry's newest saved revision, the receipts, and how many entries a period holds.
 */
import type { DB } from '../open.js';
import { entryConditions, filterParams } from '../analytics/sql.js';
import { all, get, stmt, value } from './sql.js';

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

/** Every revision's [seq, digest, prev_hash, hash], in chain order, one row at a time. */
export const revisionDigests = (db: DB): IterableIterator<[number, string, string, string]> =>
  stmt(db, 'SELECT seq, digest, prev_hash, hash FROM revisions ORDER BY seq').raw(true).iterate() as IterableIterator<[number, string, string, string]>;

/** The newest saved revision of an entry. */
export const latestEntryRevision = (db: DB, id: number): EvidenceRevisionRow | undefined =>
  get<EvidenceRevisionRow>(
    db,
    "SELECT seq, item_id, rev, saved_at, content, digest, prev_hash, hash FROM revisions WHERE item_type = 'entry' AND item_id = ? AND event = 'saved' ORDER BY rev DESC LIMIT 1",
    id,
  );

/** The receipts taken, in chain order. */
export const receiptRows = (db: DB) => all<{ seq: number; head: string; taken_at: number }>(db, 'SELECT seq, head, taken_at FROM receipts ORDER BY seq, id');

/** Entries (not in the trash) that happened between `from` and `to` (days, inclusive). */
export const entriesInPeriod = (db: DB, from: string, to: string): number =>
  value<number>(db, `SELECT count(*) FROM entries e WHERE ${entryConditions({})}`, { ...filterParams({}), from, to }) ?? 0;

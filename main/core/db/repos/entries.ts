import type { z } from 'zod';
import { DOMAINS, POWER_SOURCES, type Domain, type PowerSource } from '../../../../shared/catalogue.js';
import { FulcrumError } from '../../../../shared/errors.js';
import type { Entry, EntryInput, EntryPatch } from '../../../../shared/schemas.js';
import type { DB } from '../open.js';
import { indexUnspaced } from '../unspaced.js';
import { all, bit, column, get, jsonList, missingIds, run } from './sql.js';
import { DAY_MS, dayIn } from './time.js';
import { keepRevision, nextItemId, tombstone } from './revisions.js';
import { deleteAttachmentsOf, PURGE_STEP_BYTES, purgeAttachments, setEntryAttachments } from './attachments.js';

type NewEntry = z.output<typeof EntryInput>;
type EntryChanges = z.output<typeof EntryPatch>;

/** Trashed entries can be restored for this long; then they are deleted for good. */
export const TRASH_DAYS = 30;

/** The columns of a timeline row: everything but the body, which can be long. */
export const SUMMARY_COLUMNS =
  'id, occurred_at, time_zone, day, created_at, updated_at, deleted_at, title, balance, intensity, heard, respected, ' +
  'valued, involved, outcome, raise_with_therapist, safety_flag, source';

export interface EntryRow {
  id: number;
  occurred_at: number;
  time_zone: string;
  day: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  title: string;
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  outcome: string;
  raise_with_therapist: 0 | 1;
  safety_flag: 0 | 1;
  source: string;
}

export interface EntryLinks {
  personIds: number[];
  tagIds: number[];
  domains: Domain[];
  powerSources: PowerSource[];
}

export const entryNotFound = () =>
  new FulcrumError('NOT_FOUND', 'That entry is not in the journal (it may have been deleted for good). Reload and try again.');

/** An entry without its body, as the timeline, search and trash show it. */
export function rowToEntry(r: EntryRow, links: EntryLinks | undefined): Omit<Entry, 'body'> {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    timeZone: r.time_zone,
    day: r.day,
    title: r.title,
    personIds: links?.personIds ?? [],
    tagIds: links?.tagIds ?? [],
    domains: links?.domains ?? [],
    powerSources: links?.powerSources ?? [],
    balance: r.balance,
    intensity: r.intensity,
    heard: r.heard,
    respected: r.respected,
    valued: r.valued,
    involved: r.involved,
    outcome: r.outcome,
    raiseWithTherapist: r.raise_with_therapist === 1,
    safetyConcern: r.safety_flag === 1,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

const byCatalogue = <T extends string>(order: readonly T[]) => (a: T, b: T) => order.indexOf(a) - order.indexOf(b);

/**
 * People, patterns, domains and power sources of many entries: one query per link table for the
 * whole page, however many entries it has (never one query per entry).
 */
export function loadLinks(db: DB, ids: readonly number[]): Map<number, EntryLinks> {
  const out = new Map<number, EntryLinks>();
  if (ids.length === 0) return out;
  for (const id of ids) out.set(id, { personIds: [], tagIds: [], domains: [], powerSources: [] });
  const list = jsonList(ids);
  const pairs = <V>(table: string, col: string) =>
    all<{ entry_id: number; v: V }>(
      db,
      `SELECT entry_id, ${col} AS v FROM ${table} WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, ${col}`,
      list,
    );
  for (const r of pairs<number>('entry_people', 'person_id')) out.get(r.entry_id)?.personIds.push(r.v);
  for (const r of pairs<number>('entry_tags', 'tag_id')) out.get(r.entry_id)?.tagIds.push(r.v);
  for (const r of pairs<Domain>('entry_domains', 'domain')) out.get(r.entry_id)?.domains.push(r.v);
  for (const r of pairs<PowerSource>('entry_power_sources', 'source')) out.get(r.entry_id)?.powerSources.push(r.v);
  for (const links of out.values()) {
    links.domains.sort(byCatalogue(DOMAINS));
    links.powerSources.sort(byCatalogue(POWER_SOURCES));
  }
  return out;
}

export function getEntry(db: DB, id: number): Entry | null {
  const row = get<EntryRow & { body: string }>(db, `SELECT ${SUMMARY_COLUMNS}, body FROM entries WHERE id = ?`, id);
  if (!row) return null;
  return { ...rowToEntry(row, loadLinks(db, [id]).get(id)), body: row.body };
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** A person or pattern the entry names must exist; say which kind is missing, not just "constraint failed". */
function refuseMissingLinks(db: DB, links: { personIds?: readonly number[]; tagIds?: readonly number[] }): void {
  if (links.personIds && missingIds(db, 'people', links.personIds).length > 0) {
    throw new FulcrumError(
      'NOT_FOUND',
      'One of the people in this entry is not in the journal (they may have been removed). Reload and choose again.',
    );
  }
  if (links.tagIds && missingIds(db, 'tags', links.tagIds).length > 0) {
    throw new FulcrumError(
      'NOT_FOUND',
      'One of the patterns in this entry is not in the journal (it may have been merged or removed). Reload and choose again.',
    );
  }
}

/** Replaces the given link lists of an entry (the ones left undefined stay as they are). */
function replaceLinks(db: DB, id: number, links: Partial<EntryLinks>): void {
  const replace = (table: string, col: string, values: readonly (string | number)[] | undefined) => {
    if (values === undefined) return;
    run(db, `DELETE FROM ${table} WHERE entry_id = ?`, id);
    if (values.length > 0) {
      run(db, `INSERT INTO ${table} (entry_id, ${col}) SELECT ?, value FROM json_each(?)`, id, jsonList(unique(values)));
    }
  };
  replace('entry_people', 'person_id', links.personIds);
  replace('entry_tags', 'tag_id', links.tagIds);
  replace('entry_domains', 'domain', links.domains);
  replace('entry_power_sources', 'source', links.powerSources);
}

/** Where an entry came from: written in Fulcrum, or imported (with the source's own id, to skip re-imports). */
export interface EntryOrigin {
  source: string;
  sourceRef: string | null;
}

export function createEntry(db: DB, input: NewEntry, now: number, origin: EntryOrigin = { source: 'fulcrum', sourceRef: null }): Entry {
  return db.transaction(() => {
    refuseMissingLinks(db, input);
    // The id is chosen here, not by SQLite, so it is never one a purged entry's history still names.
    const info = run(
      db,
      `INSERT INTO entries (id, occurred_at, time_zone, day, created_at, updated_at, deleted_at, title, body, balance, intensity,
         heard, respected, valued, involved, outcome, raise_with_therapist, safety_flag, source, source_ref)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      nextItemId(db, 'entry'),
      input.occurredAt,
      input.timeZone,
      dayIn(input.occurredAt, input.timeZone),
      now,
      now,
      input.title,
      input.body,
      input.balance,
      input.intensity,
      input.heard,
      input.respected,
      input.valued,
      input.involved,
      input.outcome,
      bit(input.raiseWithTherapist),
      bit(input.safetyConcern),
      origin.source,
      origin.sourceRef,
    );
    const id = Number(info.lastInsertRowid);
    indexUnspaced(db, id, input.title, input.body);
    replaceLinks(db, id, input);
    if (input.attachments !== undefined) setEntryAttachments(db, id, input.attachments, now);
    keepRevision(db, 'entry', id, now);
    return getEntry(db, id)!;
  })();
}

/**
 * Changes the fields the patch names; a link list in the patch replaces the old one as a whole. The
 * calendar day follows the time and zone. Entries in the trash are read-only until restored. The saved
 * version is kept as a new revision (`restoredFrom`: it brings back that earlier revision).
 */
export function updateEntry(db: DB, id: number, patch: EntryChanges, now: number, restoredFrom: number | null = null): Entry {
  return db.transaction(() => {
    const old = getEntry(db, id);
    if (!old) throw entryNotFound();
    if (old.deletedAt !== null) {
      throw new FulcrumError('CONFLICT', 'This entry is in the trash. Restore it first to change it.', { reason: 'entryInTrash' });
    }
    refuseMissingLinks(db, patch);
    const next = { ...old, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Entry;
    run(
      db,
      `UPDATE entries SET occurred_at = ?, time_zone = ?, day = ?, updated_at = ?, balance = ?, intensity = ?, heard = ?,
         respected = ?, valued = ?, involved = ?, outcome = ?, raise_with_therapist = ?, safety_flag = ?
       WHERE id = ?`,
      next.occurredAt,
      next.timeZone,
      dayIn(next.occurredAt, next.timeZone),
      now,
      next.balance,
      next.intensity,
      next.heard,
      next.respected,
      next.valued,
      next.involved,
      next.outcome,
      bit(next.raiseWithTherapist),
      bit(next.safetyConcern),
      id,
    );
    // Only touch the text when it changed: rewriting it re-indexes the entry for search.
    if (next.title !== old.title || next.body !== old.body) {
      run(db, 'UPDATE entries SET title = ?, body = ? WHERE id = ?', next.title, next.body, id);
      indexUnspaced(db, id, next.title, next.body);
    }
    replaceLinks(db, id, patch);
    if (patch.attachments !== undefined) setEntryAttachments(db, id, patch.attachments, now);
    keepRevision(db, 'entry', id, now, restoredFrom);
    return getEntry(db, id)!;
  })();
}

/** Moves an entry to the trash. Trashing it again keeps the first time, so its 30 days do not restart. */
export function trashEntry(db: DB, id: number, now: number): void {
  const info = run(db, 'UPDATE entries SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?', now, id);
  if (info.changes === 0) throw entryNotFound();
}

export function restoreEntry(db: DB, id: number): Entry {
  // An entry of an import still being written is not in the trash: only the import shows it.
  const info = run(db, 'UPDATE entries SET deleted_at = NULL WHERE id = ? AND import_batch IS NULL', id);
  if (info.changes === 0) throw entryNotFound();
  return getEntry(db, id)!;
}

/**
 * Hard deletes (with `secure_delete` and FTS5 secure-delete the text is overwritten, not just
 * unlinked). The editor's autosaved draft of a purged entry goes with it: it holds the same words, and
 * so does the content of its revisions, which is blanked, leaving their hashes and a record of the
 * deletion in the history.
 */
function purgeWhere(db: DB, now: number, where: string, ...params: unknown[]): number {
  return db.transaction(() => {
    const ids = column<number>(db, `SELECT id FROM entries WHERE ${where}`, ...params);
    for (const id of ids) tombstone(db, 'entry', id, now);
    // Their files go with them (and removed files of live entries, with the trash's own rules).
    deleteAttachmentsOf(db, 'entry', ids);
    run(db, `DELETE FROM drafts WHERE key IN (SELECT 'entry-' || id FROM entries WHERE ${where})`, ...params);
    return run(db, `DELETE FROM entries WHERE ${where}`, ...params).changes;
  })();
}

/** Deletes one trashed entry for good. Only entries in the trash can be purged: a slip cannot lose a live one. */
export function purgeEntry(db: DB, id: number, now: number): number {
  const row = get<{ deleted_at: number | null }>(db, 'SELECT deleted_at FROM entries WHERE id = ?', id);
  if (!row) throw entryNotFound();
  if (row.deleted_at === null) {
    throw new FulcrumError('CONFLICT', 'Only entries in the trash can be deleted for good. Move it to the trash first.');
  }
  return purgeWhere(db, now, 'id = ? AND deleted_at IS NOT NULL AND import_batch IS NULL', id);
}

/** Empties the trash. */
export function purgeTrash(db: DB, now: number): number {
  const purged = purgeWhere(db, now, 'deleted_at IS NOT NULL AND import_batch IS NULL');
  purgeAttachments(db, now, true);
  return purged;
}

/** How long an entry stays in the trash before it is deleted for good. */
export const TRASH_KEEP_MS = TRASH_DAYS * DAY_MS;

/**
 * One idle step of deleting files for good: attachments removed from their entries long enough ago,
 * uploads never linked to one, and the files of entries about to be deleted for good (in the trash
 * past their time, or left hidden by an unfinished import), at most PURGE_STEP_BYTES of them (at
 * least one file). Returns how many; run before the entries' own purge, which then has none left.
 */
export const purgeExpiredAttachmentsStep = (db: DB, now: number): number =>
  purgeAttachments(db, now, false, { maxBytes: PURGE_STEP_BYTES, entryExpiredBefore: now - TRASH_KEEP_MS });

/**
 * Deletes for good up to `max` of the entries that have been in the trash longer than TRASH_DAYS, the
 * longest-trashed first, in one transaction; returns how many. Run in idle moments, a batch at a time
 * (main/core/db/idle.ts), so that no call — an unlock least of all — waits for a long purge; until
 * then the trash view already leaves them out.
 */
export function purgeExpiredTrash(db: DB, now: number, max = Number.MAX_SAFE_INTEGER): number {
  const ids = column<number>(
    db,
    'SELECT id FROM entries WHERE deleted_at IS NOT NULL AND deleted_at <= ? AND import_batch IS NULL ORDER BY deleted_at, id LIMIT ?',
    now - TRASH_KEEP_MS,
    max,
  );
  if (ids.length === 0) return 0;
  return purgeWhere(db, now, 'id IN (SELECT value FROM json_each(?)) AND deleted_at IS NOT NULL', jsonList(ids));
}

/**
 * Deletes for good up to `max` entries of imports that stopped before their last step (hidden all
 * along: see migration 011), in one transaction, like the trash's: each leaves a tombstone in the
 * history, so the ledger says honestly that they were written and removed. Answers how many.
 */
export function purgeAbandonedImports(db: DB, now: number, max: number): number {
  const ids = column<number>(
    db,
    'SELECT id FROM entries WHERE import_batch IN (SELECT id FROM import_batches WHERE abandoned = 1) ORDER BY id LIMIT ?',
    max,
  );
  if (ids.length === 0) return 0;
  return purgeWhere(db, now, 'id IN (SELECT value FROM json_each(?)) AND import_batch IS NOT NULL', jsonList(ids));
}

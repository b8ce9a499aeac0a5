/**
 * The report's reads: which entries it includes (all in the range, only those flagged "raise with my
 * therapist", hand-picked, or none) — chosen with the same person filter as the insights — the entries
 * themselves, read a page of ids at a time, and the counts on its first page. Entries in the trash are
 * never included.
 */
import type { Entry } from '../../../../shared/schemas.js';
import type { EntrySelection } from '../../../../shared/report.js';
import type { DB } from '../open.js';
import { loadLinks, rowToEntry, SUMMARY_COLUMNS, type EntryRow } from '../repos/index.js';
import { all } from '../repos/sql.js';
import { ENTRIES, entryConditions, filterParams, prepared } from './sql.js';

export interface Selection {
  from: string;
  to: string;
  personIds: readonly number[];
  select: EntrySelection;
  pickedIds: readonly number[];
}

/** Ids of the included entries, oldest first. */
export function selectedEntryIds(db: DB, sel: Selection): number[] {
  if (sel.select === 'none' || (sel.select === 'picked' && sel.pickedIds.length === 0)) return [];
  const filter = sel.personIds.length ? { personIds: [...sel.personIds] } : {};
  const extra = sel.select === 'flagged' ? ' AND e.raise_with_therapist = 1' : sel.select === 'picked' ? ' AND e.id IN (SELECT value FROM json_each(:picked))' : '';
  return all<{ id: number }>(
    db,
    `SELECT e.id AS id FROM entries e WHERE ${entryConditions(filter)}${extra} ORDER BY e.occurred_at, e.id`,
    { ...filterParams(filter), from: sel.from, to: sel.to, ...(sel.select === 'picked' ? { picked: JSON.stringify(sel.pickedIds) } : {}) },
  ).map((r) => r.id);
}

const PAGE = 500;

/** The entries with these ids, in the given order, with their text. */
export function loadEntries(db: DB, ids: readonly number[]): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    const rows = new Map(
      all<EntryRow & { body: string }>(db, `SELECT ${SUMMARY_COLUMNS}, body FROM entries WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(page)).map((r) => [r.id, r]),
    );
    const links = loadLinks(db, page);
    for (const id of page) {
      const r = rows.get(id);
      if (r) out.push({ ...rowToEntry(r, links.get(id)), body: r.body });
    }
  }
  return out;
}

interface Counts {
  entries: number;
  days: number;
  flagged: number;
  safety: number;
  intensity: number | null;
}

export function entryCounts(db: DB, p: { from: string; to: string }, personIds: readonly number[]): Counts {
  const filter = personIds.length ? { personIds: [...personIds] } : {};
  return prepared(
    db,
    `SELECT count(*) AS entries, count(DISTINCT e.day) AS days, total(e.raise_with_therapist) AS flagged,
       total(e.safety_flag) AS safety, avg(e.intensity) AS intensity
     FROM ${ENTRIES} WHERE ${entryConditions(filter)}`,
  ).get({ ...filterParams(filter), from: p.from, to: p.to }) as Counts;
}

/** The day of the journal's first live entry (the trash does not count), or null for an empty journal. */
export function journalStartDay(db: DB): string | null {
  const row = prepared(db, 'SELECT min(day) AS day FROM entries WHERE deleted_at IS NULL').get() as { day: string | null } | undefined;
  return row?.day ?? null;
}

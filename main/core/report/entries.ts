/**
 * Which entries a report includes (all in the range, only those flagged "raise with my therapist",
 * hand-picked, or none) — chosen in SQL with the same person filter as the insights — and the entries
 * themselves, read a page of ids at a time. Entries in the trash are never included.
 */
import type { Entry } from '../../../shared/schemas.js';
import type { EntrySelection } from '../../../shared/report.js';
import type { DB } from '../db/index.js';
import { loadLinks, rowToEntry, SUMMARY_COLUMNS, type EntryRow } from '../db/repos/index.js';
import { all } from '../db/repos/sql.js';
import { entryConditions, filterParams } from '../db/analytics/sql.js';

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

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
import { entryConditions, filterParams, prepared } from './sql.js';

/** The report's own index (migration 11): the day, the flags, intensity and time, beside each live entry. */
const REPORT_ENTRIES = 'entries e INDEXED BY entries_live_report';

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
  // Picked entries are read by their ids (a few rows), not by walking the whole range's index and
  // testing each entry against the list: at all time and 100k entries that walk was ~40 ms a report.
  const source = sel.select === 'picked' ? 'entries e' : REPORT_ENTRIES;
  return all<{ id: number }>(
    db,
    `SELECT e.id AS id FROM ${source} WHERE ${entryConditions(filter)}${extra} ORDER BY e.occurred_at, e.id`,
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

/** Characters of an entry's text read for a row's first words (the row prints far fewer). */
export const LEAD_CHARS = 400;

/** An entry as a one-line row needs it: no text, only the start of its title or, without one, of its text. */
export interface EntryRowFacts {
  id: number;
  occurredAt: number;
  timeZone: string;
  day: string;
  personIds: number[];
  tagIds: number[];
  domains: Entry['domains'];
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  raiseWithTherapist: boolean;
  safetyConcern: boolean;
  /** The title, else the first LEAD_CHARS characters of the text. */
  lead: string;
  /** Whether `lead` is the start of a longer text. */
  cut: boolean;
  /** With `sizes`: the length of the words left out (for the estimate of the entries in full). */
  size?: { title: number; body: number; bodyLines: number; outcome: number };
}

/**
 * The entries with these ids as one-line rows, in the given order: their facts and the start of
 * their words, never the whole text. `sizes` also measures the title, text (characters and lines)
 * and outcome inside SQLite, for the estimate of printing them in full.
 */
export function loadEntryRows(db: DB, ids: readonly number[], opts: { sizes?: boolean } = {}): EntryRowFacts[] {
  const out: EntryRowFacts[] = [];
  const sizes = opts.sizes
    ? `, length(title) AS title_len, length(body) AS body_len, length(body) - length(replace(body, char(10), '')) + 1 AS body_lines, length(outcome) AS outcome_len`
    : '';
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    type Row = {
      id: number;
      occurred_at: number;
      time_zone: string;
      day: string;
      title: string;
      balance: number | null;
      intensity: number | null;
      heard: number | null;
      respected: number | null;
      valued: number | null;
      involved: number | null;
      raise_with_therapist: number;
      safety_flag: number;
      lead: string;
      cut: number;
      title_len?: number;
      body_len?: number;
      body_lines?: number;
      outcome_len?: number;
    };
    const rows = new Map(
      all<Row>(
        db,
        `SELECT id, occurred_at, time_zone, day, title, balance, intensity, heard, respected, valued, involved, raise_with_therapist, safety_flag,
           CASE WHEN title <> '' THEN title ELSE substr(body, 1, ${LEAD_CHARS}) END AS lead,
           CASE WHEN title <> '' THEN 0 ELSE length(body) > ${LEAD_CHARS} END AS cut${sizes}
         FROM entries WHERE id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(page),
      ).map((r) => [r.id, r]),
    );
    const links = loadLinks(db, page);
    for (const id of page) {
      const r = rows.get(id);
      if (!r) continue;
      const l = links.get(id);
      out.push({
        id,
        occurredAt: r.occurred_at,
        timeZone: r.time_zone,
        day: r.day,
        personIds: l?.personIds ?? [],
        tagIds: l?.tagIds ?? [],
        domains: l?.domains ?? [],
        balance: r.balance,
        intensity: r.intensity,
        heard: r.heard,
        respected: r.respected,
        valued: r.valued,
        involved: r.involved,
        raiseWithTherapist: r.raise_with_therapist === 1,
        safetyConcern: r.safety_flag === 1,
        lead: r.lead,
        cut: r.cut === 1,
        ...(opts.sizes ? { size: { title: r.title_len ?? 0, body: r.body_len ?? 0, bodyLines: r.body_len ? (r.body_lines ?? 1) : 0, outcome: r.outcome_len ?? 0 } } : {}),
      });
    }
  }
  return out;
}

/** Revisions in the history: sequence numbers run from 1 without a gap (the history check refuses a gap). */
export function historyLength(db: DB): number {
  const row = prepared(db, 'SELECT max(seq) AS n FROM revisions').get() as { n: number | null } | undefined;
  return row?.n ?? 0;
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
     FROM ${REPORT_ENTRIES} WHERE ${entryConditions(filter)}`,
  ).get({ ...filterParams(filter), from: p.from, to: p.to }) as Counts;
}

/** The day of the journal's first live entry (the trash does not count), or null for an empty journal. */
export function journalStartDay(db: DB): string | null {
  const row = prepared(db, 'SELECT min(day) AS day FROM entries WHERE deleted_at IS NULL').get() as { day: string | null } | undefined;
  return row?.day ?? null;
}

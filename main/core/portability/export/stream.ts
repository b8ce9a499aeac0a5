/**
 * The export written a page of entries at a time, so memory stays bounded however big the journal
 * is (a whole 100k-entry journal held as objects, prepared, then formatted took gigabytes). First the
 * ids in scope are listed (numbers only, oldest first), then everything but the entries is read (people,
 * patterns, check-ins, strengths, sessions: small), then the entries follow in pages of ENTRY_PAGE:
 * read with their bodies, prepared (text left out, pseudonyms applied), formatted and handed to the
 * sink, and dropped. The output is byte for byte what the whole-journal writers in csv.ts,
 * markdown.ts and json.ts produce from the same data.
 *
 * Between pages the job awaits `pause()` (core/jobs): calls keep being answered while it runs, and a
 * lock stops it with CANCELLED; the caller then removes what it had written.
 */
import type { ExportCounts, ExportFormat } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { listCheckIns, listPeople, listTags, loadLinks, rowToEntry } from '../../db/repos/index.js';
import { dayOfEntry, entryRowsWithBodies, peopleInEntries, searchKeys, therapySessionsOldestFirst } from '../../db/repos/export.js';
import { listStrengths } from '../../db/repos/strengths.js';
import type { ExportData, ExportEntryRow, Scope } from './collect.js';
import { csvHead, csvRow } from './csv.js';
import { lookup } from './fields.js';
import { jsonEntry, toJsonExport } from './json.js';
import { markdownEntry, markdownHead, markdownTail } from './markdown.js';
import { exportPreparer, isPseudonymised } from './prepare.js';

export const ENTRY_PAGE = 200;
const ID_PAGE = 5000;

/** Where the text goes: a file being written, or a list of parts joined at the end. */
export type ExportSink = (chunk: string) => void | Promise<void>;

export interface StreamOptions {
  journalId: string;
  now: number;
  /** Awaited between pages; throws to stop (see core/jobs/cooperate.ts). */
  pause: () => Promise<void>;
  progress?: (done: number, total: number) => void;
  /**
   * Files exported beside the entries (a ZIP export): called with each page's entries before they are
   * formatted; answers, by entry id, the Markdown lines that link that entry's files.
   */
  linkFiles?: (page: readonly ExportEntryRow[]) => Map<number, string[]>;
  /** Everything but the entries, prepared, before the entries are written (a ZIP export takes the check-ins' files from it). */
  onRest?: (data: ExportData) => void;
}

/** The ids of the live entries in scope, oldest first: the same filter as the timeline's search. */
async function idsInScope(db: DB, scope: Scope, pause: () => Promise<void>): Promise<number[]> {
  const personIds = scope.personIds?.length ? scope.personIds : undefined;
  const filter = { from: scope.from, to: scope.to, personIds };
  const ids: number[] = [];
  let cursor: { occurredAt: number; id: number } | null = null;
  for (;;) {
    const keys = searchKeys(db, filter, cursor, ID_PAGE);
    const page = keys.slice(0, ID_PAGE);
    for (const r of page) ids.push(r.id);
    if (keys.length <= ID_PAGE) break;
    const last = page.at(-1)!;
    cursor = { occurredAt: last.k, id: last.id };
    await pause();
  }
  return ids.reverse();
}

/** Whole entries (body and source reference included) for some ids, in the order given. */
function entriesById(db: DB, ids: readonly number[]): ExportEntryRow[] {
  const rows = entryRowsWithBodies(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = loadLinks(db, ids);
  const out: ExportEntryRow[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const { body, source_ref, ...row } = r;
    out.push({ ...rowToEntry(row, links.get(id)), body, sourceRef: source_ref });
  }
  return out;
}

/** Everything an export holds but the entries (see collectExport for what each part means). */
async function everythingElse(db: DB, scope: Scope, ids: readonly number[], pause: () => Promise<void>): Promise<ExportData> {
  const personIds = scope.personIds?.length ? scope.personIds : undefined;
  const allPeople = listPeople(db, { includeArchived: true });
  const wanted = new Set<number>(personIds ?? allPeople.map((p) => p.id));
  if (personIds) {
    // Anyone else named in the chosen entries comes along.
    for (let i = 0; i < ids.length; i += ID_PAGE) {
      for (const p of peopleInEntries(db, ids.slice(i, i + ID_PAGE))) wanted.add(p);
      await pause();
    }
  }
  const people = allPeople.filter((p) => wanted.has(p.id));
  await pause();
  const inRange = (day: string) => (!scope.from || day >= scope.from) && (!scope.to || day <= scope.to);
  const chosen = (id: number | null) => id === null || !personIds || personIds.includes(id);
  const checkins = listCheckIns(db, { from: scope.from, to: scope.to })
    .filter((c) => chosen(c.personId))
    .sort((a, b) => a.week.localeCompare(b.week) || a.personId - b.personId);
  await pause();
  const strengths = scope.includeText ? listStrengths(db).filter((s) => chosen(s.personId)) : [];
  const sessions = therapySessionsOldestFirst(db).filter((s) => inRange(s.day));
  return { scope, people, tags: listTags(db, { includeArchived: true }), entries: [], checkins, strengths, sessions };
}

const dayOf = (db: DB, id: number | undefined) =>
  id === undefined ? undefined : dayOfEntry(db, id);

/** Marks where the entries go in the JSON skeleton (a key: user text inside strings has its quotes escaped). */
const JSON_ENTRIES = '\n    "entries": []';

/**
 * Writes the export of `scope` in `format` to `sink`, a page of entries at a time, and says what it
 * held. The journal is only read.
 */
export async function streamExport(format: ExportFormat, scope: Scope, db: DB, sink: ExportSink, o: StreamOptions): Promise<ExportCounts> {
  const ids = await idsInScope(db, scope, o.pause);
  await o.pause();
  const raw = await everythingElse(db, scope, ids, o.pause);
  await o.pause();
  const prep = exportPreparer(raw.people, scope);
  const data = prep.rest(raw);
  o.onRest?.(data);
  await o.pause();
  const l = lookup(data);
  const total = ids.length;
  o.progress?.(0, total);

  let between = '';
  let after = '';
  let sep = '';
  let writeEntry: (e: ExportEntryRow) => string;
  let links = new Map<number, string[]>();
  if (format === 'csv') {
    await sink(csvHead());
    writeEntry = (e) => csvRow(e, l);
  } else if (format === 'markdown') {
    // Lines joined by "\n": every later line is written with the "\n" that comes before it.
    const head = markdownHead(data, { now: o.now, count: total, first: dayOf(db, ids[0]), last: dayOf(db, ids.at(-1)) });
    await sink(head.join('\n'));
    writeEntry = (e) => '\n' + [...markdownEntry(e, l), ...(links.get(e.id) ?? [])].join('\n');
    after = markdownTail(data, l).map((line) => '\n' + line).join('');
  } else {
    const whole = JSON.stringify(toJsonExport(data, { journalId: o.journalId, now: o.now, pseudonymised: isPseudonymised(raw) }), null, 2) + '\n';
    const at = whole.indexOf(JSON_ENTRIES);
    await sink(whole.slice(0, at) + (total ? '\n    "entries": [\n' : JSON_ENTRIES));
    after = (total ? '\n    ]' : '') + whole.slice(at + JSON_ENTRIES.length);
    between = ',\n';
    writeEntry = (e) =>
      JSON.stringify(jsonEntry(e), null, 2)
        .split('\n')
        .map((line) => '      ' + line)
        .join('\n');
  }

  for (let i = 0; i < ids.length; i += ENTRY_PAGE) {
    await o.pause();
    const page = entriesById(db, ids.slice(i, i + ENTRY_PAGE)).map(prep.entry);
    if (o.linkFiles) links = o.linkFiles(page);
    let text = '';
    for (const e of page) {
      text += sep + writeEntry(e);
      sep = between;
      // Cheap unless its time slice is used up: then it lets calls (and a lock) in.
      await o.pause();
    }
    await sink(text);
    o.progress?.(Math.min(total, i + ENTRY_PAGE), total);
  }
  await sink(after);
  return { entries: total, people: data.people.length, checkins: data.checkins.length, strengths: data.strengths.length };
}

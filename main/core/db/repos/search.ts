import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type Cursor,
  type EntryFilter,
  type EntrySummary,
  type SearchInput,
  type SearchPage,
} from '../../../../shared/schemas.js';
import { FulcrumError } from '../../../../shared/errors.js';
import type { DB } from '../open.js';
import { SUMMARY_COLUMNS, loadLinks, rowToEntry, type EntryRow } from './entries.js';
import { all, bit, jsonList, value } from './sql.js';
import { DAY_MS, utcStartOf } from './time.js';
import { UNSPACED, UNSPACED_RUNS, unspacedPhrase, unspacedRuns } from '../unspaced.js';

type SearchRequest = z.output<typeof SearchInput>;

/** How much of the body a timeline card shows (the renderer may clamp further). */
export const EXCERPT_CHARS = 200;
/** Tokens of context in a search snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 24;
/** Searching for more words than this adds nothing but work. */
const MAX_TERMS = 32;

/** What the user typed, as queries: FTS5 for the words of spaced scripts, phrases for unspaced runs. */
export interface TextQuery {
  /** For entries_fts (unicode61); null when every word is in a script without spaces. */
  match: string | null;
  /** For entries_unspaced (one token per character); null when no word has such text. */
  unspaced: string | null;
  /** The unspaced runs searched for, to highlight them in excerpts. */
  runs: string[];
}

/**
 * Turns what the user typed into FTS5 queries that cannot fail to parse: every word becomes a quoted
 * string (inner quotes doubled), so FTS5 operators, column filters, NEAR(…), `^`, `*`, parentheses and
 * unbalanced quotes are all just text; the last word is a prefix ("argu" finds "argument") so results
 * follow the typing. Words are ANDed. Words with no letter or digit cannot match anything in the
 * index (the tokenizer drops them) and are left out. Text in scripts written without spaces (お金,
 * ภาษา) is searched as a substring through the per-character index (main/core/db/unspaced.ts), so
 * "お金" finds "今日はお金の話をした"; the rest of such a word ("2024年" → "2024") goes to the main
 * index. Returns null when nothing searchable is left.
 */
export function textQuery(text: string): TextQuery | null {
  const words = text
    .normalize('NFC')
    // FTS5 reads its query as a C string: a NUL would end it inside a quote. No control character is
    // part of a word, so all of them separate words.
    .replace(/\p{Cc}/gu, ' ')
    .split(/\s+/u)
    // A Thai vowel or tone mark on its own has no letter in it, but is still text to find.
    .filter((w) => /[\p{L}\p{N}]/u.test(w) || UNSPACED.test(w))
    .slice(0, MAX_TERMS);
  const spaced: string[] = [];
  const runs: string[] = [];
  for (const w of words) {
    runs.push(...unspacedRuns(w));
    spaced.push(...w.replace(UNSPACED_RUNS, ' ').split(' ').filter((part) => /[\p{L}\p{N}]/u.test(part)));
  }
  if (spaced.length === 0 && runs.length === 0) return null;
  const match =
    spaced.length === 0 ? null : spaced.map((w, i) => `"${w.replaceAll('"', '""')}"${i === spaced.length - 1 ? '*' : ''}`).join(' ');
  const unspaced = runs.length === 0 ? null : runs.map(unspacedPhrase).join(' ');
  return { match, unspaced, runs };
}

/** The query for the main full-text index alone (see textQuery). */
export const ftsQuery = (text: string): string | null => textQuery(text)?.match ?? null;

/** What a search or trash query needs: SQL and named parameters, kept apart so tests can EXPLAIN it. */
export interface SearchQuery {
  sql: string;
  params: Record<string, string | number>;
  match: string | null;
  /** The unspaced runs searched for (see textQuery); empty when none. */
  runs: string[];
  /** How many entries the filter matches in all (same conditions, no cursor or limit); uses `params`. */
  countSql: string;
}

const nonEmpty = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;

/**
 * The count of a plain text search, read from the full-text index alone: the matching rows less those
 * in the trash (a few at most). The general count walks every live entry and checks it against the
 * match set, ~4× slower for a word most entries contain ("a", "mo" while typing), and looking the
 * matches up in `entries` instead costs a page read each. Null when other filters narrow the search.
 */
function textOnly(filter: EntryFilter, trash: boolean, text: TextQuery | null): string | null {
  if (trash || text === null || Object.keys(filter).some((k) => k !== 'text')) return null;
  const notTrashed = 'rowid NOT IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL)';
  if (text.match === null) return `SELECT count(*) FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced AND ${notTrashed}`;
  const alsoUnspaced = text.unspaced === null ? '' : ' AND rowid IN (SELECT rowid FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced)';
  return `SELECT count(*) FROM entries_fts WHERE entries_fts MATCH @match AND ${notTrashed}${alsoUnspaced}`;
}

/**
 * The page query: ids and sort keys of the next `limit` entries (one more, to know if a page follows).
 *
 * Shape and why:
 * - Live entries are read in `entries_live_time` order (occurred_at DESC, id DESC), the trash in
 *   `entries_trash` order (deleted_at DESC, id DESC); the cursor is a keyset bound on that order, so
 *   page 1000 costs what page 1 costs and rows with the same time are neither repeated nor skipped.
 * - Each filter on a linked table is `+e.id IN (SELECT … )`: SQLite builds the matching id set once
 *   through that table's index (entry_people_person, entry_tags_tag, entry_domains_domain, the FTS
 *   index) and checks it while walking the time index. The unary `+` keeps the planner from instead
 *   looking entries up by id and sorting the whole match set, which is ~20× slower for a common
 *   person or word at 100k entries. Filters ANDed; values inside one filter ORed.
 * - The day range also bounds occurred_at (a zone is never more than a day from UTC), so the time
 *   index is read only across that stretch; `+e.day` keeps the exact check off the day index.
 */
export function buildSearchQuery(filter: EntryFilter, cursor: Cursor | null, limit: number, trash: boolean, trashedAfter?: number): SearchQuery {
  // An import still being written keeps its entries in the trash's column, hidden from the trash too.
  const where: string[] = [trash ? 'e.deleted_at IS NOT NULL AND e.import_batch IS NULL' : 'e.deleted_at IS NULL'];
  const params: Record<string, string | number> = { limit: limit + 1 };
  // The trash never shows an entry that is due to be deleted for good (idle time deletes it).
  if (trash && trashedAfter !== undefined) {
    where.push('e.deleted_at > @trashedAfter');
    params.trashedAfter = trashedAfter;
  }
  const key = trash ? 'e.deleted_at' : 'e.occurred_at';
  const text = filter.text === undefined ? null : textQuery(filter.text);
  const match = text?.match ?? null;
  if (match !== null) {
    // An entry is also found by the file name or caption of one of its (shown) attachments.
    where.push(
      "+e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match UNION SELECT owner_id FROM attachments WHERE owner_kind = 'entry' AND removed_at IS NULL AND id IN (SELECT rowid FROM attachments_fts WHERE attachments_fts MATCH @match))",
    );
    params.match = match;
  }
  if (text?.unspaced) {
    where.push('+e.id IN (SELECT rowid FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced)');
    params.unspaced = text.unspaced;
  }
  if (nonEmpty(filter.personIds)) {
    where.push('+e.id IN (SELECT entry_id FROM entry_people WHERE person_id IN (SELECT value FROM json_each(@people)))');
    params.people = jsonList(filter.personIds);
  }
  if (nonEmpty(filter.tagIds)) {
    where.push('+e.id IN (SELECT entry_id FROM entry_tags WHERE tag_id IN (SELECT value FROM json_each(@tags)))');
    params.tags = jsonList(filter.tagIds);
  }
  // Category and polarity describe one pattern: "a healthy Money pattern", not "any Money pattern and
  // any healthy pattern".
  const tagWhere: string[] = [];
  if (nonEmpty(filter.categories)) {
    tagWhere.push('category IN (SELECT value FROM json_each(@categories))');
    params.categories = jsonList(filter.categories);
  }
  if (filter.polarity !== undefined) {
    tagWhere.push('polarity = @polarity');
    params.polarity = filter.polarity;
  }
  if (tagWhere.length > 0) {
    where.push(`+e.id IN (SELECT entry_id FROM entry_tags WHERE tag_id IN (SELECT id FROM tags WHERE ${tagWhere.join(' AND ')}))`);
  }
  if (nonEmpty(filter.domains)) {
    where.push('+e.id IN (SELECT entry_id FROM entry_domains WHERE domain IN (SELECT value FROM json_each(@domains)))');
    params.domains = jsonList(filter.domains);
  }
  if (filter.from !== undefined) {
    where.push('+e.day >= @from', 'e.occurred_at >= @fromAt');
    params.from = filter.from;
    params.fromAt = utcStartOf(filter.from) - DAY_MS;
  }
  if (filter.to !== undefined) {
    where.push('+e.day <= @to', 'e.occurred_at < @toAt');
    params.to = filter.to;
    params.toAt = utcStartOf(filter.to) + 2 * DAY_MS;
  }
  if (filter.raiseWithTherapist !== undefined) {
    where.push('e.raise_with_therapist = @raise');
    params.raise = bit(filter.raiseWithTherapist);
  }
  if (filter.safetyConcern !== undefined) {
    where.push('e.safety_flag = @safety');
    params.safety = bit(filter.safetyConcern);
  }
  const countSql = textOnly(filter, trash, text) ?? `SELECT count(*) FROM entries e WHERE ${where.join(' AND ')}`;
  if (cursor) {
    where.push(`(${key}, e.id) < (@cursorKey, @cursorId)`);
    params.cursorKey = cursor.occurredAt;
    params.cursorId = cursor.id;
  }
  const sql =
    `SELECT e.id AS id, ${key} AS k FROM entries e WHERE ${where.join(' AND ')} ` +
    `ORDER BY ${key} DESC, e.id DESC LIMIT @limit`;
  return { sql, params, match, runs: text?.runs ?? [], countSql };
}

const MARKERS = /[\uE000\uE001]/gu;
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** The start of the body, cut at a word near EXCERPT_CHARS. User text can never carry highlight marks. */
export function plainExcerpt(head: string): string {
  const chars = Array.from(squash(head.replace(MARKERS, '')));
  if (chars.length <= EXCERPT_CHARS) return chars.join('');
  let cut = chars.slice(0, EXCERPT_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  if (space > EXCERPT_CHARS * 0.75) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/**
 * FTS5 snippets around the matches of a page's entries. snippet() wraps matches in markers we pick;
 * the markers carry a random nonce per query and the body's own U+E000/U+E001 are removed first, so
 * only real matches come out wrapped in HIGHLIGHT_START/HIGHLIGHT_END.
 *
 * One query for the page, and one FTS5 scan: a plain `rowid IN (…)` would be handed to FTS5 as one
 * lookup per id, and each lookup of a prefix query ("bud"*) merges the prefix's whole doclist again
 * (~250 ms a page for a common word at 100k entries, against ~10 ms this way). So the ids are only a
 * filter (`+rowid`), and the page's rowid range bounds the scan. Bounds are cast to integers because
 * FTS5 ignores a REAL rowid constraint (better-sqlite3 binds JS numbers as REAL).
 */
function snippets(db: DB, match: string, ids: readonly number[]): Map<number, string> {
  const nonce = randomBytes(9).toString('base64url');
  const open = `\u0002${nonce}[`;
  const close = `]${nonce}\u0003`;
  const rows = all<{ id: number; s: string | null }>(
    db,
    `SELECT rowid AS id, snippet(entries_fts, 1, @open, @close, '…', ${SNIPPET_TOKENS}) AS s FROM entries_fts
     WHERE entries_fts MATCH @match AND rowid BETWEEN CAST(@lo AS INTEGER) AND CAST(@hi AS INTEGER)
       AND +rowid IN (SELECT value FROM json_each(@ids))`,
    { open, close, match, lo: Math.min(...ids), hi: Math.max(...ids), ids: jsonList(ids) },
  );
  const out = new Map<number, string>();
  for (const r of rows) {
    const text = squash((r.s ?? '').replace(MARKERS, ''));
    out.set(r.id, text.split(open).join(HIGHLIGHT_START).split(close).join(HIGHLIGHT_END));
  }
  return out;
}

/** Characters of context before the first match in an excerpt of unspaced text. */
const RUN_CONTEXT = 40;

/**
 * Excerpts around the first match of unspaced text (FTS5's snippet() cannot, as that index is
 * contentless): the body from a little before the first occurrence of any run, every occurrence in it
 * wrapped in HIGHLIGHT_START/HIGHLIGHT_END. The body's own U+E000/U+E001 are removed first, so only
 * real matches come out marked.
 */
export function runExcerpt(body: string, runs: readonly string[]): string | null {
  const text = squash(body.normalize('NFC').replace(MARKERS, ''));
  const found = runs.map((r) => text.indexOf(r)).filter((i) => i >= 0);
  if (found.length === 0) return null;
  const first = Math.min(...found);
  const start = Math.max(0, first - RUN_CONTEXT);
  const chars = Array.from(text.slice(start));
  const window = chars.slice(0, EXCERPT_CHARS).join('');
  const cut = chars.length > EXCERPT_CHARS;
  // Longest first, so a run inside a longer one does not split its mark.
  const pattern = new RegExp([...new Set(runs)].sort((a, b) => b.length - a.length).map((r) => r.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'gu');
  const marked = window.replace(pattern, (m) => `${HIGHLIGHT_START}${m}${HIGHLIGHT_END}`);
  return `${start > 0 ? '…' : ''}${marked}${cut ? '…' : ''}`;
}

function runSnippets(db: DB, runs: readonly string[], ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of all<{ id: number; body: string }>(db, 'SELECT id, body FROM entries WHERE id IN (SELECT value FROM json_each(?))', jsonList(ids))) {
    const excerpt = runExcerpt(r.body, runs);
    if (excerpt !== null) out.set(r.id, excerpt);
  }
  return out;
}

/**
 * The timeline (`trash: false`, newest first by when it happened) or the trash (`trash: true`, most
 * recently deleted first), filtered, one keyset page at a time. In the trash the cursor's
 * `occurredAt` holds the deletion time, the trash's sort key; callers pass `nextCursor` back unchanged.
 * `trashedAfter` leaves out of the trash what was deleted at or before that time.
 */
export function searchEntries(db: DB, req: SearchRequest, opts: { trash: boolean; trashedAfter?: number }): SearchPage {
  const q = buildSearchQuery(req.filter, req.cursor, req.limit, opts.trash, opts.trashedAfter);
  // The count is asked for once per search, with its first page, and only when something narrows the
  // list ("12 entries match"): following pages and the plain timeline never pay for it.
  const counted = req.cursor === null && Object.keys(req.filter).length > 0;
  try {
    return runSearch(db, q, req.limit, counted);
  } catch (e) {
    // ftsQuery() quotes everything, so this should not happen; if FTS5 still finds fault with a query,
    // the person gets a plain answer rather than "something went wrong".
    if ((q.match !== null || q.runs.length > 0) && (e as { code?: string }).code === 'SQLITE_ERROR') {
      throw new FulcrumError('VALIDATION', 'Fulcrum could not search for that text. Try other words.', { reason: 'searchFailed' });
    }
    throw e;
  }
}

function runSearch(db: DB, q: SearchQuery, limit: number, counted: boolean): SearchPage {
  const keys = all<{ id: number; k: number }>(db, q.sql, q.params);
  const more = keys.length > limit;
  const page = more ? keys.slice(0, limit) : keys;
  // A short first page is its own count; only a longer result needs the count query.
  const total = !counted ? undefined : more ? countMatches(db, q) : page.length;
  const counts = total === undefined ? {} : { total };
  if (page.length === 0) return { items: [], nextCursor: null, ...counts };

  const ids = page.map((r) => r.id);
  const rows = all<EntryRow & { head: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, substr(body, 1, ${EXCERPT_CHARS * 2}) AS head FROM entries WHERE id IN (SELECT value FROM json_each(?))`,
    jsonList(ids),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = loadLinks(db, ids);
  const snips = q.match !== null ? snippets(db, q.match, ids) : q.runs.length > 0 ? runSnippets(db, q.runs, ids) : null;

  const items: EntrySummary[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const { head, ...entry } = row;
    items.push({ ...rowToEntry(entry, links.get(id)), excerpt: snips?.get(id) ?? plainExcerpt(head) });
  }
  const last = page.at(-1)!;
  return { items, nextCursor: more ? { occurredAt: last.k, id: last.id } : null, ...counts };
}

function countMatches(db: DB, q: SearchQuery): number {
  const params = Object.fromEntries(Object.entries(q.params).filter(([k]) => !['limit', 'cursorKey', 'cursorId'].includes(k)));
  return value<number>(db, q.countSql, params) ?? 0;
}

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
import { all, bit, get, jsonList, value } from './sql.js';
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

/**
 * How a page of a text search is found (each gives the same entries in the same order):
 * - `walk`: read the timeline's time index newest first and keep the entries in the set of all matches,
 *   built once per query. Its cost grows with the number of matches (building the set) and, for a rare
 *   word, with the length of the timeline (walking it to the end).
 * - `probe`: read the time index newest first and ask the full-text index about each entry in turn
 *   (`rowid = e.id`, a seek in its lists). For a word in most entries ("a", "mo", the partner's name)
 *   the first page comes after ~100 entries, where building the match set costs tens of milliseconds.
 *   Only for queries the index can seek into (see `seekable`) or whose long last prefix is spelled out
 *   as the index's words (see `expandPrefix`), and bounded (see `PROBE_BUDGET`).
 * - `ids`: start from the matches, look each up by id and sort them: for a word in few entries, rather
 *   than walking the whole timeline past entries that do not match.
 */
export type SearchPlan = 'walk' | 'probe' | 'ids';

/** What a search or trash query needs: SQL and named parameters, kept apart so tests can EXPLAIN it. */
export interface SearchQuery {
  sql: string;
  params: Record<string, string | number>;
  match: string | null;
  /** The unspaced runs searched for (see textQuery); empty when none. */
  runs: string[];
  /** How many entries the filter matches in all (same conditions, no cursor or limit); uses `params`. */
  countSql: string;
  /** The count of a search whose only filter is text, read from the indexes alone; uses `params`. */
  wholeCountSql: string;
  /**
   * For the `probe` plan: the sort key and id of the PROBE_BUDGET-th entry the walk would reach (the
   * filters other than text applied), or no row when the walk ends before; uses `params`.
   */
  floorSql: string;
  /** `sql` with the walk stopped at the floor (`@floorKey`, `@floorId`, from `floorSql`). */
  flooredSql: string;
  /** The long last prefix split, when the probe plan uses it (excerpts then avoid the prefix too). */
  expansion: Expansion | null;
}

const nonEmpty = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;

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
 * - The text is one condition whose form depends on `plan` (see SearchPlan); the trash is always walked.
 */
export function buildSearchQuery(
  filter: EntryFilter,
  cursor: Cursor | null,
  limit: number,
  trash: boolean,
  trashedAfter?: number,
  plan: SearchPlan = 'walk',
  expansion: Expansion | null = null,
): SearchQuery {
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
  const how = trash || text === null ? 'walk' : plan;
  /** Conditions on the text, checked against the entry `e`. */
  const textWhere: string[] = [];
  /** For `ids`: the matching ids the query starts from. */
  let idsFrom: string | null = null;
  // An entry is also found by the file name or caption of one of its (shown) attachments.
  const byAttachment =
    "SELECT owner_id FROM attachments WHERE owner_kind = 'entry' AND removed_at IS NULL AND id IN (SELECT rowid FROM attachments_fts WHERE attachments_fts MATCH @match)";
  if (match !== null) {
    params.match = match;
    if (how === 'probe') {
      // A long last prefix is probed as a whole word; the entries with a longer word that starts so are a set.
      const probed = [`EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ${expansion ? '@exact' : '@match'} AND rowid = e.id)`];
      if (expansion) {
        params.exact = expansion.exact;
        params.others = jsonList(expansion.others);
        const withHead = expansion.head === null ? '' : ' AND EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH @head AND rowid = e.id)';
        if (expansion.head !== null) params.head = expansion.head;
        probed.push(`(+e.id IN (SELECT value FROM json_each(@others))${withHead})`);
      }
      textWhere.push(`(${[...probed, `+e.id IN (${byAttachment})`].join(' OR ')})`);
    } else if (how === 'ids') {
      idsFrom = `SELECT rowid AS id FROM entries_fts WHERE entries_fts MATCH @match UNION ${byAttachment}`;
    } else {
      // Two sets ORed rather than one UNION: a UNION sorts the matches once more to drop duplicates.
      textWhere.push(`(+e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match) OR +e.id IN (${byAttachment}))`);
    }
  }
  if (text?.unspaced) {
    params.unspaced = text.unspaced;
    if (how === 'probe') textWhere.push('EXISTS (SELECT 1 FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced AND rowid = e.id)');
    else if (how === 'ids' && idsFrom === null) idsFrom = 'SELECT rowid AS id FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced';
    else textWhere.push('+e.id IN (SELECT rowid FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced)');
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
  // `ids` reads the matches first and each entry by its id (CROSS JOIN fixes that order).
  const from = idsFrom === null ? 'entries e' : `(${idsFrom}) AS m CROSS JOIN entries e ON e.id = m.id`;
  // @countLimit: -1 counts every match; a text search stops at COUNT_CAP + 1.
  const countSql = `SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${[...where, ...textWhere].join(' AND ')} LIMIT @countLimit)`;
  // The text's matches alone, from the indexes (for a search with no other filter): live entries only.
  const notTrashed = 'NOT IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL)';
  const wholeCountSql =
    match !== null
      ? `SELECT count(*) FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH @match AND rowid ${notTrashed}
           UNION SELECT a.owner_id FROM attachments a JOIN entries o ON o.id = a.owner_id AND o.deleted_at IS NULL
             WHERE a.owner_kind = 'entry' AND a.removed_at IS NULL AND a.id IN (SELECT rowid FROM attachments_fts WHERE attachments_fts MATCH @match)
           LIMIT @countLimit)`
      : `SELECT count(*) FROM (SELECT rowid FROM entries_unspaced WHERE entries_unspaced MATCH @unspaced AND rowid ${notTrashed} LIMIT @countLimit)`;
  if (cursor) {
    where.push(`(${key}, e.id) < (@cursorKey, @cursorId)`);
    params.cursorKey = cursor.occurredAt;
    params.cursorId = cursor.id;
  }
  const order = `ORDER BY ${key} DESC, e.id DESC`;
  const floorSql = `SELECT ${key} AS k, e.id AS id FROM entries e WHERE ${where.join(' AND ')} ${order} LIMIT 1 OFFSET @budget`;
  const sql = `SELECT e.id AS id, ${key} AS k FROM ${from} WHERE ${[...where, ...textWhere].join(' AND ')} ${order} LIMIT @limit`;
  // The probe walk stopped at the floor (a bound on the index, so the walk ends there): at most
  // PROBE_BUDGET + 1 entries are probed.
  const flooredSql = `SELECT e.id AS id, ${key} AS k FROM ${from} WHERE ${[...where, `(${key}, e.id) >= (@floorKey, @floorId)`, ...textWhere].join(' AND ')} ${order} LIMIT @limit`;
  return { sql, params, match, runs: text?.runs ?? [], countSql, wholeCountSql, floorSql, flooredSql, expansion: how === 'probe' && match !== null ? expansion : null };
}

/** A text search counts its matches up to this many; past it the first page says "more than 1,000". */
export const COUNT_CAP = 1000;
/**
 * The most entries the `probe` plan asks the index about before it gives up and the search is walked
 * instead (the same page, found the other way): a few milliseconds of probes at most.
 */
export const PROBE_BUDGET = 600;
/** Below this share of entries matching, probing the timeline would ask about too many entries per hit. */
const PROBE_DENSITY = 0.15;
/**
 * Up to this many matches the `ids` plan looks each one up (a page read each, ~10 µs); past it the walk
 * of the time index, which costs about the same whatever the word, is cheaper.
 */
const IDS_MAX = 300;

/**
 * True when every word of the query can be looked up in the main full-text index at a given entry by a
 * seek: whole words, and a last (prefix) word of one or two characters, which the prefix indexes of
 * migration 8 hold. A longer prefix ("argu"*) has no index of its own: FTS5 merges the lists of every
 * word that starts so on each lookup, milliseconds for a common start, so it is never probed. Nor is
 * the index of unspaced text, whose lookups by entry measured several times slower than the walk.
 */
export function seekable(text: TextQuery): boolean {
  if (text.match === null || text.unspaced !== null) return false;
  return Array.from(lastWord(text.match)).length <= 2;
}

const lastWord = (match: string): string =>
  ([...match.matchAll(/"((?:[^"]|"")*)"/gu)].at(-1)?.[1] ?? '').replaceAll('""', '"');

/** What the choice of plan reads first: the newest live entries the index says match, no more than COUNT_CAP + 1. */
export interface Estimate {
  /** Live entries matching in the index that drives the search, counted up to COUNT_CAP + 1. */
  live: number;
  /**
   * Of the entries written since the oldest of those (ids grow as entries are written), the share that
   * match: about the share of the newest entries the probe plan would find matching.
   */
  share: number;
  /** The text is the only filter, and in one index: `live` then counts the whole query's matches (attachments aside). */
  whole: boolean;
}

const ESTIMATE = (table: string) =>
  `SELECT count(*) AS n, min(rowid) AS low, (SELECT max(id) FROM entries) AS top FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH @q
     AND rowid NOT IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL) ORDER BY rowid DESC LIMIT ${COUNT_CAP + 1})`;

function readEstimate(db: DB, table: string, q: string, whole: boolean): Estimate {
  const r = get<{ n: number; low: number | null; top: number | null }>(db, ESTIMATE(table), { q });
  const n = r?.n ?? 0;
  return { live: n, share: n === 0 ? 0 : n / Math.max((r?.top ?? 0) - (r?.low ?? 0) + 1, n), whole };
}

/**
 * Reads the newest COUNT_CAP + 1 live matches of the text's main index (the full-text index, or the
 * unspaced one when every word is in a script without spaces). A long prefix ("Taylor"*) is first
 * counted as the whole word ("Taylor"), a seek, since the prefix itself costs a merge of every word
 * that starts so: when the word alone is in more than COUNT_CAP entries, so is the prefix.
 */
export function estimate(db: DB, filter: EntryFilter, text: TextQuery): Estimate {
  const whole = Object.keys(filter).every((k) => k === 'text') && (text.match === null || text.unspaced === null);
  if (text.match === null) return readEstimate(db, 'entries_unspaced', text.unspaced!, whole);
  if (!seekable({ ...text, unspaced: null })) {
    const exact = readEstimate(db, 'entries_fts', text.match.replace(/\*$/u, ''), whole);
    if (exact.live > COUNT_CAP) return exact;
  }
  return readEstimate(db, 'entries_fts', text.match, whole);
}

/**
 * A long last prefix ("Taylor"*) split so the probe plan can ask about one entry at a time: `exact` is
 * the query with the last word as a whole word ("Taylor", a seek in the index), `others` the entries
 * holding another word that starts so ("taylors", a name run into the next word), read once from the
 * index, and `head` the query's other words, which those entries must hold too (null when none).
 * Together they match exactly what the prefix matches.
 */
export interface Expansion {
  exact: string;
  others: number[];
  head: string | null;
  /** For excerpts: the last word (in lower case), and each of `others` with the longer words it holds. */
  word: string;
  wordsOf: Map<number, string[]>;
}
/** Past this many occurrences of the other words, reading them costs more than the walk: no expansion. */
const OTHER_INSTANCES = 6000;
/**
 * The last words split: ASCII letters and digits, which the index's tokenizer (unicode61) keeps as they
 * are but for case, so the index's words that start so are those that start with the lower-case word.
 */
const SIMPLE_PREFIX = /^[a-z0-9]+$/u;

/**
 * Every occurrence of every word of the main index, read through an fts5vocab table: it stores
 * nothing, reads the full-text index itself, and lives in this connection's temporary schema (in
 * memory), so no migration is needed.
 */
const INSTANCES = 'temp.entries_fts_instances';
const withInstances = new WeakSet<DB>();

/**
 * The entries holding a word of the main index that starts with `prefix` but is not `prefix` itself,
 * or null when those words occur more than OTHER_INSTANCES times.
 */
export function entriesWithLongerWords(db: DB, prefix: string): Map<number, string[]> | null {
  if (!withInstances.has(db)) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${INSTANCES} USING fts5vocab(main, 'entries_fts', 'instance')`);
    withInstances.add(db);
  }
  // The words that start with the prefix and are longer sort from the prefix with the smallest character
  // after it (no word holds a control character) to the prefix with its last character one higher
  // (byte order, as the index keeps its words).
  const last = prefix.codePointAt(prefix.length - 1)!;
  const rows = all<{ doc: number; term: string }>(db, `SELECT doc, term FROM ${INSTANCES} WHERE term >= @lo AND term < @hi LIMIT ${OTHER_INSTANCES + 1}`, {
    lo: `${prefix}\u0001`,
    hi: prefix.slice(0, -1) + String.fromCodePoint(last + 1),
  });
  if (rows.length > OTHER_INSTANCES) return null;
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const words = out.get(r.doc);
    if (!words) out.set(r.doc, [r.term]);
    else if (!words.includes(r.term)) words.push(r.term);
  }
  return out;
}

/** The long last prefix of `text` split (see Expansion), or null when it is not worth it or cannot be done exactly. */
export function expandPrefix(db: DB, text: TextQuery): Expansion | null {
  if (text.match === null || text.unspaced !== null || seekable(text)) return null;
  const last = lastWord(text.match);
  if (!SIMPLE_PREFIX.test(last.toLowerCase())) return null;
  const wordsOf = entriesWithLongerWords(db, last.toLowerCase());
  if (wordsOf === null) return null;
  // The last word is `"<last>"*` (SIMPLE_PREFIX holds no quote); the words before it stay as they are.
  const head = text.match.slice(0, text.match.length - last.length - 3).trimEnd();
  return { exact: text.match.slice(0, -1), others: [...wordsOf.keys()], head: head === '' ? null : head, word: last.toLowerCase(), wordsOf };
}

/** The plan for a search of the timeline (see SearchPlan), from a first read of the index. */
export function choosePlan(est: Estimate, text: TextQuery, expansion: Expansion | null = null): SearchPlan {
  if (est.live <= IDS_MAX) return 'ids';
  return (seekable(text) || expansion !== null) && est.share >= PROBE_DENSITY ? 'probe' : 'walk';
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

/**
 * Snippets for a page found with a long last prefix split (see Expansion), without the prefix: reading
 * it merges the lists of every word that starts so, several milliseconds for a name in most entries.
 * An entry holding no longer word is matched by the whole word exactly as by the prefix, so its
 * snippet is the same. One holding longer words gets them spelled out (`"taylor" OR "taylors"`): the
 * same words are marked, though FTS5 may pick another stretch of a long body, as it weighs two
 * different words above two of the same.
 */
function expandedSnippets(db: DB, x: Expansion, ids: readonly number[]): Map<number, string> {
  const plain = ids.filter((id) => !x.wordsOf.has(id));
  const out = plain.length > 0 ? snippets(db, x.exact, plain) : new Map<number, string>();
  const longer = ids.filter((id) => x.wordsOf.has(id));
  if (longer.length === 0) return out;
  const words = [...new Set(longer.flatMap((id) => x.wordsOf.get(id)!))];
  const anyOf = `(${[x.word, ...words].map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ')})`;
  for (const [id, snip] of snippets(db, x.head === null ? anyOf : `${x.head} AND ${anyOf}`, longer)) out.set(id, snip);
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

/** What a search is asked to do beyond the request; `plan`, `probeBudget` and `splitPrefix` are for tests. */
export interface SearchOptions {
  trash: boolean;
  trashedAfter?: number;
  /** Use this plan rather than choosing one (tests compare every plan against a scan). */
  plan?: SearchPlan;
  /** Entries the probe plan may ask about before it walks instead (default PROBE_BUDGET). */
  probeBudget?: number;
  /** False: never split a long last prefix (see Expansion), so tests can probe the prefix as it is. */
  splitPrefix?: boolean;
}

/**
 * The timeline (`trash: false`, newest first by when it happened) or the trash (`trash: true`, most
 * recently deleted first), filtered, one keyset page at a time. In the trash the cursor's
 * `occurredAt` holds the deletion time, the trash's sort key; callers pass `nextCursor` back unchanged.
 * `trashedAfter` leaves out of the trash what was deleted at or before that time.
 *
 * A text search of the timeline first reads how many entries the index says match (no further than
 * COUNT_CAP + 1) and picks its plan from that (see SearchPlan); every plan finds the same page.
 */
export function searchEntries(db: DB, req: SearchRequest, opts: SearchOptions): SearchPage {
  const text = opts.trash || req.filter.text === undefined ? null : textQuery(req.filter.text);
  try {
    const est = text === null ? null : estimate(db, req.filter, text);
    // Spelling out a long prefix is for probing, which a search with few matches never does.
    const expansion = text !== null && est !== null && opts.splitPrefix !== false && (opts.plan ?? (est.live > IDS_MAX && est.share >= PROBE_DENSITY ? 'probe' : 'walk')) === 'probe' ? expandPrefix(db, text) : null;
    const plan = opts.plan ?? (est !== null && text !== null ? choosePlan(est, text, expansion) : 'walk');
    const q = buildSearchQuery(req.filter, req.cursor, req.limit, opts.trash, opts.trashedAfter, plan, expansion);
    const keys = plan === 'probe' ? probeKeys(db, req, opts, q) : all<{ id: number; k: number }>(db, q.sql, q.params);
    // The count is asked for once per search, with its first page, and only when something narrows the
    // list ("12 entries match"): following pages and the plain timeline never pay for it.
    const counted = req.cursor === null && Object.keys(req.filter).length > 0;
    const more = keys.length > req.limit;
    // A short first page is its own count; only a longer result needs the count query.
    const counts = !counted ? {} : !more ? { total: keys.length } : countOf(db, req, opts, q, plan, text === null ? null : est);
    return pageOf(db, q, more ? keys.slice(0, req.limit) : keys, more, counts);
  } catch (e) {
    // ftsQuery() quotes everything, so this should not happen; if FTS5 still finds fault with a query,
    // the person gets a plain answer rather than "something went wrong".
    if (text !== null && (e as { code?: string }).code === 'SQLITE_ERROR') {
      throw new FulcrumError('VALIDATION', 'Fulcrum could not search for that text. Try other words.', { reason: 'searchFailed' });
    }
    throw e;
  }
}

/**
 * The probe plan's page: the walk stops at the entry PROBE_BUDGET down the timeline (the filters other
 * than text applied), and if the page is not full by then the same page is walked the ordinary way.
 * A full page found before the floor is exactly the walk's: both read the same order from the same start.
 */
function probeKeys(db: DB, req: SearchRequest, opts: SearchOptions, q: SearchQuery): { id: number; k: number }[] {
  const budget = opts.probeBudget ?? PROBE_BUDGET;
  const floor = get<{ k: number; id: number }>(db, q.floorSql, paramsOf(q.floorSql, { ...q.params, budget }));
  if (floor === undefined) return all(db, q.sql, q.params);
  const keys = all<{ id: number; k: number }>(db, q.flooredSql, { ...q.params, floorKey: floor.k, floorId: floor.id });
  if (keys.length > req.limit) return keys;
  const walk = buildSearchQuery(req.filter, req.cursor, req.limit, opts.trash, opts.trashedAfter, 'walk');
  return all(db, walk.sql, walk.params);
}

/**
 * How many entries match in all. A text search counts no further than COUNT_CAP and then says so
 * (`totalCapped`): counting every match of a word in most entries costs more than the page itself. When
 * the text is the only filter, the first read of the index already tells whether there are more than
 * that. The count never probes (for a count, building the match set once is cheaper than probing).
 */
function countOf(db: DB, req: SearchRequest, opts: SearchOptions, q: SearchQuery, plan: SearchPlan, est: Estimate | null): { total: number; totalCapped?: true } {
  if (est?.whole && est.live > COUNT_CAP) return { total: COUNT_CAP, totalCapped: true };
  // Fewer: the whole query's matches are that many, with the entries found by an attachment alone.
  const c = est?.whole ? { countSql: q.wholeCountSql, params: q.params } : plan === 'probe' ? buildSearchQuery(req.filter, null, req.limit, opts.trash, opts.trashedAfter, 'walk') : q;
  const n = value<number>(db, c.countSql, { ...paramsOf(c.countSql, c.params), countLimit: est === null ? -1 : COUNT_CAP + 1 }) ?? 0;
  return est !== null && n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n };
}

/** The parameters a statement names (better-sqlite3 refuses named values the SQL does not use). */
const paramsOf = (sql: string, params: Record<string, string | number>): Record<string, string | number> =>
  Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));

function pageOf(db: DB, q: SearchQuery, page: { id: number; k: number }[], more: boolean, counts: { total?: number; totalCapped?: true }): SearchPage {
  if (page.length === 0) return { items: [], nextCursor: null, ...counts };

  const ids = page.map((r) => r.id);
  const rows = all<EntryRow & { head: string }>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, substr(body, 1, ${EXCERPT_CHARS * 2}) AS head FROM entries WHERE id IN (SELECT value FROM json_each(?))`,
    jsonList(ids),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const links = loadLinks(db, ids);
  const snips =
    q.expansion !== null ? expandedSnippets(db, q.expansion, ids) : q.match !== null ? snippets(db, q.match, ids) : q.runs.length > 0 ? runSnippets(db, q.runs, ids) : null;

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

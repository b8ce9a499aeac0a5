/**
 * Search in scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
 * Myanmar). FTS5's unicode61 tokenizer takes a whole run of such text, often a clause, as one token,
 * so a word inside it was found only when it happened to start the run. For these scripts a second,
 * contentless FTS5 table (`entries_unspaced`, migration 8) holds every character of those runs as its
 * own token, and a search word in them becomes a phrase of its characters: FTS5 matches a phrase only
 * where the tokens stand next to each other, so it finds exactly the entries where the word occurs as
 * a substring — one-character words included, which a trigram index cannot answer. Separate runs are
 * kept apart by a token that no phrase contains, so a match never spans text that was not contiguous.
 *
 * The table stores no text, only its index (inside the encrypted database like everything else). Its
 * rows are written here when an entry's text is written; triggers remove them when the text changes or
 * the entry is deleted, so a stale row can never outlive the words it indexed.
 */
import type { DB } from './open.js';
import { run } from './repos/sql.js';

/**
 * Letters, digits and marks of the scripts that do not separate words with spaces (their shared marks
 * included, e.g. ー, 々); not their punctuation (、。), which separates words as it does elsewhere.
 */
const CLASS = String.raw`[[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]&&[\p{L}\p{N}\p{M}]]`;
// Built from a string: the `v` flag (set intersection) is newer than the TypeScript target.
export const UNSPACED = new RegExp(CLASS, 'v');
export const UNSPACED_RUNS = new RegExp(`${CLASS}+`, 'gv');
/** Between two runs: a token that is never part of a search phrase (phrases hold only unspaced characters). */
const BREAK = '0';

/** The runs of unspaced text in `text`, NFC-normalised (search text is normalised the same way). */
export function unspacedRuns(text: string): string[] {
  return text.normalize('NFC').match(UNSPACED_RUNS) ?? [];
}

/** What the index is given for one entry: each character a token, runs separated; '' when there is none. */
export function unspacedTokens(title: string, body: string): string {
  const runs = [...unspacedRuns(title), ...unspacedRuns(body)];
  return runs.map((r) => Array.from(r).join(' ')).join(` ${BREAK} `);
}

/** The FTS5 phrase that finds `run` (a run of unspaced characters) as a substring. */
export const unspacedPhrase = (run: string): string => `"${Array.from(run).join(' ')}"`;

/** Indexes an entry's unspaced text (call after its title or body is written; the old row is already gone). */
export function indexUnspaced(db: DB, id: number, title: string, body: string): void {
  const tokens = unspacedTokens(title, body);
  if (tokens === '') return;
  run(db, 'INSERT INTO entries_unspaced (rowid, chars) VALUES (?, ?)', id, tokens);
}

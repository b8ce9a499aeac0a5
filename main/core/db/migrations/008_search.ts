import type { Migration } from '../migrate.js';
import { UNSPACED, unspacedTokens } from '../unspaced.js';

/**
 * Search answers short prefixes from an index, and finds words inside text written without spaces.
 *
 * - The main full-text index is rebuilt with FTS5 prefix indexes for one and two characters: typing
 *   "a" or "mo" searches every word that starts so, and without these FTS5 merged the lists of every
 *   such word on each keystroke (~100 ms at 100k entries; from a prefix index a few ms). The index grows
 *   by about a third. The table is dropped and made again (FTS5 options cannot be changed in place);
 *   the triggers of migration 1 keep it current as before, and the options of migrations 2 and 5 are
 *   set again. The rebuild reads every entry once (seconds at 100k entries).
 * - Scripts written without spaces (see main/core/db/unspaced.ts): a contentless FTS5 table
 * with one token per character of those scripts, filled here for the entries already written. Like
 * the main index it forgets deleted text at once (secure-delete) and leaves merging to idle time
 * (automerge off; main/core/db/idle.ts merges it). The triggers drop an entry's row when its text
 * changes or it is deleted; the repositories write the new row.
 */
export const migration008: Migration = {
  version: 8,
  name: 'search: short prefixes, scripts without spaces',
  up: (db) => {
    db.exec(`
      DROP TABLE entries_fts;
      CREATE VIRTUAL TABLE entries_fts USING fts5 (
        title, body,
        content = 'entries', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2'
      );
      INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
      INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
      INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 0);

      CREATE VIRTUAL TABLE entries_unspaced USING fts5 (
        chars,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
      );
      INSERT INTO entries_unspaced (entries_unspaced, rank) VALUES ('secure-delete', 1);
      INSERT INTO entries_unspaced (entries_unspaced, rank) VALUES ('automerge', 0);
      CREATE TRIGGER entries_unspaced_ad AFTER DELETE ON entries BEGIN
        DELETE FROM entries_unspaced WHERE rowid = old.id;
      END;
      CREATE TRIGGER entries_unspaced_au AFTER UPDATE OF title, body ON entries BEGIN
        DELETE FROM entries_unspaced WHERE rowid = old.id;
      END;
    `);
    // Ids first (a connection cannot write while it iterates), then each entry's text again: holding
    // the tokens of every such entry at once would be a hundred megabytes at 100k entries.
    const ids: number[] = [];
    for (const r of db.prepare('SELECT id, title, body FROM entries').iterate() as IterableIterator<{ id: number; title: string; body: string }>) {
      if (UNSPACED.test(r.title) || UNSPACED.test(r.body)) ids.push(r.id);
    }
    const read = db.prepare('SELECT title, body FROM entries WHERE id = ?');
    const insert = db.prepare('INSERT INTO entries_unspaced (rowid, chars) VALUES (?, ?)');
    for (const id of ids) {
      const { title, body } = read.get(id) as { title: string; body: string };
      insert.run(id, unspacedTokens(title, body));
    }
    // One segment for all of them, rather than what the inserts left.
    db.exec(`INSERT INTO entries_unspaced (entries_unspaced) VALUES ('optimize');`);
  },
};

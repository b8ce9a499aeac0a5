import type { Migration } from '../migrate.js';

/**
 * FTS5 keeps a deleted row's tokens in its older index segments until they happen to be merged, so a
 * purged entry's words could stay readable inside the (decrypted) database for a long time. FTS5's
 * `secure-delete` option (SQLite ≥ 3.44) removes them from the index at once, matching
 * `PRAGMA secure_delete` for ordinary tables (a hard delete leaves no trace). It also
 * applies to the old text of an edited entry. The option is stored in the index's own config table.
 * The rebuild drops whatever a version-1 journal's index still held of rows deleted before this.
 */
export const migration002: Migration = {
  version: 2,
  name: 'full-text index forgets deleted text at once',
  up: `
    INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
    INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
  `,
};

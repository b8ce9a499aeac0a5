import type { Migration } from '../migrate.js';

/**
 * Imports written in slices. An import's commit writes its entries, people and patterns a short
 * transaction at a time, so that a save never waits long behind it; until its last transaction the
 * rows carry the batch (`import_batch`) and stay hidden: its entries wait in the trash's column
 * (`deleted_at`) but are left out of the trash, its people and patterns are left out of the lists.
 * The last transaction clears the mark on all of them at once. A batch whose import stopped (a lock,
 * a crash, an error) is `abandoned`: its rows are deleted for good in idle moments.
 */
export const migration013: Migration = {
  version: 13,
  name: 'import batches',
  up: `
    CREATE TABLE import_batches (
      id INTEGER PRIMARY KEY,
      started_at INTEGER NOT NULL,
      abandoned INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    ALTER TABLE entries ADD COLUMN import_batch INTEGER;
    ALTER TABLE people ADD COLUMN import_batch INTEGER;
    ALTER TABLE tags ADD COLUMN import_batch INTEGER;
    CREATE INDEX entries_import_batch ON entries (import_batch) WHERE import_batch IS NOT NULL;
  `,
};

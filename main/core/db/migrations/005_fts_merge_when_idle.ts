import type { Migration } from '../migrate.js';

/**
 * Full-text index merges move off the hot path. By default FTS5 merges index segments
 * inside whichever write happens to fill a level ("automerge"), so now and then one save rewrites a
 * few hundred index pages — measured at 100k entries: ~110 ms for that save (p99), against ~1 ms for
 * the others, and every page written is also encrypted. With automerge off, a save only appends its
 * own small segment; the merging is done in idle moments (main/core/db/idle.ts runs FTS5's 'merge'
 * command a step at a time once calls have been quiet). FTS5's crisis merge (16 segments on a level)
 * stays as the backstop for long bursts of writes without a pause.
 */
export const migration005: Migration = {
  version: 5,
  name: 'full-text index merges when idle',
  up: `INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 0);`,
};

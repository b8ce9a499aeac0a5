import type { Migration } from '../migrate.js';

/**
 * Held for the history ledger's work, which may need a schema step of its own; it changes nothing.
 * Versions must follow each other without a gap, so the guided-writing tables (version 10) need it.
 */
export const migration009: Migration = {
  version: 9,
  name: 'reserved (no change)',
  up: '',
};

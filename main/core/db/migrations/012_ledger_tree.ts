import type { Migration } from '../migrate.js';
import type { DB } from '../open.js';
import { fillLedgerTree } from '../repos/revisions.js';

/**
 * The ledger's Merkle tree, stored (docs/ledger-encoding.md §5): the root of every perfect, aligned
 * subtree of two or more revisions, by level (1 = pairs) and index. A report's inclusion proofs read
 * O(log n) of them instead of rebuilding the tree from every revision's digest. Each save adds the
 * nodes its revision completes (one on average). It is derived data: the full history check
 * recomputes every node from the revisions and compares, so a changed row is reported, never trusted.
 * Existing journals get theirs here, from the digests.
 */
export const migration012: Migration = {
  version: 12,
  name: 'stored ledger tree',
  up: (db) => {
    // IF NOT EXISTS and a refill: a journal rewound to an earlier version (as tests do) runs this again.
    db.exec(`
      CREATE TABLE IF NOT EXISTS ledger_tree (
        level INTEGER NOT NULL CHECK (level >= 1),
        idx   INTEGER NOT NULL CHECK (idx >= 0),
        hash  BLOB NOT NULL,
        PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;
    `);
    fillLedgerTree(db as DB);
  },
};

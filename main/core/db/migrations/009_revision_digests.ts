import type { Migration } from '../migrate.js';

/**
 * An index of every revision's digest in chain order. A report's proofs need the Merkle tree over
 * the whole history, which is built from the digests alone; read from the table, each revision's row
 * (its content sits on the same page) costs a page read and decryption, while the index packs about
 * fifty digests to a page: the read is about six times cheaper. Each save writes one more index
 * entry. The digests are hashes of salted commitments and of the chain, not journal text.
 */
export const migration009: Migration = {
  version: 9,
  name: 'revision digests in chain order',
  // IF NOT EXISTS: a journal rewound to an earlier version (as tests do) runs this again.
  up: 'CREATE INDEX IF NOT EXISTS revisions_digests ON revisions (seq, digest);',
};

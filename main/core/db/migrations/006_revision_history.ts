import type { Migration } from '../migrate.js';
import type { DB } from '../open.js';
import { loadLinks, rowToEntry, SUMMARY_COLUMNS, type EntryRow } from '../repos/entries.js';
import { getCheckIn } from '../repos/checkins.js';
import { GENESIS, chainHash, digestOf, encodeCheckIn, encodeEntry } from '../../ledger/encoding.js';

/**
 * Revision history and the ledger. `revisions` keeps every saved version of every entry and check-in
 * as one hash chain (main/core/db/repos/revisions.ts); `receipts` the chain heads given to the person.
 * Triggers make revisions append-only: the one change allowed is blanking the content of a deleted
 * item's revisions (its hashes stay as tombstones).
 *
 * Entries and check-ins that exist already get a first revision here, hashed now, in the order they
 * were last changed; its time is their last-changed time. Their earlier versions were never kept.
 */
export const migration006: Migration = {
  version: 6,
  name: 'revision history and ledger',
  up: (db) => {
    db.exec(`
      CREATE TABLE revisions (
        seq       INTEGER PRIMARY KEY,
        item_type TEXT NOT NULL CHECK (item_type IN ('entry','checkin')),
        item_id   INTEGER NOT NULL,
        rev       INTEGER NOT NULL CHECK (rev >= 1),
        event     TEXT NOT NULL CHECK (event IN ('saved','deleted')),
        saved_at  INTEGER NOT NULL,
        digest    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL,
        purged_at INTEGER,
        -- Last: a long text spills onto overflow pages, which reading the columns before it never touches.
        content   TEXT,
        UNIQUE (item_type, item_id, rev)
      ) STRICT;

      CREATE TRIGGER revisions_keep BEFORE DELETE ON revisions BEGIN
        SELECT RAISE(ABORT, 'revisions are kept');
      END;
      CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
        WHEN NOT (new.content IS NULL AND new.purged_at IS NOT NULL AND old.purged_at IS NULL
          AND new.seq = old.seq AND new.item_type = old.item_type AND new.item_id = old.item_id AND new.rev = old.rev
          AND new.event = old.event AND new.saved_at = old.saved_at AND new.digest = old.digest
          AND new.prev_hash = old.prev_hash AND new.hash = old.hash)
      BEGIN
        SELECT RAISE(ABORT, 'revisions cannot be changed');
      END;

      CREATE TABLE receipts (
        id       INTEGER PRIMARY KEY,
        taken_at INTEGER NOT NULL,
        seq      INTEGER NOT NULL,
        head     TEXT NOT NULL
      ) STRICT;
    `);
    firstRevisions(db as DB);
  },
};

function firstRevisions(db: DB): void {
  type Item = { type: 'entry' | 'checkin'; id: number; at: number };
  const items: Item[] = [
    ...(db.prepare('SELECT id, updated_at AS at FROM entries').all() as { id: number; at: number }[]).map((r) => ({ type: 'entry' as const, ...r })),
    ...(db.prepare('SELECT id, updated_at AS at FROM checkins').all() as { id: number; at: number }[]).map((r) => ({ type: 'checkin' as const, ...r })),
  ];
  items.sort((a, b) => a.at - b.at || (a.type === b.type ? a.id - b.id : a.type === 'entry' ? -1 : 1));
  const insert = db.prepare(
    `INSERT INTO revisions (seq, item_type, item_id, rev, event, saved_at, content, digest, prev_hash, hash)
     VALUES (?, ?, ?, 1, 'saved', ?, ?, ?, ?, ?)`,
  );
  const entryRow = db.prepare(`SELECT ${SUMMARY_COLUMNS}, body FROM entries WHERE id = ?`);
  let prev = GENESIS;
  let seq = 0;
  const BATCH = 500;
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    const links = loadLinks(db, batch.filter((b) => b.type === 'entry').map((b) => b.id));
    for (const item of batch) {
      const h = { type: item.type, id: item.id, rev: 1, savedAt: item.at };
      let content: string;
      if (item.type === 'entry') {
        const row = entryRow.get(item.id) as EntryRow & { body: string };
        content = encodeEntry(h, { ...rowToEntry(row, links.get(item.id)), body: row.body }, null);
      } else {
        content = encodeCheckIn(h, getCheckIn(db, item.id)!, null);
      }
      const digest = digestOf(content);
      const hash = chainHash(prev, digest);
      seq++;
      insert.run(seq, item.type, item.id, item.at, content, digest, prev, hash);
      prev = hash;
    }
  }
  if (seq > 0) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('ledger.head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify({ seq, hash: prev }),
    );
  }
}

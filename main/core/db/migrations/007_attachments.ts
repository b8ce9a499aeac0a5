import type { Migration } from '../migrate.js';

/**
 * Attachments. `attachments` holds one row of metadata per file; `attachment_chunks` its bytes, cut
 * into chunks of at most 1 MiB (so reading or writing one never needs the whole file in one buffer
 * inside SQLite, and a chunk stays one overflow chain). The bytes sit in the same SQLCipher database as
 * the text: backups, passphrase changes (rekey) and secure delete cover them with no extra code.
 *
 * variant: 'original' (byte-identical to what was attached), 'thumbnail' (a small preview the renderer
 * drew), 'shared' (the start of the copy without location/device metadata — for a JPEG its stripped
 * header; the rest is the original from `shared_from` on; absent when the original has none).
 * An attachment without an owner was uploaded for an entry not yet saved.
 */
export const migration007: Migration = {
  version: 7,
  name: 'attachments',
  up: `
    CREATE TABLE attachments (
      id             INTEGER PRIMARY KEY,
      owner_kind     TEXT CHECK (owner_kind IN ('entry','checkin')),
      owner_id       INTEGER,
      position       INTEGER NOT NULL DEFAULT 0,
      name           TEXT NOT NULL,
      mime           TEXT NOT NULL,
      kind           TEXT NOT NULL CHECK (kind IN ('image','pdf','audio','text')),
      bytes          INTEGER NOT NULL CHECK (bytes >= 0),
      sha256         TEXT NOT NULL,
      captured_at    TEXT,
      attached_at    INTEGER NOT NULL,
      caption        TEXT NOT NULL DEFAULT '',
      width          INTEGER,
      height         INTEGER,
      duration_ms    INTEGER,
      sensitive      TEXT NOT NULL,
      keep_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (keep_sensitive IN (0,1)),
      removed_at     INTEGER,
      -- The 'shared' copy is its own chunks followed by the original from this byte on (NULL: no shared copy).
      shared_from    INTEGER,
      CHECK ((owner_kind IS NULL) = (owner_id IS NULL))
    ) STRICT;
    CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, position);

    CREATE TABLE attachment_chunks (
      id            INTEGER PRIMARY KEY,
      attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
      variant       TEXT NOT NULL CHECK (variant IN ('original','thumbnail','shared')),
      seq           INTEGER NOT NULL CHECK (seq >= 0),
      data          BLOB NOT NULL,
      UNIQUE (attachment_id, variant, seq)
    ) STRICT;

    -- Search by file name and caption (external content, secure-delete like entries_fts).
    CREATE VIRTUAL TABLE attachments_fts USING fts5 (
      name, caption,
      content = 'attachments', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO attachments_fts (attachments_fts, rank) VALUES ('secure-delete', 1);
    CREATE TRIGGER attachments_fts_ai AFTER INSERT ON attachments BEGIN
      INSERT INTO attachments_fts (rowid, name, caption) VALUES (new.id, new.name, new.caption);
    END;
    CREATE TRIGGER attachments_fts_ad AFTER DELETE ON attachments BEGIN
      INSERT INTO attachments_fts (attachments_fts, rowid, name, caption) VALUES ('delete', old.id, old.name, old.caption);
    END;
    CREATE TRIGGER attachments_fts_au AFTER UPDATE OF name, caption ON attachments BEGIN
      INSERT INTO attachments_fts (attachments_fts, rowid, name, caption) VALUES ('delete', old.id, old.name, old.caption);
      INSERT INTO attachments_fts (rowid, name, caption) VALUES (new.id, new.name, new.caption);
    END;
  `,
};

import type { Migration } from '../migrate.js';

/**
 * The initial schema. Times are integer milliseconds (UTC); `day` is the entry's calendar day in the
 * zone the user was in, so analytics can bucket by day/week/month in SQL without time-zone maths.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE people (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('romantic','professional','family','social','other')),
      color       TEXT NOT NULL,
      notes       TEXT NOT NULL DEFAULT '',
      archived_at INTEGER,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE tags (
      id          INTEGER PRIMARY KEY,
      slug        TEXT NOT NULL UNIQUE,
      label       TEXT NOT NULL,
      polarity    TEXT NOT NULL CHECK (polarity IN ('imbalance','healthy','neutral')),
      category    TEXT NOT NULL,
      color       TEXT,
      builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0,1)),
      archived_at INTEGER,
      created_at  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE entries (
      id           INTEGER PRIMARY KEY,
      occurred_at  INTEGER NOT NULL,
      time_zone    TEXT NOT NULL,
      day          TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL,
      deleted_at   INTEGER,
      title        TEXT NOT NULL DEFAULT '',
      body         TEXT NOT NULL DEFAULT '',
      balance      INTEGER CHECK (balance BETWEEN -3 AND 3),
      intensity    INTEGER CHECK (intensity BETWEEN 1 AND 5),
      heard        INTEGER CHECK (heard BETWEEN 1 AND 5),
      respected    INTEGER CHECK (respected BETWEEN 1 AND 5),
      valued       INTEGER CHECK (valued BETWEEN 1 AND 5),
      involved     INTEGER CHECK (involved BETWEEN 1 AND 5),
      outcome      TEXT NOT NULL DEFAULT '',
      raise_with_therapist INTEGER NOT NULL DEFAULT 0 CHECK (raise_with_therapist IN (0,1)),
      safety_flag  INTEGER NOT NULL DEFAULT 0 CHECK (safety_flag IN (0,1)),
      source       TEXT NOT NULL DEFAULT 'fulcrum',
      source_ref   TEXT
    ) STRICT;

    -- Timeline and keyset pagination: newest first over live entries.
    CREATE INDEX entries_live_time ON entries (occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
    -- Aggregations by calendar day over live entries (covering the measures the charts read).
    CREATE INDEX entries_live_day ON entries (day, balance, intensity, heard, respected, valued, involved)
      WHERE deleted_at IS NULL;
    CREATE INDEX entries_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE UNIQUE INDEX entries_source_ref ON entries (source, source_ref) WHERE source_ref IS NOT NULL;

    CREATE TABLE entry_people (
      entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
      PRIMARY KEY (entry_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX entry_people_person ON entry_people (person_id, entry_id);

    CREATE TABLE entry_tags (
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE RESTRICT,
      PRIMARY KEY (entry_id, tag_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX entry_tags_tag ON entry_tags (tag_id, entry_id);

    CREATE TABLE entry_domains (
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      domain   TEXT NOT NULL,
      PRIMARY KEY (entry_id, domain)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX entry_domains_domain ON entry_domains (domain, entry_id);

    CREATE TABLE entry_power_sources (
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      source   TEXT NOT NULL,
      PRIMARY KEY (entry_id, source)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE checkins (
      id            INTEGER PRIMARY KEY,
      person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      week          TEXT NOT NULL,
      heard         INTEGER CHECK (heard BETWEEN 1 AND 5),
      respected     INTEGER CHECK (respected BETWEEN 1 AND 5),
      involved      INTEGER CHECK (involved BETWEEN 1 AND 5),
      fair_share    INTEGER CHECK (fair_share BETWEEN 1 AND 5),
      boundaries    INTEGER CHECK (boundaries BETWEEN 1 AND 5),
      safe          INTEGER CHECK (safe BETWEEN 1 AND 5),
      note          TEXT NOT NULL DEFAULT '',
      for_therapist INTEGER NOT NULL DEFAULT 0 CHECK (for_therapist IN (0,1)),
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      UNIQUE (person_id, week)
    ) STRICT;
    CREATE INDEX checkins_week ON checkins (week);

    CREATE TABLE drafts (
      key        TEXT PRIMARY KEY,
      content    TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- Full-text search, external content: the index holds no second copy of the text.
    CREATE VIRTUAL TABLE entries_fts USING fts5 (
      title, body,
      content = 'entries', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN
      INSERT INTO entries_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN
      INSERT INTO entries_fts (entries_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER entries_fts_au AFTER UPDATE OF title, body ON entries BEGIN
      INSERT INTO entries_fts (entries_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      INSERT INTO entries_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
  `,
};

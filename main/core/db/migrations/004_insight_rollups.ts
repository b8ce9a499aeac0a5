import type { Migration } from '../migrate.js';

/**
 * Per-day rollups for insights (the budget is 50 ms per chart at 100k entries).
 *
 * Over a whole journal, grouping joined rows (entry × pattern, entry × person) by day and a second
 * dimension makes SQLite sort every row — 150–400 ms at 100k entries. These tables hold, per calendar
 * day, what the unfiltered charts add up, so "all time" reads a few thousand rows instead.
 *
 * They are a cache of the base tables, never the truth: triggers only note which days changed
 * (`rollup_dirty`, one tiny insert per write), and the analytics code recomputes those days from the
 * base tables before it reads (main/core/db/analytics/rollups.ts). Only counts and sums are kept — no
 * text. Every day with live entries is marked dirty here, so the first insights call builds them.
 */
export const migration004: Migration = {
  version: 4,
  name: 'per-day rollups for insights',
  up: `
    CREATE TABLE rollup_dirty (day TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

    -- Live entries per day: count, count and sum of each measure, and pattern tags by polarity.
    CREATE TABLE rollup_day (
      day TEXT PRIMARY KEY,
      n   INTEGER NOT NULL,
      nb  INTEGER NOT NULL, sb INTEGER NOT NULL,
      nh  INTEGER NOT NULL, sh INTEGER NOT NULL,
      nr  INTEGER NOT NULL, sr INTEGER NOT NULL,
      nv  INTEGER NOT NULL, sv INTEGER NOT NULL,
      ni  INTEGER NOT NULL, si INTEGER NOT NULL,
      nx  INTEGER NOT NULL, sx INTEGER NOT NULL,
      th  INTEGER NOT NULL,
      ti  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Entries per day with at least one pattern of a kind (category + polarity), and of a polarity.
    CREATE TABLE rollup_kind (
      day TEXT NOT NULL, polarity TEXT NOT NULL, category TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (day, polarity, category)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE rollup_polarity (
      day TEXT NOT NULL, polarity TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (day, polarity)
    ) STRICT, WITHOUT ROWID;

    -- Entries per pattern per day; keyed by pattern first for top patterns and pattern histories.
    CREATE TABLE rollup_tag (
      tag_id INTEGER NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (tag_id, day)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX rollup_tag_day ON rollup_tag (day);

    -- Per person per day: entries, measures, and entries with an imbalance / a healthy pattern.
    CREATE TABLE rollup_person (
      day TEXT NOT NULL, person_id INTEGER NOT NULL,
      n   INTEGER NOT NULL,
      nb  INTEGER NOT NULL, sb INTEGER NOT NULL,
      nh  INTEGER NOT NULL, sh INTEGER NOT NULL,
      nr  INTEGER NOT NULL, sr INTEGER NOT NULL,
      nv  INTEGER NOT NULL, sv INTEGER NOT NULL,
      ni  INTEGER NOT NULL, si INTEGER NOT NULL,
      imb INTEGER NOT NULL, hea INTEGER NOT NULL,
      PRIMARY KEY (day, person_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE rollup_domain (
      day TEXT NOT NULL, domain TEXT NOT NULL,
      n INTEGER NOT NULL, imb INTEGER NOT NULL, hea INTEGER NOT NULL,
      PRIMARY KEY (day, domain)
    ) STRICT, WITHOUT ROWID;

    -- What makes a day stale: an entry written, edited, trashed, restored or purged; a person, pattern
    -- or domain linked or unlinked; a pattern moved to another category or polarity.
    CREATE TRIGGER rollup_entries_ai AFTER INSERT ON entries BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) VALUES (new.day);
    END;
    CREATE TRIGGER rollup_entries_au AFTER UPDATE OF day, deleted_at, balance, intensity, heard, respected, valued, involved ON entries BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) VALUES (old.day);
      INSERT OR IGNORE INTO rollup_dirty (day) VALUES (new.day);
    END;
    CREATE TRIGGER rollup_entries_ad AFTER DELETE ON entries BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) VALUES (old.day);
    END;

    CREATE TRIGGER rollup_entry_tags_ai AFTER INSERT ON entry_tags BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = new.entry_id;
    END;
    CREATE TRIGGER rollup_entry_tags_ad AFTER DELETE ON entry_tags BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = old.entry_id;
    END;
    CREATE TRIGGER rollup_entry_tags_au AFTER UPDATE ON entry_tags BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id IN (old.entry_id, new.entry_id);
    END;
    CREATE TRIGGER rollup_entry_people_ai AFTER INSERT ON entry_people BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = new.entry_id;
    END;
    CREATE TRIGGER rollup_entry_people_ad AFTER DELETE ON entry_people BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = old.entry_id;
    END;
    CREATE TRIGGER rollup_entry_people_au AFTER UPDATE ON entry_people BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id IN (old.entry_id, new.entry_id);
    END;
    CREATE TRIGGER rollup_entry_domains_ai AFTER INSERT ON entry_domains BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = new.entry_id;
    END;
    CREATE TRIGGER rollup_entry_domains_ad AFTER DELETE ON entry_domains BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id = old.entry_id;
    END;
    CREATE TRIGGER rollup_entry_domains_au AFTER UPDATE ON entry_domains BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries WHERE id IN (old.entry_id, new.entry_id);
    END;

    -- Every day the pattern counts on is either in rollup_tag already or dirty (linking it marked the
    -- day), so rollup_tag says which days a change of kind touches without reading entries.
    CREATE TRIGGER rollup_tags_au AFTER UPDATE OF category, polarity ON tags
      WHEN old.category IS NOT new.category OR old.polarity IS NOT new.polarity BEGIN
      INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM rollup_tag WHERE tag_id = new.id;
    END;

    INSERT OR IGNORE INTO rollup_dirty (day) SELECT DISTINCT day FROM entries WHERE deleted_at IS NULL;
  `,
};

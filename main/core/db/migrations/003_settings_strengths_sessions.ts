import type { Migration } from '../migrate.js';

/**
 * What the insights, check-in, report and safety features keep inside the encrypted journal:
 * journal settings (week start, reminder schedule — never in the OS preferences store, because even a
 * schedule says something), strengths noted per person (NULL person = the user themself), therapy
 * session dates ("since my last session"), saved report templates, and the failed-unlock log that is
 * sealed while locked and brought in here on the next unlock.
 */
export const migration003: Migration = {
  version: 3,
  name: 'settings, strengths, sessions, report templates, access log',
  up: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE strengths (
      id          INTEGER PRIMARY KEY,
      person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
      text        TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX strengths_person ON strengths (person_id, created_at);

    CREATE TABLE therapy_sessions (
      id         INTEGER PRIMARY KEY,
      day        TEXT NOT NULL,
      note       TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX therapy_sessions_day ON therapy_sessions (day);

    CREATE TABLE report_templates (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      config     TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE unlock_failures (
      id              INTEGER PRIMARY KEY,
      at              INTEGER NOT NULL,
      recorded_at     INTEGER NOT NULL,
      acknowledged_at INTEGER
    ) STRICT;
    CREATE INDEX unlock_failures_open ON unlock_failures (at) WHERE acknowledged_at IS NULL;
  `,
};

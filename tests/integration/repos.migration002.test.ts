import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, schemaVersion } from '../../main/core/db/index.js';
import { migration001 } from '../../main/core/db/migrations/001_initial.js';
import { migration002 } from '../../main/core/db/migrations/002_fts_secure_delete.js';
import { tempDir } from '../helpers/files.js';

const CANARY = 'quokkamarmalade';

function insertEntry(db: ReturnType<typeof openDatabase>, body: string): number {
  const info = db
    .prepare("INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, body) VALUES (1, 'UTC', '1970-01-01', 1, 1, ?)")
    .run(body);
  return Number(info.lastInsertRowid);
}

const ftsHolds = (db: ReturnType<typeof openDatabase>, word: string) =>
  (db.prepare('SELECT block FROM entries_fts_data').pluck().all() as (Buffer | null)[]).some((b) => b?.includes(word));

describe('migration 002: the full-text index forgets deleted text at once', () => {
  it('upgrades a version-1 journal and then removes a deleted entry’s words from the index', () => {
    const file = path.join(tempDir(), 'journal.db');
    const key = randomBytes(32);
    const v1 = openDatabase(file, key, { create: true, migrations: [migration001] });
    // Without the option, FTS5 keeps the words of a deleted row in its older segments.
    const before = insertEntry(v1, `a ${CANARY} b`);
    for (let i = 0; i < 20; i++) insertEntry(v1, `filler ${i}`);
    v1.prepare('DELETE FROM entries WHERE id = ?').run(before);
    expect(ftsHolds(v1, CANARY)).toBe(true);
    closeDatabase(v1);

    const db = openDatabase(file, key, { migrations: [migration001, migration002] });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT v FROM entries_fts_config WHERE k = 'secure-delete'").pluck().get()).toBe(1);
    // What version 1 left behind is gone, and the option holds from here on.
    expect(ftsHolds(db, CANARY)).toBe(false);
    expect(db.prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'filler'").pluck().get()).toBe(20);
    const id = insertEntry(db, `c ${CANARY} d`);
    for (let i = 0; i < 20; i++) insertEntry(db, `more filler ${i}`);
    expect(ftsHolds(db, CANARY)).toBe(true);
    db.prepare('DELETE FROM entries WHERE id = ?').run(id);
    expect(ftsHolds(db, CANARY)).toBe(false);
    expect(db.prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'filler'").pluck().get()).toBe(40);
    closeDatabase(db);
  });
});

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openDatabase, schemaVersion, type Migration } from '../../main/core/db/index.js';
import { snapshotDir, tempDir } from '../helpers/files.js';
import { listCheckIns } from '../../main/core/db/repos/checkins.js';
import { abandonBatches, abandonedLeft } from '../../main/core/db/repos/imports.js';

const fresh = (migrations: readonly Migration[] = []) => {
  const dir = tempDir();
  const file = path.join(dir, 'journal.db');
  return { dir, file, db: openDatabase(file, randomBytes(32), { create: true, migrations }) };
};

describe('migrations', () => {
  it('are numbered 1…n without gaps', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) applies on top of the ones before it and bumps user_version`, () => {
      const { db } = fresh(MIGRATIONS.slice(0, m.version - 1));
      expect(schemaVersion(db)).toBe(m.version - 1);
      migrate(db, MIGRATIONS.slice(0, m.version));
      expect(schemaVersion(db)).toBe(m.version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('1 creates the journal tables, and its full-text index follows inserts, edits and deletes', () => {
    const { db } = fresh(MIGRATIONS.slice(0, 1));
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    for (const t of ['people', 'tags', 'entries', 'entry_people', 'entry_tags', 'entry_domains', 'checkins', 'drafts', 'entries_fts', 'meta']) {
      expect(tables).toContain(t);
    }
    const add = db.prepare("INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, title, body) VALUES (1, 'UTC', '2024-01-01', 1, 1, ?, ?)");
    const id = add.run('Budget talk', 'we planned together').lastInsertRowid;
    const find = (q: string) => db.prepare('SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?').pluck().all(q);
    expect(find('planned')).toEqual([Number(id)]);
    db.prepare('UPDATE entries SET body = ? WHERE id = ?').run('decided alone', id);
    expect(find('planned')).toEqual([]);
    expect(find('alone')).toEqual([Number(id)]);
    db.prepare('DELETE FROM entries WHERE id = ?').run(id);
    expect(find('alone')).toEqual([]);
    db.close();
  });

  it('14 keeps every check-in of an upgraded journal shown, and an import left under way is still abandoned at unlock', () => {
    const { db } = fresh(MIGRATIONS.slice(0, 13));
    db.exec(`
      INSERT INTO people (id, name, kind, color, created_at, updated_at) VALUES (1, 'Robin', 'romantic', '#3366aa', 1, 1);
      INSERT INTO checkins (person_id, week, heard, created_at, updated_at) VALUES (1, '2024-03-04', 3, 1, 1), (1, '2024-03-11', 4, 1, 1);
      INSERT INTO import_batches (id, started_at) VALUES (5, 1);
      INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, title, body, deleted_at, import_batch)
        VALUES (1, 'UTC', '2024-03-05', 1, 1, 'half-imported', '', 1, 5);
    `);
    migrate(db, MIGRATIONS.slice(0, 14));
    expect(schemaVersion(db)).toBe(14);
    expect(listCheckIns(db).map((c) => c.week)).toEqual(['2024-03-11', '2024-03-04']);
    expect(db.prepare('SELECT shown FROM import_batches WHERE id = 5').pluck().get()).toBe(0);
    expect(abandonBatches(db, null)).toBe(1);
    expect(abandonedLeft(db)).toMatchObject({ entries: 1, checkins: 0, batches: 1 });
    db.close();
  });

  it('roll back whole when one fails, leaving the previous version', () => {
    const { db } = fresh(MIGRATIONS);
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', up: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database whose version is newer than the code, writing nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'journal.db');
    const key = randomBytes(32);
    const db = openDatabase(file, key, { create: true });
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    const before = snapshotDir(dir);
    expect(() => openDatabase(file, key)).toThrow(/newer version of Fulcrum/);
    expect(snapshotDir(dir)).toEqual(before);
    // …and the same file opens again with code that knows its version.
    const later: Migration[] = [...MIGRATIONS];
    for (let v = MIGRATIONS.length + 1; v <= MIGRATIONS.length + 5; v++) later.push({ version: v, name: `future ${v}`, up: '' });
    openDatabase(file, key, { migrations: later }).close();
  });
});

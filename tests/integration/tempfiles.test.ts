import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSPHRASE, tempDir, testVault } from '../helpers/files.js';

/**
 * SQLite3MultipleCiphers before 2.6 writes temporary files UNENCRYPTED, so Fulcrum runs with
 * temp_store=MEMORY. This proves no temp file appears during the operations that spill most: a large
 * sort, a VACUUM and a full-text query. SQLite unlinks temp files right after opening them, so the
 * test watches the folder for any file being created rather than listing it afterwards.
 */
describe('SQLite temporary files', () => {
  let tmp: string;
  let saved: string | undefined;
  beforeEach(() => {
    tmp = tempDir('fulcrum-sqlite-tmp-');
    saved = process.env.SQLITE_TMPDIR;
    process.env.SQLITE_TMPDIR = tmp;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SQLITE_TMPDIR;
    else process.env.SQLITE_TMPDIR = saved;
  });

  /**
   * Names created in the folder while `fn` runs. The watch reports changes in the order they happened,
   * so once it has reported a marker file written after `fn`, it has reported everything before it:
   * no waiting on the clock for events that may or may not come.
   */
  async function watching(fn: () => void): Promise<string[]> {
    const seen: string[] = [];
    const marker = '.watch-marker';
    let markerSeen!: () => void;
    const caughtUp = new Promise<void>((resolve) => (markerSeen = resolve));
    const watcher = fs.watch(tmp, (_event, name) => {
      if (String(name) === marker) markerSeen();
      else seen.push(String(name));
    });
    try {
      fn();
      fs.writeFileSync(path.join(tmp, marker), '');
      await caughtUp;
    } finally {
      watcher.close();
    }
    fs.rmSync(path.join(tmp, marker));
    return seen.concat(fs.readdirSync(tmp));
  }

  const heavyWork = (db: Database.Database) => {
    db.prepare('SELECT body FROM entries ORDER BY substr(body, 7) DESC, random()').all();
    db.prepare("SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'canary OR body*' ORDER BY rank").all();
    db.exec('VACUUM');
  };

  const fill = (db: Database.Database) => {
    const insert = db.prepare(
      "INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, title, body) VALUES (?, 'UTC', '2024-01-01', 1, 1, 't', ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(i, `body ${i} ${'x'.repeat(900)} canary${i}`);
    })();
  };

  it('the watch sees a temp file when one is written (so the test below can fail)', async () => {
    const plain = new Database(path.join(tempDir(), 'plain.db'));
    plain.pragma('temp_store = FILE');
    plain.pragma('cache_size = 10');
    plain.exec('CREATE TABLE entries (body TEXT)');
    const insert = plain.prepare('INSERT INTO entries VALUES (?)');
    plain.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(`body ${i} ${'x'.repeat(900)}`);
    })();
    const seen = await watching(() => {
      plain.prepare('SELECT body FROM entries ORDER BY substr(body, 7) DESC, random()').all();
      plain.exec('VACUUM');
    });
    plain.close();
    expect(seen.length).toBeGreaterThan(0);
  });

  it('no temp file appears during a large sort, a VACUUM and a full-text query on the journal', async () => {
    const v = testVault();
    await v.create(PASSPHRASE);
    const db = v.database();
    db.pragma('cache_size = 10'); // force spilling, as on a journal far larger than the cache
    fill(db);
    const seen = await watching(() => heavyWork(db));
    v.lock();
    expect(seen).toEqual([]);
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { Vault } from '../../main/core/vault/index.js';
import { tempDir } from './files.js';

/**
 * A decrypted copy of the journal's database pages, to prove what is (and is not) inside them:
 * the live database is checkpointed, copied, and the copy's encryption removed with rekey('').
 */
export function decryptedPages(vault: Vault): Buffer {
  const db = vault.database();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = path.join(tempDir('fulcrum-decrypted-'), 'copy.db');
  fs.copyFileSync(path.join(vault.dataDir, 'journal.db'), copy);
  vault.withDataKey((key) => {
    const c = new Database(copy);
    c.pragma("cipher = 'sqlcipher'");
    c.pragma('legacy = 4');
    const raw = Buffer.from(`x'${key.toString('hex')}'`);
    c.key(raw);
    c.pragma('journal_mode = DELETE');
    c.rekey(Buffer.alloc(0));
    c.close();
  });
  const bytes = fs.readFileSync(copy);
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  if (!bytes.subarray(0, 15).equals(Buffer.from('SQLite format 3'))) throw new Error('the copy was not decrypted');
  return bytes;
}

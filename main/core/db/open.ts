import fs from 'node:fs';
import { FulcrumError } from '../../../shared/errors.js';
import { FILE_MODE, ioError } from '../fsutil.js';
import { Connection } from './connection.js';
import { MIGRATIONS } from './migrations/index.js';
import { migrate, schemaVersion, type Migration } from './migrate.js';

export type DB = Connection;
export { Connection } from './connection.js';

/**
 * Cipher: SQLCipher v4 (AES-256-CBC with a per-page HMAC-SHA512), through SQLite3MultipleCiphers.
 * Chosen over the library's default ChaCha20-Poly1305 because it is the audited, widely deployed
 * scheme (the standard `sqlcipher` tool opens a Fulcrum database given the raw key, so the user's
 * data is never locked into Fulcrum), and every page is authenticated, so a flipped byte is an error
 * rather than silent garbage. The key is raw (x'…'), so SQLCipher's own PBKDF2 is skipped: Argon2id
 * in the vault is the only KDF.
 */
export const CIPHER = { name: 'sqlcipher', legacy: 4 } as const;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');
const PAGE_SIZE = 4096;

let nativeBinding: string | undefined;
/** Electron passes the path of its own build of the native module (see main/app/native.ts). */
export function setNativeBinding(file: string | undefined): void {
  nativeBinding = file;
}

/** `x'<64 hex>'` as bytes, built without ever making the key into a JS string. */
function rawKeyBuffer(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const hex = '0123456789abcdef';
  const out = Buffer.alloc(67);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < 32; i++) {
    out[2 + i * 2] = hex.charCodeAt(key[i]! >> 4);
    out[3 + i * 2] = hex.charCodeAt(key[i]! & 15);
  }
  out[66] = 0x27;
  return out;
}

function applyKey(db: DB, key: Buffer, method: 'key' | 'rekey'): void {
  const raw = rawKeyBuffer(key);
  try {
    db.pragma(`cipher = '${CIPHER.name}'`);
    db.pragma(`legacy = ${CIPHER.legacy}`);
    (db as unknown as Record<typeof method, (b: Buffer) => number>)[method](raw);
  } finally {
    raw.fill(0);
  }
}

function looksLikeSqlite(file: string): { plain: boolean; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    return { plain: n === 16 && head.equals(SQLITE_MAGIC), size: fs.fstatSync(fd).size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Applied at every open (exported so the benchmark opens its plain baseline the same way). */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
  'secure_delete = ON',
  'temp_store = MEMORY',
  'busy_timeout = 5000',
  'trusted_schema = OFF',
  'cache_size = -16000',
  // No checkpoint inside a commit: they run between calls (main/core/db/idle.ts).
  'wal_autocheckpoint = 0',
];

/** A read-only connection beside the journal's own (main/core/worker/reads.ts): memory only, never waits long. */
const READER_PRAGMAS = ['temp_store = MEMORY', 'trusted_schema = OFF', 'busy_timeout = 5000', 'cache_size = -8000'];

export interface OpenOptions {
  create?: boolean;
  migrations?: readonly Migration[];
  readonly?: boolean;
}

/**
 * Opens (or creates) the encrypted database. Nothing is written until the key has been proven right
 * and the schema version is known to be one this code understands, so a wrong, foreign, corrupt or
 * too-new file is refused byte-for-byte untouched.
 */
export function openDatabase(file: string, key: Buffer, opts: OpenOptions = {}): DB {
  const exists = fs.existsSync(file);
  if (opts.create && exists) throw new FulcrumError('ALREADY_EXISTS', 'A journal already exists in this folder.');
  if (!opts.create) {
    if (!exists) {
      throw new FulcrumError('CORRUPT', "The journal's database file is missing. Nothing was changed. Restore it from a backup.");
    }
    const { plain, size } = looksLikeSqlite(file);
    if (plain) {
      throw new FulcrumError('CORRUPT', 'The journal file is an unencrypted SQLite database, not a Fulcrum journal. Nothing was changed.');
    }
    if (size === 0 || size % PAGE_SIZE !== 0) {
      throw new FulcrumError('CORRUPT', 'The journal file is damaged (it looks truncated). Nothing was changed. Restore it from a backup.');
    }
  } else {
    try {
      fs.closeSync(fs.openSync(file, 'wx', FILE_MODE));
    } catch (e) {
      throw ioError(e, 'the new journal');
    }
  }

  let db: DB;
  try {
    db = new Connection(file, { fileMustExist: true, readonly: opts.readonly ?? false, nativeBinding });
  } catch (e) {
    throw new FulcrumError('IO', `The journal could not be opened (${(e as Error).message}).`);
  }
  try {
    applyKey(db, key, 'key');
    let version: number;
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
      version = schemaVersion(db);
    } catch (e) {
      throw new FulcrumError(
        'CORRUPT',
        'The journal file cannot be decrypted with its key: it is damaged or belongs to another journal. Nothing was changed.',
        { sqlite: (e as { code?: string }).code },
      );
    }
    const migrations = opts.migrations ?? MIGRATIONS;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) {
      // migrate() says the same; checking here keeps even the journal-mode pragma from touching the file.
      migrate(db, migrations);
    }
    if (opts.readonly) {
      for (const p of READER_PRAGMAS) db.pragma(p);
      return db;
    }
    if (opts.create) db.pragma(`page_size = ${PAGE_SIZE}`);
    for (const p of PRAGMAS) db.pragma(p);
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    if (opts.create) fs.rmSync(file, { force: true });
    throw e;
  }
}

/** Ends every read snapshot held against `db` (called before any explicit checkpoint). */
export function releaseSnapshots(db: DB): void {
  for (const release of [...db.snapshots]) release();
}

/** Are copies being taken from `db` right now? (The idle checkpoint leaves the journal alone meanwhile.) */
export const snapshotsHeld = (db: DB): boolean => db.snapshots.size > 0;

/** Writes the WAL back into the database and empties it (on lock and before copies). */
export function checkpoint(db: DB): void {
  // A backup's read snapshot would make this wait for the busy timeout: it is ended first.
  releaseSnapshots(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export function closeDatabase(db: DB): void {
  if (!db.open) return;
  try {
    checkpoint(db);
  } finally {
    db.close();
  }
}

/**
 * Re-encrypts the whole database with a new key in place. SQLite3MultipleCiphers refuses to rekey in
 * WAL mode, so the journal is switched to DELETE mode for the rekey and back afterwards.
 */
export function rekeyDatabase(db: DB, newKey: Buffer): void {
  checkpoint(db);
  db.pragma('journal_mode = DELETE');
  applyKey(db, newKey, 'rekey');
  db.pragma('journal_mode = WAL');
}

/** The versions that matter for the security notes (SECURITY.md). */
export function cryptoVersions(db: DB): { sqlite: string; multipleCiphers: string; cipher: string } {
  const row = db.prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS mc').get() as { sqlite: string; mc: string };
  return { sqlite: row.sqlite, multipleCiphers: row.mc, cipher: String(db.pragma('cipher', { simple: true })) };
}

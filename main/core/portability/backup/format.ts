/**
 * The `.fulcrum` backup file:
 *
 *   "FULCRUM-BACKUP\n"             15 bytes, the magic
 *   u32 big-endian                 length of the header
 *   header                         UTF-8 JSON: format, version, createdAt, kind, the journal's
 *                                  vault.json as it is (salts, KDF parameters, wrapped keys — no
 *                                  secret), and the database's length and SHA-256
 *   database                       the journal's database file from one consistent moment, encrypted by
 *                                  SQLite3MultipleCiphers with the journal's data key (SQLCipher v4)
 *                                  page by page, exactly as journal.db is
 *
 * Only the creation time and the key-wrapping metadata are readable without the passphrase. What
 * the backup holds (how many entries, which dates) is read from inside the encrypted database after
 * the passphrase or recovery key is given. The hash makes a truncated or damaged file a clear error
 * before any key is tried; SQLCipher's per-page HMAC authenticates the content itself.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { FulcrumError } from '../../../../shared/errors.js';
import { runSteps, type Snapshot, type Step } from '../../db/snapshot.js';
import { VAULT_VERSION, VaultFileSchema } from '../../vault/file.js';

export const MAGIC = Buffer.from('FULCRUM-BACKUP\n', 'latin1');
export const BACKUP_FORMAT = 'fulcrum-backup';
export const BACKUP_VERSION = 1;
const MAX_HEADER = 64 * 1024;

export const BackupHeader = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int().min(1),
    createdAt: z.string().max(40),
    kind: z.enum(['manual', 'automatic']),
    vault: VaultFileSchema,
    database: z.object({ bytes: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  })
  .strict();
export type BackupHeader = z.infer<typeof BackupHeader>;

export const notABackup = () =>
  new FulcrumError('CORRUPT', 'This file is not a Fulcrum backup. Nothing was changed. Choose a file that ends in .fulcrum.');
const damaged = (what: string) =>
  new FulcrumError('CORRUPT', `This backup is damaged (${what}). Nothing was changed. Try another backup.`);

/** Where a backup's bytes are: a file on disk (read in pieces) or a buffer (browser upload). */
export type BackupBytes = { file: string } | { buffer: Buffer };

function headerBytes(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json]);
}

const CHUNK = 1024 * 1024;

/**
 * Writes `out` (0600) from a header and a snapshot of the journal file, a chunk per step. The header
 * goes first with a placeholder checksum of the same length, and is rewritten in place once the
 * whole database has been hashed on its way through. The caller renames the file into place.
 */
export function* writeBackupSteps(
  out: string,
  snapshot: Snapshot,
  meta: Omit<BackupHeader, 'format' | 'version' | 'database'>,
): Generator<Step, BackupHeader, void> {
  const draft: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, ...meta, database: { bytes: snapshot.size, sha256: '0'.repeat(64) } };
  const placeholder = headerBytes(draft);
  const hash = createHash('sha256');
  const fd = fs.openSync(out, 'w', 0o600);
  try {
    fs.writeSync(fd, placeholder);
    for (const chunk of snapshot.chunks()) {
      hash.update(chunk);
      fs.writeSync(fd, chunk);
      yield;
    }
    const header: BackupHeader = { ...draft, database: { bytes: snapshot.size, sha256: hash.digest('hex') } };
    const final = headerBytes(header);
    if (final.length !== placeholder.length) throw new Error('backup header changed length');
    fs.writeSync(fd, final, 0, final.length, 0);
    yield { fsync: fd };
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

interface Reader {
  size: number;
  read(pos: number, len: number): Buffer;
  close(): void;
}

function reader(src: BackupBytes): Reader {
  if ('buffer' in src) {
    const b = src.buffer;
    return { size: b.length, read: (pos, len) => b.subarray(pos, Math.min(b.length, pos + len)), close: () => {} };
  }
  let fd: number;
  try {
    fd = fs.openSync(src.file, 'r');
  } catch (e) {
    throw new FulcrumError('IO', `The backup could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose it again.`);
  }
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read(pos, len) {
      const buf = Buffer.alloc(Math.max(0, Math.min(len, size - pos)));
      const n = buf.length ? fs.readSync(fd, buf, 0, buf.length, pos) : 0;
      return buf.subarray(0, n);
    },
    close: () => fs.closeSync(fd),
  };
}

/**
 * Reads and checks the header, and copies the database part to `dbOut` while hashing it (unless
 * `headerOnly`). Throws CORRUPT (not a backup, damaged, truncated) or TOO_NEW before anything else
 * is touched.
 */
export function readBackup(src: BackupBytes, dbOut?: string, opts: { headerOnly?: boolean } = {}): BackupHeader {
  return runSteps(readBackupSteps(src, dbOut, opts));
}

/** readBackup a chunk per step, for a job that pauses between them (restore preview, backup check). */
export function* readBackupSteps(src: BackupBytes, dbOut?: string, opts: { headerOnly?: boolean } = {}): Generator<Step, BackupHeader, void> {
  const r = reader(src);
  try {
    const head = r.read(0, MAGIC.length + 4);
    if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw notABackup();
    if (head.length < MAGIC.length + 4) throw damaged('it ends right after its first bytes');
    const len = head.readUInt32BE(MAGIC.length);
    if (len === 0 || len > MAX_HEADER) throw damaged('its header is unreadable');
    const json = r.read(MAGIC.length + 4, len);
    if (json.length < len) throw damaged('it is cut off in its header');
    let raw: unknown;
    try {
      raw = JSON.parse(json.toString('utf8'));
    } catch {
      throw damaged('its header is unreadable');
    }
    const version = (raw as { version?: unknown })?.version;
    if ((raw as { format?: unknown })?.format === BACKUP_FORMAT && typeof version === 'number' && version > BACKUP_VERSION) {
      throw new FulcrumError('TOO_NEW', 'This backup was made by a newer version of Fulcrum. Nothing was changed. Update Fulcrum to restore it.');
    }
    const parsed = BackupHeader.safeParse(raw);
    if (!parsed.success) throw damaged('its header is unreadable');
    const header = parsed.data;
    if (header.vault.version > VAULT_VERSION) {
      throw new FulcrumError('TOO_NEW', 'This backup was made by a newer version of Fulcrum. Nothing was changed. Update Fulcrum to restore it.');
    }
    if (opts.headerOnly) return header;
    const start = MAGIC.length + 4 + len;
    const expected = header.database.bytes;
    if (r.size < start + expected) throw damaged('it is shorter than it should be — it may have been cut off while copying');
    if (r.size > start + expected) throw damaged('it has extra data at its end');
    const hash = createHash('sha256');
    const fd = dbOut ? fs.openSync(dbOut, 'wx', 0o600) : null;
    try {
      for (let pos = 0; pos < expected; pos += CHUNK) {
        const part = r.read(start + pos, Math.min(CHUNK, expected - pos));
        hash.update(part);
        if (fd !== null) fs.writeSync(fd, part);
        yield;
      }
      if (fd !== null) yield { fsync: fd };
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
    if (hash.digest('hex') !== header.database.sha256) throw damaged('its contents do not match its checksum');
    return header;
  } finally {
    r.close();
  }
}

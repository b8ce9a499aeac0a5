/**
 * Encrypted backups: making a `.fulcrum` file from the open journal, reading one back
 * (preview), and restoring one in place of the current journal.
 *
 * Snapshot: the journal file's own bytes, which are already encrypted page by page with the data key,
 * copied from one consistent moment (a read transaction on a second connection; see db/snapshot.ts),
 * so the journal's content is never written unencrypted, not even to a temporary file. The copy is
 * packed a chunk at a time with a pause between chunks, so calls, lock and quick exit never wait
 * behind a backup; a lock stops it and the temporary file is removed. The packed file is re-read and
 * its checksum compared with the one computed from the journal's bytes before it gets its final name.
 *
 * Restore, in order, and nothing is touched before step 4:
 *  1. the backup is unpacked into a staging folder inside the data folder (encrypted, as it is);
 *  2. it is opened there with the given passphrase or recovery key (a Vault of its own: same key
 *     unwrapping, journal-id check and migrations as a normal unlock), checked with integrity_check;
 *  3. the current journal is locked;
 *  4. the current vault.json and journal.db are linked (or copied) into `previous-<time>/`;
 *  5. the restored pair is swapped in with the same two renames a passphrase change uses
 *     (journal.db.rotating → journal.db, vault.next.json → vault.json), so a crash half-way is
 *     finished or rolled back by the vault's own recovery at the next unlock;
 *  6. the swapped-in journal is opened again with a separate Vault and checked; if that fails, the
 *     previous journal is put back.
 * The journal is left locked: the caller unlocks it with the same secret (the usual unlock path, so
 * the after-unlock housekeeping runs). The previous journal is kept for PREVIOUS_KEEP_DAYS, or until
 * the user discards it, or until the passphrase is changed (it opens with an older passphrase).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FulcrumError } from '../../../../shared/errors.js';
import type { BackupPreview, PreviousJournal } from '../../../../shared/portability.js';
import { closeDatabase, openDatabase, type DB } from '../../db/index.js';
import { integrityCheck, journalSummary, quickCheck } from '../../db/checks.js';
import { driveSteps, openSnapshot, runSteps, type Snapshot, type Step } from '../../db/snapshot.js';
import { cooperate, throwIfCancelled } from '../../jobs/cooperate.js';
import { DIR_MODE, ensurePrivateDir, fsyncDir, ioError } from '../../fsutil.js';
import { FILES, Vault, type Secret } from '../../vault/index.js';
import { writeVaultFile } from '../../vault/file.js';
import { readJournalId } from '../../db/seed.js';
import { readBackupSteps, writeBackupSteps, type BackupBytes, type BackupHeader } from './format.js';

export { readBackup, MAGIC, BACKUP_FORMAT, BACKUP_VERSION, type BackupBytes, type BackupHeader } from './format.js';

export { PREVIOUS_PREFIX } from '../../vault/copies.js';
import { PREVIOUS_PREFIX } from '../../vault/copies.js';
export const STAGING_PREFIX = '.restore-';
export const PREVIOUS_KEEP_DAYS = 14;
const DAY_MS = 86_400_000;

/** 20240302T191244Z: sortable, safe in file names on every platform. */
export const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
export function parseStamp(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? null : ms;
}

/** What a journal holds, for the preview (read inside the encrypted database). */
export function previewOf(db: DB): Omit<BackupPreview, 'createdAt' | 'kind' | 'sameJournal'> {
  return journalSummary(db);
}

const tmpName = (dir: string, what: string) => path.join(dir, `.${what}-${randomBytes(6).toString('hex')}`);

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // Best effort: a leftover temporary file is encrypted, and is removed at the next unlock.
  }
}

/**
 * The steps of writing a backup of the open journal to `out`: a consistent copy of the encrypted
 * journal file packed under a temporary name in the same folder a chunk at a time, re-read and its
 * checksum compared, then renamed into place. A step that fails or is stopped removes the temporary
 * file (it is encrypted in any case).
 */
function* backupSteps(
  vault: Vault,
  out: string,
  kind: 'manual' | 'automatic',
  now: number,
  signal?: AbortSignal,
): Generator<Step, { header: BackupHeader; preview: BackupPreview }, void> {
  const dir = path.dirname(out);
  ensurePrivateDir(dir);
  const vaultFile = vault.vaultFile;
  if (!vaultFile) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
  const db = vault.database();
  const preview: BackupPreview = { ...previewOf(db), createdAt: new Date(now).toISOString(), kind, sameJournal: true };
  const packed = tmpName(dir, 'backup');
  let snapshot: Snapshot | null = null;
  let placed = false;
  try {
    snapshot = vault.withDataKey((key) => openSnapshot(db, vault.file('db'), key, signal));
    const header = yield* writeBackupSteps(packed, snapshot, { createdAt: preview.createdAt, kind, vault: vaultFile });
    snapshot.close();
    // Read back from disk: the checksum in the header must match what was written.
    yield* readBackupSteps({ file: packed });
    fs.renameSync(packed, out);
    placed = true;
    fsyncDir(dir);
    return { header, preview };
  } catch (e) {
    throw e instanceof FulcrumError ? e : ioError(e, 'the backup');
  } finally {
    // Also when the job is stopped between steps (the generator is returned, no error passes here).
    snapshot?.close();
    if (!placed) removeQuietly(packed);
  }
}

/**
 * Writes a backup of the open journal to `out` (atomically), re-reads it to check it, and returns its
 * header and preview. Pauses between chunks (`pause` runs after every step: at most one chunk, CHUNK
 * bytes, of the journal file is read, hashed and written in a step, however large the files in the
 * journal are); a lock stops it with CANCELLED and nothing is left.
 */
export function createBackup(
  vault: Vault,
  out: string,
  kind: 'manual' | 'automatic',
  now: number,
  signal: AbortSignal = vault.lockSignal,
  pause: () => Promise<void> = cooperate(signal),
): Promise<{ header: BackupHeader; preview: BackupPreview }> {
  return driveSteps(backupSteps(vault, out, kind, now, signal), pause);
}

/** The same backup in one go, for a caller that must not let other calls in (the passphrase change). */
export function createBackupNow(vault: Vault, out: string, kind: 'manual' | 'automatic', now: number): { header: BackupHeader; preview: BackupPreview } {
  return runSteps(backupSteps(vault, out, kind, now));
}

/**
 * Unpacks a backup into a new staging folder inside the data folder, a chunk at a time. While the
 * journal is unlocked a lock stops it (CANCELLED) and the folder is removed.
 */
async function stage(src: BackupBytes, vault: Vault): Promise<{ dir: string; header: BackupHeader }> {
  const dataDir = vault.dataDir;
  ensurePrivateDir(dataDir);
  const dir = path.join(dataDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { mode: DIR_MODE });
  try {
    const signal = vault.unlocked ? vault.lockSignal : new AbortController().signal;
    const header = await driveSteps(readBackupSteps(src, path.join(dir, FILES.db)), cooperate(signal));
    writeVaultFile(path.join(dir, FILES.vault), header.vault);
    return { dir, header };
  } catch (e) {
    removeQuietly(dir);
    throw e instanceof FulcrumError ? e : ioError(e, 'the backup');
  }
}

/**
 * Opens a staged journal with the secret (a Vault of its own: key unwrapping, journal-id check,
 * migrations), checks it fully and closes it again. `keepKey` receives a copy of its data key, for
 * the check after the swap; the caller zeroes it.
 */
async function openStaged(
  dir: string,
  header: BackupHeader,
  secret: Secret,
  currentJournalId: string | null,
  keepKey?: (key: Buffer) => void,
): Promise<BackupPreview> {
  const staged = new Vault({ dataDir: dir });
  await staged.unlock(secret);
  try {
    const db = staged.database();
    if (integrityCheck(db) !== 'ok') throw new FulcrumError('CORRUPT', 'This backup is damaged (its database failed the integrity check). Nothing was changed. Try another backup.');
    keepKey?.(staged.withDataKey((k) => Buffer.from(k)));
    return { ...previewOf(db), createdAt: header.createdAt, kind: header.kind, sameJournal: currentJournalId === header.vault.journalId };
  } finally {
    staged.lock();
  }
}

/** The journal id of the journal in the data folder, from its vault.json (no key needed); null if none. */
function currentJournalId(vault: Vault): string | null {
  try {
    return vault.vaultFile?.journalId ?? JSON.parse(fs.readFileSync(vault.file('vault'), 'utf8')).journalId ?? null;
  } catch {
    return null;
  }
}

/** Opens a backup with its passphrase or recovery key and says what is in it. Changes nothing. */
export async function inspectBackup(vault: Vault, src: BackupBytes, secret: Secret): Promise<BackupPreview> {
  const { dir, header } = await stage(src, vault);
  try {
    return await openStaged(dir, header, secret, currentJournalId(vault));
  } finally {
    removeQuietly(dir);
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    fs.chmodSync(to, 0o600);
  }
}

const JOURNAL_FILES = [FILES.vault, FILES.db, `${FILES.db}-wal`, `${FILES.db}-shm`] as const;

/** Replaces the journal in the data folder with a backup. See the file comment for the steps. */
export async function restoreBackup(
  vault: Vault,
  src: BackupBytes,
  secret: Secret,
  now: number,
  progress: (phase: string, done: number, total: number) => void = () => {},
): Promise<{ preview: BackupPreview; previous: PreviousJournal | null }> {
  const total = 5;
  progress('reading', 0, total);
  if (vault.retryAfterMs() > 0) {
    throw new FulcrumError('THROTTLED', `Too many attempts. Try again in ${Math.ceil(vault.retryAfterMs() / 1000)} s.`, { retryAfterMs: vault.retryAfterMs() });
  }
  // Started while unlocked: a lock (quick exit) before the swap stops the restore, with nothing changed.
  const signal = vault.unlocked ? vault.lockSignal : null;
  const { dir, header } = await stage(src, vault);
  let key: Buffer | null = null;
  try {
    progress('checking', 1, total);
    const preview = await openStaged(dir, header, secret, currentJournalId(vault), (k) => (key = k));

    progress('setting aside', 2, total);
    if (signal) throwIfCancelled(signal);
    vault.lock();
    const dataDir = vault.dataDir;
    const file = (name: string) => path.join(dataDir, name);
    let previous: PreviousJournal | null = null;
    let previousDir: string | null = null;
    if (fs.existsSync(file(FILES.vault)) || fs.existsSync(file(FILES.db))) {
      let at = now;
      while (fs.existsSync(file(`${PREVIOUS_PREFIX}${stamp(at)}`))) at += 1000;
      const id = stamp(at);
      previousDir = file(`${PREVIOUS_PREFIX}${id}`);
      fs.mkdirSync(previousDir, { mode: DIR_MODE });
      for (const name of JOURNAL_FILES) if (fs.existsSync(file(name))) linkOrCopy(file(name), path.join(previousDir, name));
      fsyncDir(previousDir);
      previous = previousJournal(id, parseStamp(id)!);
    }

    progress('swapping', 3, total);
    try {
      // The vault's own crash recovery understands these two names (see Vault.changePassphrase).
      fs.renameSync(path.join(dir, FILES.db), file(FILES.dbRotating));
      fs.renameSync(path.join(dir, FILES.vault), file(FILES.vaultNext));
      fsyncDir(dataDir);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(file(FILES.db) + suffix, { force: true });
      fs.renameSync(file(FILES.dbRotating), file(FILES.db));
      fs.renameSync(file(FILES.vaultNext), file(FILES.vault));
      fsyncDir(dataDir);

      progress('verifying', 4, total);
      // The same key the staged copy opened with (no second Argon2 run); the vault file was
      // written from the backup's header, which is what the caller's unlock will read.
      const check = openDatabase(file(FILES.db), key!);
      try {
        if (readJournalId(check) !== header.vault.journalId || quickCheck(check) !== 'ok') {
          throw new FulcrumError('CORRUPT', 'The restored journal failed its check after it was put in place. Your previous journal was put back.');
        }
      } finally {
        closeDatabase(check);
      }
    } catch (e) {
      putBack(dataDir, previousDir);
      throw e instanceof FulcrumError ? e : ioError(e, 'the restored journal');
    }
    progress('done', total, total);
    return { preview, previous };
  } finally {
    (key as Buffer | null)?.fill(0);
    removeQuietly(dir);
  }
}

/** Undoes a failed swap: the journal that was there before goes back in place. */
function putBack(dataDir: string, previousDir: string | null): void {
  for (const name of [FILES.dbRotating, FILES.vaultNext, `${FILES.db}-wal`, `${FILES.db}-shm`]) fs.rmSync(path.join(dataDir, name), { force: true });
  if (!previousDir) {
    for (const name of [FILES.vault, FILES.db]) fs.rmSync(path.join(dataDir, name), { force: true });
    return;
  }
  // Copy the database first and the vault last, each atomically, so every moment has a matching pair
  // or the old vault with the old database.
  for (const name of [FILES.db, FILES.vault]) {
    const from = path.join(previousDir, name);
    if (!fs.existsSync(from)) continue;
    const tmp = path.join(dataDir, `${name}.putback`);
    fs.copyFileSync(from, tmp);
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, path.join(dataDir, name));
  }
  fsyncDir(dataDir);
}

const previousJournal = (id: string, at: number): PreviousJournal => ({
  id,
  movedAsideAt: new Date(at).toISOString(),
  keptUntil: new Date(at + PREVIOUS_KEEP_DAYS * DAY_MS).toISOString(),
});

/** The journals that restores moved aside, newest first. */
export function listPrevious(dataDir: string): PreviousJournal[] {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return [];
  }
  const out: PreviousJournal[] = [];
  for (const name of names) {
    if (!name.startsWith(PREVIOUS_PREFIX)) continue;
    const id = name.slice(PREVIOUS_PREFIX.length);
    const at = parseStamp(id);
    if (at === null) continue;
    out.push(previousJournal(id, at));
  }
  return out.sort((a, b) => b.id.localeCompare(a.id));
}

export function discardPrevious(dataDir: string, id: string): void {
  if (parseStamp(id) === null) throw new FulcrumError('NOT_FOUND', 'That earlier journal is no longer kept.');
  const dir = path.join(dataDir, `${PREVIOUS_PREFIX}${id}`);
  if (!fs.existsSync(dir)) throw new FulcrumError('NOT_FOUND', 'That earlier journal is no longer kept.');
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Housekeeping: removes staging folders and temporary files a crash left behind, and earlier
 * journals older than PREVIOUS_KEEP_DAYS (all of them with `all`, after a passphrase change).
 */
/**
 * Leftovers are only tidied once they are clearly abandoned: a staging folder or temporary file that
 * a restore, an inspection or a backup is using right now is fresh, and must not be pulled from under
 * it (the automatic backup runs on its own timer, beside the call queue). File times are wall-clock
 * times, so this uses the real clock, not the injectable one.
 */
export const LEFTOVER_AGE_MS = 10 * 60_000;
export function isAbandoned(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > LEFTOVER_AGE_MS;
  } catch {
    return false;
  }
}

export function tidyDataDir(dataDir: string, now: number, opts: { allPrevious?: boolean } = {}): void {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    // A staging folder, or a backup's temporary files (snapshot, packing, a browser download).
    const isLeftover = name.startsWith(STAGING_PREFIX) || /^\.(snapshot|backup|download)-[0-9a-f]{12}/.test(name);
    if (isLeftover && isAbandoned(path.join(dataDir, name))) removeQuietly(path.join(dataDir, name));
    if (name.startsWith(PREVIOUS_PREFIX)) {
      const at = parseStamp(name.slice(PREVIOUS_PREFIX.length));
      if (opts.allPrevious || (at !== null && now - at > PREVIOUS_KEEP_DAYS * DAY_MS)) removeQuietly(path.join(dataDir, name));
    }
  }
}

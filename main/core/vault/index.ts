import { hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FulcrumError } from '../../../shared/errors.js';
import type { VaultStatus } from '../../../shared/schemas.js';
import { closeDatabase, openDatabase, rekeyDatabase, type DB } from '../db/index.js';
import { quickCheck } from '../db/checks.js';
import { FILE_MODE, ensurePrivateDir, ioError } from '../fsutil.js';
import { seedJournal, readJournalId } from '../db/seed.js';
import { KDF_FLOOR, INSECURE_TEST_KDF, calibrateKdf, deriveKey, meetsFloor, type KdfParams } from './kdf.js';
import { generateRecoveryKey, parseRecoveryKey } from './recovery.js';
import { checkStrength } from './strength.js';
import { removeOldKeyCopies } from './copies.js';
import { NO_FAILURES, THROTTLE_FILE, readThrottle, throttleDelayMs, writeThrottle, type ThrottleState } from './throttle.js';
import {
  VAULT_FORMAT,
  VAULT_VERSION,
  openRecoveryKey,
  readVaultFile,
  sealRecoveryKey,
  unwrapKey,
  wrapKey,
  writeVaultFile,
  type VaultFile,
} from './file.js';

export * from './kdf.js';
export * from './recovery.js';
export * from './strength.js';
export { throttleDelayMs, readThrottle, THROTTLE_FILE } from './throttle.js';
export { BACKUP_DIR, PREVIOUS_PREFIX } from './copies.js';
export { readVaultFile, type VaultFile } from './file.js';

export type Secret = { passphrase: string } | { recoveryKey: string };

/**
 * The step boundaries of a key rotation (passphrase change, new recovery key), in order. A crash
 * between any two leaves the folder in a state that the next unlock finishes or undoes
 * (`recoverInterruptedRotation`); the crash test stops the process at each of them.
 */
export const ROTATION_STEPS = [
  'verified',
  'copied',
  're-encrypted',
  'checked',
  'old-copies-removed',
  'committed',
  'database-swapped',
  'vault-swapped',
] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** What an unlock found that the person must deal with before the journal opens. */
export interface UnlockOutcome {
  /** Opened with the recovery key: the passphrase is lost or known to someone else; ask for a new one. */
  usedRecoveryKey: boolean;
  /** A recovery key was issued but never confirmed as written down: show it again. */
  pendingRecoveryKey: boolean;
}
export type Progress = (step: { phase: 'verifying' | 'deriving' | 'copying' | 're-encrypting' | 'checking' | 'saving'; done: number; total: number }) => void;

export interface VaultOptions {
  dataDir: string;
  /**
   * TEST ONLY: derive keys with tiny Argon2 parameters so the suite stays fast. Production code never
   * sets this; a test asserts the default meets the floor in SECURITY.md.
   */
  insecureTestKdf?: boolean;
  /** Milliseconds since the epoch; injectable for throttling tests. */
  now?: () => number;
  /** Called for every failed unlock while locked (the access log seals it). */
  onFailedAttempt?: (at: number, vault: VaultFile) => void;
  /**
   * Called once a lock has closed the database and zeroed the key (whoever locked: a call, auto-lock,
   * quick exit, deleting the journal), so the session can stop what it runs for an open journal.
   * Never called by a lock of an already locked journal. Must not throw.
   */
  onLocked?: () => void;
  /**
   * TEST ONLY: called at each step boundary of a key rotation, so a test can stop the process there
   * (throw, or exit a child process) and check what the next unlock finds. Production never sets it.
   */
  crashAt?: (step: RotationStep) => void;
}

export const FILES = {
  vault: 'vault.json',
  vaultNext: 'vault.next.json',
  db: 'journal.db',
  dbCreating: 'journal.db.creating',
  dbRotating: 'journal.db.rotating',
  throttle: THROTTLE_FILE,
} as const;

const recoveryKek = (secret: Buffer, salt: Buffer) =>
  Buffer.from(hkdfSync('sha256', secret, salt, 'fulcrum/recovery-kek/v1', 32));

/**
 * Unwraps a vault file's data key with a passphrase or recovery key; null when the secret is wrong.
 * Never touches a file. Throws WRONG_SECRET for a recovery key that is malformed or has a typo.
 */
export async function unwrapDataKey(secret: Secret, vault: VaultFile): Promise<Buffer | null> {
  if ('passphrase' in secret) {
    const { salt, ...params } = vault.passphrase.kdf;
    const kek = await deriveKey(Buffer.from(secret.passphrase.normalize('NFC'), 'utf8'), Buffer.from(salt, 'base64'), params);
    try {
      return unwrapKey(kek, vault.passphrase.wrapped, vault.journalId, 'passphrase');
    } finally {
      kek.fill(0);
    }
  }
  const parsed = parseRecoveryKey(secret.recoveryKey);
  if (!parsed.ok) {
    throw new FulcrumError(
      'WRONG_SECRET',
      parsed.reason === 'typo'
        ? 'That recovery key has a typo: one of its characters is wrong. Check it against your saved copy.'
        : 'A recovery key has 32 letters and digits in groups of four, like ABCD-EFGH-…. Check your saved copy.',
      { reason: parsed.reason === 'typo' ? 'recoveryTypo' : 'recoveryFormat' },
    );
  }
  const kek = recoveryKek(parsed.secret, Buffer.from(vault.recovery.salt, 'base64'));
  parsed.secret.fill(0);
  try {
    return unwrapKey(kek, vault.recovery.wrapped, vault.journalId, 'recovery');
  } finally {
    kek.fill(0);
  }
}

/**
 * The vault: owns the data key and the open database. Locked = no database handle, key buffer zeroed.
 */
export class Vault {
  private db: DB | null = null;
  private dataKey: Buffer | null = null;
  private vault: VaultFile | null = null;
  /** The throttle as this instance last knew it; throttle.json carries it across restarts. */
  private throttle: ThrottleState = NO_FAILURES;
  /** How the current session was unlocked (a recovery-key unlock asks for a new passphrase). */
  private usedRecoveryKey = false;
  /** Aborted the moment a lock starts, so long jobs can stop at their next pause (see core/jobs). */
  private unlockedFor: AbortController | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: VaultOptions) {
    this.now = opts.now ?? Date.now;
  }

  get dataDir(): string {
    return this.opts.dataDir;
  }
  file(name: keyof typeof FILES): string {
    return path.join(this.opts.dataDir, FILES[name]);
  }

  exists(): boolean {
    return fs.existsSync(this.file('vault')) || fs.existsSync(this.file('db'));
  }

  get unlocked(): boolean {
    return this.db !== null;
  }

  /** Is the data key in memory? (False once locked: lock zeroes and drops it.) */
  get holdsKey(): boolean {
    return this.dataKey !== null;
  }

  /**
   * A signal that is aborted as soon as the journal starts to lock (lock, quick exit, auto-lock).
   * Long jobs pass it to `cooperate()` so a lock never waits behind them. Already aborted when locked.
   */
  get lockSignal(): AbortSignal {
    return this.unlockedFor?.signal ?? AbortSignal.abort();
  }

  /**
   * A lock has been asked for and will run next: aborts `lockSignal` now, so a long job stops at its
   * next pause instead of finishing first. The journal stays open until `lock()` itself runs.
   */
  stopJobs(): void {
    this.unlockedFor?.abort();
  }

  /** The open database; LOCKED when there is none. */
  database(): DB {
    if (!this.db) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    return this.db;
  }

  get journalId(): string {
    if (!this.vault) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    return this.vault.journalId;
  }

  /** The vault file as read at unlock (no secrets in it). */
  get vaultFile(): VaultFile | null {
    return this.vault;
  }

  /** The newer of what this instance counted and what throttle.json says (another run, a restart). */
  private throttleState(): ThrottleState {
    const onDisk = readThrottle(this.file('throttle'));
    return onDisk.lastFailureAt > this.throttle.lastFailureAt ? onDisk : this.throttle;
  }

  retryAfterMs(): number {
    const { failures, lastFailureAt } = this.throttleState();
    const delay = throttleDelayMs(failures);
    // Never longer than the delay itself: a clock set back (or a stored time from the future) must not
    // lock the person out.
    const wait = Math.min(delay, lastFailureAt + delay - this.now());
    return Math.max(0, Math.ceil(wait));
  }

  status(): VaultStatus {
    const exists = this.exists();
    let problem: string | null = null;
    let problemCode: VaultStatus['problemCode'] = null;
    if (exists && !this.unlocked) {
      try {
        this.readVault();
        if (!fs.existsSync(this.file('db')) && !fs.existsSync(this.file('dbRotating'))) {
          problem = "The journal's database file (journal.db) is missing. Restore it from a backup.";
          problemCode = { code: 'CORRUPT', reason: 'dbMissing' };
        }
      } catch (e) {
        problem = e instanceof FulcrumError ? e.message : 'The journal cannot be read.';
        const reason = e instanceof FulcrumError ? e.detail?.reason : undefined;
        problemCode = { code: e instanceof FulcrumError ? e.code : 'INTERNAL', ...(typeof reason === 'string' ? { reason } : {}) };
      }
    }
    return { exists, unlocked: this.unlocked, problem, problemCode, retryAfterMs: this.retryAfterMs() };
  }

  private async kdfParams(): Promise<KdfParams> {
    if (this.opts.insecureTestKdf) return INSECURE_TEST_KDF;
    return (await calibrateKdf()).params;
  }

  private async passphraseSlot(passphrase: string, dataKey: Buffer, journalId: string, params: KdfParams) {
    const salt = randomBytes(16);
    const kek = await deriveKey(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, params);
    try {
      return { kdf: { ...params, salt: salt.toString('base64') }, wrapped: wrapKey(kek, dataKey, journalId, 'passphrase') };
    } finally {
      kek.fill(0);
    }
  }

  private recoverySlot(dataKey: Buffer, journalId: string) {
    const recovery = generateRecoveryKey();
    const salt = randomBytes(16);
    const kek = recoveryKek(recovery.secret, salt);
    recovery.secret.fill(0);
    try {
      return { text: recovery.text, slot: { salt: salt.toString('base64'), wrapped: wrapKey(kek, dataKey, journalId, 'recovery') } };
    } finally {
      kek.fill(0);
    }
  }

  private async refuseWeak(passphrase: string): Promise<void> {
    const s = await checkStrength(passphrase);
    if (!s.acceptable) throw new FulcrumError('WEAK_PASSPHRASE', s.reason, { score: s.score, reason: s.problem ?? 'guessable', minLength: s.minLength });
  }

  /** Creates a new journal and leaves it unlocked. Returns the recovery key, to be shown once. */
  async create(passphrase: string): Promise<{ recoveryKey: string }> {
    if (this.exists()) throw new FulcrumError('ALREADY_EXISTS', 'A journal already exists in this folder. Unlock it instead.');
    await this.refuseWeak(passphrase);
    ensurePrivateDir(this.opts.dataDir);
    fs.rmSync(this.file('dbCreating'), { force: true });
    const params = await this.kdfParams();
    const journalId = randomUUID();
    const dataKey = randomBytes(32);
    const now = new Date(this.now()).toISOString();
    const recovery = this.recoverySlot(dataKey, journalId);
    const vault: VaultFile = {
      format: VAULT_FORMAT,
      version: VAULT_VERSION,
      journalId,
      createdAt: now,
      keyRotatedAt: now,
      database: 'journal.db',
      passphrase: await this.passphraseSlot(passphrase, dataKey, journalId, params),
      recovery: recovery.slot,
      pendingRecovery: sealRecoveryKey(dataKey, recovery.text, journalId),
    };
    // The database is built under a temporary name and renamed last, so a crash never leaves a
    // journal.db without its vault.json.
    let db: DB | null = null;
    try {
      db = openDatabase(this.file('dbCreating'), dataKey, { create: true });
      seedJournal(db, journalId, this.now());
      closeDatabase(db);
      db = null;
      writeVaultFile(this.file('vault'), vault);
      fs.renameSync(this.file('dbCreating'), this.file('db'));
    } catch (e) {
      db?.close();
      fs.rmSync(this.file('dbCreating'), { force: true });
      fs.rmSync(this.file('vault'), { force: true });
      dataKey.fill(0);
      throw e instanceof FulcrumError ? e : ioError(e, 'the new journal');
    }
    this.openWith(dataKey, vault);
    return { recoveryKey: recovery.text };
  }

  /**
   * Finishes or rolls back a key rotation (or a restore's swap) that a crash interrupted, after the
   * secret opened `vault`. Returns the vault as it is on disk afterwards.
   *
   * A rotation commits by writing the NEW vault over vault.json with `databasePending` set: from then
   * on journal.db.rotating (already checked) is its database, and the old wrapped keys exist nowhere.
   * Without that mark a journal.db.rotating was never committed and the old pair is still current.
   */
  private recoverInterruptedRotation(vault: VaultFile): VaultFile {
    const next = this.file('vaultNext');
    const rotating = this.file('dbRotating');
    if (vault.databasePending) {
      if (fs.existsSync(rotating)) {
        for (const suffix of ['-wal', '-shm']) fs.rmSync(this.file('db') + suffix, { force: true });
        fs.renameSync(rotating, this.file('db'));
      }
      const { databasePending: _installed, ...done } = vault;
      writeVaultFile(this.file('vault'), done);
      return done;
    }
    if (fs.existsSync(rotating)) {
      fs.rmSync(rotating, { force: true });
      fs.rmSync(next, { force: true });
    } else if (fs.existsSync(next)) {
      // A restore interrupted after its database swap: its vault was written before. Finish it.
      fs.renameSync(next, this.file('vault'));
    }
    return vault;
  }

  /** Reads vault.json; a database without its key file is a damaged journal, not a missing one. */
  private readVault(): VaultFile {
    try {
      return readVaultFile(this.file('vault'));
    } catch (e) {
      if (e instanceof FulcrumError && e.code === 'NO_JOURNAL' && fs.existsSync(this.file('db'))) {
        throw new FulcrumError(
          'CORRUPT',
          "The journal's key file (vault.json) is missing, so its database cannot be opened. Nothing was changed. Restore vault.json from a backup.",
          { reason: 'vaultMissing' },
        );
      }
      throw e;
    }
  }

  /** Unwraps the data key; null when the secret is wrong. Never touches a file. */
  private unwrap(secret: Secret, vault: VaultFile): Promise<Buffer | null> {
    return unwrapDataKey(secret, vault);
  }

  private failed(vault: VaultFile): never {
    const at = this.now();
    this.throttle = { failures: this.throttleState().failures + 1, lastFailureAt: at };
    writeThrottle(this.file('throttle'), this.throttle);
    try {
      this.opts.onFailedAttempt?.(at, vault);
    } catch {
      // Recording an attempt must never change the answer the person gets.
    }
    throw new FulcrumError('WRONG_SECRET', 'That passphrase or recovery key is not right. Nothing was changed; try again.', {
      retryAfterMs: throttleDelayMs(this.throttle.failures),
    });
  }

  async unlock(secret: Secret): Promise<UnlockOutcome> {
    if (this.unlocked) return this.outcome();
    const wait = this.retryAfterMs();
    if (wait > 0) {
      throw new FulcrumError('THROTTLED', `Too many attempts. Try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait });
    }
    if (!this.exists()) throw new FulcrumError('NO_JOURNAL', 'There is no journal here yet. Create one first.');
    // A restore interrupted after its database swap (vault.next.json present, no
    // journal.db.rotating): the database is already the restored one, so only the restored vault can
    // open it. Trying the old one would unwrap a key that no longer fits and report damage instead of
    // a wrong passphrase.
    const swapped = fs.existsSync(this.file('vaultNext')) && !fs.existsSync(this.file('dbRotating'));
    const vault = swapped ? readVaultFile(this.file('vaultNext')) : this.readVault();
    const dataKey = await this.unwrap(secret, vault);
    if (!dataKey) this.failed(vault);
    this.throttle = NO_FAILURES;
    writeThrottle(this.file('throttle'), NO_FAILURES);
    let current: VaultFile;
    try {
      current = this.recoverInterruptedRotation(vault);
    } catch (e) {
      dataKey.fill(0);
      throw e instanceof FulcrumError ? e : ioError(e, 'the interrupted passphrase change');
    }
    this.openWith(dataKey, current);
    this.usedRecoveryKey = 'recoveryKey' in secret;
    return this.outcome();
  }

  private outcome(): UnlockOutcome {
    return { usedRecoveryKey: this.usedRecoveryKey, pendingRecoveryKey: this.vault?.pendingRecovery !== undefined };
  }

  /** This session was opened with the recovery key and no new passphrase was chosen since. */
  get mustChangePassphrase(): boolean {
    return this.unlocked && this.usedRecoveryKey;
  }

  /** The recovery key awaiting confirmation, or null. Only while unlocked; never written in plaintext. */
  pendingRecoveryKey(): string | null {
    const vault = this.vault;
    if (!vault || !this.dataKey) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    if (!vault.pendingRecovery) return null;
    return openRecoveryKey(this.dataKey, vault.pendingRecovery, vault.journalId);
  }

  /**
   * The person typed back group `group` (1-based) of the pending recovery key: when it matches, the
   * key counts as written down and is no longer kept. A mismatch changes nothing.
   */
  confirmRecoveryKey(group: number, typed: string): void {
    const key = this.pendingRecoveryKey();
    if (key === null) return;
    const groups = key.split('-');
    const expected = groups[group - 1];
    if (expected === undefined) throw new FulcrumError('VALIDATION', `The recovery key has ${groups.length} groups; choose one from 1 to ${groups.length}.`);
    const normalised = typed.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    if (normalised !== expected) {
      throw new FulcrumError('VALIDATION', `That is not group ${group} of your recovery key. Check what you wrote down, and type that group again.`, { reason: 'recoveryGroup', group });
    }
    const { pendingRecovery: _confirmed, ...rest } = this.vault!;
    writeVaultFile(this.file('vault'), rest);
    this.vault = rest;
  }

  private openWith(dataKey: Buffer, vault: VaultFile): void {
    let db: DB;
    try {
      db = openDatabase(this.file('db'), dataKey);
    } catch (e) {
      dataKey.fill(0);
      throw e;
    }
    const id = readJournalId(db);
    if (id !== vault.journalId) {
      db.close();
      dataKey.fill(0);
      throw new FulcrumError('FOREIGN', 'The key file and the database belong to different journals. Nothing was changed.');
    }
    this.db = db;
    this.dataKey = dataKey;
    this.vault = vault;
    this.unlockedFor = new AbortController();
  }

  /** Checkpoints and closes the database and zeroes the key. Safe to call when already locked. */
  lock(): void {
    const wasOpen = this.db !== null || this.dataKey !== null || this.unlockedFor !== null;
    this.unlockedFor?.abort();
    this.unlockedFor = null;
    const db = this.db;
    this.db = null;
    try {
      if (db) closeDatabase(db);
    } catch (e) {
      // The closing checkpoint can fail (a full disk): what was saved is still in the WAL, encrypted,
      // and is checkpointed at the next unlock. The lock itself has happened once the connection is
      // closed, so only a connection that is somehow still open is an error worth reporting.
      if (db?.open) throw e;
    } finally {
      this.dataKey?.fill(0);
      this.dataKey = null;
      this.vault = null;
      this.usedRecoveryKey = false;
      if (wasOpen) this.opts.onLocked?.();
    }
  }

  /**
   * Puts the access log's public key in vault.json (main/core/safety/accesslog.ts), so
   * failed attempts can be sealed while locked. Public by design: no secret is written.
   */
  setAccessLogKey(publicKey: string): void {
    if (!this.vault) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    if (this.vault.accessLog?.publicKey === publicKey) return;
    const next: VaultFile = { ...this.vault, accessLog: { publicKey } };
    writeVaultFile(this.file('vault'), next);
    this.vault = next;
  }

  /** Runs `fn` with the data key (for encrypted backups). The buffer must not be kept. */
  withDataKey<T>(fn: (key: Buffer) => T): T {
    if (!this.dataKey) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    return fn(this.dataKey);
  }

  /**
   * Changes the passphrase AND rotates the data key (SECURITY.md): the database is re-encrypted
   * under a fresh key and a new recovery key is issued, so neither the old passphrase nor the old
   * recovery key opens anything current. `current` may be the passphrase or the recovery key.
   */
  async changePassphrase(current: string | Secret, next: string, progress: Progress = () => {}): Promise<{ recoveryKey: string }> {
    const secret: Secret = typeof current === 'string' ? { passphrase: current } : current;
    if ('passphrase' in secret && secret.passphrase === next) {
      throw new FulcrumError('VALIDATION', 'The new passphrase must be different from the current one.', { reason: 'samePassphrase' });
    }
    return this.rotate(secret, next, progress);
  }

  /**
   * Issues a new recovery key (the old one stops working): the same rotation as a passphrase change,
   * keeping the passphrase. Old-key copies go too, since the old recovery key would open them.
   */
  async newRecoveryKey(passphrase: string, progress: Progress = () => {}): Promise<{ recoveryKey: string }> {
    return this.rotate({ passphrase }, null, progress);
  }

  /**
   * The rotation. Crash safety, step by step (ROTATION_STEPS; `crashAt` marks each boundary):
   *   1. the database is copied to journal.db.rotating, re-encrypted there under the new key, checked;
   *   2. every other copy in the data folder (automatic backups, journals a restore moved aside,
   *      backup temporaries) is deleted: they open with the old passphrase and the old recovery key;
   *   3. COMMIT: the new vault is written over vault.json (atomic rename), marked `databasePending`.
   *      From here the old wrapped keys exist nowhere in the folder;
   *   4. journal.db.rotating replaces journal.db (atomic rename), then the mark is removed.
   * A crash before 3 leaves the old journal current (the next unlock removes the copy); a crash after
   * 3 is finished by the next unlock with the new secrets (`recoverInterruptedRotation`). The new
   * recovery key is sealed in the new vault until confirmed, so it is shown again after a crash.
   */
  private async rotate(current: Secret, next: string | null, progress: Progress): Promise<{ recoveryKey: string }> {
    const vault = this.vault;
    const oldKey = this.dataKey;
    if (!vault || !oldKey || !this.db) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    const crashAt = this.opts.crashAt ?? (() => {});
    const total = 6;
    progress({ phase: 'verifying', done: 0, total });
    const check = await this.unwrap(current, vault);
    if (!check || !timingSafeEqual(check, oldKey)) {
      check?.fill(0);
      throw new FulcrumError(
        'WRONG_SECRET',
        'passphrase' in current
          ? 'The current passphrase is not right. Nothing was changed.'
          : 'That recovery key is not right. Nothing was changed.',
        'passphrase' in current ? { reason: 'currentWrong' } : undefined,
      );
    }
    check.fill(0);
    const passphrase = next ?? (current as { passphrase: string }).passphrase;
    if (next !== null) await this.refuseWeak(next);

    progress({ phase: 'deriving', done: 1, total });
    const { salt: _salt, ...oldParams } = vault.passphrase.kdf;
    const params = this.opts.insecureTestKdf || meetsFloor(oldParams) ? oldParams : { ...KDF_FLOOR };
    const newKey = randomBytes(32);
    const recovery = this.recoverySlot(newKey, vault.journalId);
    const newVault: VaultFile = {
      ...vault,
      keyRotatedAt: new Date(this.now()).toISOString(),
      passphrase: await this.passphraseSlot(passphrase, newKey, vault.journalId, params),
      recovery: recovery.slot,
      pendingRecovery: sealRecoveryKey(newKey, recovery.text, vault.journalId),
    };
    // From here on nothing awaits: no automatic backup (on its own timer) can run in between and
    // write a copy under the old key after the old copies were deleted.
    crashAt('verified');

    const rotating = this.file('dbRotating');
    let committed = false;
    try {
      progress({ phase: 'copying', done: 2, total });
      closeDatabase(this.db);
      this.db = null;
      fs.copyFileSync(this.file('db'), rotating);
      fs.chmodSync(rotating, FILE_MODE);
      crashAt('copied');

      progress({ phase: 're-encrypting', done: 3, total });
      const copy = openDatabase(rotating, oldKey);
      try {
        rekeyDatabase(copy, newKey);
      } finally {
        closeDatabase(copy);
      }
      crashAt('re-encrypted');

      progress({ phase: 'checking', done: 4, total });
      const verify = openDatabase(rotating, newKey);
      try {
        const ok = quickCheck(verify);
        if (ok !== 'ok') throw new FulcrumError('CORRUPT', 'The re-encrypted copy failed its check. Nothing was changed.');
      } finally {
        closeDatabase(verify);
      }
      crashAt('checked');

      progress({ phase: 'saving', done: 5, total });
      removeOldKeyCopies(this.opts.dataDir);
      crashAt('old-copies-removed');
      writeVaultFile(this.file('vault'), { ...newVault, databasePending: 'journal.db.rotating' });
      committed = true;
      crashAt('committed');
      for (const suffix of ['-wal', '-shm']) fs.rmSync(this.file('db') + suffix, { force: true });
      fs.renameSync(rotating, this.file('db'));
      crashAt('database-swapped');
      writeVaultFile(this.file('vault'), newVault);
      crashAt('vault-swapped');
    } catch (e) {
      if (committed) {
        // The change is committed: never roll back to the old key. The journal stays locked and the
        // next unlock (with the NEW passphrase) finishes moving the new database into place.
        oldKey.fill(0);
        newKey.fill(0);
        this.dataKey = null;
        this.lock();
        throw new FulcrumError(
          'IO',
          'The new passphrase is saved, but the journal could not be reopened. Unlock it with the new passphrase to finish.',
          { reason: 'reopenFailed' },
        );
      }
      fs.rmSync(rotating, { force: true });
      newKey.fill(0);
      // Reopen with the old key: the journal is as it was.
      if (!this.db) this.db = openDatabase(this.file('db'), oldKey);
      throw e instanceof FulcrumError ? e : ioError(e, 'the re-encrypted journal');
    }
    oldKey.fill(0);
    this.dataKey = null;
    this.openWith(newKey, newVault);
    this.usedRecoveryKey = false;
    progress({ phase: 'saving', done: total, total });
    return { recoveryKey: recovery.text };
  }
}

import { hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FulcrumError } from '../../../shared/errors.js';
import type { VaultStatus } from '../../../shared/schemas.js';
import { closeDatabase, openDatabase, rekeyDatabase, type DB } from '../db/index.js';
import { FILE_MODE, ensurePrivateDir, ioError } from '../fsutil.js';
import { seedJournal, readJournalId } from './seed.js';
import { KDF_FLOOR, INSECURE_TEST_KDF, calibrateKdf, deriveKey, meetsFloor, type KdfParams } from './kdf.js';
import { generateRecoveryKey, parseRecoveryKey } from './recovery.js';
import { checkStrength } from './strength.js';
import {
  VAULT_FORMAT,
  VAULT_VERSION,
  readVaultFile,
  unwrapKey,
  wrapKey,
  writeVaultFile,
  type VaultFile,
} from './file.js';

export * from './kdf.js';
export * from './recovery.js';
export * from './strength.js';
export { readVaultFile, type VaultFile } from './file.js';

export type Secret = { passphrase: string } | { recoveryKey: string };
export type Progress = (step: { phase: 'verifying' | 'deriving' | 'copying' | 're-encrypting' | 'checking' | 'saving'; done: number; total: number }) => void;

export interface VaultOptions {
  dataDir: string;
  /**
   * TEST ONLY: derive keys with tiny Argon2 parameters so the suite stays fast. Production code never
   * sets this; a test asserts the default meets DESIGN.md's floor.
   */
  insecureTestKdf?: boolean;
  /** Milliseconds since the epoch; injectable for throttling tests. */
  now?: () => number;
  /** Called for every failed unlock while locked (the access log seals it; see issue 7). */
  onFailedAttempt?: (at: number, vault: VaultFile) => void;
}

export const FILES = {
  vault: 'vault.json',
  vaultNext: 'vault.next.json',
  db: 'journal.db',
  dbCreating: 'journal.db.creating',
  dbRotating: 'journal.db.rotating',
} as const;

/** Growing delays after failed attempts: the KDF is the real defence; this slows a person at the keyboard. */
export function throttleDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 3));
}

const recoveryKek = (secret: Buffer, salt: Buffer) =>
  Buffer.from(hkdfSync('sha256', secret, salt, 'fulcrum/recovery-kek/v1', 32));

/**
 * The vault: owns the data key and the open database. Locked = no database handle, key buffer zeroed.
 */
export class Vault {
  private db: DB | null = null;
  private dataKey: Buffer | null = null;
  private vault: VaultFile | null = null;
  private failures = 0;
  private lastFailureAt = 0;
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

  retryAfterMs(): number {
    const wait = this.lastFailureAt + throttleDelayMs(this.failures) - this.now();
    return Math.max(0, Math.ceil(wait));
  }

  status(): VaultStatus {
    const exists = this.exists();
    let problem: string | null = null;
    if (exists && !this.unlocked) {
      try {
        this.readVault();
        if (!fs.existsSync(this.file('db')) && !fs.existsSync(this.file('dbRotating'))) {
          problem = "The journal's database file (journal.db) is missing. Restore it from a backup.";
        }
      } catch (e) {
        problem = e instanceof FulcrumError ? e.message : 'The journal cannot be read.';
      }
    }
    return { exists, unlocked: this.unlocked, problem, retryAfterMs: this.retryAfterMs() };
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
    if (!s.acceptable) throw new FulcrumError('WEAK_PASSPHRASE', s.reason, { score: s.score });
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

  /** Finishes or rolls back a passphrase change that a crash interrupted (see changePassphrase). */
  private recoverInterruptedRotation(): void {
    const next = this.file('vaultNext');
    const rotating = this.file('dbRotating');
    if (fs.existsSync(rotating)) {
      // The database was never swapped: the old vault and database are still the current pair.
      fs.rmSync(rotating, { force: true });
      fs.rmSync(next, { force: true });
    } else if (fs.existsSync(next)) {
      // The new database is in place; its vault was written before the swap. Finish the swap.
      fs.renameSync(next, this.file('vault'));
    }
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
        );
      }
      throw e;
    }
  }

  /** Unwraps the data key; null when the secret is wrong. Never touches a file. */
  private async unwrap(secret: Secret, vault: VaultFile): Promise<Buffer | null> {
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

  private failed(vault: VaultFile): never {
    this.failures += 1;
    this.lastFailureAt = this.now();
    try {
      this.opts.onFailedAttempt?.(this.lastFailureAt, vault);
    } catch {
      // Recording an attempt must never change the answer the person gets.
    }
    throw new FulcrumError('WRONG_SECRET', 'That passphrase or recovery key is not right. Nothing was changed; try again.', {
      retryAfterMs: throttleDelayMs(this.failures),
    });
  }

  async unlock(secret: Secret): Promise<void> {
    if (this.unlocked) return;
    const wait = this.retryAfterMs();
    if (wait > 0) {
      throw new FulcrumError('THROTTLED', `Too many attempts. Try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait });
    }
    if (!this.exists()) throw new FulcrumError('NO_JOURNAL', 'There is no journal here yet. Create one first.');
    // A passphrase change interrupted after the database swap (vault.next.json present, no
    // journal.db.rotating): the database is already under the NEW key, so only the new vault can open
    // it. Trying the old one would unwrap a key that no longer fits and report damage instead of a
    // wrong passphrase.
    const swapped = fs.existsSync(this.file('vaultNext')) && !fs.existsSync(this.file('dbRotating'));
    const vault = swapped ? readVaultFile(this.file('vaultNext')) : this.readVault();
    const dataKey = await this.unwrap(secret, vault);
    if (!dataKey) this.failed(vault);
    this.recoverInterruptedRotation();
    this.failures = 0;
    this.openWith(dataKey, vault);
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
    }
  }

  /**
   * Puts the access log's public key in vault.json (issue 7 §2; main/core/safety/accesslog.ts), so
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
   * Changes the passphrase AND rotates the data key (DESIGN.md §5): the database is re-encrypted
   * under a fresh key, so an old passphrase with an old copy of vault.json opens nothing current.
   *
   * Crash safety: the re-encryption happens on a copy (journal.db.rotating); the new vault is written
   * as vault.next.json; then the copy replaces journal.db (atomic rename) and the new vault replaces
   * vault.json. `recoverInterruptedRotation` finishes or undoes each in-between state.
   */
  async changePassphrase(current: string, next: string, progress: Progress = () => {}): Promise<{ recoveryKey: string }> {
    const vault = this.vault;
    const oldKey = this.dataKey;
    if (!vault || !oldKey || !this.db) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    const total = 6;
    progress({ phase: 'verifying', done: 0, total });
    const check = await this.unwrap({ passphrase: current }, vault);
    if (!check || !timingSafeEqual(check, oldKey)) {
      check?.fill(0);
      throw new FulcrumError('WRONG_SECRET', 'The current passphrase is not right. Nothing was changed.');
    }
    check.fill(0);
    if (current === next) throw new FulcrumError('VALIDATION', 'The new passphrase must be different from the current one.');
    await this.refuseWeak(next);

    progress({ phase: 'deriving', done: 1, total });
    const { salt: _salt, ...oldParams } = vault.passphrase.kdf;
    const params = this.opts.insecureTestKdf || meetsFloor(oldParams) ? oldParams : { ...KDF_FLOOR };
    const newKey = randomBytes(32);
    const recovery = this.recoverySlot(newKey, vault.journalId);
    const newVault: VaultFile = {
      ...vault,
      keyRotatedAt: new Date(this.now()).toISOString(),
      passphrase: await this.passphraseSlot(next, newKey, vault.journalId, params),
      recovery: recovery.slot,
    };

    const rotating = this.file('dbRotating');
    try {
      progress({ phase: 'copying', done: 2, total });
      closeDatabase(this.db);
      this.db = null;
      fs.copyFileSync(this.file('db'), rotating);
      fs.chmodSync(rotating, FILE_MODE);

      progress({ phase: 're-encrypting', done: 3, total });
      const copy = openDatabase(rotating, oldKey);
      try {
        rekeyDatabase(copy, newKey);
      } finally {
        closeDatabase(copy);
      }

      progress({ phase: 'checking', done: 4, total });
      const verify = openDatabase(rotating, newKey);
      try {
        const ok = verify.pragma('quick_check', { simple: true });
        if (ok !== 'ok') throw new FulcrumError('CORRUPT', 'The re-encrypted copy failed its check. Nothing was changed.');
      } finally {
        closeDatabase(verify);
      }

      progress({ phase: 'saving', done: 5, total });
      writeVaultFile(this.file('vaultNext'), newVault);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(this.file('db') + suffix, { force: true });
      fs.renameSync(rotating, this.file('db'));
      fs.renameSync(this.file('vaultNext'), this.file('vault'));
    } catch (e) {
      fs.rmSync(rotating, { force: true });
      fs.rmSync(this.file('vaultNext'), { force: true });
      newKey.fill(0);
      // Reopen with the old key: the journal is as it was.
      if (!this.db) this.db = openDatabase(this.file('db'), oldKey);
      throw e instanceof FulcrumError ? e : ioError(e, 'the re-encrypted journal');
    }
    oldKey.fill(0);
    this.dataKey = null;
    this.openWith(newKey, newVault);
    progress({ phase: 'saving', done: total, total });
    return { recoveryKey: recovery.text };
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FulcrumError } from '../../../shared/errors.js';
import { writeFileAtomic } from '../fsutil.js';

/**
 * vault.json: everything needed to unwrap the data key, and nothing secret. The data key exists on
 * disk only wrapped (AES-256-GCM) by a passphrase key and by a recovery key. The additional data binds
 * each wrapped key to this journal and slot, so wrapped keys cannot be swapped between vaults.
 */
export const VAULT_FORMAT = 'fulcrum-vault';
export const VAULT_VERSION = 1;

const b64 = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((s) => {
      const n = Buffer.from(s, 'base64').length;
      return n >= min && n <= max;
    }, 'wrong length');

const Wrapped = z
  .object({ iv: b64(12, 12), tag: b64(16, 16), key: b64(32, 32) })
  .strict();

export const VaultFileSchema = z
  .object({
    format: z.literal(VAULT_FORMAT),
    version: z.number().int().min(1),
    journalId: z.string().uuid(),
    createdAt: z.string(),
    keyRotatedAt: z.string(),
    database: z.literal('journal.db'),
    passphrase: z
      .object({
        kdf: z
          .object({
            algorithm: z.literal('argon2id'),
            memoryKiB: z.number().int().min(8).max(4 * 1024 * 1024),
            iterations: z.number().int().min(1).max(100),
            parallelism: z.number().int().min(1).max(16),
            salt: b64(16, 64),
          })
          .strict(),
        wrapped: Wrapped,
      })
      .strict(),
    recovery: z.object({ salt: b64(16, 64), wrapped: Wrapped }).strict(),
    /**
     * Set while a key rotation is being installed: the vault is committed, its database is still
     * journal.db.rotating. The next unlock moves it into place and removes this mark.
     */
    databasePending: z.literal('journal.db.rotating').optional(),
    /**
     * A recovery key the person has not yet confirmed writing down, sealed (AES-256-GCM) under the data
     * key, so the next unlock can show it again. Removed once they type back one of its groups.
     */
    pendingRecovery: z.object({ iv: b64(12, 12), tag: b64(16, 16), text: b64(16, 128) }).strict().optional(),
    /** Public half of the access-log key pair: failed attempts are sealed to it while locked. */
    accessLog: z.object({ publicKey: z.string().max(400) }).strict().optional(),
  })
  .strict();
export type VaultFile = z.infer<typeof VaultFileSchema>;
export type WrappedKey = z.infer<typeof Wrapped>;

const aad = (journalId: string, slot: 'passphrase' | 'recovery') => Buffer.from(`fulcrum-vault/v1/${journalId}/${slot}`);

export function wrapKey(kek: Buffer, dataKey: Buffer, journalId: string, slot: 'passphrase' | 'recovery'): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(journalId, slot));
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), key: key.toString('base64') };
}

/** Returns the data key, or null when the key-encryption key is wrong (authentication fails). */
export function unwrapKey(kek: Buffer, w: WrappedKey, journalId: string, slot: 'passphrase' | 'recovery'): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    decipher.setAAD(aad(journalId, slot));
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(w.key, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export type SealedRecoveryKey = NonNullable<VaultFile['pendingRecovery']>;
const pendingAad = (journalId: string) => Buffer.from(`fulcrum-vault/v1/${journalId}/pending-recovery`);

/** Seals a recovery key's text under the data key (see `pendingRecovery`). */
export function sealRecoveryKey(dataKey: Buffer, text: string, journalId: string): SealedRecoveryKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(pendingAad(journalId));
  const out = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), text: out.toString('base64') };
}

/** The sealed recovery key's text, or null when it does not open with this data key. */
export function openRecoveryKey(dataKey: Buffer, sealed: SealedRecoveryKey, journalId: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(pendingAad(journalId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.text, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function readVaultFile(file: string): VaultFile {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FulcrumError('NO_JOURNAL', 'There is no journal in this folder yet.');
    }
    throw new FulcrumError('IO', `The journal's key file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Check the folder's permissions.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new FulcrumError(
      'CORRUPT',
      `The journal's key file (${path.basename(file)}) is damaged: it is not valid JSON. Nothing was changed. Restore it from a backup.`,
      { reason: 'vaultDamaged' },
    );
  }
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format === VAULT_FORMAT) {
    const version = (json as { version?: unknown }).version;
    if (typeof version === 'number' && version > VAULT_VERSION) {
      throw new FulcrumError(
        'TOO_NEW',
        'This journal was made by a newer version of Fulcrum. Nothing was changed. Update Fulcrum to open it.',
      );
    }
  }
  const parsed = VaultFileSchema.safeParse(json);
  if (!parsed.success) {
    const isOurs = typeof json === 'object' && json !== null && (json as { format?: unknown }).format === VAULT_FORMAT;
    throw new FulcrumError(
      'CORRUPT',
      isOurs
        ? `The journal's key file (${path.basename(file)}) is damaged (${parsed.error.issues[0]?.path.join('.') || 'structure'}). Nothing was changed. Restore it from a backup.`
        : `${path.basename(file)} is not a Fulcrum key file. Nothing was changed.`,
      { reason: isOurs ? 'vaultDamaged' : 'notVault' },
    );
  }
  return parsed.data;
}

export function writeVaultFile(file: string, vault: VaultFile): void {
  writeFileAtomic(file, JSON.stringify(vault, null, 2) + '\n');
}

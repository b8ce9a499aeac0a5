/**
 * The access log: failed unlock attempts are written down WHILE LOCKED, yet cannot be
 * read while locked.
 *
 * Each journal has an X25519 key pair. The public half sits in vault.json (`accessLog.publicKey`,
 * readable by anyone, which is fine); the private half lives only inside the encrypted database
 * (`meta`). A failed attempt's time is sealed to the public key — an ephemeral X25519 key agreement,
 * HKDF-SHA256, AES-256-GCM bound to the journal's id — and appended as one line to `access.log`
 * (0600, bounded). The next successful unlock opens each line with the private key, keeps the times
 * in `unlock_failures`, and deletes the file. A damaged, foreign or forged-garbage line is skipped;
 * nothing in this file can stop an unlock.
 *
 * What it cannot do (SECURITY.md): someone using the same OS account can delete the file, or add
 * sealed lines of their own (the public key is public). It tells the journaler about attempts made
 * through Fulcrum; it is not tamper-proof evidence.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../db/index.js';
import { insertUnlockFailures, readAccessLogKey, writeAccessLogKey } from '../db/repos/accesslog.js';
import { FILE_MODE } from '../fsutil.js';

export const ACCESS_LOG_FILE = 'access.log';
/** Bounded: ~600 lines. Throttling makes more attempts than that take hours; beyond it, new ones are not kept. */
export const ACCESS_LOG_MAX_BYTES = 64 * 1024;
/** At unlock, at most this much of a (possibly planted, huge) file is read. */
const READ_LIMIT = 4 * ACCESS_LOG_MAX_BYTES;
const LINE_PREFIX = 'v1.';
const HKDF_INFO = 'fulcrum/access-log/v1';
const aad = (journalId: string) => Buffer.from(`fulcrum-access-log/v1/${journalId}`);
// ephemeral public key 32 | iv 12 | ciphertext 8 (the time, big-endian ms) | tag 16
const SEALED_BYTES = 32 + 12 + 8 + 16;
const RAW_KEY = /^[A-Za-z0-9_-]{43}$/;

const publicKeyOf = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
const rawOf = (k: KeyObject): Buffer => Buffer.from((k.export({ format: 'jwk' }) as { x: string }).x, 'base64url');

function sealKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), HKDF_INFO, 32));
}

export interface AccessLogKeyPair {
  /** base64url of the raw 32-byte X25519 public key (goes in vault.json). */
  publicKey: string;
  /** The private key as a JWK (goes in the encrypted database only). */
  privateJwk: string;
}

export function generateAccessLogKey(): AccessLogKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawOf(publicKey).toString('base64url'), privateJwk: JSON.stringify(privateKey.export({ format: 'jwk' })) };
}

/** One line of access.log: the time of a failed attempt, sealed to the journal's public key. */
export function sealAttempt(publicKey: string, journalId: string, at: number): string {
  if (!RAW_KEY.test(publicKey)) throw new Error('not an access-log public key');
  const recipientRaw = Buffer.from(publicKey, 'base64url');
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawOf(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyOf(publicKey) });
  const key = sealKey(shared, ephRaw, recipientRaw);
  shared.fill(0);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  key.fill(0);
  cipher.setAAD(aad(journalId));
  const time = Buffer.alloc(8);
  time.writeBigInt64BE(BigInt(Math.trunc(at)));
  const ct = Buffer.concat([cipher.update(time), cipher.final()]);
  return LINE_PREFIX + Buffer.concat([ephRaw, iv, ct, cipher.getAuthTag()]).toString('base64url');
}

/** The time sealed in a line, or null for anything that does not open (damaged, foreign, garbage). */
export function openAttempt(line: string, privateKey: KeyObject, journalId: string): number | null {
  try {
    if (!line.startsWith(LINE_PREFIX)) return null;
    const body = line.slice(LINE_PREFIX.length);
    if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
    const raw = Buffer.from(body, 'base64url');
    if (raw.length !== SEALED_BYTES) return null;
    const ephRaw = raw.subarray(0, 32);
    const iv = raw.subarray(32, 44);
    const ct = raw.subarray(44, 52);
    const tag = raw.subarray(52);
    const shared = diffieHellman({ privateKey, publicKey: publicKeyOf(ephRaw.toString('base64url')) });
    const key = sealKey(shared, ephRaw, rawOf(createPublicKey(privateKey)));
    shared.fill(0);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    key.fill(0);
    decipher.setAAD(aad(journalId));
    decipher.setAuthTag(tag);
    const time = Buffer.concat([decipher.update(ct), decipher.final()]);
    const at = Number(time.readBigInt64BE());
    // A plausible moment: after 2000, not more than a day in the future of any sane clock.
    return Number.isSafeInteger(at) && at > Date.UTC(2000, 0, 1) && at < Date.UTC(2200, 0, 1) ? at : null;
  } catch {
    return null;
  }
}

export const accessLogPath = (dataDir: string) => path.join(dataDir, ACCESS_LOG_FILE);

/**
 * Appends one sealed attempt while locked. Returns false when it was not recorded (no public key yet —
 * a journal made before the access log, until its next unlock — or the file is full, or the disk
 * refused). Never throws: recording must not change what the person at the keyboard sees.
 */
export function appendAttempt(dataDir: string, publicKey: string | undefined, journalId: string, at: number): boolean {
  if (!publicKey) return false;
  const file = accessLogPath(dataDir);
  try {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      // No file yet.
    }
    const line = `${sealAttempt(publicKey, journalId, at)}\n`;
    if (size + line.length > ACCESS_LOG_MAX_BYTES) return false;
    const fd = fs.openSync(file, 'a', FILE_MODE);
    try {
      fs.writeSync(fd, line);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

/** The journal's access-log key, created on first use. Returns the public key for vault.json. */
export function ensureAccessLogKey(db: DB): string {
  const existing = privateKeyOf(db);
  if (existing) {
    try {
      // Derived from the private key itself, so vault.json always gets the half that matches it.
      return rawOf(createPublicKey(existing)).toString('base64url');
    } catch {
      // Unusable: replaced below.
    }
  }
  const pair = generateAccessLogKey();
  writeAccessLogKey(db, pair.privateJwk);
  return pair.publicKey;
}

function privateKeyOf(db: DB): KeyObject | null {
  const stored = readAccessLogKey(db);
  if (stored === undefined) return null;
  try {
    return createPrivateKey({ key: JSON.parse(stored) as Record<string, string>, format: 'jwk' });
  } catch {
    return null;
  }
}

/** Reads at most READ_LIMIT bytes of access.log as lines (a planted huge file cannot stall the unlock). */
function readLines(file: string): string[] | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(READ_LIMIT);
    const n = fs.readSync(fd, buf, 0, READ_LIMIT, 0);
    return buf.subarray(0, n).toString('latin1').split('\n').map((l) => l.trim()).filter(Boolean);
  } catch {
    return [];
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * At unlock: opens every line of access.log, keeps the attempts in `unlock_failures` (once each, so a
 * crash between the insert and the delete does not count them twice), then deletes the file.
 */
export function importAttempts(db: DB, dataDir: string, journalId: string, now: number): { imported: number; skipped: number } {
  const file = accessLogPath(dataDir);
  const lines = readLines(file);
  if (lines === null) return { imported: 0, skipped: 0 };
  const key = privateKeyOf(db);
  const times = key ? lines.map((l) => openAttempt(l, key, journalId)) : lines.map(() => null);
  const found = times.filter((t): t is number => t !== null);
  const imported = insertUnlockFailures(db, found, now);
  fs.rmSync(file, { force: true });
  return { imported, skipped: lines.length - found.length };
}

export { acknowledgeAttempts, unacknowledgedAttempts } from '../db/repos/accesslog.js';

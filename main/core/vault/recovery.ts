import { createHash, randomBytes } from 'node:crypto';

/**
 * Recovery keys: 19 random bytes (152 bits) plus one checksum byte, written as 32 Crockford base32
 * characters in eight groups of four ("7K3M-QX2P-…"). Crockford's alphabet has no I, L, O or U, and
 * reading it back forgives case, spaces and the look-alikes O→0, I/L→1, so a key copied by hand from
 * paper works. The checksum byte tells a typo apart from a wrong key.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_SECRET_BYTES = 19;

function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}

const checksum = (secret: Buffer) => createHash('sha256').update('fulcrum-recovery').update(secret).digest()[0]!;

export function generateRecoveryKey(): { text: string; secret: Buffer } {
  const secret = randomBytes(RECOVERY_SECRET_BYTES);
  const all = Buffer.concat([secret, Buffer.from([checksum(secret)])]);
  const text = encodeBase32(all).match(/.{4}/g)!.join('-');
  all.fill(0);
  return { text, secret };
}

export type ParsedRecoveryKey = { ok: true; secret: Buffer } | { ok: false; reason: 'format' | 'typo' };

export function parseRecoveryKey(input: string): ParsedRecoveryKey {
  const normalised = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (normalised.length !== 32) return { ok: false, reason: 'format' };
  const bytes = decodeBase32(normalised);
  if (!bytes || bytes.length !== RECOVERY_SECRET_BYTES + 1) return { ok: false, reason: 'format' };
  const secret = bytes.subarray(0, RECOVERY_SECRET_BYTES);
  if (checksum(secret) !== bytes[RECOVERY_SECRET_BYTES]) {
    bytes.fill(0);
    return { ok: false, reason: 'typo' };
  }
  const copy = Buffer.from(secret);
  bytes.fill(0);
  return { ok: true, secret: copy };
}

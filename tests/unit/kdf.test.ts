import { argon2id } from '@noble/hashes/argon2.js';
import { hashRaw, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id: a const enum, which isolated modules cannot read, so its value is named here. */
const ARGON2ID = 2 as Algorithm;
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSECURE_TEST_KDF, KDF_FLOOR, calibrateKdf, deriveKey, meetsFloor } from '../../main/core/vault/kdf.js';

describe('the passphrase KDF (Argon2id)', () => {
  it('matches the RFC 9106 §5.3 Argon2id test vector (checked through the reference-conformant second implementation)', async () => {
    // @node-rs/argon2 has no associated-data input, so the full RFC vector runs through @noble/hashes;
    // the property below then proves our KDF and @noble agree on every input we actually use.
    const tag = argon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
      t: 3,
      m: 32,
      p: 4,
      dkLen: 32,
      key: new Uint8Array(8).fill(3),
      personalization: new Uint8Array(12).fill(4),
    });
    expect(Buffer.from(tag).toString('hex')).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
    // And the binding, with its secret input, on the same vector minus associated data.
    const ours = await hashRaw(Buffer.alloc(32, 1), {
      algorithm: ARGON2ID,
      salt: Buffer.alloc(16, 2),
      secret: Buffer.alloc(8, 3),
      memoryCost: 32,
      timeCost: 3,
      parallelism: 4,
      outputLen: 32,
    });
    const reference = argon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
      t: 3, m: 32, p: 4, dkLen: 32, key: new Uint8Array(8).fill(3),
    });
    expect(ours.toString('hex')).toBe(Buffer.from(reference).toString('hex'));
  });

  it('agrees with a second implementation on random passphrases, salts and parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 8, max: 256 }),
        fc.integer({ min: 1, max: 3 }),
        async (pass, salt, memoryKiB, iterations) => {
          const p = { algorithm: 'argon2id' as const, memoryKiB, iterations, parallelism: 1 };
          const a = await deriveKey(Buffer.from(pass, 'utf8'), Buffer.from(salt), p);
          const b = argon2id(Buffer.from(pass, 'utf8'), salt, { t: iterations, m: memoryKiB, p: 1, dkLen: 32 });
          expect(a.toString('hex')).toBe(Buffer.from(b).toString('hex'));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('calibrates production parameters at or above the documented floor (m ≥ 64 MiB, t ≥ 3)', async () => {
    expect(meetsFloor(KDF_FLOOR)).toBe(true);
    expect(KDF_FLOOR.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(KDF_FLOOR.iterations).toBeGreaterThanOrEqual(3);
    // A short target forces calibration to stop at the floor: it must never go below it.
    const quick = await calibrateKdf(1);
    expect(meetsFloor(quick.params)).toBe(true);
    expect(quick.params).toMatchObject({ algorithm: 'argon2id', memoryKiB: KDF_FLOOR.memoryKiB, iterations: KDF_FLOOR.iterations });
  });

  it('marks the test-only parameters as below the floor', () => {
    expect(meetsFloor(INSECURE_TEST_KDF)).toBe(false);
  });
});

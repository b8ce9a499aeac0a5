import { hashRaw, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id: a const enum, which isolated modules cannot read, so its value is named here. */
const ARGON2ID = 2 as Algorithm;
import { performance } from 'node:perf_hooks';

/** Argon2id parameters, stored in the vault file beside the salt. */
export interface KdfParams {
  readonly algorithm: 'argon2id';
  /** Memory in KiB. */
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** The floor for real journals (SECURITY.md): never below m = 64 MiB, t = 3. */
export const KDF_FLOOR: KdfParams = { algorithm: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
/** Calibration aims at about one second on the user's machine. */
export const KDF_TARGET_MS = 1000;
const KDF_MAX: KdfParams = { algorithm: 'argon2id', memoryKiB: 1024 * 1024, iterations: 12, parallelism: 1 };

/**
 * Cheap parameters for the test suite only. Reaching them needs the explicit `insecureTestKdf` option
 * of the journal; the production default always calibrates from the floor upwards.
 */
export const INSECURE_TEST_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1 };

export async function deriveKey(secret: Buffer, salt: Buffer, p: KdfParams): Promise<Buffer> {
  return hashRaw(secret, {
    algorithm: ARGON2ID,
    memoryCost: p.memoryKiB,
    timeCost: p.iterations,
    parallelism: p.parallelism,
    outputLen: 32,
    salt,
  });
}

export function meetsFloor(p: KdfParams): boolean {
  return p.algorithm === 'argon2id' && p.memoryKiB >= KDF_FLOOR.memoryKiB && p.iterations >= KDF_FLOOR.iterations;
}

/**
 * Finds parameters that take about `targetMs` here: starts at the floor, doubles memory up to 256 MiB
 * (memory hardness is what costs an attacker most), then raises iterations. Never goes below the floor.
 */
export async function calibrateKdf(targetMs = KDF_TARGET_MS): Promise<{ params: KdfParams; measuredMs: number }> {
  const probe = Buffer.from('fulcrum calibration probe');
  const salt = Buffer.alloc(16, 7);
  const time = async (p: KdfParams) => {
    const t0 = performance.now();
    (await deriveKey(probe, salt, p)).fill(0);
    return performance.now() - t0;
  };
  let p: KdfParams = KDF_FLOOR;
  let ms = await time(p);
  while (ms * 2 <= targetMs * 1.15 && p.memoryKiB < 256 * 1024) {
    p = { ...p, memoryKiB: p.memoryKiB * 2 };
    ms = await time(p);
  }
  // Then iterations, refined a few times: the first measurements include one-off allocation costs.
  for (let round = 0; round < 3 && Math.abs(ms - targetMs) > targetMs * 0.15; round++) {
    const iterations = Math.min(KDF_MAX.iterations, Math.max(KDF_FLOOR.iterations, Math.round((p.iterations * targetMs) / ms)));
    if (iterations === p.iterations) break;
    p = { ...p, iterations };
    ms = await time(p);
  }
  return { params: p, measuredMs: ms };
}

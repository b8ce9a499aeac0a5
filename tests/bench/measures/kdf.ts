/** The real KDF: calibrate as a new journal does, then derive with the chosen parameters a few times. */
import { calibrateKdf, deriveKey, KDF_TARGET_MS } from '../../../main/core/vault/index.js';
import { summarise, timeIt } from '../stats.js';
import type { SizeResult } from './common.js';

export async function measureKdf(rounds: number): Promise<SizeResult> {
  const calibration = await calibrateKdf();
  const secret = Buffer.from('benchmark passphrase, not a real one');
  const salt = Buffer.alloc(16, 3);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await timeIt(async () => (await deriveKey(secret, salt, calibration.params)).fill(0)));
  return {
    value: summarise(samples),
    extra: { params: calibration.params, calibrationMeasuredMs: calibration.measuredMs, targetMs: KDF_TARGET_MS },
  };
}

import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fsutil.js';

/**
 * The unlock throttle's state, kept in `throttle.json` beside vault.json so that restarting the app
 * does not reset it: how many unlocks failed in a row and when the last one failed. No secret, and
 * nothing about what was typed. A missing or unreadable file counts as no failures (the slow KDF,
 * not this file, is what stops a guesser with the files; this slows a person at the keyboard).
 */
export const THROTTLE_FILE = 'throttle.json';

const ThrottleState = z
  .object({ failures: z.number().int().min(0).max(1_000_000), lastFailureAt: z.number().finite().min(0) })
  .strict();
export type ThrottleState = z.infer<typeof ThrottleState>;

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: 0 };

/** Growing delays after failed attempts: the KDF is the real defence; this slows a person at the keyboard. */
export function throttleDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 3));
}

export function readThrottle(file: string): ThrottleState {
  try {
    const parsed = ThrottleState.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : NO_FAILURES;
  } catch {
    return NO_FAILURES;
  }
}

/** Writes the state atomically; after a success the file is removed. Never throws. */
export function writeThrottle(file: string, state: ThrottleState): void {
  try {
    if (state.failures === 0) fs.rmSync(file, { force: true });
    else writeFileAtomic(file, JSON.stringify(state) + '\n');
  } catch {
    // The in-memory count still throttles this run; a full disk must not turn a wrong passphrase
    // into a different error.
  }
}

import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { StrengthReport } from '../../../shared/schemas.js';

/** A passphrase must be at least this long, and zxcvbn must rate it at least "safely unguessable". */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | null = null;
/**
 * Loaded on first use: the dictionaries are ~25 MB of memory and most runs only unlock, so they are
 * imported dynamically rather than at start-up.
 */
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })().catch((e: unknown) => {
    factory = null; // a failed load is tried again next time, not remembered
    throw e;
  });
  return factory;
}

/**
 * Judges a passphrase with zxcvbn-ts (a maintained port of Dropbox's estimator). `userInputs` are
 * words the attacker likely knows (names of people in the journal), which zxcvbn penalises.
 */
export async function checkStrength(passphrase: string, userInputs: readonly string[] = []): Promise<StrengthReport> {
  // zxcvbn's cost grows with length; beyond 100 characters length alone makes it strong.
  const result = (await estimator()).check(passphrase.slice(0, 100), [...userInputs]);
  const suggestions = [...result.feedback.suggestions];
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    return {
      acceptable: false,
      score: result.score,
      reason: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (this has ${length}). A few unrelated words work well.`,
      problem: 'tooShort',
      minLength: MIN_PASSPHRASE_LENGTH,
      suggestions,
    };
  }
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning;
    return {
      acceptable: false,
      score: result.score,
      reason: `This passphrase would be too easy to guess${warning ? `: ${warning.replace(/\.$/, '')}` : ''}. Add another uncommon word or two.`,
      problem: 'guessable',
      minLength: MIN_PASSPHRASE_LENGTH,
      suggestions,
    };
  }
  return { acceptable: true, score: result.score, reason: '', problem: null, minLength: MIN_PASSPHRASE_LENGTH, suggestions };
}

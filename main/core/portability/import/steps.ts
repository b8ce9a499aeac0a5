/**
 * The phases of an import, in order, at which it gives way (to other calls and to a lock). A test
 * can stop it at each (Ports.importStepAt) to show that a lock arriving there takes effect at once.
 *
 * Preview: `source` (the file is about to be read), `check` (its syntax and size checked a piece at a
 * time), `entries` (each entry planned and compared with the journal), `match` (people and patterns
 * matched, the summary made). Commit: `reread` (the file read again before anything is written),
 * `write` (entries written, inside the import's one transaction), `attach` (a ZIP archive's files
 * stored), `finish` (everything written, just before the transaction commits).
 */
import { cooperate, throwIfCancelled } from '../../jobs/cooperate.js';

export const IMPORT_STEPS = ['source', 'check', 'entries', 'match', 'reread', 'write', 'attach', 'finish'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** Gives way at a step: awaits the test's hook the first time the step is reached, then pauses (see cooperate). */
export type StepPause = (step: ImportStep) => Promise<void>;

/**
 * With `turn` (only where no transaction is open: the preview), it also gives the call queue up once
 * `turnMs` have gone by since it last did, so saves sent meanwhile are written then, not after it.
 */
export function stepPauses(
  signal: AbortSignal | undefined,
  hook?: (step: ImportStep) => void | Promise<void>,
  turn?: { turn: () => Promise<void>; turnMs: number },
): StepPause {
  const pause = cooperate(signal ?? new AbortController().signal);
  const reached = new Set<ImportStep>();
  let lastTurn = performance.now();
  return async (step) => {
    if (hook && !reached.has(step)) {
      reached.add(step);
      await hook(step);
    }
    await pause();
    if (turn && performance.now() - lastTurn >= turn.turnMs) {
      await turn.turn();
      if (signal) throwIfCancelled(signal);
      lastTurn = performance.now();
    }
  };
}

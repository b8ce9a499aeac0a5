import { FulcrumError } from '../../../shared/errors.js';

/**
 * Long work in core (imports, exports, backups, re-encryption) runs on the same event loop as every
 * call. To keep lock, quick exit and other calls from waiting behind it, such work calls the function
 * returned here between small steps: it yields to the event loop once `budgetMs` of work has gone by,
 * and throws CANCELLED as soon as `signal` is aborted (the vault aborts its `lockSignal` the moment a
 * lock starts). A job that is cancelled must leave nothing half-written: do its writes inside one
 * transaction, or write to a temporary file that is only renamed into place at the end.
 */
export function cooperate(signal: AbortSignal, budgetMs = 20): () => Promise<void> {
  let sliceStart = performance.now();
  return async function pause(): Promise<void> {
    throwIfCancelled(signal);
    if (performance.now() - sliceStart < budgetMs) return;
    await nextTurn();
    throwIfCancelled(signal);
    sliceStart = performance.now();
  };
}

/*
 * The jobs of a thread share its event loop, so they share its turns. Were each to yield with its own
 * setImmediate, every job waiting would resume in the same check phase, one slice after another,
 * before the loop gets back to I/O: with a backup, the history check and the insight index's build
 * running at once, a call arriving meanwhile would wait for all three slices. Instead the jobs wait
 * in one queue, and one of them (the longest waiting) resumes per turn of the loop; so a call waits
 * for one slice at most, however many jobs run. This is the thread's, not any journal's: the event
 * loop it paces is the thread's own.
 */
const waiting: (() => void)[] = [];
let pumping = false;

/** Resolves in a later turn of the event loop, after its I/O: at most one waiter per turn. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
}

function pump(): void {
  const next = waiting.shift();
  // Armed before the waiter runs: its slice runs now, the next waiter's in the next turn.
  if (waiting.length > 0) setImmediate(pump);
  else pumping = false;
  next?.();
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new FulcrumError('CANCELLED', 'This was stopped because the journal was locked. Nothing of it was saved.');
  }
}

/**
 * Waits for something a job cannot pause inside (a file dialog the person has open), but no longer
 * than until the journal starts to lock: then it throws CANCELLED at once, and what `promise` gives
 * later is ignored. Without a signal it is just `promise`.
 */
export function untilCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        throwIfCancelled(signal);
      } catch (e) {
        reject(e);
      }
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

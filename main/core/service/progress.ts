import type { ProgressEvent } from '../../../shared/portability.js';
import type { ServiceContext } from './types.js';

const PROGRESS_EVERY_MS = 100;

/** A progress reporter for one run of a long job: the first and last step always go out, the rest at most every 100 ms. */
export function progressOf(ctx: ServiceContext, task: ProgressEvent['task']) {
  let last = 0;
  return (phase: string, done: number, total: number) => {
    const t = performance.now();
    if (done !== 0 && done < total && t - last < PROGRESS_EVERY_MS) return;
    last = t;
    ctx.ports.emit({ type: 'progress', task, phase, done, total });
  };
}

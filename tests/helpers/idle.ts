/**
 * Idle-upkeep timers fired by hand (ServiceOptions.idleTimers): a test decides when the journal has
 * been quiet, so what idle time does (purging expired trash, merges, checkpoints) happens exactly then.
 */
export function manualTimers() {
  let pending: (() => void) | null = null;
  let steps = 0;
  let lastDelay: number | null = null;
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => ((pending = fn), (lastDelay = ms), 1),
      clearTimeout: () => void (pending = null),
    },
    /** Runs the one pending idle step, if any. */
    fire() {
      const fn = pending;
      pending = null;
      if (fn) steps++;
      fn?.();
    },
    /** Fires until nothing is scheduled (each step re-arms the timer while work is left), at most `max` times. */
    settle(max = 1000) {
      let n = 0;
      while (pending && n++ < max) this.fire();
      return n;
    },
    get armed() {
      return pending !== null;
    },
    /** The delay the last timer was set for. */
    get lastDelay() {
      return lastDelay;
    },
    /** Idle steps run so far. */
    get steps() {
      return steps;
    },
  };
}

/**
 * Idle-upkeep timers fired by hand (ServiceOptions.idleTimers): a test decides when the journal has
 * been quiet, so what idle time does (purging expired trash, merges, checkpoints) happens exactly then.
 */
export function manualTimers() {
  let pending: (() => void) | null = null;
  let steps = 0;
  return {
    timers: {
      setTimeout: (fn: () => void) => ((pending = fn), 1),
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
    /** Idle steps run so far. */
    get steps() {
      return steps;
    },
  };
}

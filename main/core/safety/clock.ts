/**
 * Time for the auto-lock, injectable: the real clock in the apps; tests pass their own (a hand-driven
 * one, or for browser mode's test host an offset clock that e2e tests push forward, `test.advanceClock`).
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    // A pending auto-lock never keeps a process alive on its own (tests, browser mode's shutdown).
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Time for the auto-lock, injectable: the real clock in the apps, a hand-driven one in tests, and in
 * browser mode's TEST-ONLY build an offset clock that e2e tests can push forward (`test.advanceClock`).
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

interface Pending {
  due: number;
  fn: () => void;
  real: ReturnType<typeof setTimeout> | null;
  done: boolean;
}

/**
 * A clock whose time can be moved forward. `real: true` (browser mode's test host) also lets wall
 * time pass as usual — timers fire on their own too — so only the jump is artificial; `real: false`
 * (unit tests) starts at `start` and moves only when told.
 */
export class TestClock implements Clock {
  private offset = 0;
  private readonly pending = new Set<Pending>();

  constructor(private readonly opts: { real: boolean; start?: number } = { real: false }) {}

  private base(): number {
    return this.opts.real ? Date.now() : (this.opts.start ?? 0);
  }

  now(): number {
    return this.base() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const p: Pending = { due: this.now() + Math.max(0, ms), fn, real: null, done: false };
    if (this.opts.real) {
      p.real = setTimeout(() => this.fire(p), Math.max(0, ms));
      p.real.unref?.();
    }
    this.pending.add(p);
    return p;
  }

  clearTimeout(handle: unknown): void {
    const p = handle as Pending;
    if (!p || !this.pending.has(p)) return;
    if (p.real) clearTimeout(p.real);
    this.pending.delete(p);
  }

  private fire(p: Pending): void {
    if (p.done || !this.pending.has(p)) return;
    p.done = true;
    if (p.real) clearTimeout(p.real);
    this.pending.delete(p);
    p.fn();
  }

  /**
   * Moves time forward by `ms`, stopping at each timer that falls due on the way (in order), so a
   * timer set by another timer fires at its own due time, as it would have in real time.
   */
  advance(ms: number): void {
    const target = this.now() + Math.max(0, ms);
    for (;;) {
      const due = [...this.pending].filter((p) => p.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      if (due.due > this.now()) this.offset += due.due - this.now();
      this.fire(due);
    }
    this.offset += target - this.now();
  }

  /** Timers still waiting (tests). */
  get waiting(): number {
    return this.pending.size;
  }
}

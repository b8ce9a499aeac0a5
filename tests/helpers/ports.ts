/**
 * Test doubles for the ports (main/core/ports.ts) and the auto-lock's clock. They live here, not in
 * production code: tests pass them to createService / startWebHost.
 */
import { forwardedPowerEvents, type Dialogs, type FileFilter, type Notifier } from '../../main/core/ports.js';
import type { Clock } from '../../main/core/safety/index.js';

/** Dialogs that answer from a list (tests): each call takes the next answer. */
export function scriptedDialogs(answers: (string | null)[]): Dialogs & { asked: { kind: 'save' | 'open'; title: string; filters?: FileFilter[] }[] } {
  const asked: { kind: 'save' | 'open'; title: string; filters?: FileFilter[] }[] = [];
  const next = async () => (answers.length ? answers.shift()! : null);
  return {
    asked,
    saveFile: (o) => (asked.push({ kind: 'save', title: o.title, ...(o.filters ? { filters: o.filters } : {}) }), next()),
    openFile: (o) => (asked.push({ kind: 'open', title: o.title, ...(o.filters ? { filters: o.filters } : {}) }), next()),
  };
}

/** A notifier that keeps what it was asked to show (tests check it never carries content). */
export function recordingNotifier(): Notifier & { shown: { title: string; body: string }[] } {
  const shown: { title: string; body: string }[] = [];
  return { shown, show: (title, body) => void shown.push({ title, body }) };
}

/** Power events fired by hand (unit tests): the same source the core's thread uses for forwarded events. */
export const manualPowerEvents = forwardedPowerEvents;

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

/**
 * What browser mode's test host is handed (startWebHost `testPorts`): this module, whose `TestClock`
 * the core's thread loads to run the auto-lock on a clock that runs in real time and can be pushed
 * forward (`test.advanceClock`); power events are fired by message (`test.firePower`).
 */
export function webTestPorts() {
  return { clockModule: import.meta.url };
}

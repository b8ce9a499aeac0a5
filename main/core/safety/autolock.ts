/**
 * Auto-lock: the journal locks itself after a time without use, and when the computer
 * goes to sleep or its screen is locked.
 *
 * "Use" is input in Fulcrum's window: the renderer sends a cheap `session.activity` ping at most
 * every 30 s while the person types, clicks or scrolls. On the desktop the OS idle time sharpens it:
 * input the OS saw while Fulcrum's window had the focus went to Fulcrum, so the lock never comes early
 * because a ping was throttled away.
 *
 * Before locking it announces `lock-pending` with a grace period, so the renderer can save the draft
 * being typed (drafts autosave 2 s after typing stops; the grace covers the last keystrokes), then it
 * locks through the dispatcher, behind any write already queued.
 */
import type { AppEvent } from '../../../shared/api.js';
import type { PowerEvents, WindowControl } from '../ports.js';
import type { Clock } from './clock.js';

export type AutoLockReason = 'idle' | 'suspend' | 'screen-lock';

/** Grace before locking: long enough for the renderer to save a draft, short enough to be safe. */
export const GRACE_MS: Readonly<Record<AutoLockReason, number>> = { idle: 1000, suspend: 300, 'screen-lock': 300 };

export interface AutoLockOptions {
  clock: Clock;
  isUnlocked(): boolean;
  /** Read at every check, so a changed preference applies at once. */
  timeoutMs(): number;
  /** Locks (through the dispatcher) and tells the renderer; must not throw. */
  lock(reason: AutoLockReason): Promise<void>;
  emit(event: AppEvent): void;
  power?: PowerEvents;
  window?: Pick<WindowControl, 'isFocused'>;
  graceMs?: Partial<Record<AutoLockReason, number>>;
}

export class AutoLock {
  private lastActivity = 0;
  private timer: unknown = null;
  private pendingTimer: unknown = null;
  private pendingReason: AutoLockReason | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly opts: AutoLockOptions) {
    if (opts.power) {
      this.unsubscribe.push(opts.power.on('suspend', () => this.lockSoon('suspend')));
      this.unsubscribe.push(opts.power.on('lock-screen', () => this.lockSoon('screen-lock')));
    }
  }

  /** Timers set right now (the idle check and the announced lock's grace). */
  get timers(): number {
    return (this.timer !== null ? 1 : 0) + (this.pendingTimer !== null ? 1 : 0);
  }

  /** Is a lock announced and waiting for its grace period? */
  get pending(): AutoLockReason | null {
    return this.pendingReason;
  }

  /** The journal was just unlocked (or created): the idle time starts now. */
  start(): void {
    this.cancelPending();
    this.lastActivity = this.opts.clock.now();
    this.schedule(this.opts.timeoutMs());
  }

  /** The person used the window. */
  activity(): void {
    if (!this.opts.isUnlocked() || this.pendingReason) return;
    this.lastActivity = this.opts.clock.now();
    if (this.timer === null) this.schedule(this.opts.timeoutMs());
  }

  /** The timeout preference changed: measure the new one from the last activity. */
  reschedule(): void {
    if (!this.opts.isUnlocked() || this.pendingReason) return;
    this.clearTimer();
    this.check();
  }

  /** The journal was locked some other way: nothing to wait for. */
  stop(): void {
    this.clearTimer();
    this.cancelPending();
  }

  dispose(): void {
    this.stop();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** When the idle lock would fire now (tests and diagnostics). */
  deadline(): number {
    return this.lastSeen() + this.opts.timeoutMs();
  }

  private lastSeen(): number {
    let last = this.lastActivity;
    const idle = this.opts.power?.idleMs?.();
    if (idle !== undefined && Number.isFinite(idle) && idle >= 0 && this.opts.window?.isFocused()) {
      last = Math.max(last, this.opts.clock.now() - idle);
    }
    return last;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    // Checks at least once a minute: a suspended process's timers can fire late, never early.
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.check();
    }, Math.max(0, Math.min(ms, 60_000)));
  }

  private clearTimer(): void {
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    if (!this.opts.isUnlocked() || this.pendingReason) return;
    const left = this.deadline() - this.opts.clock.now();
    if (left <= 0) this.lockSoon('idle');
    else this.schedule(left);
  }

  /** Announces the lock, waits the grace period, then locks (unless something locked it meanwhile). */
  lockSoon(reason: AutoLockReason): void {
    if (!this.opts.isUnlocked()) return;
    const graceMs = this.opts.graceMs?.[reason] ?? GRACE_MS[reason];
    if (this.pendingReason) {
      // Already on its way; a sleep coming in during an idle grace must not wait longer.
      if (reason === 'idle') return;
      this.cancelPending();
    }
    this.clearTimer();
    this.pendingReason = reason;
    this.opts.emit({ type: 'lock-pending', reason, graceMs });
    this.pendingTimer = this.opts.clock.setTimeout(() => {
      this.pendingTimer = null;
      this.pendingReason = null;
      if (this.opts.isUnlocked()) void this.opts.lock(reason);
    }, graceMs);
  }

  private cancelPending(): void {
    if (this.pendingTimer !== null) this.opts.clock.clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    this.pendingReason = null;
  }
}

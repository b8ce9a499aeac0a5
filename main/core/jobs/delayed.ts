/**
 * One piece of work a session runs a moment later (the automatic backup, the insight index's build),
 * at most one waiting at a time. The timer never keeps the process alive, and the Session cancels it
 * when the journal locks; `scheduled` is what the Session's leak checks count.
 */
export class DelayedRun {
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Runs `fn` after `ms`, replacing one already waiting. */
  schedule(fn: () => void, ms: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, ms);
    this.timer.unref?.();
  }

  /** Takes the waiting run off the timer: true when there was one. */
  cancel(): boolean {
    if (this.timer === null) return false;
    clearTimeout(this.timer);
    this.timer = null;
    return true;
  }

  get scheduled(): boolean {
    return this.timer !== null;
  }
}

/**
 * Notices that the last page has gone, so that closing the tab locks the journal. A page holds the
 * event stream open for as long as it lives; once a page has connected, the last stream closing
 * starts a short grace period (long enough for a stream to reconnect after a hiccup or React's
 * double mount). If no page came back by its end, `onGone` runs — after any call still in flight
 * (a closing tab's last draft save) has been answered. Clients that never open the stream (scripts
 * calling the API) never start the watch, and their calls do not prolong it.
 */
export interface PresenceOptions {
  /** How long after the last page left to wait before `onGone`. */
  graceMs: number;
  onGone: () => void;
}

export class Presence {
  private streams = 0;
  private calls = 0;
  private seenPage = false;
  private timer: NodeJS.Timeout | null = null;
  /** The grace period ran out while a call was in flight: go as soon as it ends. */
  private due = false;

  constructor(private readonly opts: PresenceOptions) {}

  streamOpened(): void {
    this.streams++;
    this.seenPage = true;
    this.disarm();
  }

  streamClosed(): void {
    this.streams = Math.max(0, this.streams - 1);
    if (!this.seenPage || this.streams > 0) return;
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.calls > 0) this.due = true;
      else this.gone();
    }, this.opts.graceMs);
    this.timer.unref();
  }

  callStarted(): void {
    this.calls++;
  }

  callEnded(): void {
    this.calls = Math.max(0, this.calls - 1);
    if (this.due && this.calls === 0) this.gone();
  }

  /** True from the last page leaving until `onGone` (tests wait on it). */
  get pending(): boolean {
    return this.timer !== null || this.due;
  }

  dispose(): void {
    this.disarm();
  }

  private gone(): void {
    this.due = false;
    // Once per departure: the next page to connect starts the watch again.
    this.seenPage = false;
    this.opts.onGone();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.due = false;
  }
}

/**
 * Runs the reminder scheduler while the journal is unlocked: starts after an unlock or a settings
 * change, stops when it is locked (any way: a call, auto-lock, quick exit — each tick checks first).
 * A reminder is an OS notification through the Notifier port plus a `{ type: 'reminder', kind }` event
 * for the in-page reminder of browser mode. Its words are only the reminder texts of
 * shared/native-text.ts, in the person's language: never a name, a tag or anything from the journal.
 */
import { REMINDER_KINDS, type ReminderKind, type ReminderStatus, type Settings } from '../../../shared/insights.js';
import { checkInsDue, readSettings } from '../db/analytics/index.js';
import { hasEntryOn, newestEntryCreatedAt } from '../db/repos/activity.js';
import type { DB } from '../db/index.js';
import type { Ports } from '../ports.js';
import { hostWords } from '../words.js';
import type { Vault } from '../vault/index.js';
import { initialState, nextWake, reschedule, snooze, tick, type SchedulerState } from './scheduler.js';
import { dayBounds, systemTimeZone } from './zone.js';

export interface ReminderContext {
  readonly vault: Pick<Vault, 'unlocked' | 'database'>;
  readonly ports: Pick<Ports, 'now' | 'log' | 'emit' | 'notifier' | 'preferences' | 'systemLanguages'>;
}

export interface ReminderOptions {
  /** The user's IANA zone, read at every tick (it changes when the computer travels). */
  timeZone?: () => string;
  /** How often to look at the clock while unlocked. */
  intervalMs?: number;
  timers?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

/**
 * Has the user written today? An entry dated today, or the newest entry created since local
 * midnight (ids grow with creation, so the newest live id is one index step).
 */
export function wroteOn(db: DB, day: string, timeZone: string): boolean {
  if (hasEntryOn(db, day)) return true;
  const newest = newestEntryCreatedAt(db);
  if (newest === undefined) return false;
  const { start, end } = dayBounds(day, timeZone);
  return newest >= start && newest < end;
}

export class ReminderService {
  private state: SchedulerState | null = null;
  private settings: Settings | null = null;
  private handle: unknown = null;
  private readonly timeZone: () => string;
  private readonly intervalMs: number;
  private readonly timers: NonNullable<ReminderOptions['timers']>;

  constructor(
    private readonly ctx: ReminderContext,
    opts: ReminderOptions = {},
  ) {
    this.timeZone = opts.timeZone ?? systemTimeZone;
    this.intervalMs = opts.intervalMs ?? 20_000;
    this.timers = opts.timers ?? {
      setInterval: (fn, ms) => {
        const h = setInterval(fn, ms);
        h.unref?.();
        return h;
      },
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    };
  }

  get active(): boolean {
    return this.state !== null;
  }

  /** Starts when unlocked, stops when locked. Idempotent. */
  sync(): void {
    const unlocked = this.ctx.vault.unlocked;
    if (unlocked && !this.state) this.activate();
    else if (!unlocked && this.state) this.deactivate();
  }

  private activate(): void {
    try {
      this.settings = readSettings(this.ctx.vault.database());
    } catch {
      this.ctx.ports.log('warn', 'reminders: settings could not be read; reminders stay off until the next unlock');
      return;
    }
    this.state = initialState(this.settings, this.ctx.ports.now(), this.timeZone());
    if (this.handle === null) this.handle = this.timers.setInterval(() => this.tick(), this.intervalMs);
  }

  /**
   * Forgets the schedule. The timer keeps looking until the journal is locked (`stop`), so a database
   * reopened without a lock — a passphrase change closes and reopens it — picks up again.
   */
  private deactivate(): void {
    this.state = null;
    this.settings = null;
  }

  /** The journal locked: forgets the schedule and stops the timer (the next unlock starts both). */
  stop(): void {
    this.deactivate();
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  /** Is the clock being watched (a timer is set)? */
  get watching(): boolean {
    return this.handle !== null;
  }

  /** Stops for good (the session closes). */
  dispose(): void {
    this.stop();
  }

  /** Re-reads the settings (after `settings.update`) and reschedules from now. */
  reload(): void {
    if (!this.state || !this.ctx.vault.unlocked) return this.sync();
    this.settings = readSettings(this.ctx.vault.database());
    this.state = reschedule(this.state, this.settings, this.ctx.ports.now(), this.timeZone());
  }

  /** "Remind me later": fires this kind again after the snooze time. */
  snooze(kind: ReminderKind): void {
    this.sync();
    if (!this.state || !this.settings) return;
    this.state = snooze(this.state, kind, this.ctx.ports.now(), this.settings.snoozeMinutes);
  }

  /** Looks at the clock; fires what is due. Returns what fired (and what was skipped) for tests. */
  tick(): { fired: ReminderKind[]; skipped: ReminderKind[] } {
    this.sync();
    if (!this.state || !this.settings) return { fired: [], skipped: [] };
    const db = this.ctx.vault.database();
    const tz = this.timeZone();
    const settings = this.settings;
    let result;
    try {
      result = tick(this.state, this.ctx.ports.now(), settings, tz, (kind, today) =>
        kind === 'journal' ? wroteOn(db, today, tz) : checkInsDue(db, today, settings.weekStart).due.length === 0,
      );
    } catch {
      this.ctx.ports.log('warn', 'reminders: a check failed; trying again at the next tick');
      return { fired: [], skipped: [] };
    }
    this.state = result.state;
    for (const kind of result.fire) {
      try {
        this.ctx.ports.notifier?.show(hostWords(this.ctx.ports)(kind === 'journal' ? 'reminder.journal' : 'reminder.checkin'), '');
      } catch {
        this.ctx.ports.log('warn', 'reminders: the notification could not be shown');
      }
      this.ctx.ports.emit({ type: 'reminder', kind });
    }
    return { fired: result.fire, skipped: result.skipped };
  }

  status(): ReminderStatus[] {
    return REMINDER_KINDS.map((kind) => ({
      kind,
      enabled: !!this.settings && (kind === 'journal' ? this.settings.journalReminder.enabled : this.settings.checkInReminder.enabled),
      nextAt: this.state?.[kind].nextAt ?? null,
      snoozedUntil: this.state?.[kind].snoozedUntil ?? null,
    }));
  }

  /** The earliest instant anything may fire, or null (for hosts that prefer one timer). */
  nextWake(): number | null {
    return this.state ? nextWake(this.state) : null;
  }
}

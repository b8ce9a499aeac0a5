/**
 * The reminder scheduler, as pure functions of (state, now, settings, time zone): no timers, no
 * database — the service feeds it the clock and the facts, so every case (due, skipped, snoozed,
 * daylight-saving changes, midnight) is tested with an injected clock.
 *
 * Rules:
 * - A reminder fires at its local wall-clock time (20:00 stays 20:00 across DST; a time the clock
 *   skips fires at the next valid minute; a repeated hour fires once).
 * - A reminder that could not fire on time (computer asleep, journal locked) still fires later the
 *   same local day, never on a later day.
 * - It is skipped when it has nothing to ask: the journal one when an entry was already written that
 *   local day, the check-in one when no check-in is due.
 * - Snoozing fires it once more after the snooze time (the skip rule is checked again then).
 */
import type { ReminderKind, Settings } from '../../../shared/insights.js';
import { localDay, nextOccurrence } from './zone.js';

export interface KindState {
  /** The scheduled instant being waited for (ms), or null when the reminder is off. */
  nextAt: number | null;
  snoozedUntil: number | null;
}
export type SchedulerState = Record<ReminderKind, KindState>;

type Schedules = Pick<Settings, 'journalReminder' | 'checkInReminder'>;

function weekly(kind: ReminderKind, s: Schedules): { weekdays: number[]; time: string } | null {
  if (kind === 'journal') return s.journalReminder.enabled ? { weekdays: s.journalReminder.days, time: s.journalReminder.time } : null;
  return s.checkInReminder.enabled ? { weekdays: [s.checkInReminder.day], time: s.checkInReminder.time } : null;
}

/** When a reminder of this kind is next scheduled after `after`, or null when off. */
export function nextScheduled(kind: ReminderKind, settings: Schedules, after: number, timeZone: string): number | null {
  const w = weekly(kind, settings);
  return w ? nextOccurrence(w.weekdays, w.time, after, timeZone) : null;
}

/** Fresh state at `now` (on unlock): only times after now are waited for. */
export function initialState(settings: Schedules, now: number, timeZone: string): SchedulerState {
  return {
    journal: { nextAt: nextScheduled('journal', settings, now, timeZone), snoozedUntil: null },
    checkin: { nextAt: nextScheduled('checkin', settings, now, timeZone), snoozedUntil: null },
  };
}

/** After a settings change: reschedule from now, keeping a snooze of a reminder that is still on. */
export function reschedule(state: SchedulerState, settings: Schedules, now: number, timeZone: string): SchedulerState {
  const fresh = initialState(settings, now, timeZone);
  for (const kind of ['journal', 'checkin'] as const) {
    if (fresh[kind].nextAt !== null) fresh[kind].snoozedUntil = state[kind].snoozedUntil;
  }
  return fresh;
}

export function snooze(state: SchedulerState, kind: ReminderKind, now: number, minutes: number): SchedulerState {
  return { ...state, [kind]: { ...state[kind], snoozedUntil: now + minutes * 60_000 } };
}

/** The earliest instant something may fire (for a timer), or null. */
export function nextWake(state: SchedulerState): number | null {
  const times = (['journal', 'checkin'] as const).flatMap((k) => [state[k].nextAt, state[k].snoozedUntil]).filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
}

export interface TickResult {
  state: SchedulerState;
  fire: ReminderKind[];
  skipped: ReminderKind[];
}

/**
 * Decides what fires at `now`. `nothingToAsk(kind, localDay)` is asked only for a reminder that is due
 * (so the database is read only then).
 */
export function tick(
  state: SchedulerState,
  now: number,
  settings: Schedules,
  timeZone: string,
  nothingToAsk: (kind: ReminderKind, today: string) => boolean,
): TickResult {
  const next: SchedulerState = { journal: { ...state.journal }, checkin: { ...state.checkin } };
  const fire: ReminderKind[] = [];
  const skipped: ReminderKind[] = [];
  const today = localDay(now, timeZone);
  for (const kind of ['journal', 'checkin'] as const) {
    const k = next[kind];
    if (!weekly(kind, settings)) {
      next[kind] = { nextAt: null, snoozedUntil: null };
      continue;
    }
    const scheduled = k.nextAt !== null && now >= k.nextAt;
    const snoozed = k.snoozedUntil !== null && now >= k.snoozedUntil;
    if (!scheduled && !snoozed) continue;
    // A scheduled time missed by more than its own local day is dropped, not fired late.
    const timely = snoozed || (scheduled && localDay(k.nextAt!, timeZone) === today);
    if (scheduled) k.nextAt = nextScheduled(kind, settings, now, timeZone);
    if (snoozed) k.snoozedUntil = null;
    if (!timely) continue;
    if (nothingToAsk(kind, today)) skipped.push(kind);
    else fire.push(kind);
  }
  return { state: next, fire, skipped };
}

/**
 * Wall-clock time in an IANA time zone, with the platform's own zone data (Intl), so reminders stay at
 * 20:00 local across daylight-saving changes. Days are 'YYYY-MM-DD' labels, as in the journal.
 */
import { addDays, weekdayOf } from '../../../shared/insights.js';
import { dayIn } from '../db/repos/time.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The computer's zone (Electron and browser mode run on the user's own machine). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The local wall-clock reading at `ms`, expressed as if it were UTC milliseconds (for comparisons). */
export function wallClock(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/**
 * The calendar day at `ms` in `timeZone`: the same computation that gives an entry its stored `day`,
 * so "already wrote today" compares like with like.
 */
export function localDay(ms: number, timeZone: string): string {
  return dayIn(ms, timeZone);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The instant at which the local clock in `timeZone` reads `time` on `day`.
 * - A time that happens twice (the repeated hour when clocks go back) resolves to the first one.
 * - A time that never happens (skipped when clocks go forward) resolves to the next valid minute:
 *   the moment the clock jumps, e.g. 02:30 on a Berlin spring-forward day → 03:00 local.
 */
export function zonedInstant(day: string, time: string, timeZone: string): number {
  const wall = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), +time.slice(0, 2), +time.slice(3, 5));
  // Offsets in force a day either side cover any single transition near this wall time.
  const offsets = new Set([-26, -2, 0, 2, 26].map((h) => wallClock(wall + h * HOUR, timeZone) - (wall + h * HOUR)));
  const valid = [...offsets].map((o) => wall - o).filter((t) => wallClock(t, timeZone) === wall);
  if (valid.length) return Math.min(...valid);
  // In a gap: the first minute whose wall clock is at or after the wanted time.
  const sorted = [...offsets].sort((a, b) => a - b);
  let lo = wall - sorted.at(-1)!; // wall clock before the wanted time
  let hi = wall - sorted[0]!; // wall clock after it
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
    if (wallClock(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The first instant strictly after `after` at which a weekly schedule fires (local `time` on any of
 * `weekdays`, 0 = Sunday), or null for an empty schedule. Each local day yields one instant at most,
 * so a repeated hour never fires twice.
 */
export function nextOccurrence(weekdays: readonly number[], time: string, after: number, timeZone: string): number | null {
  if (weekdays.length === 0) return null;
  const start = localDay(after, timeZone);
  for (let i = 0; i <= 8; i++) {
    const day = addDays(start, i);
    if (!weekdays.includes(weekdayOf(day))) continue;
    const at = zonedInstant(day, time, timeZone);
    if (at > after) return at;
  }
  return null;
}

/** [start, end) of a local calendar day, in ms: 23 or 25 hours long on DST days. */
export function dayBounds(day: string, timeZone: string): { start: number; end: number } {
  return { start: zonedInstant(day, '00:00', timeZone), end: zonedInstant(addDays(day, 1), '00:00', timeZone) };
}

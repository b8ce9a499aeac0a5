/** Local wall-clock time in IANA zones, across daylight-saving changes and midnight. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayBounds, localDay, nextOccurrence, wallClock, zonedInstant } from '../../main/core/reminders/zone.js';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const H = 60 * MIN;

describe('zonedInstant', () => {
  it('finds the instant of a local time on ordinary days, summer and winter', () => {
    expect(zonedInstant('2024-01-15', '20:00', 'Europe/Berlin')).toBe(at('2024-01-15T19:00:00Z'));
    expect(zonedInstant('2024-07-15', '20:00', 'Europe/Berlin')).toBe(at('2024-07-15T18:00:00Z'));
    expect(zonedInstant('2024-07-15', '20:00', 'America/New_York')).toBe(at('2024-07-16T00:00:00Z'));
    expect(zonedInstant('2024-07-15', '00:00', 'Asia/Kathmandu')).toBe(at('2024-07-14T18:15:00Z'));
  });

  it('keeps 20:00 at 20:00 local across the spring and autumn changes', () => {
    expect(zonedInstant('2024-03-30', '20:00', 'Europe/Berlin')).toBe(at('2024-03-30T19:00:00Z'));
    expect(zonedInstant('2024-03-31', '20:00', 'Europe/Berlin')).toBe(at('2024-03-31T18:00:00Z'));
    expect(zonedInstant('2024-10-27', '20:00', 'Europe/Berlin')).toBe(at('2024-10-27T19:00:00Z'));
    expect(zonedInstant('2024-03-10', '20:00', 'America/New_York')).toBe(at('2024-03-11T00:00:00Z'));
    expect(zonedInstant('2024-11-03', '20:00', 'America/New_York')).toBe(at('2024-11-04T01:00:00Z'));
  });

  it('moves a time the clock skips to the next valid minute (the moment the clock jumps)', () => {
    expect(zonedInstant('2024-03-31', '02:30', 'Europe/Berlin')).toBe(at('2024-03-31T01:00:00Z')); // 03:00 CEST
    expect(zonedInstant('2024-03-10', '02:30', 'America/New_York')).toBe(at('2024-03-10T07:00:00Z')); // 03:00 EDT
    // Lord Howe moves by 30 minutes; Santiago skips midnight itself.
    expect(wallClock(zonedInstant('2024-10-06', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(at('2024-10-06T02:30:00Z'));
    expect(wallClock(zonedInstant('2024-09-08', '00:00', 'America/Santiago'), 'America/Santiago')).toBe(at('2024-09-08T01:00:00Z'));
  });

  it('takes the first of a time the clock shows twice', () => {
    expect(zonedInstant('2024-10-27', '02:30', 'Europe/Berlin')).toBe(at('2024-10-27T00:30:00Z')); // 02:30 CEST, not CET
    expect(zonedInstant('2024-11-03', '01:30', 'America/New_York')).toBe(at('2024-11-03T05:30:00Z')); // 01:30 EDT, not EST
  });

  it('round-trips every local time, and lands on the jump for skipped ones (property)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, d, h, m) => {
          const day = new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const wanted = Date.parse(`${day}T${time}:00Z`);
          const t = zonedInstant(day, time, zone);
          if (wallClock(t, zone) !== wanted) {
            // Skipped: the result is the first minute at or after the wanted wall time.
            expect(wallClock(t, zone)).toBeGreaterThan(wanted);
            expect(wallClock(t - MIN, zone)).toBeLessThan(wanted);
          } else {
            // Shown (perhaps twice): no earlier instant shows it.
            for (const back of [30 * MIN, H, 2 * H]) expect(wallClock(t - back, zone)).not.toBe(wanted);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('local days', () => {
  it('change at local midnight, not UTC midnight', () => {
    expect(localDay(at('2024-06-30T22:30:00Z'), 'Europe/Berlin')).toBe('2024-07-01');
    expect(localDay(at('2024-07-01T03:30:00Z'), 'America/New_York')).toBe('2024-06-30');
    expect(localDay(at('2024-12-31T23:59:59Z'), 'UTC')).toBe('2024-12-31');
  });

  it('are 23 and 25 hours long on the days the clocks change', () => {
    const len = (day: string, zone: string) => {
      const b = dayBounds(day, zone);
      return (b.end - b.start) / H;
    };
    expect(len('2024-03-31', 'Europe/Berlin')).toBe(23);
    expect(len('2024-10-27', 'Europe/Berlin')).toBe(25);
    expect(len('2024-03-10', 'America/New_York')).toBe(23);
    expect(len('2024-11-03', 'America/New_York')).toBe(25);
    expect(len('2024-07-01', 'Europe/Berlin')).toBe(24);
  });
});

describe('nextOccurrence', () => {
  const berlin = 'Europe/Berlin';
  it('finds the next scheduled weekday and time, strictly after the given instant', () => {
    const mon1900 = zonedInstant('2024-05-06', '19:00', berlin); // a Monday
    expect(nextOccurrence([1, 3], '20:00', mon1900, berlin)).toBe(zonedInstant('2024-05-06', '20:00', berlin));
    expect(nextOccurrence([1, 3], '20:00', zonedInstant('2024-05-06', '20:00', berlin), berlin)).toBe(zonedInstant('2024-05-08', '20:00', berlin));
    expect(nextOccurrence([0], '09:00', mon1900, berlin)).toBe(zonedInstant('2024-05-12', '09:00', berlin));
    expect(nextOccurrence([], '20:00', mon1900, berlin)).toBeNull();
  });

  it('yields a repeated hour once: after the first 02:30 the next is the following day', () => {
    const first = zonedInstant('2024-10-27', '02:30', berlin);
    expect(nextOccurrence([0, 1, 2, 3, 4, 5, 6], '02:30', first, berlin)).toBe(zonedInstant('2024-10-28', '02:30', berlin));
    expect(nextOccurrence([0, 1, 2, 3, 4, 5, 6], '02:30', first + H, berlin)).toBe(zonedInstant('2024-10-28', '02:30', berlin));
  });
});

/**
 * The reminder scheduler with an injected clock: due, skipped (already wrote that day), snoozed,
 * across daylight-saving changes (Europe/Berlin, America/New_York, spring and autumn) and midnight.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type ReminderKind, type Settings } from '../../shared/insights.js';
import { initialState, reschedule, snooze, tick, type SchedulerState } from '../../main/core/reminders/scheduler.js';
import { localDay, wallClock, zonedInstant } from '../../main/core/reminders/zone.js';

const MIN = 60_000;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

function settings(journal: Partial<Settings['journalReminder']> = {}, checkIn: Partial<Settings['checkInReminder']> = {}): Settings {
  return {
    ...SETTINGS_DEFAULTS,
    journalReminder: { enabled: true, days: EVERY_DAY, time: '20:00', ...journal },
    checkInReminder: { ...SETTINGS_DEFAULTS.checkInReminder, ...checkIn },
  };
}

/**
 * Runs the scheduler with a tick every `step` from `from` to `to`, like the service's timer does,
 * and returns every reminder fired with its local time. `skipDays` are days "already written".
 */
function simulate(opts: { s: Settings; zone: string; from: number; to: number; step?: number; skipDays?: string[] }) {
  const { s, zone, from, to, step = MIN } = opts;
  let state: SchedulerState = initialState(s, from, zone);
  const fired: { kind: ReminderKind; at: number; local: string }[] = [];
  const skipped: { kind: ReminderKind; today: string }[] = [];
  for (let now = from; now <= to; now += step) {
    const r = tick(state, now, s, zone, (kind, today) => kind === 'journal' && (opts.skipDays ?? []).includes(today));
    state = r.state;
    for (const kind of r.fire) fired.push({ kind, at: now, local: new Date(wallClock(now, zone)).toISOString().slice(0, 16) });
    for (const kind of r.skipped) skipped.push({ kind, today: localDay(now, zone) });
  }
  return { fired, skipped, state };
}

describe('journal reminder', () => {
  const zone = 'Europe/Berlin';
  const day = (d: string, t: string) => zonedInstant(d, t, zone);

  it('is due at its local time and fires once that day', () => {
    const { fired } = simulate({ s: settings(), zone, from: day('2024-05-06', '12:00'), to: day('2024-05-08', '12:00') });
    expect(fired.map((f) => f.local)).toEqual(['2024-05-06T20:00', '2024-05-07T20:00']);
  });

  it('fires only on the chosen weekdays', () => {
    const { fired } = simulate({ s: settings({ days: [1, 3] }), zone, from: day('2024-05-05', '00:00'), to: day('2024-05-12', '00:00'), step: 5 * MIN });
    expect(fired.map((f) => f.local)).toEqual(['2024-05-06T20:00', '2024-05-08T20:00']);
  });

  it('is skipped on a day the user already wrote, and fires again the next day', () => {
    const { fired, skipped } = simulate({
      s: settings(),
      zone,
      from: day('2024-05-06', '12:00'),
      to: day('2024-05-08', '12:00'),
      skipDays: ['2024-05-06'],
    });
    expect(skipped).toEqual([{ kind: 'journal', today: '2024-05-06' }]);
    expect(fired.map((f) => f.local)).toEqual(['2024-05-07T20:00']);
  });

  it('comes back after a snooze, once, and a snooze is checked against "already wrote" again', () => {
    const s = settings();
    let state = initialState(s, day('2024-05-06', '19:00'), zone);
    const never = () => false;
    let r = tick(state, day('2024-05-06', '20:00'), s, zone, never);
    expect(r.fire).toEqual(['journal']);
    state = snooze(r.state, 'journal', day('2024-05-06', '20:01'), 60);
    r = tick(state, day('2024-05-06', '21:00'), s, zone, never);
    expect(r.fire).toEqual([]);
    r = tick(r.state, day('2024-05-06', '21:01'), s, zone, never);
    expect(r.fire).toEqual(['journal']);
    r = tick(r.state, day('2024-05-06', '22:01'), s, zone, never);
    expect(r.fire).toEqual([]);

    state = snooze(r.state, 'journal', day('2024-05-06', '22:05'), 30);
    r = tick(state, day('2024-05-06', '22:35'), s, zone, (_k, today) => today === '2024-05-06');
    expect(r.fire).toEqual([]);
    expect(r.skipped).toEqual(['journal']);
    expect(r.state.journal.snoozedUntil).toBeNull();
  });

  it('fires late the same day after the computer slept through it, but never on a later day', () => {
    const s = settings();
    const state = initialState(s, day('2024-05-06', '19:00'), zone);
    expect(tick(state, day('2024-05-06', '23:30'), s, zone, () => false).fire).toEqual(['journal']);
    const late = tick(state, day('2024-05-07', '08:00'), s, zone, () => false);
    expect(late.fire).toEqual([]);
    expect(late.state.journal.nextAt).toBe(day('2024-05-07', '20:00'));
  });

  it('asks about the new local day at midnight', () => {
    const s = settings({ time: '00:00' });
    const asked: string[] = [];
    const state = initialState(s, day('2024-05-06', '23:50'), zone);
    const r = tick(state, day('2024-05-07', '00:00'), s, zone, (_k, today) => (asked.push(today), false));
    expect(r.fire).toEqual(['journal']);
    expect(asked).toEqual(['2024-05-07']);
    // A reminder at 23:59 that only gets its tick after midnight belongs to the day before: dropped.
    const s2 = settings({ time: '23:59' });
    const late = tick(initialState(s2, day('2024-05-06', '23:00'), zone), day('2024-05-07', '00:01'), s2, zone, () => false);
    expect(late.fire).toEqual([]);
  });

  it('does nothing when off, and a settings change reschedules from now', () => {
    const off = settings({ enabled: false });
    const { fired, state } = simulate({ s: off, zone, from: day('2024-05-06', '00:00'), to: day('2024-05-08', '00:00'), step: 10 * MIN });
    expect(fired).toEqual([]);
    expect(state.journal.nextAt).toBeNull();
    const on = reschedule(state, settings({ time: '21:15' }), day('2024-05-08', '00:00'), zone);
    expect(on.journal.nextAt).toBe(day('2024-05-08', '21:15'));
  });
});

describe('across daylight-saving changes', () => {
  const cases = [
    { zone: 'Europe/Berlin', spring: '2024-03-31', fall: '2024-10-27', skipped: '02:30', repeated: '02:30' },
    { zone: 'America/New_York', spring: '2024-03-10', fall: '2024-11-03', skipped: '02:30', repeated: '01:30' },
  ];
  for (const c of cases) {
    const around = (d: string) => ({ from: zonedInstant(d, '00:00', c.zone) - 2 * 86_400_000, to: zonedInstant(d, '00:00', c.zone) + 2 * 86_400_000 });

    it(`${c.zone}: 20:00 stays 20:00 local through the spring and autumn changes`, () => {
      for (const d of [c.spring, c.fall]) {
        const { fired } = simulate({ s: settings(), zone: c.zone, ...around(d) });
        expect(fired).toHaveLength(4);
        expect(new Set(fired.map((f) => f.local.slice(11)))).toEqual(new Set(['20:00']));
      }
    });

    it(`${c.zone}: a skipped time (${c.skipped} in spring) fires at the next valid minute`, () => {
      const { fired } = simulate({ s: settings({ time: c.skipped }), zone: c.zone, ...around(c.spring) });
      const onDay = fired.filter((f) => localDay(f.at, c.zone) === c.spring);
      expect(onDay.map((f) => f.local.slice(11))).toEqual(['03:00']);
      expect(fired).toHaveLength(4);
    });

    it(`${c.zone}: a repeated time (${c.repeated} in autumn) fires once`, () => {
      const { fired } = simulate({ s: settings({ time: c.repeated }), zone: c.zone, ...around(c.fall) });
      const onDay = fired.filter((f) => localDay(f.at, c.zone) === c.fall);
      expect(onDay).toHaveLength(1);
      expect(onDay[0]!.at).toBe(zonedInstant(c.fall, c.repeated, c.zone));
      expect(fired).toHaveLength(4);
    });
  }
});

describe('check-in reminder', () => {
  const zone = 'America/New_York';
  it('fires weekly on its day and time, and is skipped when no check-in is due', () => {
    const s = settings({ enabled: false }, { enabled: true, day: 0, time: '19:00' });
    const from = zonedInstant('2024-05-01', '00:00', zone);
    const to = zonedInstant('2024-05-31', '00:00', zone);
    let state = initialState(s, from, zone);
    const fired: string[] = [];
    const skipped: string[] = [];
    for (let now = from; now <= to; now += 5 * MIN) {
      // Nothing due in the week of 19 May.
      const r = tick(state, now, s, zone, (kind, today) => kind === 'checkin' && today === '2024-05-19');
      state = r.state;
      if (r.fire.length) fired.push(`${r.fire.join()}@${new Date(wallClock(now, zone)).toISOString().slice(0, 16)}`);
      if (r.skipped.length) skipped.push(localDay(now, zone));
    }
    expect(fired).toEqual(['checkin@2024-05-05T19:00', 'checkin@2024-05-12T19:00', 'checkin@2024-05-26T19:00']);
    expect(skipped).toEqual(['2024-05-19']);
  });
});

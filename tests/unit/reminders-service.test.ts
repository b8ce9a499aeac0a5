/**
 * The reminder service on a real journal with an injected clock: it runs only while the journal is
 * unlocked, shows nothing but "Time for your journal" / "Time for a check-in", skips the journal
 * reminder once the user wrote that day, snoozes, and follows settings changes.
 */
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { ReminderStatus, Settings } from '../../shared/insights.js';
import { memoryPreferences } from '../../main/core/prefs.js';
import type { Person } from '../../shared/schemas.js';
import { recordingNotifier } from '../helpers/ports.js';
import { zonedInstant } from '../../main/core/reminders/index.js';
import { createdService, PASSPHRASE } from '../helpers/journal.js';

const ZONE = 'Europe/Berlin';
const at = (day: string, time: string) => zonedInstant(day, time, ZONE);

async function setup(opts: { systemLanguages?: string[] } = {}) {
  const preferences = memoryPreferences();
  const clock = { now: at('2024-05-06', '09:00') }; // a Monday
  const notifier = recordingNotifier();
  const events: AppEvent[] = [];
  const timers = { started: 0, cleared: 0 };
  const j = await createdService(undefined, {
    ports: {
      now: () => clock.now,
      log: () => {},
      notifier,
      emit: (e) => void events.push(e),
      preferences,
      ...(opts.systemLanguages ? { systemLanguages: opts.systemLanguages } : {}),
    },
    reminders: {
      timeZone: () => ZONE,
      timers: {
        setInterval: () => (timers.started++, { fake: true }),
        clearInterval: () => void timers.cleared++,
      },
    },
  });
  const reminders = j.service.reminders;
  const tickAt = (day: string, time: string) => {
    clock.now = at(day, time);
    return reminders.tick();
  };
  return { ...j, clock, notifier, events, reminders, timers, tickAt, preferences };
}

describe('reminder service', () => {
  it('stays off until reminders are switched on, then fires the journal reminder with neutral words only', async () => {
    const r = await setup();
    expect(r.tickAt('2024-05-06', '20:00').fired).toEqual([]);
    await r.call<Settings>('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    expect(r.reminders.active).toBe(true);
    expect(r.timers.started).toBe(1);
    const status = await r.call<ReminderStatus[]>('reminders.status');
    expect(status.find((s) => s.kind === 'journal')).toEqual({ kind: 'journal', enabled: true, nextAt: at('2024-05-07', '20:00'), snoozedUntil: null });

    expect(r.tickAt('2024-05-07', '19:59').fired).toEqual([]);
    expect(r.tickAt('2024-05-07', '20:00').fired).toEqual(['journal']);
    expect(r.notifier.shown).toEqual([{ title: 'Time for your journal', body: '' }]);
    expect(r.events).toEqual([{ type: 'reminder', kind: 'journal' }]);
    expect(r.tickAt('2024-05-07', '20:30').fired).toEqual([]);
  });

  it('speaks the language chosen in Settings, else the OS language, and follows a change at once', async () => {
    const r = await setup({ systemLanguages: ['de-AT', 'en-GB'] });
    await r.call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    expect(r.tickAt('2024-05-06', '20:00').fired).toEqual(['journal']);
    r.preferences.set('language', 'es');
    expect(r.tickAt('2024-05-07', '20:00').fired).toEqual(['journal']);
    r.preferences.set('language', 'ar');
    expect(r.tickAt('2024-05-08', '20:00').fired).toEqual(['journal']);
    expect(r.notifier.shown.map((n) => n.title)).toEqual(['Zeit für dein Tagebuch', 'Es hora de tu diario', 'حان وقت يومياتك']);
    expect(r.notifier.shown.every((n) => n.body === '')).toBe(true);
  });

  it('skips the journal reminder when an entry was written that local day', async () => {
    const r = await setup();
    await r.call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    // Written today at 08:00 about something that happened last week.
    r.clock.now = at('2024-05-06', '08:00');
    await r.call('entries.create', { occurredAt: at('2024-04-29', '12:00'), timeZone: ZONE, title: 'Looking back' });
    expect(r.tickAt('2024-05-06', '20:00')).toEqual({ fired: [], skipped: ['journal'] });
    // Yesterday's writing does not count for today; an entry dated today does.
    expect(r.tickAt('2024-05-07', '20:00').fired).toEqual(['journal']);
    await r.call('entries.create', { occurredAt: at('2024-05-08', '07:00'), timeZone: ZONE, title: 'Morning' });
    expect(r.tickAt('2024-05-08', '20:00').skipped).toEqual(['journal']);
    expect(r.notifier.shown).toHaveLength(1);
  });

  it('comes back after "remind me later" (the snooze time from settings)', async () => {
    const r = await setup();
    await r.call('settings.update', { journalReminder: { enabled: true, days: [1], time: '20:00' }, snoozeMinutes: 30 });
    r.clock.now = at('2024-05-06', '19:00');
    r.reminders.reload();
    expect(r.tickAt('2024-05-06', '20:00').fired).toEqual(['journal']);
    r.clock.now = at('2024-05-06', '20:02');
    const status = await r.call<ReminderStatus[]>('reminders.snooze', { kind: 'journal' });
    expect(status.find((s) => s.kind === 'journal')!.snoozedUntil).toBe(at('2024-05-06', '20:32'));
    expect(r.tickAt('2024-05-06', '20:31').fired).toEqual([]);
    expect(r.tickAt('2024-05-06', '20:32').fired).toEqual(['journal']);
    expect(r.tickAt('2024-05-06', '21:32').fired).toEqual([]);
    expect(r.notifier.shown.map((n) => n.title)).toEqual(['Time for your journal', 'Time for your journal']);
  });

  it('reminds about check-ins only while one is due this week', async () => {
    const r = await setup();
    const robin = await r.call<Person>('people.create', { name: 'Robin', kind: 'romantic', color: '#0072B2' });
    await r.call('settings.update', { checkInReminder: { enabled: true, day: 0, time: '18:00' } });
    expect(r.tickAt('2024-05-12', '18:00').fired).toEqual(['checkin']);
    expect(r.notifier.shown).toEqual([{ title: 'Time for a check-in', body: '' }]);
    // Weeks start on Monday: the check-in of the week of 13 May covers Sunday 19 May.
    await r.call('checkins.save', { personId: robin.id, week: '2024-05-13', heard: 4 });
    expect(r.tickAt('2024-05-19', '18:00')).toEqual({ fired: [], skipped: ['checkin'] });
    expect(r.tickAt('2024-05-26', '18:00').fired).toEqual(['checkin']);
    for (const shown of r.notifier.shown) expect(`${shown.title} ${shown.body}`).not.toContain('Robin');
  });

  it('stops when the journal locks (any way) and starts again after unlock', async () => {
    const r = await setup();
    await r.call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    expect(r.reminders.active).toBe(true);
    r.service.vault.lock(); // as auto-lock and quick exit do, without a call
    // The lock took the timer off: a locked journal leaves nothing running.
    expect(r.timers).toEqual({ started: 1, cleared: 1 });
    expect(r.reminders.watching).toBe(false);
    expect(r.tickAt('2024-05-06', '20:00').fired).toEqual([]);
    expect(r.reminders.active).toBe(false);
    expect(r.notifier.shown).toEqual([]);

    r.clock.now = at('2024-05-07', '10:00');
    await r.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(r.reminders.active).toBe(true);
    expect(r.tickAt('2024-05-07', '20:00').fired).toEqual(['journal']);
    // The unlock set the timer again; it only looks at the clock.
    expect(r.timers).toEqual({ started: 2, cleared: 1 });
    r.reminders.dispose();
    expect(r.timers.cleared).toBe(2);
  });

  it('picks up again when the journal is reopened without a call (as a passphrase change does)', async () => {
    const r = await setup();
    await r.call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    r.service.vault.lock();
    expect(r.tickAt('2024-05-06', '18:00').fired).toEqual([]);
    expect(r.reminders.active).toBe(false);
    await r.service.vault.unlock({ passphrase: PASSPHRASE });
    expect(r.tickAt('2024-05-06', '19:00').fired).toEqual([]);
    expect(r.reminders.active).toBe(true);
    expect(r.tickAt('2024-05-06', '20:00').fired).toEqual(['journal']);
    // And a real passphrase change keeps it going.
    await r.call('vault.changePassphrase', { current: PASSPHRASE, next: 'amber quartz lighthouse meridian tulip' });
    expect(r.tickAt('2024-05-07', '20:00').fired).toEqual(['journal']);
  });
});

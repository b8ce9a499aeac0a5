/** Journal settings and strengths through the real API, kept inside the encrypted journal. */
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type Settings, type Strength } from '../../shared/insights.js';
import type { Person } from '../../shared/schemas.js';
import { createdService, filesContaining, PASSPHRASE } from '../helpers/journal.js';

async function journal() {
  const clock = { now: Date.UTC(2024, 4, 6, 12) };
  const j = await createdService(undefined, { ports: { now: () => clock.now, log: () => {} } });
  const fail = async (channel: string, input: unknown) => {
    const reply = await j.service.dispatch(channel, input);
    if (reply.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return reply.error;
  };
  return { ...j, clock, fail };
}

describe('settings', () => {
  it('start from the defaults: weeks on Monday, reminders off, a one-hour snooze', async () => {
    const j = await journal();
    expect(await j.call<Settings>('settings.get')).toEqual(SETTINGS_DEFAULTS);
    expect(SETTINGS_DEFAULTS.weekStart).toBe(1);
    expect(SETTINGS_DEFAULTS.journalReminder.enabled).toBe(false);
  });

  it('change only the keys given, tidy the weekdays, and survive a lock and unlock', async () => {
    const j = await journal();
    const next = await j.call<Settings>('settings.update', { weekStart: 0, journalReminder: { enabled: true, days: [5, 1, 3, 1], time: '21:30' } });
    expect(next).toEqual({ ...SETTINGS_DEFAULTS, weekStart: 0, journalReminder: { enabled: true, days: [1, 3, 5], time: '21:30' } });
    await j.call('settings.update', { snoozeMinutes: 15 });
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await j.call<Settings>('settings.get')).toEqual({ ...next, snoozeMinutes: 15 });
    // Inside the encrypted journal only: the schedule's words are nowhere on disk in the clear.
    expect(filesContaining(j.dataDir, '21:30')).toEqual([]);
  });

  it('refuse values out of range and leave the settings as they were', async () => {
    const j = await journal();
    for (const bad of [
      { weekStart: 7 },
      { journalReminder: { enabled: true, days: [8], time: '20:00' } },
      { journalReminder: { enabled: true, days: [1], time: '24:00' } },
      { checkInReminder: { enabled: true, day: 1 } },
      { snoozeMinutes: 0 },
      { theme: 'dark' },
    ]) {
      expect(await j.fail('settings.update', bad)).toMatchObject({ code: 'VALIDATION' });
    }
    expect(await j.call<Settings>('settings.get')).toEqual(SETTINGS_DEFAULTS);
  });

  it('fall back to the default for a stored value that no longer reads', async () => {
    const j = await journal();
    await j.call('settings.update', { weekStart: 3, snoozeMinutes: 20 });
    const db = j.service.vault.database();
    db.prepare("UPDATE settings SET value = '{not json' WHERE key = 'insights.weekStart'").run();
    db.prepare("UPDATE settings SET value = '99999' WHERE key = 'insights.snoozeMinutes'").run();
    expect(await j.call<Settings>('settings.get')).toEqual(SETTINGS_DEFAULTS);
  });
});

describe('strengths', () => {
  it('are noted for a person and for the user themself, listed, edited and removed', async () => {
    const j = await journal();
    const robin = await j.call<Person>('people.create', { name: 'Robin', kind: 'romantic', color: '#0072B2' });
    const a = await j.call<Strength>('strengths.create', { personId: robin.id, text: '  Makes me laugh  ' });
    expect(a).toEqual({ id: a.id, personId: robin.id, text: 'Makes me laugh', createdAt: j.clock.now, updatedAt: j.clock.now });
    j.clock.now += 1000;
    const mine = await j.call<Strength>('strengths.create', { personId: null, text: 'I say what I need' });
    const b = await j.call<Strength>('strengths.create', { personId: robin.id, text: 'Plans trips' });

    expect((await j.call<Strength[]>('strengths.list', { personId: robin.id })).map((s) => s.id)).toEqual([a.id, b.id]);
    expect((await j.call<Strength[]>('strengths.list', { personId: null })).map((s) => s.id)).toEqual([mine.id]);
    expect((await j.call<Strength[]>('strengths.list', {})).map((s) => s.id)).toEqual([mine.id, a.id, b.id]);

    j.clock.now += 1000;
    const edited = await j.call<Strength>('strengths.update', { id: b.id, text: 'Plans our trips' });
    expect(edited).toMatchObject({ text: 'Plans our trips', createdAt: b.createdAt, updatedAt: j.clock.now });
    await j.call('strengths.delete', { id: a.id });
    expect((await j.call<Strength[]>('strengths.list', { personId: robin.id })).map((s) => s.text)).toEqual(['Plans our trips']);
  });

  it('answer NOT_FOUND for a missing strength or person and VALIDATION for empty text', async () => {
    const j = await journal();
    expect(await j.fail('strengths.create', { personId: 404, text: 'Kind' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('strengths.update', { id: 404, text: 'Kind' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('strengths.delete', { id: 404 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('strengths.create', { personId: null, text: '   ' })).toMatchObject({ code: 'VALIDATION' });
    expect(await j.call<Strength[]>('strengths.list', {})).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { readCsv } from '../../main/core/portability/import/csvread.js';
import { planDaylio } from '../../main/core/portability/import/daylio.js';
import { checkEntryDate, DATE_PROBLEMS, DAY_PROBLEMS, EntryInput } from '../../shared/schemas.js';
import { createdService } from '../helpers/journal.js';

const OUT_OF_RANGE = DATE_PROBLEMS.DATE_OUT_OF_RANGE;
const ZOD_DEFAULT = /Too (small|big)|expected|Invalid input/;

describe('entry dates: years 1900 to 2100, one rule for the editor, the API and imports', () => {
  it('refuses years before 1900 and after 2100 through the API with a plain sentence and writes nothing', async () => {
    const { call, service } = await createdService();
    for (const occurredAt of [Date.UTC(1899, 5, 1), Date.UTC(1066, 9, 14), Date.UTC(2101, 0, 2), Date.UTC(2999, 0, 1), -8.64e15]) {
      const reply = await service.dispatch('entries.create', { occurredAt, timeZone: 'UTC', body: 'x' });
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('VALIDATION');
        expect(reply.error.message).toBe(OUT_OF_RANGE);
        expect(reply.error.message).not.toMatch(ZOD_DEFAULT);
      }
    }
    const page = await call<{ items: unknown[] }>('entries.search', {});
    expect(page.items).toHaveLength(0);
  });

  it('refuses a fractional or non-numeric date with a plain sentence too', async () => {
    const { service } = await createdService();
    for (const occurredAt of [1.5, '2026-01-01', Number.NaN]) {
      const reply = await service.dispatch('entries.create', { occurredAt, timeZone: 'UTC' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: DATE_PROBLEMS.DATE_NOT_A_MOMENT } });
    }
  });

  it('accepts the first and last minutes of the range in the entry’s own zone, and refuses one minute beyond', async () => {
    const { call, service } = await createdService();
    // 1 January 1900, 00:30 in Berlin is 31 December 1899 in UTC: it is in range where it was written.
    const berlinFirst = Date.UTC(1899, 11, 31, 23, 30);
    const made = await call<{ id: number; day: string }>('entries.create', { occurredAt: berlinFirst, timeZone: 'Europe/Berlin', body: 'first' });
    expect(made.day).toBe('1900-01-01');
    expect(await service.dispatch('entries.create', { occurredAt: berlinFirst, timeZone: 'UTC', body: 'x' })).toMatchObject({ ok: false, error: { message: OUT_OF_RANGE } });
    const lastUtc = Date.UTC(2100, 11, 31, 23, 59);
    await call('entries.create', { occurredAt: lastUtc, timeZone: 'UTC', body: 'last' });
    // The same instant is already 2101 in Tokyo.
    expect(await service.dispatch('entries.create', { occurredAt: lastUtc, timeZone: 'Asia/Tokyo', body: 'x' })).toMatchObject({ ok: false, error: { message: OUT_OF_RANGE } });
    expect(await service.dispatch('entries.create', { occurredAt: Date.UTC(2101, 0, 1, 0, 0), timeZone: 'UTC', body: 'x' })).toMatchObject({ ok: false, error: { message: OUT_OF_RANGE } });
  });

  it('refuses moving an entry out of range by an edit, and leaves it as it was', async () => {
    const { call, service } = await createdService();
    const at = Date.UTC(2026, 2, 3, 12);
    const made = await call<{ id: number }>('entries.create', { occurredAt: at, timeZone: 'UTC', body: 'kept' });
    const reply = await service.dispatch('entries.update', { id: made.id, patch: { occurredAt: Date.UTC(1850, 0, 1) } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: OUT_OF_RANGE } });
    const zoned = await service.dispatch('entries.update', { id: made.id, patch: { occurredAt: Date.UTC(2100, 11, 31, 20), timeZone: 'Pacific/Kiritimati' } });
    expect(zoned).toMatchObject({ ok: false, error: { message: OUT_OF_RANGE } });
    expect(await call('entries.get', { id: made.id })).toMatchObject({ occurredAt: at, body: 'kept' });
  });

  it('gives imports the same per-record reason', () => {
    const csv = readCsv('full_date,date,weekday,time,mood,activities,note_title,note\n1850-03-01,1 March,Friday,10:00,good,,,old\n2026-03-01,1 March,Sunday,10:00,good,,,fine\n', {
      maxStringChars: 10_000,
      maxEntries: 100,
    });
    const plan = planDaylio(csv, 'UTC');
    const reasons = plan.problems.map((p) => p.message);
    expect(reasons).toContain(OUT_OF_RANGE);
    expect(reasons.join(' ')).not.toMatch(ZOD_DEFAULT);
  });

  it('exports the rule itself for anyone checking a date', () => {
    expect(checkEntryDate(Date.UTC(2026, 0, 1))).toBeNull();
    expect(checkEntryDate(Date.UTC(1899, 11, 31, 23, 30), 'Europe/Berlin')).toBeNull();
    expect(checkEntryDate(Date.UTC(1899, 11, 31, 23, 30), 'UTC')).toBe('DATE_OUT_OF_RANGE');
    expect(checkEntryDate(Date.UTC(2100, 11, 31, 23, 30), 'Asia/Tokyo')).toBe('DATE_OUT_OF_RANGE');
    expect(checkEntryDate(Number.POSITIVE_INFINITY)).toBe('DATE_NOT_A_MOMENT');
    expect(EntryInput.safeParse({ occurredAt: Date.UTC(2200, 0, 1), timeZone: 'UTC' }).error?.issues.map((i) => i.message)).toEqual([OUT_OF_RANGE]);
  });
});

describe('calendar days (ranges, check-in weeks) are refused in plain words too', () => {
  it('says how to write a day, or that it does not exist, never the pattern it failed', async () => {
    const { service } = await createdService();
    const five = await service.dispatch('insights.patterns', { from: '20000-01-01', to: '20000-02-01' });
    expect(five).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: DAY_PROBLEMS.DAY_FORMAT } });
    const feb30 = await service.dispatch('insights.patterns', { from: '2026-02-30', to: '2026-03-02' });
    expect(feb30).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: DAY_PROBLEMS.DAY_NOT_REAL } });
    if (!five.ok) expect(five.error.message).not.toMatch(ZOD_DEFAULT);
  });
});

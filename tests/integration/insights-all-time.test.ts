/**
 * "All time" spans the first entry to the last, and one entry dated far ahead (a mistyped year,
 * confirmed by mistake) neither stretches the axis to it nor goes unmentioned.
 */
import { describe, expect, it } from 'vitest';
import type { InsightsOverview, PatternCounts } from '../../shared/insights.js';
import { createdService } from '../helpers/journal.js';

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

async function journal(days: string[]) {
  const { call } = await createdService();
  const person = await call<{ id: number }>('people.create', { name: 'Alex', kind: 'romantic', color: '#0072B2' });
  const ids: number[] = [];
  for (const day of days) ids.push((await call<{ id: number }>('entries.create', { occurredAt: at(day), timeZone: 'UTC', body: day, personIds: [person.id], balance: -1 })).id);
  return { call, ids };
}

describe('insights over all time', () => {
  it('ends on the last entry, not today, and not on an entry dated years ahead', async () => {
    const { call } = await journal(['2026-03-02', '2026-05-20', '2026-11-30', '2099-01-01']);
    const o = await call<InsightsOverview>('insights.overview', { today: '2026-12-07' });
    expect(o.patterns.axis.period).toEqual({ from: '2026-03-02', to: '2026-11-30' });
    expect(o.patterns.axis.bucket).toBe('month');
    expect(o.patterns.axis.buckets).toHaveLength(9);
    expect(o.balance.overall.values.filter((v) => v !== null)).toHaveLength(3);
    // The stray one is counted apart, so the page can say it is not charted.
    expect(o.ahead).toEqual({ count: 1, from: '2099-01-01', to: '2099-01-01' });
    expect(o.heatmap.period).toEqual({ from: '2026-03-02', to: '2026-11-30' });
  });

  it('keeps an entry dated tomorrow (another time zone’s today) in the range', async () => {
    const { call } = await journal(['2026-12-01', '2026-12-08']);
    const o = await call<InsightsOverview>('insights.overview', { today: '2026-12-07' });
    expect(o.patterns.axis.period).toEqual({ from: '2026-12-01', to: '2026-12-08' });
    expect(o.ahead).toBeNull();
  });

  it('charts the far entry when a range asks for it, and says nothing is ahead once it is deleted', async () => {
    const { call, ids } = await journal(['2026-03-02', '2099-01-01']);
    const custom = await call<PatternCounts>('insights.patterns', { from: '2098-12-01', to: '2099-01-31', today: '2026-12-07' });
    expect(custom.axis.period).toEqual({ from: '2098-12-01', to: '2099-01-31' });
    await call('entries.delete', { id: ids[1] });
    const o = await call<InsightsOverview>('insights.overview', { today: '2026-12-07' });
    expect(o.ahead).toBeNull();
    expect(o.patterns.axis.period).toEqual({ from: '2026-03-02', to: '2026-03-02' });
  });

  it('is empty, with the entries ahead still counted, when every entry is dated ahead', async () => {
    const { call } = await journal(['2099-01-01', '2099-02-01']);
    const o = await call<InsightsOverview>('insights.overview', { today: '2026-12-07' });
    expect(o.patterns.axis.period).toBeNull();
    expect(o.ahead).toEqual({ count: 2, from: '2099-01-01', to: '2099-02-01' });
  });
});

/**
 * Insights on a small journal whose every number was worked out by hand (in the comments), written
 * through the real API. March 2024, weeks starting on Monday:
 *   w0 = 26 Feb (covers 1–3 Mar), w1 = 4 Mar, w2 = 11 Mar, w3 = 18 Mar, w4 = 25 Mar (covers 25–31).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entry, Person, SearchPage, Tag } from '../../shared/schemas.js';
import {
  drillFilter,
  type BalanceTrend,
  type CheckInsDue,
  type CheckInTrends,
  type DomainBreakdown,
  type HealthyShare,
  type HeatMap,
  type InsightsOverview,
  type PatternCounts,
  type PatternHistory,
  type PeopleComparison,
  type ScoreTrends,
  type Settings,
  type TopPatterns,
} from '../../shared/insights.js';
import { createdService } from '../helpers/journal.js';

type J = Awaited<ReturnType<typeof createdService>>;
let j: J;
let A: Person;
let B: Person;
let tags: Tag[];
const tag = (slug: string) => tags.find((t) => t.slug === slug)!;
const noon = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), 11); // 12:00 in Berlin (winter)
const march = { from: '2024-03-01', to: '2024-03-31', bucket: 'week' as const, today: '2024-04-05' };

async function add(day: string, e: Record<string, unknown>) {
  return j.call<Entry>('entries.create', { occurredAt: noon(day), timeZone: 'Europe/Berlin', title: 'x', ...e });
}
async function searchCount(filter: object): Promise<number> {
  let n = 0;
  let cursor = null;
  do {
    const page: SearchPage = await j.call<SearchPage>('entries.search', { filter, cursor, limit: 500 });
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

beforeAll(async () => {
  j = await createdService();
  A = await j.call<Person>('people.create', { name: 'Robin', kind: 'romantic', color: '#0072B2' });
  B = await j.call<Person>('people.create', { name: 'Sam', kind: 'professional', color: '#E69F00' });
  tags = await j.call<Tag[]>('tags.list');
  const D = tag('decided-without-me').id; // decisions / imbalance
  const T = tag('talked-over').id; // communication / imbalance
  const G = tag('decided-together').id; // decisions / healthy
  const L = tag('listened-to').id; // communication / healthy
  const s = (heard: number | null, respected: number | null, valued: number | null, involved: number | null) => ({ heard, respected, valued, involved });
  // Previous period (30 Jan – 29 Feb) and after the range.
  await add('2024-02-10', { personIds: [A.id], tagIds: [D], balance: -3, domains: ['decisions'] });
  await add('2024-04-02', { personIds: [A.id], tagIds: [T], balance: 2 });
  // e1 … e5 in March; e6 in the trash.
  await add('2024-03-02', { personIds: [A.id], tagIds: [D, T], balance: -2, intensity: 4, ...s(2, 2, 3, 1), domains: ['decisions'] });
  await add('2024-03-05', { personIds: [A.id], tagIds: [D], balance: -3, intensity: 5, ...s(1, null, 2, 1), domains: ['decisions', 'household'] });
  await add('2024-03-05', { personIds: [B.id], tagIds: [G, L], balance: 0, intensity: 2, ...s(4, 5, 4, 5), domains: ['work'] });
  await add('2024-03-12', { personIds: [A.id, B.id], tagIds: [D, G], balance: -1, intensity: 3, ...s(3, 3, null, 2), domains: ['decisions'] });
  await add('2024-03-26', { personIds: [A.id], tagIds: [L], balance: 1, ...s(5, 4, 4, 4), domains: ['emotional'] });
  const gone = await add('2024-03-27', { personIds: [A.id], tagIds: [D], balance: -3, intensity: 4, domains: ['decisions'] });
  await j.call('entries.delete', { id: gone.id });
});

describe('insights on a hand-computed journal', () => {
  it('uses Monday weeks by default and clips the edge weeks to the range', async () => {
    const p = await j.call<PatternCounts>('insights.patterns', march);
    expect(p.axis.bucket).toBe('week');
    expect(p.axis.buckets).toEqual([
      { key: '2024-02-26', from: '2024-03-01', to: '2024-03-03' },
      { key: '2024-03-04', from: '2024-03-04', to: '2024-03-10' },
      { key: '2024-03-11', from: '2024-03-11', to: '2024-03-17' },
      { key: '2024-03-18', from: '2024-03-18', to: '2024-03-24' },
      { key: '2024-03-25', from: '2024-03-25', to: '2024-03-31' },
    ]);
    expect(p.axis.previous).toEqual({ from: '2024-01-30', to: '2024-02-29' });
  });

  it('counts entries per pattern category and polarity, stacked per week', async () => {
    const p = await j.call<PatternCounts>('insights.patterns', march);
    expect(p.series).toEqual([
      { category: 'decisions', polarity: 'imbalance', values: [1, 1, 1, 0, 0], total: 3 },
      { category: 'decisions', polarity: 'healthy', values: [0, 1, 1, 0, 0], total: 2 },
      { category: 'communication', polarity: 'imbalance', values: [1, 0, 0, 0, 0], total: 1 },
      { category: 'communication', polarity: 'healthy', values: [0, 1, 0, 0, 1], total: 2 },
    ]);
    expect(p.byPolarity).toEqual([
      { polarity: 'imbalance', values: [1, 1, 1, 0, 0], total: 3, previousTotal: 1 },
      { polarity: 'healthy', values: [0, 1, 1, 0, 1], total: 3, previousTotal: 0 },
      { polarity: 'neutral', values: [0, 0, 0, 0, 0], total: 0, previousTotal: 0 },
    ]);
  });

  it('averages the balance of power per week, overall and per person, with a 3-week moving average', async () => {
    const b = await j.call<BalanceTrend>('insights.balance', march);
    expect(b.window).toBe(3);
    expect(b.overall.values).toEqual([-2, -1.5, -1, null, 1]);
    expect(b.overall.entries).toEqual([1, 2, 1, 0, 1]);
    expect(b.overall.rated).toEqual([1, 2, 1, 0, 1]);
    // (−2) ; (−2−3+0)/3 ; (−2−3+0−1)/4 ; (−3+0−1)/3 ; (−1+1)/2
    expect(b.overall.moving[0]).toBe(-2);
    expect(b.overall.moving[1]).toBeCloseTo(-5 / 3, 12);
    expect(b.overall.moving[2]).toBe(-1.5);
    expect(b.overall.moving[3]).toBeCloseTo(-4 / 3, 12);
    expect(b.overall.moving[4]).toBe(0);
    expect(b.overall.mean).toBe(-1);
    expect(b.overall.previousMean).toBe(-3);
    expect(b.people.map((s) => [s.personId, s.values, s.mean])).toEqual([
      [A.id, [-2, -3, -1, null, 1], -1.25],
      [B.id, [null, 0, -1, null, null], -0.5],
    ]);
  });

  it('averages heard, respected, valued and involved per week', async () => {
    const s = await j.call<ScoreTrends>('insights.scores', march);
    const by = Object.fromEntries(s.series.map((x) => [x.measure, x]));
    expect(by.heard!.values).toEqual([2, 2.5, 3, null, 5]);
    expect(by.heard!.mean).toBe(3);
    expect(by.respected!.values).toEqual([2, 5, 3, null, 4]);
    expect(by.respected!.mean).toBe(3.5);
    expect(by.valued!.values).toEqual([3, 3, null, null, 4]);
    expect(by.involved!.values).toEqual([1, 3, 2, null, 4]);
    expect(s.entries).toEqual([1, 2, 1, 0, 1]);
  });

  it('gives the healthy share of pattern tags per week', async () => {
    const h = await j.call<HealthyShare>('insights.healthyShare', march);
    expect(h.healthy).toEqual([0, 2, 1, 0, 1]);
    expect(h.imbalance).toEqual([2, 1, 1, 0, 0]);
    expect(h.values).toEqual([0, 2 / 3, 0.5, null, 1]);
    expect(h.share).toBe(0.5);
    expect(h.previousShare).toBe(0);
  });

  it('ranks the top patterns with their change against the previous period', async () => {
    const t = await j.call<TopPatterns>('insights.topPatterns', march);
    expect(t.items.map((x) => [x.label, x.count, x.previousCount, x.change])).toEqual([
      ['Decided without me', 3, 1, 2],
      ['We decided together', 2, 0, 2],
      ['Really listened to', 2, 0, 2],
      ['Talked over', 1, 0, 1],
    ]);
    const limited = await j.call<TopPatterns>('insights.topPatterns', { ...march, limit: 1 });
    expect(limited.items).toHaveLength(1);
  });

  it('gives each pattern its first and last day, days since, and longest gap (all time)', async () => {
    const h = await j.call<PatternHistory>('insights.patternHistory', { today: '2024-04-05' });
    const d = h.items.find((x) => x.tagId === tag('decided-without-me').id)!;
    // 10 Feb, 2 Mar, 5 Mar, 12 Mar (the trashed 27 Mar does not count).
    expect(d).toMatchObject({ count: 4, days: 4, firstSeen: '2024-02-10', lastSeen: '2024-03-12', daysSinceLast: 24, longestGapDays: 21 });
    const t = h.items.find((x) => x.tagId === tag('talked-over').id)!;
    expect(t).toMatchObject({ count: 1 + 1, firstSeen: '2024-03-02', lastSeen: '2024-04-02', daysSinceLast: 3, longestGapDays: 31 });
    const l = h.items.find((x) => x.tagId === tag('listened-to').id)!;
    expect(l).toMatchObject({ count: 2, days: 2, longestGapDays: 21 });
  });

  it('draws a calendar heat map of entries and mean intensity', async () => {
    const m = await j.call<HeatMap>('insights.heatmap', march);
    expect(m.days).toEqual([
      { day: '2024-03-02', entries: 1, meanIntensity: 4 },
      { day: '2024-03-05', entries: 2, meanIntensity: 3.5 },
      { day: '2024-03-12', entries: 1, meanIntensity: 3 },
      { day: '2024-03-26', entries: 1, meanIntensity: null },
    ]);
    expect(m.maxEntries).toBe(2);
  });

  it('breaks entries down by domain, with imbalance and healthy entries per domain', async () => {
    const d = await j.call<DomainBreakdown>('insights.domains', march);
    expect(d.total).toBe(5);
    expect(d.items).toEqual([
      { domain: 'decisions', entries: 3, previousEntries: 1, imbalance: 3, healthy: 1 },
      { domain: 'household', entries: 1, previousEntries: 0, imbalance: 1, healthy: 0 },
      { domain: 'emotional', entries: 1, previousEntries: 0, imbalance: 0, healthy: 1 },
      { domain: 'work', entries: 1, previousEntries: 0, imbalance: 0, healthy: 1 },
    ]);
  });

  it('compares people on the same measures', async () => {
    const p = await j.call<PeopleComparison>('insights.people', march);
    expect(p.items).toEqual([
      { personId: A.id, entries: 4, balance: -1.25, heard: 2.75, respected: 3, valued: 3, involved: 2, imbalance: 3, healthy: 2 },
      { personId: B.id, entries: 2, balance: -0.5, heard: 3.5, respected: 4, valued: 4, involved: 3.5, imbalance: 1, healthy: 2 },
    ]);
  });

  it('narrows every chart to a person, and the overview holds them all', async () => {
    const o = await j.call<InsightsOverview>('insights.overview', { ...march, filter: { personIds: [B.id] } });
    expect(o.balance.people.map((s) => s.personId)).toEqual([B.id]);
    expect(o.balance.overall.values).toEqual([null, 0, -1, null, null]);
    expect(o.heatmap.days.map((d) => d.day)).toEqual(['2024-03-05', '2024-03-12']);
    expect(o.topPatterns.items.map((t) => t.label)).toEqual(['We decided together', 'Decided without me', 'Really listened to']);
    expect(o.people.items.map((x) => x.personId)).toEqual([B.id]);
  });

  it('opens exactly the counted entries when a bar, point or day is clicked', async () => {
    const p = await j.call<PatternCounts>('insights.patterns', march);
    const w1 = p.axis.buckets[1]!;
    expect(await searchCount(drillFilter({}, { ...w1, category: 'decisions', polarity: 'imbalance' }, tags))).toBe(1);
    expect(await searchCount(drillFilter({}, { ...w1, category: 'communication', polarity: 'healthy' }, tags))).toBe(1);
    expect(await searchCount(drillFilter({}, { ...p.axis.buckets[0]!, polarity: 'imbalance' }, tags))).toBe(1);
    expect(await searchCount(drillFilter({}, { ...w1, personId: A.id }, tags))).toBe(1);
    expect(await searchCount(drillFilter({}, { from: '2024-03-05', to: '2024-03-05' }, tags))).toBe(2);
    expect(await searchCount(drillFilter({}, { ...march, domain: 'decisions', polarity: 'healthy' }, tags))).toBe(1);
    expect(await searchCount(drillFilter({}, { ...march, tagId: tag('decided-without-me').id }, tags))).toBe(3);
  });

  it('returns empty series, not errors, for a range without entries and for an empty journal', async () => {
    const q = { from: '2023-01-01', to: '2023-01-31' };
    const o = await j.call<InsightsOverview>('insights.overview', q);
    expect(o.patterns.axis.buckets).toHaveLength(31);
    expect(o.patterns.series).toEqual([]);
    expect(o.balance.people).toEqual([]);
    expect(o.balance.overall.values.every((v) => v === null)).toBe(true);
    expect(o.topPatterns.items).toEqual([]);
    expect(o.heatmap.days).toEqual([]);
    expect(o.domains.items).toEqual([]);
    expect(o.people.items).toEqual([]);

    const empty = await createdService();
    const all = await empty.call<InsightsOverview>('insights.overview', {});
    expect(all.patterns.axis.period).toBeNull();
    expect(all.patterns.axis.buckets).toEqual([]);
    expect(all.balance.overall.values).toEqual([]);
    expect(all.heatmap.days).toEqual([]);
    expect((await empty.call<PatternHistory>('insights.patternHistory', {})).items).toEqual([]);
    expect((await empty.call<CheckInTrends>('insights.checkinTrends', {})).series).toEqual([]);
  });

  it('chooses the bar size from the range: days up to a month, weeks up to six months, then months', async () => {
    const bucket = async (from: string, to: string) => (await j.call<PatternCounts>('insights.patterns', { from, to })).axis.bucket;
    expect(await bucket('2024-03-01', '2024-03-31')).toBe('day');
    expect(await bucket('2024-03-01', '2024-04-01')).toBe('week');
    expect(await bucket('2024-01-01', '2024-06-30')).toBe('week');
    expect(await bucket('2023-01-01', '2024-03-31')).toBe('month');
    const all = await j.call<PatternCounts>('insights.patterns', { today: '2024-04-05' });
    // All time: the first entry's day to the last entry's.
    expect(all.axis.period).toEqual({ from: '2024-02-10', to: '2024-04-02' });
    expect(all.axis.previous).toBeNull();
    expect(all.axis.bucket).toBe('week');
  });

  it('refuses a reversed range and too many bars, with a message', async () => {
    const r = await j.service.dispatch('insights.patterns', { from: '2024-03-02', to: '2024-03-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const many = await j.service.dispatch('insights.patterns', { from: '1990-01-01', to: '2024-03-01', bucket: 'day' });
    expect(many).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Only the filters insights understand (no text search, no flags).
    const text = await j.service.dispatch('insights.patterns', { ...march, filter: { text: 'dinner' } });
    expect(text).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('follows the week-start setting', async () => {
    await j.call<Settings>('settings.update', { weekStart: 0 });
    const p = await j.call<PatternCounts>('insights.patterns', march);
    expect(p.axis.buckets.map((b) => b.key)).toEqual(['2024-02-25', '2024-03-03', '2024-03-10', '2024-03-17', '2024-03-24', '2024-03-31']);
    // Sunday weeks: e1 (Sat 2 Mar) in w0; e2, e3 (Tue 5 Mar) in w1; e4 (Tue 12 Mar) in w2; e5 (Tue 26 Mar) in w4.
    expect(p.byPolarity[0]!.values).toEqual([1, 1, 1, 0, 0, 0]);
    await j.call<Settings>('settings.update', { weekStart: 1 });
  });

  it('lists the check-ins due this week and charts check-in answers per person and week', async () => {
    const C = await j.call<Person>('people.create', { name: 'Kim', kind: 'family', color: '#009E73' });
    const D = await j.call<Person>('people.create', { name: 'Lee', kind: 'social', color: '#009E73' });
    await j.call('people.update', { id: D.id, patch: { archived: true } });
    await j.call('checkins.save', { personId: A.id, week: '2024-03-04', heard: 2, respected: 3, safe: 5 });
    await j.call('checkins.save', { personId: A.id, week: '2024-03-11', heard: 4, respected: 3, safe: 4 });
    await j.call('checkins.save', { personId: B.id, week: '2024-03-11', heard: 3 });
    const due = await j.call<CheckInsDue>('insights.checkinsDue', { today: '2024-03-13' });
    expect(due).toEqual({ week: '2024-03-11', weekEnd: '2024-03-17', due: [{ personId: C.id, lastWeek: null }] });
    const next = await j.call<CheckInsDue>('insights.checkinsDue', { today: '2024-03-18' });
    expect(next.due).toEqual([
      { personId: A.id, lastWeek: '2024-03-11' },
      { personId: B.id, lastWeek: '2024-03-11' },
      { personId: C.id, lastWeek: null },
    ]);

    const t = await j.call<CheckInTrends>('insights.checkinTrends', { from: '2024-03-01', to: '2024-03-20' });
    expect(t.weeks).toEqual(['2024-02-26', '2024-03-04', '2024-03-11', '2024-03-18']);
    const a = t.series.find((s) => s.personId === A.id)!;
    expect(a.values.heard).toEqual([null, 2, 4, null]);
    expect(a.values.safe).toEqual([null, 5, 4, null]);
    expect(a.values.fairShare).toEqual([null, null, null, null]);
    expect(a.mean.heard).toBe(3);
    expect(a.count).toBe(2);
    const onlyB = await j.call<CheckInTrends>('insights.checkinTrends', { from: '2024-03-01', to: '2024-03-20', personIds: [B.id] });
    expect(onlyB.series.map((s) => s.personId)).toEqual([B.id]);
  });
});

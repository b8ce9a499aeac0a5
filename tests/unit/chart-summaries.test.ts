/**
 * The words under the insight charts: comparisons, signs, ranges and the one-line summaries, from
 * small hand-made series (the e2e suite checks them again against a seeded journal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDateLocale } from '../../renderer/lib/format.js';
import { bucketLabel, comparison, changeText, num, percent, rangeLabel, signed } from '../../renderer/charts/format.js';
import { balanceWords, domainsSummary, healthySummary, heatMapSummary, patternSummary, topPatternsSummary } from '../../renderer/charts/summaries.js';
import { bucketsFor, type Axis, type PatternCounts } from '../../shared/insights.js';

// Dates follow the system's locale; one is pinned here so the words can be compared.
beforeAll(() => setDateLocale('en-GB'));
afterAll(() => setDateLocale(undefined));

const axis = (from: string, to: string): Axis => ({ bucket: 'week', weekStart: 1, period: { from, to }, previous: null, buckets: bucketsFor(from, to, 'week', 1) });

describe('chart wording', () => {
  it('compares with the period before in words, or says nothing for all time', () => {
    expect(comparison(6, 2)).toBe(' (up from 2)');
    expect(comparison(1, 5)).toBe(' (down from 5)');
    expect(comparison(3, 3)).toBe(' (the same as before)');
    expect(comparison(3, null)).toBe('');
    // Means compare as printed: 3.04 and 2.96 both read "3.0".
    expect(comparison(3.04, 2.96, (x) => num(x))).toBe(' (the same as before)');
    expect(changeText(4)).toBe('↑ 4');
    expect(changeText(-2)).toBe('↓ 2');
    expect(changeText(0)).toBe('no change');
  });

  it('prints balances with a real minus sign and a plus, never "−0.0"', () => {
    expect(signed(-1.24)).toBe('−1.2');
    expect(signed(0.96)).toBe('+1.0');
    expect(signed(-0.04)).toBe('0.0');
    expect(num(null)).toBe('–');
    expect(percent(0.675)).toBe('68%');
  });

  it('names the balance in the slider’s words, rounding to the nearest step', () => {
    expect(balanceWords(-0.6)).toBe('they held a little more power');
    expect(balanceWords(-0.4)).toBe('balanced');
    expect(balanceWords(2.6)).toBe('I held far more power');
  });

  // The locale's own range style (here en-GB, with thin spaces around the dash).
  it('labels ranges and buckets plainly', () => {
    expect(rangeLabel('2025-03-03', '2025-03-09')).toBe('3\u2009–\u20099 March 2025');
    expect(rangeLabel('2025-02-28', '2025-03-06')).toBe('28 February\u2009–\u20096 March 2025');
    expect(rangeLabel('2024-12-30', '2025-01-05')).toBe('30 December 2024\u2009–\u20095 January 2025');
    expect(bucketLabel({ key: '2025-03-01', from: '2025-03-01', to: '2025-03-31' }, 'month')).toBe('March 2025');
    // A month clipped by the range shows the days it covers.
    expect(bucketLabel({ key: '2025-03-01', from: '2025-03-10', to: '2025-03-31' }, 'month')).toBe('10\u2009–\u200931 March 2025');
    expect(bucketLabel({ key: '2025-03-04', from: '2025-03-04', to: '2025-03-04' }, 'day')).toBe('Tuesday, 4 March 2025');
  });
});

describe('chart summaries', () => {
  it('counts entries with imbalance and healthy patterns against the period before', () => {
    const p: PatternCounts = {
      axis: axis('2025-03-03', '2025-03-16'),
      series: [],
      byPolarity: [
        { polarity: 'imbalance', values: [4, 2], total: 6, previousTotal: 2 },
        { polarity: 'healthy', values: [0, 1], total: 1, previousTotal: 3 },
        { polarity: 'neutral', values: [0, 0], total: 0, previousTotal: 0 },
      ],
    };
    expect(patternSummary(p, 'in the last 14 days')).toBe('6 entries with an imbalance pattern in the last 14 days (up from 2); 1 with a healthy one (down from 3).');
    p.byPolarity = p.byPolarity.map((s) => ({ ...s, total: 0 }));
    expect(patternSummary(p, 'in the last 14 days')).toBe('No entries with imbalance or healthy patterns in the last 14 days.');
  });

  it('names the most frequent pattern, the healthy share, the busiest day and the main area', () => {
    const period = { from: '2025-03-01', to: '2025-03-30' };
    expect(
      topPatternsSummary(
        { period, previous: null, items: [{ tagId: 1, label: 'Decided without me', category: 'decisions', polarity: 'imbalance', color: null, count: 6, previousCount: 2, change: 4 }] },
        'this month',
      ),
    ).toBe('Most frequent this month: “Decided without me”, in 6 entries (up from 2).');
    expect(healthySummary({ axis: axis('2025-03-03', '2025-03-09'), values: [0.4], healthy: [2], imbalance: [3], share: 0.4, previousShare: 0.25 }, 'this week')).toBe(
      'Healthy patterns were 40% of the patterns tagged this week (up from 25%).',
    );
    expect(
      heatMapSummary(
        {
          period,
          maxEntries: 3,
          days: [
            { day: '2025-03-02', entries: 1, meanIntensity: 2 },
            { day: '2025-03-04', entries: 3, meanIntensity: null },
            { day: '2025-03-07', entries: 3, meanIntensity: 4 },
          ],
        },
        'in March',
      ),
    ).toBe('7 entries on 3 days in March. The busiest day was Tuesday, 4 March 2025, with 3.');
    expect(
      domainsSummary(
        { period, previous: period, total: 9, items: [{ domain: 'finances', entries: 5, previousEntries: 5, imbalance: 3, healthy: 1 }] },
        'in March',
      ),
    ).toBe('Finances came up most in March: 5 of 9 entries (the same as before).');
  });
});

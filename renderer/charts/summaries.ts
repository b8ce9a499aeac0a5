/**
 * One plain-language line under each chart, computed from the series the chart draws ("Most frequent
 * in the last 30 days: “Decided without me”, in 6 entries (up from 2)."). `when` is how the range
 * reads in a sentence: "in the last 30 days", "from 3 to 9 March 2025", "in all your entries".
 * The comparisons are with the period of equal length just before (none for all time).
 */
import { BALANCE_LABELS, DOMAIN_LABELS } from '../../shared/catalogue.js';
import {
  CHECKIN_MEASURES,
  SCORE_MEASURES,
  type BalanceTrend,
  type CheckInMeasure,
  type CheckInTrends,
  type DomainBreakdown,
  type HealthyShare,
  type HeatMap,
  type PatternCounts,
  type PeopleComparison,
  type ScoreTrends,
  type TopPatterns,
} from '../../shared/insights.js';
import { CHECKIN_QUESTIONS } from './theme.js';
import { comparison, dayLabel, num, percent, plural, signed } from './format.js';

const entries = (n: number) => plural(n, 'entry', 'entries');
const one = (x: number) => num(x, 1);

/** The words for a mean balance: "they held a little more power". */
export function balanceWords(mean: number): string {
  const r = Math.max(-3, Math.min(3, Math.round(mean)));
  const words = BALANCE_LABELS[r === 0 ? 0 : r] ?? 'Balanced';
  // Mid-sentence: "they held…", "balanced", but "I held…" keeps its capital.
  return words.startsWith('I ') ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

export function patternSummary(p: PatternCounts, when: string): string {
  const imb = p.byPolarity.find((s) => s.polarity === 'imbalance')!;
  const hea = p.byPolarity.find((s) => s.polarity === 'healthy')!;
  if (imb.total + hea.total === 0) return `No entries with imbalance or healthy patterns ${when}.`;
  return `${entries(imb.total)} with an imbalance pattern ${when}${comparison(imb.total, imb.previousTotal)}; ${hea.total} with a healthy one${comparison(hea.total, hea.previousTotal)}.`;
}

export function balanceSummary(b: BalanceTrend, when: string, nameOf: (id: number) => string): string {
  const o = b.overall;
  if (o.mean === null) return `No entries with a balance of power rating ${when}.`;
  let line = `Average balance ${when}: ${signed(o.mean)}, ${balanceWords(o.mean)}${comparison(o.mean, o.previousMean, (x) => signed(x))}.`;
  const rated = b.people.filter((p) => p.mean !== null);
  if (rated.length > 1) {
    const lowest = rated.reduce((a, c) => (c.mean! < a.mean! ? c : a));
    line += ` Lowest with ${nameOf(lowest.personId!)} (${signed(lowest.mean)}).`;
  }
  return line;
}

export function scoresSummary(s: ScoreTrends, when: string): string {
  const rated = s.series.filter((x) => x.mean !== null);
  if (rated.length === 0) return `No entries rated for feeling heard, respected, valued or involved ${when}.`;
  const parts = SCORE_MEASURES.map((m) => s.series.find((x) => x.measure === m)!)
    .filter((x) => x.mean !== null)
    .map((x) => `${x.measure} ${one(x.mean!)}${comparison(x.mean, x.previousMean, one)}`);
  return `Average out of 5 ${when}: ${parts.join(', ')}.`;
}

export function healthySummary(h: HealthyShare, when: string): string {
  if (h.share === null) return `No healthy or imbalance patterns tagged ${when}.`;
  return `Healthy patterns were ${percent(h.share)} of the patterns tagged ${when}${comparison(h.share, h.previousShare, percent)}.`;
}

export function topPatternsSummary(t: TopPatterns, when: string): string {
  const top = t.items[0];
  if (!top) return `No patterns tagged ${when}.`;
  return `Most frequent ${when}: “${top.label}”, in ${entries(top.count)}${comparison(top.count, top.previousCount)}.`;
}

export function heatMapSummary(h: HeatMap, when: string): string {
  if (h.days.length === 0) return `No entries ${when}.`;
  const total = h.days.reduce((a, x) => a + x.entries, 0);
  const busiest = h.days.reduce((a, x) => (x.entries > a.entries ? x : a));
  const tail = busiest.entries > 1 ? ` The busiest day was ${dayLabel(busiest.day)}, with ${busiest.entries}.` : '';
  return `${entries(total)} on ${plural(h.days.length, 'day')} ${when}.${tail}`;
}

export function domainsSummary(d: DomainBreakdown, when: string): string {
  const top = d.items[0];
  if (!top) return `No entries with an area of life ${when}.`;
  return `${DOMAIN_LABELS[top.domain]} came up most ${when}: ${top.entries} of ${entries(d.total)}${comparison(top.entries, top.previousEntries)}.`;
}

export function peopleSummary(p: PeopleComparison, when: string, nameOf: (id: number) => string): string {
  const top = p.items[0];
  if (!top) return `No entries about anyone ${when}.`;
  const balance = top.balance !== null ? `; the balance with them averaged ${signed(top.balance)}` : '';
  return `Most entries ${when} were about ${nameOf(top.personId)}: ${entries(top.entries)}${balance}.`;
}

/** "Check-ins in the last 90 days, felt heard on average: Jordan 3.5, Priya 4.0." */
export function checkInSummary(t: CheckInTrends, measure: CheckInMeasure, when: string, nameOf: (id: number) => string): string {
  const withAnswers = t.series.filter((s) => s.mean[measure] !== null);
  if (t.series.length === 0) return `No check-ins ${when}.`;
  const count = t.series.reduce((a, s) => a + s.count, 0);
  if (withAnswers.length === 0) return `${plural(count, 'check-in')} ${when}, none answering “${CHECKIN_QUESTIONS[measure].short.toLowerCase()}”.`;
  const parts = withAnswers.map((s) => `${nameOf(s.personId)} ${one(s.mean[measure]!)}`);
  return `${plural(count, 'check-in')} ${when}. ${CHECKIN_QUESTIONS[measure].short}, average out of 5: ${parts.join(', ')}.`;
}

/** One person's check-ins: "4 check-ins in the last 12 weeks; on average: felt heard 3.5, …". */
export function personCheckInSummary(t: CheckInTrends, personId: number, when: string): string {
  const s = t.series.find((x) => x.personId === personId);
  if (!s) return `No check-ins ${when}.`;
  const parts = CHECKIN_MEASURES.filter((m) => s.mean[m] !== null).map((m) => `${CHECKIN_QUESTIONS[m].short.toLowerCase()} ${one(s.mean[m]!)}`);
  return `${plural(s.count, 'check-in')} ${when}${parts.length ? `; average out of 5: ${parts.join(', ')}` : ''}.`;
}

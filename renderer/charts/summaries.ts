/**
 * One plain-language line under each chart, computed from the series the chart draws ("Most frequent
 * in the last 30 days: “Decided without me”, in 6 entries (up from 2)."). `when` is how the range
 * reads in a sentence: "in the last 30 days", "from 3 to 9 March 2025", "in all your entries".
 * The comparisons are with the period of equal length just before (none for all time).
 */
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
import { translate } from '../i18n/translate.js';
import { vocabulary } from '../i18n/vocabulary.js';
import { formatInteger } from '../lib/format.js';
import { CHECKIN_QUESTIONS } from './theme.js';
import { appWords, type ChartWords } from './words.js';
import { comparison, dayLabel, midSentence, num, percent, signed } from './format.js';

const one = (x: number) => num(x, 1);

/** The words for a mean balance: "they held a little more power". */
export function balanceWords(mean: number, w: ChartWords = appWords()): string {
  const r = Math.max(-3, Math.min(3, Math.round(mean)));
  // Mid-sentence: "they held…", "balanced", but "I held…" keeps its capital.
  return midSentence(vocabulary(w.t).balance(r === 0 ? 0 : r), w);
}

export function patternSummary(p: PatternCounts, when: string, w: ChartWords = appWords()): string {
  const imb = p.byPolarity.find((s) => s.polarity === 'imbalance')!;
  const hea = p.byPolarity.find((s) => s.polarity === 'healthy')!;
  if (imb.total + hea.total === 0) return w.t('charts.summary.patternsNone', { when });
  return w.t('charts.summary.patterns', {
    count: imb.total,
    when,
    change: comparison(imb.total, imb.previousTotal, undefined, w),
    healthy: formatInteger(hea.total, w.locale),
    healthyChange: comparison(hea.total, hea.previousTotal, undefined, w),
  });
}

export function balanceSummary(b: BalanceTrend, when: string, nameOf: (id: number) => string, w: ChartWords = appWords()): string {
  const o = b.overall;
  if (o.mean === null) return w.t('charts.balance.empty', { when });
  const sign = (x: number | null) => signed(x, 1, w);
  let line = w.t('charts.summary.balance', { when, value: sign(o.mean), words: balanceWords(o.mean, w), change: comparison(o.mean, o.previousMean, sign, w) });
  const rated = b.people.filter((p) => p.mean !== null);
  if (rated.length > 1) {
    const lowest = rated.reduce((a, c) => (c.mean! < a.mean! ? c : a));
    line += ` ${w.t('charts.summary.balanceLowest', { name: nameOf(lowest.personId!), value: sign(lowest.mean) })}`;
  }
  return line;
}

export function scoresSummary(s: ScoreTrends, when: string, w: ChartWords = appWords()): string {
  const rated = s.series.filter((x) => x.mean !== null);
  if (rated.length === 0) return w.t('charts.scores.empty', { when });
  const decimal = (x: number) => num(x, 1, w);
  const parts = SCORE_MEASURES.map((m) => s.series.find((x) => x.measure === m)!)
    .filter((x) => x.mean !== null)
    .map((x) => w.t('charts.summary.score', { measure: x.measure, value: decimal(x.mean!), change: comparison(x.mean, x.previousMean, decimal, w) }));
  return w.t('charts.summary.scores', { when, parts: parts.join(', ') });
}

export function healthySummary(h: HealthyShare, when: string): string {
  if (h.share === null) return translate('charts.healthy.empty', { when });
  return translate('charts.summary.healthy', { share: percent(h.share), when, change: comparison(h.share, h.previousShare, percent) });
}

export function topPatternsSummary(t: TopPatterns, when: string): string {
  const top = t.items[0];
  if (!top) return translate('charts.top.empty', { when });
  return translate('charts.summary.top', { when, label: top.label, count: top.count, change: comparison(top.count, top.previousCount) });
}

export function heatMapSummary(h: HeatMap, when: string): string {
  if (h.days.length === 0) return translate('charts.heat.empty', { when });
  const total = h.days.reduce((a, x) => a + x.entries, 0);
  const busiest = h.days.reduce((a, x) => (x.entries > a.entries ? x : a));
  const line = translate('charts.summary.heat', { count: total, days: h.days.length, when });
  return busiest.entries > 1 ? `${line} ${translate('charts.summary.heatBusiest', { day: dayLabel(busiest.day), count: formatInteger(busiest.entries) })}` : line;
}

export function domainsSummary(d: DomainBreakdown, when: string, w: ChartWords = appWords()): string {
  const top = d.items[0];
  if (!top) return w.t('charts.domains.empty', { when });
  return w.t('charts.summary.domains', { area: vocabulary(w.t).domain(top.domain), when, count: formatInteger(top.entries, w.locale), total: d.total, change: comparison(top.entries, top.previousEntries, undefined, w) });
}

export function peopleSummary(p: PeopleComparison, when: string, nameOf: (id: number) => string): string {
  const top = p.items[0];
  if (!top) return translate('charts.people.empty', { when });
  const balance = top.balance !== null ? translate('charts.summary.peopleBalance', { value: signed(top.balance) }) : '';
  return translate('charts.summary.people', { when, name: nameOf(top.personId), count: top.entries, balance });
}

/** "Check-ins in the last 90 days, felt heard on average: Jordan 3.5, Priya 4.0." */
export function checkInSummary(t: CheckInTrends, measure: CheckInMeasure, when: string, nameOf: (id: number) => string): string {
  const withAnswers = t.series.filter((s) => s.mean[measure] !== null);
  if (t.series.length === 0) return translate('charts.summary.checkinsNone', { when });
  const count = t.series.reduce((a, s) => a + s.count, 0);
  if (withAnswers.length === 0) return translate('charts.summary.checkinsUnanswered', { count, when, question: midSentence(CHECKIN_QUESTIONS[measure].short) });
  const parts = withAnswers.map((s) => translate('charts.summary.pair', { name: nameOf(s.personId), value: one(s.mean[measure]!) }));
  return translate('charts.summary.checkins', { count, when, question: CHECKIN_QUESTIONS[measure].short, parts: parts.join(', ') });
}

/** One person's check-ins: "4 check-ins in the last 12 weeks; on average: felt heard 3.5, …". */
export function personCheckInSummary(t: CheckInTrends, personId: number, when: string): string {
  const s = t.series.find((x) => x.personId === personId);
  if (!s) return translate('charts.summary.checkinsNone', { when });
  const parts = CHECKIN_MEASURES.filter((m) => s.mean[m] !== null).map((m) => translate('charts.summary.pair', { name: midSentence(CHECKIN_QUESTIONS[m].short), value: one(s.mean[m]!) }));
  return parts.length ? translate('charts.summary.personAverages', { count: s.count, when, parts: parts.join(', ') }) : translate('charts.summary.person', { count: s.count, when });
}

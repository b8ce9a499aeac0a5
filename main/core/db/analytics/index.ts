/**
 * Insights over time: SQL aggregations over the day index, returned as small
 * series the charts draw directly. Every function takes the database and explicit inputs (today, the
 * week start), so the same code serves the insights page, the therapist report and the tests.
 */
import type { InsightFilter, InsightsOverview, Bucket } from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { resolveScope, type Scope, type ScopeOptions } from './range.js';
import { balanceTrend, healthyShare, patternCounts, scoreTrends } from './series.js';
import { topPatterns } from './patterns.js';
import { domainBreakdown, heatMap, peopleComparison } from './breakdown.js';

export { firstEntryDay, resolveScope, type Scope, type ScopeOptions } from './range.js';
export { refreshRollups, invalidateRollups } from './rollups.js';
export { balanceTrend, healthyShare, patternCounts, scoreTrends, MOVING_WINDOW } from './series.js';
export { topPatterns, patternHistory } from './patterns.js';
export { domainBreakdown, heatMap, peopleComparison } from './breakdown.js';
export { checkInsDue, checkInTrends } from './checkins.js';
export { readSettings, updateSettings, weekStartSetting } from './settings.js';

export interface QueryInput {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: Bucket | undefined;
  filter: InsightFilter;
}

/** Everything the insights page draws, for one range and filter. */
export function overview(db: DB, s: Scope, topLimit = 10): InsightsOverview {
  return {
    patterns: patternCounts(db, s),
    balance: balanceTrend(db, s),
    scores: scoreTrends(db, s),
    healthyShare: healthyShare(db, s),
    topPatterns: topPatterns(db, s, topLimit),
    heatmap: heatMap(db, s),
    domains: domainBreakdown(db, s),
    people: peopleComparison(db, s),
    ahead: s.ahead,
  };
}

/** Resolves the scope and runs one aggregation inside a read transaction (one consistent snapshot). */
export function withScope<T>(db: DB, q: QueryInput, ctx: ScopeOptions, fn: (s: Scope) => T): T {
  return db.transaction(() => fn(resolveScope(db, q, ctx)))();
}
export { startInsightIndex, discardInsightIndex, readyIndex } from './memindex.js';

import type { HandlersFor, ServiceContext } from './types.js';
import {
  checkInsDue,
  checkInTrends,
  balanceTrend,
  domainBreakdown,
  healthyShare,
  heatMap,
  overview,
  patternCounts,
  patternHistory,
  peopleComparison,
  scoreTrends,
  startInsightIndex,
  topPatterns,
  weekStartSetting,
  withScope,
  type QueryInput,
  type Scope,
} from '../db/analytics/index.js';
import type { DB } from '../db/index.js';

import { localDay, systemTimeZone } from '../reminders/zone.js';

/** "Today" in the user's zone: as the renderer says, or from the clock in the computer's zone. */
export function todayFor(ctx: ServiceContext, today?: string): string {
  return today ?? localDay(ctx.ports.now(), systemTimeZone());
}

function scoped<T>(ctx: ServiceContext, q: QueryInput & { today?: string | undefined }, fn: (s: Scope, db: DB) => T): T {
  const db = ctx.vault.database();
  // The first insight of a session starts building the in-memory index in the background; until it
  // is ready, this and later calls are answered from SQL. The lock discards it. A read-only
  // connection (reads beside a long job, worker/reads.ts) lives only as long as that job: no index.
  if (!db.readonly) void startInsightIndex(db, ctx.vault.lockSignal);
  return withScope(db, q, { today: todayFor(ctx, q.today), weekStart: weekStartSetting(db) }, (s) => fn(s, db));
}

export const insightHandlers: HandlersFor<'insights'> = {
  'insights.overview': (q, ctx) => scoped(ctx, q, (s, db) => overview(db, s, q.limit)),
  'insights.patterns': (q, ctx) => scoped(ctx, q, (s, db) => patternCounts(db, s)),
  'insights.balance': (q, ctx) => scoped(ctx, q, (s, db) => balanceTrend(db, s)),
  'insights.scores': (q, ctx) => scoped(ctx, q, (s, db) => scoreTrends(db, s)),
  'insights.healthyShare': (q, ctx) => scoped(ctx, q, (s, db) => healthyShare(db, s)),
  'insights.topPatterns': (q, ctx) => scoped(ctx, q, (s, db) => topPatterns(db, s, q.limit)),
  'insights.patternHistory': (q, ctx) => scoped(ctx, q, (s, db) => patternHistory(db, s)),
  'insights.heatmap': (q, ctx) => scoped(ctx, q, (s, db) => heatMap(db, s)),
  'insights.domains': (q, ctx) => scoped(ctx, q, (s, db) => domainBreakdown(db, s)),
  'insights.people': (q, ctx) => scoped(ctx, q, (s, db) => peopleComparison(db, s)),
  'insights.checkinTrends': (q, ctx) => {
    const db = ctx.vault.database();
    return checkInTrends(db, q, todayFor(ctx, q.today), weekStartSetting(db));
  },
  'insights.checkinsDue': (q, ctx) => {
    const db = ctx.vault.database();
    return checkInsDue(db, todayFor(ctx, q.today), weekStartSetting(db));
  },
};

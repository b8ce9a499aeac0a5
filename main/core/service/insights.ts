import type { HandlersFor, ServiceContext } from './types.js';
import {
  checkInsDue,
  checkInTrends,
  firstEntryDay,
  balanceTrend,
  domainBreakdown,
  healthyShare,
  heatMap,
  overview,
  patternCounts,
  patternHistory,
  peopleComparison,
  scoreTrends,
  readyIndex,
  startInsightIndex,
  topPatterns,
  weekStartSetting,
  withScope,
  type QueryInput,
  type Scope,
} from '../db/analytics/index.js';
import type { DB } from '../db/index.js';
import { startLedgerNodes } from '../db/repos/index.js';

import { localDay, systemTimeZone } from '../reminders/zone.js';
import { DelayedRun } from '../jobs/delayed.js';
import { nextTurn } from '../jobs/cooperate.js';
import { addDays, daysBetween } from '../../../shared/insights.js';

/** "Today" in the user's zone: as the renderer says, or from the clock in the computer's zone. */
export function todayFor(ctx: ServiceContext, today?: string): string {
  return today ?? localDay(ctx.ports.now(), systemTimeZone());
}

function scoped<T>(ctx: ServiceContext, q: QueryInput & { today?: string | undefined }, fn: (s: Scope, db: DB) => T): T {
  const db = ctx.vault.database();
  // The index starts building a moment after the unlock (insightIndexAfterUnlock); an insight asked
  // for before that starts it at once. Until it is ready, this and later calls are answered from SQL. The lock discards it. A read-only
  // connection (reads beside a long job, worker/reads.ts) lives only as long as that job: no index.
  if (!db.readonly) void startInsightIndex(db, ctx.vault.lockSignal);
  return withScope(db, q, { today: todayFor(ctx, q.today), weekStart: weekStartSetting(db) }, (s) => fn(s, db));
}

/**
 * How long after an unlock's reply the in-memory insight index starts building: after the first
 * timeline page (which follows the reply at once), so neither waits for it. It then builds in slices
 * of a few milliseconds between calls (memindex.ts), and is usually ready a second or two later, so
 * the Insights page opened then is answered from it. Calls that come sooner are answered from SQL.
 */
export const INSIGHT_INDEX_DELAY_MS = 500;

/** The timer of the index build that an unlock schedules; the lock clears it (Session.released). */
export class InsightWarmup extends DelayedRun {}

/**
 * After an unlock: the index of the journal's connection starts building a moment later
 * (INSIGHT_INDEX_DELAY_MS), and once it is ready the in-memory copy of the ledger tree. Their memory
 * is their own (about 80 bytes an entry, and 32 bytes a revision); the lock's signal stops the
 * builds and discards them, and the lock clears the timer if it has not fired yet.
 */
export function insightIndexAfterUnlock(ctx: ServiceContext): void {
  ctx.insightWarmup.schedule(() => {
    if (!ctx.vault.unlocked) return;
    const db = ctx.vault.database();
    if (!db.open || db.readonly) return;
    // Its dirty-day triggers are made on the connection: never inside a job's open transaction (an
    // import's slice), whose rollback would take them away. It tries again a moment later.
    if (db.inTransaction) return insightIndexAfterUnlock(ctx);
    const signal = ctx.vault.lockSignal;
    // Then a few passes over it, then the ledger tree's copy, which a report's proofs read instead of the file.
    void startInsightIndex(db, signal)
      .then(() => warmInsightCode(db, todayFor(ctx), signal))
      .then(() => startLedgerNodes(db, signal));
  }, INSIGHT_INDEX_DELAY_MS);
}

/** Passes after the index build, newest span first. */
export const WARM_PASSES = 10;
/** Entries a pass covers at most (its span of days is sized to the journal's density): ~5–15 ms. */
export const WARM_ENTRIES = 10_000;

/**
 * The Insights page over each of the last WARM_PASSES spans of the journal (a year each at 27 entries a
 * day, a few weeks at ten times that, so that no pass holds the thread long), unfiltered and filtered
 * by one person, computed and thrown away, one span per turn of the thread. The page's code runs
 * slowly the first few times a thread runs it, before the JavaScript engine has compiled it for what
 * it does: the first Insights page after an unlock took 75–125 ms, the next ones 35–45. These passes
 * pay that in the background, so the page the person opens does not. The results are not kept (a
 * person's filter also leaves its days' selection cached, as any call does). Stops at a lock; skips a
 * turn while another job's transaction is open (and gives up after a few dozen turns of that).
 * Answers how many pages it computed.
 */
export async function warmInsightCode(db: DB, today: string, signal: AbortSignal): Promise<number> {
  const ix = readyIndex(db);
  if (!ix || ix.entries === 0) return 0;
  const weekStart = weekStartSetting(db);
  const first = firstEntryDay(db) ?? today;
  const perDay = ix.entries / Math.max(1, daysBetween(first, today) + 1);
  const span = Math.max(7, Math.min(365, Math.floor(WARM_ENTRIES / perDay)));
  const person = ix.people[0];
  const filters = person === undefined ? [{}] : [{}, { personIds: [person] }];
  let passes = 0;
  for (let pass = 0, turns = 0; pass < WARM_PASSES && turns < 4 * WARM_PASSES; turns++) {
    await nextTurn();
    if (signal.aborted || !db.open || readyIndex(db) !== ix) return passes;
    if (db.inTransaction) continue;
    const to = addDays(today, -span * pass);
    try {
      for (const filter of filters) {
        withScope(db, { from: addDays(to, 1 - span), to, filter }, { today, weekStart }, (s) => overview(db, s));
        passes++;
      }
    } catch {
      // Only a head start: whatever stops it (the journal closing under it) stops it quietly.
      return passes;
    }
    pass++;
  }
  return passes;
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

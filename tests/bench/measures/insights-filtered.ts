/**
 * Insights filtered by one person, one category and both (and unfiltered), all time, through the real
 * handlers: each call served by the in-memory index (memindex.ts), against the same calls on a second
 * handle of the same encrypted journal that never builds one (served from SQL, as before the index is
 * ready). Also the index build itself, and the longest time the event loop was held during it.
 */
import { performance } from 'node:perf_hooks';
import { CATEGORIES } from '../../../shared/catalogue.js';
import { insightCalls } from '../../../shared/api.js';
import { readyIndex, startInsightIndex } from '../../../main/core/db/analytics/index.js';
import { closeQuietly, openEncrypted, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeIt } from '../stats.js';
import { dispatcherOn, type SizeResult } from './common.js';

/** Insight calls that take a range and a filter (the check-in calls take neither). */
export const FILTERED_CHANNELS = Object.keys(insightCalls).filter((c) => !c.startsWith('insights.checkin'));
export const FILTERS = ['none', 'person', 'category', 'both'] as const;
export type FilterName = (typeof FILTERS)[number];

export async function measureInsightsFiltered(j: BenchJournal, reps: number): Promise<Record<string, SizeResult>> {
  const copy = workCopy(j, 'insights-filtered');
  const withIndex = openEncrypted(copy.dbFile, j.key);
  const sqlOnly = openEncrypted(copy.dbFile, j.key);
  const life = new AbortController();
  const out: Record<string, SizeResult> = {};
  try {
    const ix = dispatcherOn(withIndex, () => j.meta.now, life.signal);
    // An aborted lock signal: this handle never builds an index, every call is served from SQL.
    const sql = dispatcherOn(sqlOnly, () => j.meta.now, AbortSignal.abort());
    const input = { today: j.meta.lastDay };
    // Warm the rollups (as a journal in use has them) before timing the build.
    await sql.call('insights.overview', input);

    let longest = 0;
    let last = performance.now();
    let watching = true;
    const watch = () => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      if (watching) setImmediate(watch);
    };
    const t0 = performance.now();
    const build = startInsightIndex(withIndex, life.signal);
    setImmediate(watch);
    const built = await build;
    const buildMs = performance.now() - t0;
    watching = false;
    if (!built || !readyIndex(withIndex)) throw new Error('the insight index did not build');
    // arrayMB: what the index's typed arrays hold (the objects around them add a little).
    out['build'] = { value: summarise([buildMs]), extra: { entries: built.entries, longestEventLoopBlockMs: Math.round(longest * 10) / 10, arrayMB: Math.round(built.bytes / 1e5) / 10 } };

    const filters: Record<FilterName, object> = {
      none: {},
      person: { personIds: [j.meta.personIds[0]] },
      category: { categories: [CATEGORIES[0]] },
      both: { personIds: [j.meta.personIds[0]], categories: [CATEGORIES[0]] },
    };
    for (const name of FILTERS) {
      const q = { ...input, filter: filters[name] };
      let slowest: SizeResult | null = null;
      let slowestChannel = '';
      for (const channel of FILTERED_CHANNELS) {
        await ix.call(channel, q);
        await sql.call(channel, q);
        const a: number[] = [];
        const b: number[] = [];
        for (let r = 0; r < reps; r++) {
          a.push(await timeIt(() => ix.call(channel, q)));
          b.push(await timeIt(() => sql.call(channel, q)));
        }
        const res: SizeResult = { value: summarise(a), baseline: summarise(b) };
        res.ratio = res.value.p50 / res.baseline!.p50;
        if (channel === 'insights.overview') out[`${name}:overview`] = res;
        else if (!slowest || res.value.p95 > slowest.value.p95) {
          slowest = res;
          slowestChannel = channel;
        }
      }
      if (slowest) out[`${name}:each`] = { ...slowest, extra: { slowest: slowestChannel } };
    }
    return out;
  } finally {
    life.abort();
    closeQuietly(withIndex);
    closeQuietly(sqlOnly);
  }
}

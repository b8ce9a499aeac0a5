/**
 * Insights filtered by one person, one category and both (and unfiltered), all time, through the real
 * handlers: each call served by the in-memory index (memindex.ts), against the same calls on a second
 * handle of the same encrypted journal that never builds one (served from SQL, as before the index is
 * ready). Also the first call of a session (it starts the build and is answered from SQL), the index
 * build itself and the longest time the event loop was held during it; with `plain`, the same calls
 * from SQL on the decrypted copy as well (extra: plainP50 / plainP95). Every index row also gives the
 * calls' CPU time (extra: cpuP50 / cpuP95), which a machine busy with other work does not inflate.
 */
import { performance } from 'node:perf_hooks';
import { CATEGORIES } from '../../../shared/catalogue.js';
import { insightCalls } from '../../../shared/api.js';
import { readyIndex, startInsightIndex } from '../../../main/core/db/analytics/index.js';
import { warmInsightCode } from '../../../main/core/service/insights.js';
import { closeQuietly, openEncrypted, openPlain, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeIt } from '../stats.js';
import { dispatcherOn, type SizeResult } from './common.js';

/** Insight calls that take a range and a filter (the check-in calls take neither). */
export const FILTERED_CHANNELS = Object.keys(insightCalls).filter((c) => !c.startsWith('insights.checkin'));
export const FILTERS = ['none', 'person', 'category', 'both'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface FilteredOptions {
  /**
   * Measure on a private copy (default). Without one the cached journal is opened as it is: insights
   * write nothing to it once its rollups are current (the cache's are), only TEMP objects that go with
   * the connection; at 1M a copy would be gigabytes.
   */
  copy?: boolean;
  /** Also time the calls from SQL on the plain (decrypted) copy. */
  plain?: boolean;
  /**
   * Which calls are also timed from SQL: every call (default), or only the whole page, once each
   * (at 1M a filtered page from SQL takes seconds; the index's side keeps `reps` samples).
   */
  baselines?: 'every' | 'page';
  /** Progress lines (each result as it is measured), for long runs. */
  log?: (line: string) => void;
}

export async function measureInsightsFiltered(j: BenchJournal, reps: number, opts: FilteredOptions = {}): Promise<Record<string, SizeResult>> {
  const files = opts.copy === false ? { dbFile: j.dbFile, plainFile: j.plainFile } : workCopy(j, 'insights-filtered');
  const withIndex = openEncrypted(files.dbFile, j.key);
  const sqlOnly = openEncrypted(files.dbFile, j.key);
  const plainDb = opts.plain ? openPlain(files.plainFile) : null;
  const life = new AbortController();
  const out: Record<string, SizeResult> = {};
  try {
    const ix = dispatcherOn(withIndex, () => j.meta.now, life.signal);
    // An aborted lock signal: this handle never builds an index, every call is served from SQL.
    const sql = dispatcherOn(sqlOnly, () => j.meta.now, AbortSignal.abort());
    const plain = plainDb ? dispatcherOn(plainDb, () => j.meta.now, AbortSignal.abort()) : null;
    const input = { today: j.meta.lastDay };
    const personOnly = { ...input, filter: { personIds: [j.meta.personIds[0]] } };
    // Warm the rollups (as a journal in use has them) before timing the build.
    await sql.call('insights.overview', input);
    await plain?.call('insights.overview', input);

    // The first call of a session on the index's handle: the whole page filtered by a person, answered
    // from SQL while it starts the build (which only runs once the call has replied).
    const firstSqlMs = await timeIt(() => sql.call('insights.overview', personOnly));
    const firstCpu = process.cpuUsage();
    const firstMs = await timeIt(() => ix.call('insights.overview', personOnly));
    const firstCpuMs = cpuMs(process.cpuUsage(firstCpu));
    const startedEarly = readyIndex(withIndex) !== null;
    out['first'] = { value: summarise([firstMs]), baseline: summarise([firstSqlMs]), extra: { indexReadyDuringCall: startedEarly, cpuP50: round(firstCpuMs), cpuP95: round(firstCpuMs) } };
    opts.log?.(`    first call (person-filtered page): ${round(firstMs)} ms (CPU ${round(firstCpuMs)} ms), SQL handle ${round(firstSqlMs)} ms`);

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
    // The build the first call started (the same promise); timed from here, after that call's reply.
    const build = startInsightIndex(withIndex, life.signal);
    setImmediate(watch);
    const built = await build;
    const buildMs = performance.now() - t0;
    watching = false;
    if (!built || !readyIndex(withIndex)) throw new Error('the insight index did not build');
    // arrayMB: what the index's typed arrays hold (the objects around them add a little).
    out['build'] = { value: summarise([buildMs]), extra: { entries: built.entries, longestEventLoopBlockMs: Math.round(longest * 10) / 10, arrayMB: Math.round(built.bytes / 1e5) / 10 } };
    opts.log?.(`    build: ${round(buildMs)} ms, ${built.entries} entries, longest block ${round(longest)} ms, ${Math.round(built.bytes / 1e5) / 10} MB`);
    // As the app follows every build: its passes over the index, one per turn (not timed).
    const warmed = await warmInsightCode(withIndex, input.today, life.signal);
    if (warmed === 0) throw new Error('the passes after the index build did not run');

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
        const every = opts.baselines !== 'page';
        // In 'page' mode the pages' SQL baselines are timed after every index sample (below).
        const baseline = every;
        await ix.call(channel, q);
        if (every) {
          await sql.call(channel, q);
          await plain?.call(channel, q);
        }
        const a: number[] = [];
        const b: number[] = [];
        const c: number[] = [];
        const cpu: number[] = [];
        for (let r = 0; r < reps; r++) {
          const before = process.cpuUsage();
          a.push(await timeIt(() => ix.call(channel, q)));
          cpu.push(cpuMs(process.cpuUsage(before)));
          if (!baseline) continue;
          b.push(await timeIt(() => sql.call(channel, q)));
          if (plain) c.push(await timeIt(() => plain.call(channel, q)));
        }
        const cpuSummary = summarise(cpu);
        const res: SizeResult = { value: summarise(a), extra: { cpuP50: round(cpuSummary.p50), cpuP95: round(cpuSummary.p95) } };
        if (b.length > 0) {
          res.baseline = summarise(b);
          res.ratio = res.value.p50 / res.baseline.p50;
        }
        if (c.length > 0) {
          const p = summarise(c);
          res.extra = { ...res.extra, plainP50: round(p.p50), plainP95: round(p.p95) };
        }
        opts.log?.(`    ${name} ${channel}: index p50 ${round(res.value.p50)} / p95 ${round(res.value.p95)} ms (CPU p50 ${round(cpuSummary.p50)} / p95 ${round(cpuSummary.p95)} ms)${res.baseline ? `, SQL ${round(res.baseline.p50)} ms` : ''}`);
        if (channel === 'insights.overview') out[`${name}:overview`] = res;
        else if (!slowest || res.value.p95 > slowest.value.p95) {
          slowest = res;
          slowestChannel = channel;
        }
      }
      if (slowest) out[`${name}:each`] = { ...slowest, extra: { slowest: slowestChannel, ...slowest.extra } };
    }
    if (opts.baselines === 'page') {
      for (const name of FILTERS) {
        const q = { ...input, filter: filters[name] };
        const res = out[`${name}:overview`]!;
        res.baseline = summarise([await timeIt(() => sql.call('insights.overview', q))]);
        res.ratio = res.value.p50 / res.baseline.p50;
        if (plain) {
          const p = await timeIt(() => plain.call('insights.overview', q));
          res.extra = { ...res.extra, plainP50: round(p), plainP95: round(p) };
        }
        opts.log?.(`    ${name} page from SQL: ${round(res.baseline.p50)} ms encrypted, ${String(res.extra?.plainP50 ?? '–')} ms plain`);
      }
    }
    return out;
  } finally {
    life.abort();
    closeQuietly(withIndex);
    closeQuietly(sqlOnly);
    closeQuietly(plainDb);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
/**
 * The process's CPU time (user + system) of a measured call, in ms. On a machine shared with other
 * work the wall-clock time includes waiting for a core; the CPU time is what the call itself cost.
 */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/**
 * Every insights aggregation over all time, through the real handlers. Baseline: the same calls (same
 * SQL) on the plain copy. The list is read from the contract, so a new insights call is measured too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { insightCalls } from '../../../shared/api.js';
import { startInsightIndex } from '../../../main/core/db/analytics/index.js';
import { closeQuietly, openEncrypted, openPlain, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeIt } from '../stats.js';
import { dispatcherOn, type SizeResult } from './common.js';

export const ANALYTICS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'main', 'core', 'db', 'analytics');
export const insightChannels = (): string[] => (fs.existsSync(ANALYTICS_DIR) ? Object.keys(insightCalls) : []);

/**
 * On a working copy (insights may refresh caches kept inside the journal). The first overview after
 * opening is timed on its own ("first"): cold statement and page caches, served from SQL while the
 * in-memory index builds; the other rows are timed once the index is ready.
 */
export async function measureInsights(j: BenchJournal, reps: number): Promise<Record<string, SizeResult>> {
  const copy = workCopy(j, 'insights');
  const enc = openEncrypted(copy.dbFile, j.key);
  const plain = openPlain(copy.plainFile);
  const out: Record<string, SizeResult> = {};
  try {
    const e = dispatcherOn(enc, () => j.meta.now);
    const p = dispatcherOn(plain, () => j.meta.now);
    // "All time": no `from`; today is the journal's last day.
    const input = { today: j.meta.lastDay };
    const channels = insightChannels();
    if (channels.length > 0) {
      const first = await timeIt(() => e.call('insights.overview', input));
      const firstPlain = await timeIt(() => p.call('insights.overview', input));
      out['first'] = { value: summarise([first]), baseline: summarise([firstPlain]), ratio: first / firstPlain };
      // The first call started the in-memory index in the background: time the calls once it serves them.
      await startInsightIndex(enc, e.ctx.vault.lockSignal);
      await startInsightIndex(plain, p.ctx.vault.lockSignal);
    }
    for (const channel of channels) {
      await e.call(channel, input);
      await p.call(channel, input);
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < reps; r++) {
        a.push(await timeIt(() => e.call(channel, input)));
        b.push(await timeIt(() => p.call(channel, input)));
      }
      const value = summarise(a);
      const baseline = summarise(b);
      out[channel] = { value, baseline, ratio: value.p50 / baseline.p50 };
    }
    return out;
  } finally {
    closeQuietly(enc);
    closeQuietly(plain);
  }
}

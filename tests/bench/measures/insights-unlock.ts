/**
 * The first insights call of a session, made a couple of seconds after the unlock (as a person who
 * unlocks, glances at the timeline and opens Insights): since the unlock starts the in-memory index's
 * build a moment after its reply (service/insights.ts), it is answered from the index. Beside it, in
 * the same run on the same journal: the same call made right after the unlock and the first timeline
 * page, before the build has started (answered from SQL, as every first call was before). Also the
 * unlock + first timeline page with the build scheduled (it must not wait for it), when the index was
 * ready, and the longest the event loop was held while it built.
 */
import { performance } from 'node:perf_hooks';
import { readyIndex } from '../../../main/core/db/analytics/index.js';
import { verifySinceLastCheck } from '../../../main/core/db/repos/revisions.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { benchService, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import { journalClock, type SizeResult } from './common.js';
import { keptAlive } from '../alive.js';

/** How long after the unlock's reply Insights is opened. */
export const OPENED_AFTER_MS = 2_000;

export async function measureInsightsAfterUnlock(j: BenchJournal, reps: number): Promise<{ first: SizeResult; unlock: SizeResult }> {
  const copy = workCopy(j, 'insights-unlock');
  const service = benchService(copy.dataDir, journalClock(j.meta.now));
  let backupDone: () => void = () => {};
  const backup = new Promise<void>((resolve) => (backupDone = resolve));
  Object.assign(service.ports, { log: (_level: string, message: string) => /automatic backup (made|failed)/.test(message) && backupDone() });
  const must = async (channel: string, input: unknown) => {
    const r = await service.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const person = { today: j.meta.lastDay, filter: { personIds: [j.meta.personIds[0]] } };
  const after: number[] = [];
  const rightAway: number[] = [];
  const unlockAndPage: number[] = [];
  const readyAt: number[] = [];
  const longestBlock: number[] = [];
  let fromIndex = 0;
  try {
    // Made once here, so neither runs beside the calls measured: the day's automatic backup (2 s after
    // the day's first unlock), and the history check after unlock's first full pass (later unlocks
    // check only the revisions since; the cached journal has never been checked).
    await must('vault.unlock', { passphrase: PASSPHRASE });
    await verifySinceLastCheck(service.vault.database(), j.meta.now);
    await keptAlive(backup);
    await must('vault.lock', {});
    for (let rep = 0; rep < reps; rep++) {
      // Right away: the first call comes before the build has started (from SQL).
      await must('vault.unlock', { passphrase: PASSPHRASE });
      await must('entries.search', { limit: 50 });
      let t0 = performance.now();
      await must('insights.overview', person);
      rightAway.push(performance.now() - t0);
      await must('vault.lock', {});

      // A couple of seconds later: the build scheduled by the unlock has run in its slices meanwhile.
      const u0 = performance.now();
      await must('vault.unlock', { passphrase: PASSPHRASE });
      await must('entries.search', { limit: 50 });
      unlockAndPage.push(performance.now() - u0);
      const db = service.vault.database();
      let longest = 0;
      let last = performance.now();
      let ready = false;
      await new Promise<void>((resolve) => {
        const watch = () => {
          const t = performance.now();
          longest = Math.max(longest, t - last);
          last = t;
          if (!ready && readyIndex(db)) {
            ready = true;
            readyAt.push(t - u0);
          }
          if (t - u0 >= OPENED_AFTER_MS) resolve();
          else setImmediate(watch);
        };
        setImmediate(watch);
      });
      longestBlock.push(longest);
      if (readyIndex(db)) fromIndex++;
      t0 = performance.now();
      await must('insights.overview', person);
      after.push(performance.now() - t0);
      await must('vault.lock', {});
    }
  } finally {
    service.safety.dispose();
    await service.dispatch('vault.lock', {});
    service.reminders.dispose();
  }
  const value = summarise(after);
  const baseline = summarise(rightAway);
  return {
    first: {
      value,
      baseline,
      ratio: value.p50 / baseline.p50,
      extra: {
        fromIndex: `${fromIndex}/${reps}`,
        indexReadyAfterUnlockMs: readyAt.length ? Math.round(summarise(readyAt).p50) : null,
        longestEventLoopBlockMs: Math.round(summarise(longestBlock).max),
      },
    },
    unlock: { value: summarise(unlockAndPage) },
  };
}

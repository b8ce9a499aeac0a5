/**
 * The ledger: checking the whole history chain, the check after unlock (only what was added since the
 * last clean check), and what keeping a revision adds to each save. The journal is brought to three
 * revisions per entry first (two more saves of each, through the same code a save runs; not timed).
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cooperate } from '../../../main/core/jobs/cooperate.js';
import { keepRevision, startLedgerNodes, usableLedgerNodes, verifyAll, verifySinceLastCheck } from '../../../main/core/db/repos/index.js';
import { buildEvidence } from '../../../main/core/report/evidence.js';
import { ReportConfig } from '../../../shared/report.js';
import { closeQuietly, openEncrypted, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeIt, timeSync } from '../stats.js';
import type { SizeResult } from './common.js';

/** CPU time (user + system, ms) of this process spent in `fn`: beside the wall-clock time, what a busy machine inflates less. */
async function cpuOf(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;
const load = () => round(os.loadavg()[0]!);

export async function measureLedger(
  j: BenchJournal,
  samples: number,
): Promise<{ full: SizeResult; incremental: SizeResult; save: SizeResult; proofs: SizeResult; proofsEntries: SizeResult }> {
  const copy = workCopy(j, 'ledger');
  const db = openEncrypted(copy.dbFile, j.key);
  try {
    const ids = db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
    let now = j.meta.now;
    for (let i = 0; i < ids.length; i += 2000) {
      db.transaction(() => {
        for (const id of ids.slice(i, i + 2000)) for (let k = 0; k < 2; k++) keepRevision(db, 'entry', id, ++now);
      })();
    }
    const revisions = db.prepare('SELECT count(*) FROM revisions').pluck().get() as number;
    // As the app leaves it once calls have been quiet (main/core/db/idle.ts): the log folded into the file.
    db.pragma('wal_checkpoint(TRUNCATE)');

    const full: number[] = [];
    const fullCpu: number[] = [];
    const loadAtFull = load();
    // Paused as the app pauses it (main/core/jobs/cooperate.ts); the event loop's longest delay is how
    // long another call could have waited behind the check.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    for (let s = 0; s < samples; s++) {
      fullCpu.push(
        await cpuOf(async () =>
          full.push(
            await timeIt(async () => {
              loopDelay.enable();
              const check = await verifyAll(db, ++now, cooperate(new AbortController().signal));
              loopDelay.disable();
              if (!check.ok) throw new Error('the history check failed on an untouched journal');
            }),
          ),
        ),
      );
    }

    // A session's worth of saves between two unlocks, then the check that runs after the next unlock.
    const incremental: number[] = [];
    const incrementalCpu: number[] = [];
    const save: number[] = [];
    for (let s = 0; s < Math.max(samples, 10); s++) {
      db.transaction(() => {
        for (let k = 0; k < 20; k++) {
          const id = ids[(s * 20 + k) % ids.length]!;
          // Timed inside the save's transaction: what keeping the revision adds to a save (the commit is shared).
          save.push(timeSync(() => keepRevision(db, 'entry', id, ++now)));
        }
      })();
      incrementalCpu.push(
        await cpuOf(async () =>
          incremental.push(
            await timeIt(async () => {
              if (!(await verifySinceLastCheck(db, ++now)).ok) throw new Error('the history check failed on an untouched journal');
            }),
          ),
        ),
      );
    }
    // A report of 1,000 hand-picked entries spread over the journal: their fields, commitments and proofs.
    const live = db.prepare('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
    const picked = live.filter((_, i) => i % Math.max(1, Math.floor(live.length / 1000)) === 0).slice(0, 1000);
    const config = ReportConfig.parse({ range: { kind: 'dates', from: '1970-01-01', to: '2999-12-31' }, entries: { select: 'picked', pickedIds: picked, detail: 'full' } });
    // The same report twice: as the builder makes it by default (its check-in section proves every
    // check-in of the range, all time here), and with that section left out (the 1,000 entries alone).
    const timeProofs = async (cfg: typeof config) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      let checkins = 0;
      for (let s = 0; s < samples; s++) {
        cpu.push(
          await cpuOf(() =>
            wall.push(
              timeSync(() => {
                const evidence = buildEvidence(db, cfg, { today: '2999-12-31', now: ++now });
                if (evidence.entries.length !== picked.length) throw new Error('the report left out picked entries');
                checkins = evidence.checkins?.length ?? 0;
              }),
            ),
          ),
        );
      }
      return { wall, cpuMsP50: round(median(cpu)), checkins };
    };
    const entriesConfig = ReportConfig.parse({ ...config, sections: { ...config.sections, checkins: false } });
    // The proofs read the stored tree's nodes from the file until the connection's copy of it is
    // ready; the app reads that copy a moment after each unlock (service/insights.ts). Both ways.
    const fromFile = await timeProofs(entriesConfig);
    const copyStart = performance.now();
    const copyCpu = await cpuOf(() => startLedgerNodes(db, new AbortController().signal));
    const copyMs = performance.now() - copyStart;
    const copy = usableLedgerNodes(db);
    if (!copy) throw new Error('the copy of the ledger tree was not built');
    const withCheckins = await timeProofs(config);
    const entriesOnly = await timeProofs(entriesConfig);
    if (entriesOnly.checkins !== 0) throw new Error('the check-in section was left out, yet check-ins were proved');
    return {
      proofs: { value: summarise(withCheckins.wall), extra: { entries: picked.length, checkins: withCheckins.checkins, revisions: revisions + 20 * Math.max(samples, 10), cpuMsP50: withCheckins.cpuMsP50, load: load() } },
      proofsEntries: {
        value: summarise(entriesOnly.wall),
        extra: {
          entries: picked.length,
          checkins: 0,
          cpuMsP50: entriesOnly.cpuMsP50,
          fromFileP50: round(median(fromFile.wall)),
          fromFileMax: round(Math.max(...fromFile.wall)),
          treeCopyMs: round(copyMs),
          treeCopyCpuMs: round(copyCpu),
          treeCopyMB: round(copy.bytes / 1e6),
          load: load(),
        },
      },
      full: { value: summarise(full), extra: { revisions, cpuMsP50: round(median(fullCpu)), longestLoopDelayMs: round(loopDelay.max / 1e6), load: loadAtFull } },
      incremental: { value: summarise(incremental), extra: { newRevisions: 20, cpuMsP50: round(median(incrementalCpu)), load: load() } },
      save: { value: summarise(save) },
    };
  } finally {
    closeQuietly(db);
  }
}

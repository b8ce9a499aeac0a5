/**
 * Long work and the host: while the day's automatic backup of the whole journal, an import of 10k
 * entries (import.preview + import.commit) or a check of the whole history (ledger.verify) runs, how
 * long a timeline page, a search and a save wait for their answer, how long lock and quick exit take,
 * and how long the host's own event loop is held (perf_hooks.monitorEventLoopDelay). The backup and
 * the import are measured twice in the same run: with the core in the host's thread (createService, as
 * before) and with the core in its worker thread (startCore); the history check in the worker only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Reply } from '../../../shared/errors.js';
import type { Dialogs } from '../../../main/core/ports.js';
import { scriptedDialogs } from '../../helpers/ports.js';
import { AUTO_BACKUP_DELAY_MS } from '../../../main/core/service/portability.js';
import { writeExportFile } from '../../../main/core/portability/export/index.js';
import { startCore } from '../../../main/core/worker/client.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { generateJournal } from '../../generator/index.js';
import { benchService, WORK_ROOT, workCopy, type BenchJournal } from '../journals.js';
import { summarise, type Summary } from '../stats.js';
import { journalClock, type SizeResult } from './common.js';
import { keptAlive } from '../alive.js';
import { entryInput } from './workload.js';
import { searchQueries } from './search.js';

type Dispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;
export type HostMode = 'host-thread' | 'worker';
export type JobKind = 'backup' | 'import' | 'history';

interface Side {
  dispatch: Dispatch;
  close(): Promise<void>;
  /** Resolves at the next log line that matches (the automatic backup says when it is done). */
  nextLog(match: RegExp): Promise<string>;
}

function logWatch() {
  const waiting: { match: RegExp; resolve: (line: string) => void }[] = [];
  return {
    log: (_level: string, message: string) => {
      for (const w of waiting.filter((w) => w.match.test(message))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(message);
      }
    },
    nextLog: (match: RegExp) => new Promise<string>((resolve) => void waiting.push({ match, resolve })),
  };
}

/** The entries an import brings in (the brief's 10k-entry import). */
export const IMPORT_ENTRIES = 10_000;

async function openSide(mode: HostMode, j: BenchJournal, dataDir: string, dialogs: Dialogs): Promise<Side> {
  const watch = logWatch();
  if (mode === 'worker') {
    const core = await startCore({ dataDir, insecureTestKdf: true, ports: { log: watch.log, dialogs } });
    return { dispatch: core.dispatch, close: () => core.close(), nextLog: watch.nextLog };
  }
  const service = benchService(dataDir, journalClock(j.meta.now));
  Object.assign(service.ports, { dialogs, log: watch.log });
  return {
    nextLog: watch.nextLog,
    dispatch: service.dispatch,
    close: async () => {
      service.safety.dispose();
      await service.dispatch('vault.lock', {});
      service.reminders.dispose();
    },
  };
}

const must = async (p: Promise<Reply<unknown>>, what: string) => {
  const r = await p;
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/**
 * A JSON export of another generated journal of IMPORT_ENTRIES entries, text included, made once per
 * run (another journal, so the import finds nothing already there and writes every entry).
 */
let importFile: Promise<string> | null = null;
export function importFileOf(j: BenchJournal): Promise<string> {
  importFile ??= (async () => {
    const dataDir = path.join(WORK_ROOT, 'thread-import-src');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(WORK_ROOT, 'thread-import.json');
    const service = benchService(dataDir, () => j.meta.now);
    await service.vault.create(PASSPHRASE);
    await generateJournal({ seed: 4242, entries: IMPORT_ENTRIES, drafts: 0 }, service);
    await writeExportFile('json', { includeText: true, pseudonyms: {} }, { db: service.vault.database(), journalId: service.vault.journalId, now: j.meta.now }, file);
    service.reminders.dispose();
    service.vault.lock();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return file;
  })();
  return importFile;
}

/**
 * Starts the job; `ended` resolves with its reply. The backup is the day's automatic one, which the
 * unlock schedules AUTO_BACKUP_DELAY_MS after its reply: `startsIn` says when it begins.
 */
async function startJob(kind: JobKind, side: Side): Promise<{ ended: Promise<Reply<unknown>>; startsIn: number }> {
  if (kind === 'backup') {
    await must(side.dispatch('vault.unlock', { passphrase: PASSPHRASE }), 'unlock');
    // Watched from this unlock on: a line from an earlier backup stopped by the lock before it must not count.
    const made = side.nextLog(/automatic backup (made|failed)/);
    const ended = keptAlive(made).then((line): Reply<unknown> => (/made/.test(line) ? { ok: true, value: null } : { ok: false, error: { code: 'INTERNAL', message: line } }));
    return { ended, startsIn: AUTO_BACKUP_DELAY_MS };
  }
  if (kind === 'history') {
    // The day's automatic backup is left to finish first, so the check alone is measured.
    const backedUp = side.nextLog(/automatic backup (made|failed)/);
    await must(side.dispatch('vault.unlock', { passphrase: PASSPHRASE }), 'unlock');
    await keptAlive(backedUp);
    return { ended: side.dispatch('ledger.verify', {}), startsIn: 0 };
  }
  await must(side.dispatch('vault.unlock', { passphrase: PASSPHRASE }), 'unlock');
  const picked = (await must(side.dispatch('import.pick', {}), 'import.pick')) as { token: string };
  const ended = (async () => {
    const preview = await side.dispatch('import.preview', { source: { token: picked.token }, format: 'auto' });
    if (!preview.ok) return preview;
    return side.dispatch('import.commit', { importId: (preview.value as { importId: string }).importId });
  })();
  return { ended, startsIn: 0 };
}

function dialogsFor(file: string | null): Dialogs {
  return scriptedDialogs(Array.from({ length: 8 }, () => file));
}

export interface ThreadResult {
  /** Waits of the read probes (timeline, search) during the job; the saves' in `extra`. */
  waits: SizeResult;
  /** Lock (vault.lock) and quick exit latency during the job, from the moment each was due. */
  lock: SizeResult;
  /** The host's event-loop delay during the job (max per run). */
  loop: SizeResult;
  /** Waits of the saves (entries.create) interleaved with the read probes during the job. */
  saves: SizeResult;
}

/**
 * One mode, one job: `runs` runs with probe calls one after another for the whole job, then `runs`
 * runs where a lock (alternately vault.lock and session.quickExit) is asked for 150 ms into the job.
 */
export async function measureThread(j: BenchJournal, mode: HostMode, kind: JobKind, runs: number): Promise<ThreadResult> {
  const file = kind === 'import' ? await importFileOf(j) : null;
  const queries = searchQueries(j);
  const waits: number[] = [];
  const perRunMax: number[] = [];
  const loopMax: number[] = [];
  const loopP99: number[] = [];
  const lockTimes: number[] = [];
  const idleWaits: number[] = [];
  const idleSaves: number[] = [];
  const failures: string[] = [];
  const saveWaits: number[] = [];
  for (let run = 0; run < runs; run++) {
    const copy = workCopy(j, `thread-${mode}-${kind}`);
    let side = await openSide(mode, j, copy.dataDir, dialogsFor(file));
    try {
      const probes: [string, () => unknown][] = [
        ['entries.search', () => ({ limit: 50 })],
        ['entries.search', () => ({ filter: { text: queries[run % queries.length] }, limit: 50 })],
        ['entries.create', () => entryInput(j, 900_000 + run, 400)],
      ];
      // The same probes with nothing running: what the machine's load alone costs. (A journal opened
      // and locked again first, so the day's automatic backup is not yet made when the job starts.)
      await must(side.dispatch('vault.unlock', { passphrase: PASSPHRASE }), 'unlock');
      for (let i = 0; i < 9; i++) {
        const [channel, input] = probes[i % probes.length]!;
        const t0 = performance.now();
        await must(side.dispatch(channel, input()), channel);
        (channel === 'entries.create' ? idleSaves : idleWaits).push(performance.now() - t0);
      }
      await must(side.dispatch('vault.lock', {}), 'lock');
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      let done = false;
      const started = await startJob(kind, side);
      const job = started.ended.finally(() => (done = true));
      // Probes count from the moment the job begins.
      if (started.startsIn > 0) await new Promise((r) => setTimeout(r, started.startsIn));
      let maxWait = 0;
      for (let i = 0; !done; i++) {
        // Real calls arrive as I/O events (IPC, HTTP), not as one chain of promises: a turn of the
        // event loop between them, or on the host thread the job's timers would never get to run.
        await new Promise((r) => setImmediate(r));
        const [channel, input] = probes[i % probes.length]!;
        const t0 = performance.now();
        await side.dispatch(channel, input());
        const w = performance.now() - t0;
        // Reads (timeline, search) are the row; saves, which must wait for a job's writes, are said apart.
        if (channel === 'entries.create') saveWaits.push(w);
        else {
          waits.push(w);
          maxWait = Math.max(maxWait, w);
        }
      }
      const result = await job;
      loop.disable();
      // A job that did not finish is counted and said, not hidden: its waits still count.
      if (!result.ok) failures.push(result.error.message.slice(0, 80));
      perRunMax.push(maxWait);
      loopMax.push(loop.max / 1e6);
      loopP99.push(loop.percentile(99) / 1e6);

      // A lock 150 ms into the same job on a fresh copy, timed from the moment it was due.
      await must(side.dispatch('vault.lock', {}), 'lock');
      await side.close();
      const again = workCopy(j, `thread-${mode}-${kind}`);
      side = await openSide(mode, j, again.dataDir, dialogsFor(file));
      const lockChannel = run % 2 === 0 ? 'session.quickExit' : 'vault.lock';
      const second = await startJob(kind, side);
      const delay = second.startsIn + 150;
      const due = performance.now() + delay;
      const at = await new Promise<number>((resolve) => setTimeout(() => void side.dispatch(lockChannel, {}).then(() => resolve(performance.now())), delay));
      lockTimes.push(at - due);
      if (kind === 'import') await second.ended;
    } finally {
      await side.close();
    }
  }
  const idle = summarise(idleWaits);
  const value: Summary = summarise(waits);
  const saves = summarise(saveWaits);
  const idleSave = summarise(idleSaves);
  return {
    waits: { value, baseline: idle, ratio: value.p95 / idle.p95, extra: { calls: waits.length, longestPerRun: perRunMax.map((m) => Math.round(m)).join(', '), finished: `${runs - failures.length}/${runs}`, savesP50: summarise(saveWaits).p50, savesP95: summarise(saveWaits).p95, savesMax: summarise(saveWaits).max, ...(failures.length ? { failures: failures.join(' | ') } : {}) } },
    lock: { value: summarise(lockTimes) },
    loop: { value: summarise(loopMax), extra: { p99: summarise(loopP99).p50 } },
    saves: { value: saves, baseline: idleSave, ratio: saves.p95 / idleSave.p95, extra: { calls: saveWaits.length } },
  };
}

/**
 * Long jobs: how much memory an export and an import of the whole journal take at their peak (each in
 * a child process, see jobs-child.ts), and how long a quick exit takes to lock the journal while a
 * backup or an export is running.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeExportFile } from '../../../main/core/portability/export/index.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { benchService, WORK_ROOT, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import { childBundle, journalClock, type SizeResult } from './common.js';

interface ChildReport {
  beforeMB: number;
  peakMB: number;
  ms: number;
  entries: number;
}

function runChild(script: string, args: string[], nodeFlags: string[] = []): ChildReport {
  const out = execFileSync(process.execPath, [...nodeFlags, script, ...args], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
    maxBuffer: 1 << 20,
    // A capped run may die of its heap limit on purpose; its stack dump would only clutter the log.
    ...(nodeFlags.length > 0 ? { stdio: ['ignore', 'pipe', 'ignore'] as const } : {}),
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport;
}

const rssResult = (reports: ChildReport[], extra: Record<string, unknown> = {}): SizeResult => ({
  value: summarise(reports.map((r) => r.peakMB)),
  extra: {
    beforeMB: summarise(reports.map((r) => r.beforeMB)).p50,
    ms: summarise(reports.map((r) => r.ms)).p50,
    entries: reports[0]?.entries ?? 0,
    ...extra,
  },
});

/** Peak RSS of export.save (JSON, the whole journal, text included), in a child process. */
export async function measureExportRss(j: BenchJournal, runs: number): Promise<SizeResult> {
  const script = await childBundle('jobs-child');
  const copy = workCopy(j, 'export-rss');
  const out = path.join(WORK_ROOT, `${j.label}-export.json`);
  const reports: ChildReport[] = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(out, { force: true });
    reports.push(runChild(script, ['export', copy.dataDir, String(j.meta.now), out]));
  }
  const bytes = fs.statSync(out).size;
  fs.rmSync(out, { force: true });
  return rssResult(reports, { fileMB: bytes / 1e6 });
}

/** The V8 heap limit of the second, capped import run (see measureImportRss). */
const CAPPED_HEAP_MB = 256;

/**
 * Peak RSS of import.preview + import.commit of the whole journal into a new one, in a child process.
 * The file is this journal's JSON export without entry text: with text, a 100k-entry export is larger
 * than the import's 100 MB limit.
 *
 * V8 lets its heap grow well past what is alive when nothing limits it, so the peak alone does not
 * say whether the import holds the file's entries. One more run with the heap limited to
 * CAPPED_HEAP_MB says that: it finishes (`cappedPeakMB`) only if what the import keeps fits.
 */
export async function measureImportRss(j: BenchJournal, runs: number): Promise<SizeResult> {
  const script = await childBundle('jobs-child');
  const copy = workCopy(j, 'import-src');
  const file = path.join(WORK_ROOT, `${j.label}-import.json`);
  const service = benchService(copy.dataDir, () => j.meta.now);
  await service.vault.unlock({ passphrase: PASSPHRASE });
  await writeExportFile('json', { includeText: false, pseudonyms: {} }, { db: service.vault.database(), journalId: service.vault.journalId, now: j.meta.now }, file);
  service.reminders.dispose();
  service.vault.lock();
  const reports: ChildReport[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = path.join(WORK_ROOT, `${j.label}-import-${i}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    reports.push(runChild(script, ['import', dataDir, String(j.meta.now), file]));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const cappedDir = path.join(WORK_ROOT, `${j.label}-import-capped`);
  fs.rmSync(cappedDir, { recursive: true, force: true });
  let capped: number | string;
  try {
    capped = runChild(script, ['import', cappedDir, String(j.meta.now), file], [`--max-old-space-size=${CAPPED_HEAP_MB}`]).peakMB;
  } catch {
    capped = `out of memory with a ${CAPPED_HEAP_MB} MB heap`;
  }
  fs.rmSync(cappedDir, { recursive: true, force: true });
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  return rssResult(reports, { fileMB: bytes / 1e6, cappedPeakMB: capped });
}

/**
 * How long quick exit takes to lock while a job runs: the job is started, quick exit is asked for
 * 20–250 ms later (a timer, which itself fires only once the job lets the event loop run), and the
 * time from the moment it was due to its reply is recorded. Runs alternate between a backup and an
 * export of the whole journal.
 */
export async function measureLockDuringJobs(j: BenchJournal, runs: number): Promise<{ backup: SizeResult; export: SizeResult }> {
  const copy = workCopy(j, 'lock-latency');
  const service = benchService(copy.dataDir, journalClock(j.meta.now));
  const times = { backup: [] as number[], export: [] as number[] };
  const cancelled = { backup: 0, export: 0 };
  const idle: number[] = [];
  const quickExitAfter = (delay: number) =>
    new Promise<number>((resolve) => {
      setTimeout(() => void service.dispatch('session.quickExit', {}).then(() => resolve(performance.now())), delay);
    });
  try {
    for (let i = 0; i < runs * 2; i++) {
      const kind = i % 2 === 0 ? 'backup' : 'export';
      const unlocked = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
      if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.code}`);
      const delay = 20 + ((i * 47) % 230);
      const job = kind === 'backup' ? service.dispatch('backup.build', {}) : service.dispatch('export.build', { format: 'json' });
      const due = performance.now() + delay;
      const locked = quickExitAfter(delay);
      const reply = await job;
      const at = await locked;
      if (!reply.ok && reply.error.code === 'CANCELLED') cancelled[kind]++;
      times[kind].push(at - due);
      if (service.vault.unlocked) throw new Error('quick exit did not lock');

      // The baseline: the same quick exit with nothing running (what the machine's load alone costs).
      await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
      const idleDue = performance.now() + delay;
      idle.push((await quickExitAfter(delay)) - idleDue);
    }
  } finally {
    service.reminders.dispose();
    service.vault.lock();
  }
  const baseline = summarise(idle);
  const result = (t: number[], c: number): SizeResult => {
    const value = summarise(t);
    return { value, baseline, ratio: value.p50 / baseline.p50, extra: { cancelled: `${c}/${t.length}` } };
  };
  return { backup: result(times.backup, cancelled.backup), export: result(times.export, cancelled.export) };
}

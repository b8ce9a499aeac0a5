/**
 * `npm run bench`: measures Fulcrum on synthetic journals of 1k, 10k and 100k entries, each
 * against a baseline run in the same process on the same data, and prints one table (also written to
 * bench-results/bench.json and bench-results/bench.md).
 *
 *   npm run bench                         all sizes, all measures
 *   npm run bench -- --sizes 1k,10k       smaller journals only (while developing)
 *   npm run bench -- --only search,insert  some measures only
 *   npm run bench -- --rebuild            regenerate the cached journals
 *   npm run bench -- --sizes 1M --only insights-1m   insights at a million entries (bulk-written journal)
 *   npm run bench -- --attachments-gb 2   the attach-journal rows on the largest journal with 2 GB of
 *                                         seeded attachments (default 1; generated once, then cached)
 *
 * Targets are judged at the largest size run. Times are wall-clock milliseconds on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cryptoVersions } from '../../main/core/db/index.js';
import { closeQuietly, openEncrypted, prepareAttachedJournal, prepareJournal, sizeLabel, WORK_ROOT, type BenchJournal } from './journals.js';
import type { SizeResult } from './measures/common.js';
import { insightChannels, measureInsights } from './measures/insights.js';
import { FILTERS, measureInsightsFiltered } from './measures/insights-filtered.js';
import { measureInsightsAfterUnlock, OPENED_AFTER_MS } from './measures/insights-unlock.js';
import { measureInsert } from './measures/insert.js';
import { measureExportRss, measureImportRss, measureLockDuringJobs } from './measures/jobs.js';
import { measureKdf } from './measures/kdf.js';
import { measureAttachments, measureWithAttachments } from './measures/attachments.js';
import { measureAttachedJournal, measureBackupRss } from './measures/attachments-journal.js';
import { measureAttachWhole, measureThumbnailDraw } from './measures/attach-thumb.js';
import { measureLedger } from './measures/ledger.js';
import { measurePdf, reportAvailable } from './measures/pdf.js';
import { measureReportModel } from './measures/report.js';
import { measureRss } from './measures/rss.js';
import { ensureRenderer, measureScroll } from './measures/scroll.js';
import { measureSearch } from './measures/search.js';
import { measureThread, type HostMode, type JobKind } from './measures/thread.js';
import { measureUpload } from './measures/upload.js';
import { measureUnlock, measureUnlockWithPurge } from './measures/unlock.js';
import { measureWorkload } from './measures/workload.js';
import { formatTable, type RowDef, type RowResult } from './table.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const OUT_DIR = path.join(REPO, 'bench-results');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const parseSize = (s: string) => {
  const m = /^(\d+)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`not a journal size: ${s} (use e.g. 1k,10k,100k,1M)`);
  return Number(m[1]) * (m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1000 : 1_000_000);
};

const sizes = (arg('sizes') ?? '1k,10k,100k').split(',').map(parseSize).sort((a, b) => a - b);
const only = arg('only')?.split(',').map((s) => s.trim());
const wants = (id: string) => !only || only.some((o) => id === o || id.startsWith(`${o}:`) || id.startsWith(`${o}-`));
const log = (s: string) => process.stderr.write(`${s}\n`);
/** Gigabytes of attachments added to the largest journal for the attach-journal rows. */
const attachGb = Number(arg('attachments-gb') ?? '1');
if (!(attachGb > 0 && attachGb <= 64)) throw new Error(`--attachments-gb takes a number of gigabytes above 0 (at most 64), not ${arg('attachments-gb')}`);

const fmtChannel = (c: string) => c.replace(/^insights\./, '');

function rowDefs(): RowDef[] {
  const defs: RowDef[] = [
    {
      id: 'unlock',
      measure: 'Unlock beyond the KDF: open, pragmas, migrations check, housekeeping, first timeline page',
      target: 'p95 ≤ 300 ms',
      baseline: 'plain SQLite, same steps',
      judge: (r) => r.value.p95 <= 300,
    },
    {
      id: 'unlock-service',
      measure: 'Unlock through the service: vault.unlock (test KDF, ~1 ms) with all housekeeping, then the first screen',
      target: 'p95 ≤ 300 ms',
      judge: (r) => r.value.p95 <= 300,
    },
    {
      id: 'unlock-purge',
      measure: 'Unlock through the service with 1,000 entries in the trash past 30 days (purged later, in idle time), then the first screen',
      target: 'p95 ≤ 100 ms',
      judge: (r) => r.value.p95 <= 100,
    },
    {
      id: 'unlock-purge-idle',
      measure: 'The idle purge of those 1,000 entries, in batches (one sample; extra: the longest batch, what a call could wait for)',
      target: 'reference (each batch ≤ 50 ms)',
      judge: () => null,
    },
    {
      id: 'unlock-backup',
      measure: "The day's automatic backup, run a moment after the first unlock (in steps; calls are answered between them; one sample)",
      target: 'reference (≤ 300 ms would go unnoticed)',
      judge: () => null,
    },
    {
      id: 'search',
      measure: 'Full-text search, 31 queries: 20 realistic, 1- and 2-letter prefixes, Japanese and Thai, no match (first page of 50 with snippets and the count)',
      target: 'p95 ≤ 15 ms',
      baseline: 'LIKE scan, plain SQLite',
      judge: (r) => r.value.p95 <= 15,
    },
  ];
  if (insightChannels().length > 0) {
    defs.push({
      id: 'insights:first',
      measure: 'Insights: first overview after opening the journal (cold caches)',
      target: 'reference',
      baseline: 'plain SQLite',
      judge: () => null,
    });
  }
  for (const c of insightChannels()) {
    // The overview is not one aggregation but the whole insights page (eight of them) in one call.
    const page = c === 'insights.overview';
    defs.push({
      id: `insights:${c}`,
      measure: page ? 'Insights: overview — the whole insights page (8 charts) in one call, all time' : `Insights: ${fmtChannel(c)}, all time`,
      target: page ? 'reference (each chart ≤ 50 ms)' : 'p95 ≤ 50 ms',
      baseline: 'same SQL, plain SQLite',
      judge: (r) => (page ? null : r.value.p95 <= 50),
    });
  }
  if (insightChannels().length > 0) {
    defs.push({
      id: 'insights-index:first',
      measure: 'Insights: the first call of a session, the whole page filtered by one person, answered from SQL while it starts the index build',
      target: 'reference',
      baseline: 'same call, SQL on a handle that never builds the index',
      judge: () => null,
    });
    defs.push({
      id: 'insights-index:build',
      measure: 'Insights: building the in-memory index (in slices between calls; extra: longest event-loop block)',
      target: 'reference (off the request path)',
      judge: () => null,
    });
    const label = { none: 'unfiltered', person: 'filtered by one person', category: 'filtered by one category', both: 'filtered by one person and one category' };
    for (const f of FILTERS) {
      defs.push(
        {
          id: `insights-index:${f}:each`,
          measure: `Insights, all time, ${label[f]}: the slowest single insight call (extra: which), from the index`,
          target: 'p95 ≤ 20 ms',
          baseline: 'same call served from SQL (no index)',
          judge: (r) => r.value.p95 <= 20,
        },
        {
          id: `insights-index:${f}:overview`,
          measure: `Insights, all time, ${label[f]}: the whole insights page (overview call), from the index`,
          target: 'p95 ≤ 60 ms',
          baseline: 'same call served from SQL (no index)',
          judge: (r) => r.value.p95 <= 60,
        },
      );
    }
  }
  if (insightChannels().length > 0) {
    defs.push(
      {
        id: 'insights-unlock:first',
        measure: `Insights: the first call of a session, the whole page filtered by one person, ${OPENED_AFTER_MS / 1000} s after the unlock (the unlock starts the index build; extra: answered from the index, when it was ready, longest event-loop block meanwhile)`,
        target: 'from the index (each call ≤ 20 ms, page ≤ 60 ms)',
        baseline: 'the same first call right after the unlock and first timeline page, before the build starts (SQL)',
        judge: (r) => r.value.p95 <= 60,
      },
      {
        id: 'insights-unlock:unlock',
        measure: 'Unlock + first timeline page with the index build scheduled after it',
        target: 'reference (not delayed by the build)',
        judge: () => null,
      },
    );
  }
  if (insightChannels().length > 0) {
    const label = { none: 'unfiltered', person: 'filtered by one person', category: 'filtered by one category', both: 'filtered by one person and one category' };
    defs.push(
      {
        id: 'insights-1m:first',
        measure: 'Insights at 1M (bulk-written journal): the first call of a session, the whole page filtered by one person, answered from SQL while it starts the index build',
        target: 'reference',
        baseline: 'same call, SQL on a handle that never builds the index',
        judge: () => null,
      },
      {
        id: 'insights-1m:build',
        measure: 'Insights at 1M: building the in-memory index (in slices between calls; extra: longest event-loop block, array MB)',
        target: 'reference (off the request path)',
        judge: () => null,
      },
    );
    for (const f of FILTERS) {
      defs.push(
        {
          id: `insights-1m:${f}:each`,
          measure: `Insights at 1M, all time, ${label[f]}: the slowest single insight call (extra: which), ${f === 'none' ? 'from the per-day rollups (above 300k entries the index answers filtered calls only)' : 'from the index'}`,
          target: 'p95 ≤ 200 ms',
          judge: (r) => r.value.p95 <= 200,
        },
        {
          id: `insights-1m:${f}:overview`,
          measure: `Insights at 1M, all time, ${label[f]}: the whole insights page (overview call), ${f === 'none' ? 'from the per-day rollups' : 'from the index'} (extra: SQL on the plain copy, one sample)`,
          target: 'reference',
          baseline: 'same call served from SQL (no index), one sample',
          judge: () => null,
        },
      );
    }
  }
  if (insightChannels().length === 0) {
    defs.push({ id: 'insights', measure: 'Insights aggregations, all time', target: '≤ 50 ms each', baseline: 'same SQL, plain SQLite', judge: () => null });
  }
  defs.push(
    {
      id: 'workload',
      measure: 'Mixed read-write session, 300 operations (per-op times)',
      target: 'encrypted ÷ plain ≤ 1.25×',
      baseline: 'plain SQLite',
      ratioNote: 'total time',
      judge: (r) => (r.ratio ?? Infinity) <= 1.25,
    },
    {
      id: 'fsync',
      measure: 'One fsync: rewrite 4 KiB of a small file in the same folder',
      target: 'reference',
      judge: () => null,
    },
    {
      id: 'insert',
      measure: 'Durable insert of one entry with 3 patterns (entries.create, synchronous=FULL)',
      target: 'p95 ≤ fsync p95 + 2 ms; JSON store ≥ 100× slower',
      baseline: 'JSON file rewritten per write',
      judge: (r) => {
        const above = r.extra?.aboveFsyncP95 as number | undefined;
        return above !== undefined && above <= 2 && r.baseline !== undefined && r.baseline.p50 / r.value.p50 >= 100;
      },
    },
    {
      id: 'ledger-full',
      measure: 'History check of the whole chain, 3 revisions per entry (ledger.verify)',
      target: 'p95 ≤ 1 s',
      judge: (r) => r.value.p95 <= 1000,
    },
    {
      id: 'ledger-incremental',
      measure: 'History check after unlock: the 20 revisions added since the last check',
      target: 'p95 ≤ 50 ms',
      judge: (r) => r.value.p95 <= 50,
    },
    {
      id: 'ledger-save',
      measure: "Added to each save: hashing and keeping the revision (inside the save's transaction)",
      target: 'p95 ≤ 0.5 ms',
      judge: (r) => r.value.p95 <= 0.5,
    },
    {
      id: 'ledger-proofs',
      measure: 'Report proofs for 1,000 entries and the check-ins of its all-time range: fields, salted commitments and Merkle inclusion proofs (report.evidence), the tree read from its in-memory copy',
      target: 'p95 ≤ 200 ms',
      judge: (r) => r.value.p95 <= 200,
    },
    {
      id: 'ledger-proofs-entries',
      measure: 'Report proofs for the same 1,000 entries alone, the check-in section left out (report.evidence), the tree read from its in-memory copy (extras: the same read from the file, and the copy’s build)',
      target: 'p95 ≤ 200 ms',
      judge: (r) => r.value.p95 <= 200,
    },
    {
      id: 'report-model',
      measure: 'Report model in core for one year, flagged entries (report.build: the short default; baseline: every flagged entry in full)',
      target: 'p95 ≤ 100 ms',
      baseline: 'every flagged entry in full',
      judge: (r) => r.value.p95 <= 100,
    },
    {
      id: 'pdf',
      measure: 'Report PDF for one year (browser mode, page.pdf())',
      target: '≤ 2 s',
      judge: (r) => r.value.p95 <= 2000,
    },
    {
      id: 'rss',
      measure: 'Main-process RSS with the journal open (child process: unlock, timeline, 10 more pages)',
      target: '≤ 150 MB',
      unit: 'MB',
      judge: (r) => r.value.p95 <= 150,
    },
    {
      id: 'rss-reports',
      measure: 'Main-process RSS after unlock, the timeline, the whole Insights page and five one-year reports (report.build; child process; extra: peak)',
      target: '≤ 150 MB',
      unit: 'MB',
      judge: (r) => r.value.p95 <= 150 && ((r.extra?.peakMB as number | undefined) ?? Infinity) <= 150,
    },
    {
      id: 'jobs-lock-backup',
      measure: 'Quick exit while a backup of the whole journal runs: from the moment it is asked for to its reply (the backup stops)',
      target: 'p95 ≤ 100 ms',
      baseline: 'the same quick exit with nothing running',
      judge: (r) => r.value.p95 <= 100,
    },
    {
      id: 'jobs-lock-export',
      measure: 'Quick exit while a JSON export of the whole journal runs: from the moment it is asked for to its reply (the export stops)',
      target: 'p95 ≤ 100 ms',
      baseline: 'the same quick exit with nothing running',
      judge: (r) => r.value.p95 <= 100,
    },
    ...(['backup', 'import'] as JobKind[]).flatMap((kind): RowDef[] => {
      const job = kind === 'backup' ? "the day's automatic backup of the whole journal" : 'an import of 10k entries (preview + commit)';
      return (['host-thread', 'worker'] as HostMode[]).flatMap((mode): RowDef[] => {
        const where = mode === 'worker' ? 'core in its worker thread (now)' : 'core on the host thread (before)';
        return [
          {
            id: `thread-wait-${kind}-${mode}`,
            measure: `Wait of a timeline page and a search while ${job} runs (saves, interleaved, in the notes) — ${where}`,
            target: 'p95 ≤ 50 ms',
            baseline: 'the same calls with nothing running',
            judge: (r) => r.value.p95 <= 50,
          },
          {
            id: `thread-lock-${kind}-${mode}`,
            measure: `Lock / quick exit asked for 150 ms into ${job}, to its reply — ${where}`,
            target: 'p95 ≤ 100 ms',
            judge: (r) => r.value.p95 <= 100,
          },
          {
            id: `thread-loop-${kind}-${mode}`,
            measure: `The host's event loop: longest delay (monitorEventLoopDelay) while ${job} runs — ${where}`,
            target: '≤ 50 ms',
            judge: (r) => r.value.max <= 50,
          },
        ];
      });
    }),
    {
      id: 'thread-history-save',
      measure: 'Wait of a save (entries.create) while the person checks the whole history (ledger.verify), between timeline pages and searches (their waits in the notes)',
      target: 'p95 ≤ 50 ms',
      baseline: 'the same saves with nothing running',
      judge: (r) => r.value.p95 <= 50,
    },
    {
      id: 'thread-history-lock',
      measure: 'Lock / quick exit asked for 150 ms into a check of the whole history, to its reply',
      target: 'p95 ≤ 100 ms',
      judge: (r) => r.value.p95 <= 100,
    },
    {
      id: 'thread-upload',
      measure: "Browser mode: the host's longest event-loop delay while the 10k-entry import file (base64 in one call) is uploaded and previewed (core in its worker thread, the body handed to it as bytes; extra: body MB, preview time)",
      target: '≤ 50 ms',
      baseline: "the host-side steps of the old path on the same body, in one stretch (join, decode, JSON.parse, clone to the core's thread)",
      judge: (r) => r.value.max <= 50,
    },
    {
      id: 'jobs-rss-export',
      measure: 'Peak RSS of an export of the whole journal (child process: unlock, export.save as JSON, text included)',
      target: '≤ 300 MB',
      unit: 'MB',
      judge: (r) => r.value.max <= 300,
    },
    {
      id: 'jobs-rss-import',
      measure: "Peak RSS of an import of the whole journal into a new one (child process: import.preview + import.commit of its JSON export without text)",
      target: '≤ 300 MB',
      unit: 'MB',
      judge: (r) => r.value.max <= 300,
    },
    {
      id: 'scroll',
      measure: 'Timeline scroll in Chromium: requestAnimationFrame frame times while wheel-scrolling',
      target: 'p95 ≤ 20 ms',
      judge: (r) => r.value.p95 <= 20,
    },
    {
      id: 'kdf',
      measure: 'KDF: Argon2id with the parameters calibrated on this machine',
      target: '≈ 1 s (0.7–1.5 s)',
      once: true,
      judge: (r) => r.value.p50 >= 700 && r.value.p50 <= 1500,
    },
    {
      id: 'attach-write',
      measure: 'Attaching a 20 MB photo: type by content, EXIF, stripped shared copy, SHA-256, chunked encrypted write, then storing its 30 KB preview (5 runs; drawing the preview in the page not included)',
      target: 'p95 ≤ 1000 ms',
      baseline: 'plain SQLite, same calls',
      once: true,
      judge: (r) => r.value.p95 <= 1000,
    },
    {
      id: 'attach-draw',
      measure: "Drawing a 20 MP JPEG's preview in Chromium (drawThumbnail: the JPEG decoded at 1/8 by ImageDecoder, scaled to 320 px, encoded; 5 runs). Runs while the upload does, so attaching takes about the longer of this and attach-write",
      target: 'p95 ≤ 1000 ms (with attach-write running beside it)',
      baseline: 'the full decode it replaced (createImageBitmap of the whole photo), same page, alternating',
      once: true,
      judge: (r) => r.value.p95 <= 1000,
    },
    {
      id: 'attach-whole',
      measure: 'Attaching a 20 MP photo (14 MB JPEG) as the editor does: the core\'s upload and Chromium\'s preview drawing at once, then the preview stored; from the start to the stored preview (5 runs; extra: each half\'s p50)',
      target: 'p95 ≤ 1000 ms',
      once: true,
      judge: (r) => r.value.p95 <= 1000,
    },
    {
      id: 'attach-read',
      measure: "Reading a 20 MB attachment's original back (5 runs)",
      target: 'reference: encrypted ÷ plain ratio',
      baseline: 'plain SQLite, same calls',
      once: true,
      judge: () => null,
    },
    {
      id: 'attach-timeline',
      measure: 'Timeline first page, 2k entries with a 256 KB photo on every fifth (30 runs)',
      target: 'within 10 % of the same journal without attachments',
      baseline: 'the same entries, no attachments',
      once: true,
      judge: (r) => (r.ratio ?? Infinity) <= 1.1,
    },
    {
      id: 'attach-search',
      measure: 'Text search (first page), 2k entries with a 256 KB photo on every fifth (30 runs)',
      target: 'within 10 % of the same journal without attachments',
      baseline: 'the same entries, no attachments',
      once: true,
      judge: (r) => (r.ratio ?? Infinity) <= 1.1,
    },
    {
      id: 'attach-journal-timeline',
      measure: `Timeline first page with ${attachGb} GB of attachments (seeded photos, screenshots, voice notes) in the journal (p50 ratio)`,
      target: 'within 10 % of the same journal without attachments',
      baseline: 'the same journal without attachments (both encrypted, calls alternating)',
      judge: (r) => (r.ratio ?? Infinity) <= 1.1,
    },
    {
      id: 'attach-journal-search',
      measure: `Full-text search (the search row's queries) with ${attachGb} GB of attachments in the journal (p50 ratio)`,
      target: 'within 10 % of the same journal without attachments',
      baseline: 'the same journal without attachments (both encrypted, calls alternating)',
      judge: (r) => (r.ratio ?? Infinity) <= 1.1,
    },
    {
      id: 'attach-journal-insights',
      measure: `Every insight, all time, with ${attachGb} GB of attachments in the journal (ratio: the worst insight's p50 ratio; extra: each)`,
      target: 'each within 10 % of the same journal without attachments',
      baseline: 'the same journal without attachments (both encrypted, calls alternating)',
      judge: (r) => (r.ratio ?? Infinity) <= 1.1,
    },
    {
      id: 'attach-journal-thumbs',
      measure: 'Opening an entry with 20 photos: entries.get, attachments.list and the 20 stored thumbnails, one call after another (core side; decoding in the page not included)',
      target: 'p95 ≤ 200 ms',
      judge: (r) => r.value.p95 <= 200,
    },
    {
      id: 'attach-journal-backup-rss',
      measure: `Peak RSS of the day's automatic backup of the journal with ${attachGb} GB of attachments (child process: unlock, the backup; extra: its time and size)`,
      target: '≤ 300 MB',
      unit: 'MB',
      judge: (r) => r.value.max <= 300,
    },
    {
      id: 'attach-journal-backup-wait',
      measure: `Wait of a timeline page and a search while the automatic backup of the journal with ${attachGb} GB of attachments runs (core in its worker thread; extra: the same on the journal without files)`,
      target: 'p95 ≤ 50 ms',
      baseline: 'the same calls with nothing running',
      judge: (r) => r.value.p95 <= 50,
    },
    {
      id: 'attach-journal-backup-lock',
      measure: 'Lock / quick exit asked for 150 ms into that backup, to its reply (extra: the same on the journal without files)',
      target: 'p95 ≤ 100 ms',
      judge: (r) => r.value.p95 <= 100,
    },
    {
      id: 'attach-journal-backup-loop',
      measure: "The host's event loop during that backup: longest delay (monitorEventLoopDelay; extra: the same on the journal without files)",
      target: '≤ 50 ms',
      judge: (r) => r.value.max <= 50,
    },
  );
  return defs.filter((d) => wants(d.id));
}

async function measureSize(j: BenchJournal, results: Map<string, Record<string, SizeResult>>, staticDir: string | null): Promise<void> {
  const big = j.entries >= 50_000;
  const put = (id: string, r: SizeResult) => {
    const row = results.get(id) ?? {};
    row[j.label] = r;
    results.set(id, row);
  };
  const step = async (id: string, fn: () => Promise<void>) => {
    if (!wants(id)) return;
    // A bulk-written journal has no revision history and is only measured for insights (journals.ts).
    if (j.meta.bulk && id !== 'insights-1m') return;
    if (!j.meta.bulk && id === 'insights-1m') return;
    const t0 = performance.now();
    try {
      await fn();
    } catch (e) {
      put(id, { value: { n: 0, p50: NaN, p95: NaN, min: NaN, max: NaN, mean: NaN, total: NaN }, unavailable: `failed: ${(e as Error).message.split('\n')[0]}` });
      log(`  ${id} failed: ${(e as Error).stack ?? e}`);
    }
    log(`  ${j.label} ${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step('unlock', async () => {
    const r = await measureUnlock(j, 15);
    put('unlock', r.unlock);
    put('unlock-service', r.service);
    put('unlock-backup', r.backup);
  });
  await step('unlock-purge', async () => {
    const r = await measureUnlockWithPurge(j, big ? 3 : 5);
    put('unlock-purge', r.unlock);
    put('unlock-purge-idle', r.purge);
  });
  await step('search', async () => put('search', await measureSearch(j, 5, big ? 1 : 3)));
  if (insightChannels().length > 0) {
    await step('insights', async () => {
      for (const [c, r] of Object.entries(await measureInsights(j, big ? 5 : 9))) put(`insights:${c}`, r);
    });
  }
  if (insightChannels().length > 0) {
    await step('insights-index', async () => {
      for (const [c, r] of Object.entries(await measureInsightsFiltered(j, big ? 6 : 20))) put(`insights-index:${c}`, r);
    });
  }
  if (insightChannels().length > 0) {
    await step('insights-unlock', async () => {
      const r = await measureInsightsAfterUnlock(j, big ? 3 : 5);
      put('insights-unlock:first', r.first);
      put('insights-unlock:unlock', r.unlock);
    });
  }
  await step('insights-1m', async () => {
    // At 1M one filtered page from SQL takes seconds: SQL (encrypted and plain) once per page only.
    for (const [c, r] of Object.entries(await measureInsightsFiltered(j, 5, { copy: false, plain: true, baselines: 'page', log }))) put(`insights-1m:${c}`, r);
  });
  await step('workload', async () => put('workload', await measureWorkload(j, 300)));
  await step('insert', async () => {
    const r = await measureInsert(j, 150, j.entries >= 50_000 ? 4 : j.entries >= 5_000 ? 10 : 30);
    put('insert', r.insert);
    put('fsync', r.fsync);
  });
  if (!wants('insert') && wants('fsync')) {
    await step('fsync', async () => put('fsync', (await measureInsert(j, 50, 1)).fsync));
  }
  await step('ledger', async () => {
    const r = await measureLedger(j, big ? 3 : 5);
    put('ledger-full', r.full);
    put('ledger-incremental', r.incremental);
    put('ledger-save', r.save);
    put('ledger-proofs', r.proofs);
    put('ledger-proofs-entries', r.proofsEntries);
  });
  await step('report-model', async () => put('report-model', measureReportModel(j, big ? 5 : 15)));
  await step('pdf', async () => put('pdf', await measurePdf(j, staticDir)));
  await step('rss', async () => put('rss', await measureRss(j, 3)));
  await step('rss-reports', async () => put('rss-reports', await measureRss(j, 2, true)));
  await step('jobs-lock', async () => {
    const r = await measureLockDuringJobs(j, big ? 6 : 10);
    put('jobs-lock-backup', r.backup);
    put('jobs-lock-export', r.export);
  });
  for (const kind of ['backup', 'import'] as JobKind[]) {
    for (const mode of ['host-thread', 'worker'] as HostMode[]) {
      await step(`thread-${kind}-${mode}`, async () => {
        const r = await measureThread(j, mode, kind, big ? 2 : 3);
        put(`thread-wait-${kind}-${mode}`, r.waits);
        put(`thread-lock-${kind}-${mode}`, r.lock);
        put(`thread-loop-${kind}-${mode}`, r.loop);
      });
    }
  }
  await step('thread-history', async () => {
    const r = await measureThread(j, 'worker', 'history', big ? 2 : 3);
    put('thread-history-save', { ...r.saves, extra: { ...r.saves.extra, readsP95: r.waits.value.p95, longestLoopDelayMs: r.loop.value.max } });
    put('thread-history-lock', r.lock);
  });
  await step('thread-upload', async () => put('thread-upload', await measureUpload(j, big ? 2 : 3)));
  await step('jobs-rss-export', async () => put('jobs-rss-export', await measureExportRss(j, 1)));
  await step('jobs-rss-import', async () => put('jobs-rss-import', await measureImportRss(j, 1)));
  await step('scroll', async () => {
    if (!staticDir) throw new Error('the renderer could not be built');
    put('scroll', await measureScroll(j, { staticDir, readMs: 5000, flingMs: 4000 }));
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const labels = sizes.map(sizeLabel);
  log(`Fulcrum benchmark — journals: ${labels.join(', ')}`);
  const journals: BenchJournal[] = [];
  for (const n of sizes) journals.push(await prepareJournal(n, { rebuild: flag('rebuild'), log }));

  let staticDir: string | null = null;
  if (wants('scroll') || wants('pdf')) {
    try {
      staticDir = ensureRenderer(log);
    } catch (e) {
      log(`the renderer build failed: ${(e as Error).message}`);
    }
  }

  const results = new Map<string, Record<string, SizeResult>>();
  for (const j of journals) {
    log(`measuring the ${j.label} journal…`);
    await measureSize(j, results, staticDir);
  }
  if (wants('kdf')) {
    log('measuring the KDF (calibration + 3 derivations)…');
    results.set('kdf', { [labels.at(-1)!]: await measureKdf(3) });
  }
  // Each row can be asked for on its own (`--only attach-draw`); `--only attach` runs them all.
  if (wants('attach-write') || wants('attach-read')) {
    log('measuring attachments (20 MB photo, encrypted and plain)…');
    const att = await measureAttachments(5);
    if (wants('attach-write')) results.set('attach-write', { [labels.at(-1)!]: att.write });
    if (wants('attach-read')) results.set('attach-read', { [labels.at(-1)!]: att.read });
  }
  if (wants('attach-draw')) {
    log("measuring the page's preview drawing of a 20 MP photo in Chromium…");
    results.set('attach-draw', { [labels.at(-1)!]: await measureThumbnailDraw(5) });
  }
  if (wants('attach-whole')) {
    log('measuring a whole attach of a 20 MP photo (upload and preview at once)…');
    results.set('attach-whole', { [labels.at(-1)!]: await measureAttachWhole(5) });
  }
  if (wants('attach-timeline') || wants('attach-search')) {
    log('measuring the timeline and search with and without attachments…');
    const mixed = await measureWithAttachments();
    results.set('attach-timeline', { [labels.at(-1)!]: mixed.timeline });
    results.set('attach-search', { [labels.at(-1)!]: mixed.search });
  }
  const ATTACHED_ROWS = ['timeline', 'search', 'insights', 'thumbs'].map((r) => `attach-journal-${r}`);
  const BACKUP_ROWS = ['wait', 'lock', 'loop'].map((r) => `attach-journal-backup-${r}`);
  let attached: { label: string; files: number; bytes: number; addedMs: number; cacheKey: string } | null = null;
  if ([...ATTACHED_ROWS, ...BACKUP_ROWS, 'attach-journal-backup-rss'].some(wants)) {
    const base = journals.at(-1)!;
    const label = labels.at(-1)!;
    const withFiles = await prepareAttachedJournal(base, attachGb, { rebuild: flag('rebuild'), log });
    attached = { label: withFiles.label, files: withFiles.attachments.files, bytes: withFiles.attachments.bytes, addedMs: withFiles.attachments.addedMs, cacheKey: withFiles.meta.cacheKey };
    const timed = async (ids: string[], fn: () => Promise<void>) => {
      if (!ids.some(wants)) return;
      const id = ids.length === 1 ? ids[0]! : ids[0]!.replace(/-[a-z]+$/, '');
      const t0 = performance.now();
      try {
        await fn();
      } catch (e) {
        log(`  ${id} failed: ${(e as Error).stack ?? e}`);
      }
      log(`  ${withFiles.label} ${id}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    log(`measuring the ${withFiles.label} journal against the ${base.label} one…`);
    await timed(ATTACHED_ROWS, async () => {
      const r = await measureAttachedJournal(base, withFiles, base.entries >= 50_000 ? 5 : 9);
      results.set('attach-journal-timeline', { [label]: r.timeline });
      results.set('attach-journal-search', { [label]: r.search });
      results.set('attach-journal-insights', { [label]: r.insights });
      results.set('attach-journal-thumbs', { [label]: r.thumbs });
    });
    await timed(['attach-journal-backup-rss'], async () => void results.set('attach-journal-backup-rss', { [label]: await measureBackupRss(withFiles) }));
    await timed(BACKUP_ROWS, async () => {
      // The same run on the journal without files, one after the other, as the load's yardstick.
      const r = await measureThread(withFiles, 'worker', 'backup', 1);
      const b = await measureThread(base, 'worker', 'backup', 1);
      const without = (x: SizeResult) => ({ withoutFilesP50: x.value.p50, withoutFilesP95: x.value.p95, withoutFilesMax: x.value.max });
      results.set('attach-journal-backup-wait', { [label]: { ...r.waits, extra: { ...r.waits.extra, ...without(b.waits) } } });
      results.set('attach-journal-backup-lock', { [label]: { ...r.lock, extra: without(b.lock) } });
      results.set('attach-journal-backup-loop', { [label]: { ...r.loop, extra: { ...r.loop.extra, ...without(b.loop) } } });
    });
  }
  fs.rmSync(WORK_ROOT, { recursive: true, force: true });

  const defs = rowDefs();
  const rows: RowResult[] = defs.map((d) => ({ def: d, bySize: results.get(d.id) ?? {} }));
  if (wants('pdf') && !reportAvailable()) {
    const row = rows.find((r) => r.def.id === 'pdf');
    if (row && Object.keys(row.bySize).length === 0) row.unavailable = 'not yet available: main/core/report does not exist in this checkout';
  }
  const insightsRow = rows.find((r) => r.def.id === 'insights');
  if (insightsRow) insightsRow.unavailable = 'not yet available: main/core/db/analytics does not exist in this checkout';

  const durationMs = performance.now() - started;
  const probe = openEncrypted(journals[0]!.dbFile, journals[0]!.key);
  const versions = cryptoVersions(probe);
  closeQuietly(probe);
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1e9),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    ...versions,
    // Other work on the machine during the run (1-minute load average at the start and the end).
    loadAverage: [Number(loadBefore.toFixed(2)), Number(os.loadavg()[0]!.toFixed(2))],
  };
  const date = new Date().toISOString();
  const table = formatTable(rows, labels);
  const header =
    `Fulcrum benchmark, ${date.slice(0, 10)} — ${machine.cores} × ${machine.cpu}, Node ${machine.node}, SQLite ${machine.sqlite} ` +
    `(${machine.multipleCiphers}, cipher ${machine.cipher}). Values at ${labels.at(-1)} entries; ` +
    `growth is p50 at ${labels.join(' → ')}. Load average ${machine.loadAverage.join(' → ')} (other work on the machine). ` +
    `Total run time ${(durationMs / 60_000).toFixed(1)} min.`;
  process.stdout.write(`\n${header}\n\n${table}\n`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'bench.md'), `${header}\n\n${table}\n`);
  fs.writeFileSync(
    path.join(OUT_DIR, 'bench.json'),
    JSON.stringify(
      {
        date,
        durationMs: Math.round(durationMs),
        machine,
        journals: journals.map((j) => ({ label: j.label, entries: j.entries, cacheKey: j.meta.cacheKey, hash: j.meta.hash, generatedMs: j.meta.generatedMs, warmInsightsMs: j.meta.warmInsightsMs, people: j.meta.personIds.length, checkIns: j.meta.checkIns, trashed: j.meta.trashed })),
        attachedJournal: attached,
        rows: rows.map((r) => ({
          id: r.def.id,
          measure: r.def.measure,
          target: r.def.target,
          baseline: r.def.baseline ?? null,
          unit: r.def.unit ?? 'ms',
          pass: r.pass ?? null,
          unavailable: r.unavailable ?? null,
          bySize: r.bySize,
        })),
      },
      null,
      1,
    ),
  );
  log(`wrote ${path.relative(process.cwd(), path.join(OUT_DIR, 'bench.json'))} and bench.md`);
}

main().catch((e: unknown) => {
  fs.rmSync(WORK_ROOT, { recursive: true, force: true });
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

/**
 * The big journal with gigabytes of attachments (prepareAttachedJournal) against the same journal
 * without them, both encrypted, calls alternating between the two so the machine's load falls on
 * both alike: the timeline's first page, the search queries and every insight; then opening the entry
 * with 20 photos (the entry, its file list and the 20 thumbnails, what the entry page asks for), and
 * the day's automatic backup of the whole journal: its peak memory in a child process of its own.
 */
import { execFileSync } from 'node:child_process';
import { insightCalls } from '../../../shared/api.js';
import type { AttachmentMeta } from '../../../shared/attachments.js';
import { startInsightIndex } from '../../../main/core/db/analytics/index.js';
import { closeQuietly, openEncrypted, workCopy, type AttachedJournal, type BenchJournal } from '../journals.js';
import { summarise, timeIt } from '../stats.js';
import { childBundle, dispatcherOn, type SizeResult } from './common.js';
import { searchQueries } from './search.js';

export interface AttachedResults {
  timeline: SizeResult;
  search: SizeResult;
  insights: SizeResult;
  thumbs: SizeResult;
}

const paired = (a: number[], b: number[], extra: Record<string, unknown> = {}): SizeResult => {
  const value = summarise(a);
  const baseline = summarise(b);
  return { value, baseline, ratio: value.p50 / baseline.p50, extra };
};

export async function measureAttachedJournal(base: BenchJournal, withFiles: AttachedJournal, reps: number): Promise<AttachedResults> {
  // Working copies: insights may refresh caches kept inside the journal.
  const a = openEncrypted(workCopy(withFiles, 'attached').dbFile, withFiles.key);
  const b = openEncrypted(workCopy(base, 'unattached').dbFile, base.key);
  try {
    const A = dispatcherOn(a, () => base.meta.now);
    const B = dispatcherOn(b, () => base.meta.now);
    const both = async (channel: string, input: unknown, into: [number[], number[]], r: number) => {
      // Which side goes first alternates, so neither always meets a warmer cache.
      const order: [typeof A, number[]][] = r % 2 === 0 ? [[A, into[0]], [B, into[1]]] : [[B, into[1]], [A, into[0]]];
      for (const [side, samples] of order) samples.push(await timeIt(() => side.call(channel, input)));
    };

    const page = { limit: 50 };
    await A.call('entries.search', page);
    await B.call('entries.search', page);
    const timeline: [number[], number[]] = [[], []];
    for (let r = 0; r < reps * 6; r++) await both('entries.search', page, timeline, r);

    const search: [number[], number[]] = [[], []];
    const queries = searchQueries(base);
    for (let r = 0; r < reps; r++) for (const text of queries) await both('entries.search', { filter: { text }, limit: 50 }, search, r);

    // Every insight, all time, once the in-memory index serves them (as in the insights rows).
    const input = { today: base.meta.lastDay };
    const insights: [number[], number[]] = [[], []];
    const perChannel: Record<string, number> = {};
    const channels = Object.keys(insightCalls);
    if (channels.length > 0) {
      await A.call('insights.overview', input);
      await B.call('insights.overview', input);
      await startInsightIndex(a, A.ctx.vault.lockSignal);
      await startInsightIndex(b, B.ctx.vault.lockSignal);
    }
    for (const channel of channels) {
      const mine: [number[], number[]] = [[], []];
      await both(channel, input, mine, 0);
      mine[0].length = 0;
      mine[1].length = 0;
      for (let r = 0; r < reps; r++) await both(channel, input, mine, r);
      insights[0].push(...mine[0]);
      insights[1].push(...mine[1]);
      perChannel[channel.replace(/^insights\./, '')] = Math.round((summarise(mine[0]).p50 / summarise(mine[1]).p50) * 100) / 100;
    }
    const worst = Object.entries(perChannel).sort((x, y) => y[1] - x[1])[0];

    // Opening the entry with 20 photos: what the entry page asks for, one call after another.
    const id = withFiles.attachments.galleryEntryId;
    const thumbs: number[] = [];
    const open = async () => {
      await A.call('entries.get', { id });
      const list = await A.call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id } });
      for (const f of list) if (f.hasThumbnail) await A.call('attachments.bytes', { id: f.id, variant: 'thumbnail' });
      return list.filter((f) => f.hasThumbnail).length;
    };
    const shown = await open();
    for (let r = 0; r < reps * 6; r++) thumbs.push(await timeIt(open));

    return {
      timeline: paired(timeline[0], timeline[1]),
      search: paired(search[0], search[1], { queries: queries.length }),
      insights: { ...paired(insights[0], insights[1]), ...(worst ? { ratio: worst[1] } : {}), extra: { ratioIs: 'the worst insight (p50 ÷ p50)', worst: worst?.[0], perInsight: perChannel } },
      thumbs: { value: summarise(thumbs), extra: { thumbnails: shown } },
    };
  } finally {
    closeQuietly(a);
    closeQuietly(b);
  }
}

interface BackupReport {
  beforeMB: number;
  peakMB: number;
  ms: number;
  backupMB: number;
}

/** Peak RSS of the day's automatic backup of `j` (child process: unlock, the backup, nothing else). */
export async function measureBackupRss(j: BenchJournal): Promise<SizeResult> {
  const script = await childBundle('jobs-child');
  const copy = workCopy(j, 'backup-rss');
  const out = execFileSync(process.execPath, [script, 'backup', copy.dataDir, String(j.meta.now), '-'], { encoding: 'utf8', timeout: 30 * 60_000, maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as BackupReport;
  return { value: summarise([r.peakMB]), extra: { beforeMB: Math.round(r.beforeMB), backupMs: Math.round(r.ms), backupMB: Math.round(r.backupMB) } };
}

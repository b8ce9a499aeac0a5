/** Main-process memory with the journal open (and, `withReports`, after Insights and five reports), measured in a child process (see rss-child.ts). */
import { execFileSync } from 'node:child_process';
import { workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import { childBundle, type SizeResult } from './common.js';

interface ChildReport {
  beforeUnlockMB: number;
  openMB: number;
  heapMB: number;
  peakMB: number;
}

export async function measureRss(j: BenchJournal, runs: number, withReports = false): Promise<SizeResult> {
  const script = await childBundle('rss-child');
  const copy = workCopy(j, withReports ? 'rss-reports' : 'rss');
  const reports: ChildReport[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', script, copy.dataDir, String(j.meta.now), ...(withReports ? ['reports', j.meta.lastDay] : [])], { encoding: 'utf8', timeout: 600_000 });
    reports.push(JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
  }
  const value = summarise(reports.map((r) => r.openMB));
  return {
    value,
    extra: {
      beforeUnlockMB: summarise(reports.map((r) => r.beforeUnlockMB)).p50,
      peakMB: Math.max(...reports.map((r) => r.peakMB)),
      heapMB: summarise(reports.map((r) => r.heapMB)).p50,
    },
  };
}

/** Main-process memory with the journal open, measured in a child process (see rss-child.ts). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { CACHE_ROOT, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';

let bundled: Promise<string> | null = null;
function childBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(CACHE_ROOT, 'rss-child.mjs');
    await build({
      entryPoints: [path.resolve(import.meta.dirname, '..', 'rss-child.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundled;
}

interface ChildReport {
  beforeUnlockMB: number;
  openMB: number;
  heapMB: number;
  peakMB: number;
}

export async function measureRss(j: BenchJournal, runs: number): Promise<SizeResult> {
  const script = await childBundle();
  const copy = workCopy(j, 'rss');
  const reports: ChildReport[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', script, copy.dataDir, String(j.meta.now)], { encoding: 'utf8', timeout: 120_000 });
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

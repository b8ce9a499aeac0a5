/**
 * Child process for the peak-memory measures of long jobs: one export or one import through the real
 * service, then the process's peak resident set size. A process of its own, so the peak is this job's
 * and nothing the benchmark did before. Run bundled with plain `node` (see measures/jobs.ts).
 *
 *   jobs-child export <dataDir> <now> <out file>     export.save of the whole journal as JSON
 *   jobs-child import <dataDir> <now> <import file>  a new journal in <dataDir>, then import.preview + import.commit
 */
import { scriptedDialogs } from '../helpers/ports.js';
import { createService } from '../../main/core/service/index.js';
import { PASSPHRASE } from '../helpers/files.js';

const [mode, dataDir, nowText, file] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import') || !dataDir || !nowText || !file) {
  throw new Error('usage: jobs-child export|import <dataDir> <now> <file>');
}
const now = Number(nowText);
const mb = (bytes: number) => bytes / (1024 * 1024);

const service = createService({
  dataDir,
  insecureTestKdf: true,
  ports: { now: () => now, log: () => {}, dialogs: scriptedDialogs([file]) },
});
const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
  const reply = await service.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
};

if (mode === 'export') await call('vault.unlock', { passphrase: PASSPHRASE });
else await call('vault.create', { passphrase: PASSPHRASE });
const before = process.memoryUsage().rss;
const t0 = performance.now();
let entries = 0;
if (mode === 'export') {
  const saved = await call<{ saved: boolean; counts: { entries: number } }>('export.save', { format: 'json' });
  entries = saved.counts.entries;
} else {
  const picked = await call<{ token: string }>('import.pick');
  const preview = await call<{ importId: string }>('import.preview', { source: { token: picked.token }, format: 'auto' });
  const result = await call<{ imported?: { entries?: number }; entries?: number }>('import.commit', { importId: preview.importId });
  entries = result.imported?.entries ?? result.entries ?? 0;
}
const ms = performance.now() - t0;
service.reminders.dispose();
await call('vault.lock');
process.stdout.write(`${JSON.stringify({ beforeMB: mb(before), peakMB: process.resourceUsage().maxRSS / 1024, ms, entries })}\n`);

/**
 * Child process for the peak-memory measures of long jobs: one export or one import through the real
 * service, then the process's peak resident set size. A process of its own, so the peak is this job's
 * and nothing the benchmark did before. Run bundled with plain `node` (see measures/jobs.ts).
 *
 *   jobs-child export <dataDir> <now> <out file>     export.save of the whole journal as JSON
 *   jobs-child import <dataDir> <now> <import file>  a new journal in <dataDir>, then import.preview + import.commit
 *   jobs-child backup <dataDir> <now> -              unlock, then the day's automatic backup (run as the app runs it)
 */
import fs from 'node:fs';
import path from 'node:path';
import { scriptedDialogs } from '../helpers/ports.js';
import { createService } from '../../main/core/service/index.js';
import { PASSPHRASE } from '../helpers/files.js';
import { keptAlive } from './alive.js';

const [mode, dataDir, nowText, file] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import' && mode !== 'backup') || !dataDir || !nowText || !file) {
  throw new Error('usage: jobs-child export|import|backup <dataDir> <now> <file>');
}
const now = Number(nowText);
const mb = (bytes: number) => bytes / (1024 * 1024);

/** Resolves with the automatic backup's log line (made or failed). */
let backupDone: (line: string) => void = () => {};
const backupLogged = new Promise<string>((resolve) => (backupDone = resolve));
const service = createService({
  dataDir,
  insecureTestKdf: true,
  ports: { now: () => now, log: (_level, message) => void (/automatic backup (made|failed)/.test(message) && backupDone(message)), dialogs: scriptedDialogs([file]) },
});
const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
  const reply = await service.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
};

if (mode === 'export' || mode === 'backup') await call('vault.unlock', { passphrase: PASSPHRASE });
else await call('vault.create', { passphrase: PASSPHRASE });
const before = process.memoryUsage().rss;
const t0 = performance.now();
let entries = 0;
let backupMB = 0;
let backupMs: number | null = null;
if (mode === 'backup') {
  // The unlock scheduled it a moment after its reply; its own time is in its log line.
  const line = await keptAlive(backupLogged);
  if (!/made/.test(line)) throw new Error(line);
  backupMs = Number(/made in (\d+) ms/.exec(line)?.[1] ?? NaN);
  const dir = path.join(dataDir, 'backups');
  backupMB = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / (1024 * 1024);
} else if (mode === 'export') {
  const saved = await call<{ saved: boolean; counts: { entries: number } }>('export.save', { format: 'json' });
  entries = saved.counts.entries;
} else {
  const picked = await call<{ token: string }>('import.pick');
  const preview = await call<{ importId: string }>('import.preview', { source: { token: picked.token }, format: 'auto' });
  const result = await call<{ imported?: { entries?: number }; entries?: number }>('import.commit', { importId: preview.importId });
  entries = result.imported?.entries ?? result.entries ?? 0;
}
const ms = backupMs ?? performance.now() - t0;
service.reminders.dispose();
await call('vault.lock');
process.stdout.write(`${JSON.stringify({ beforeMB: mb(before), peakMB: process.resourceUsage().maxRSS / 1024, ms, entries, backupMB })}\n`);

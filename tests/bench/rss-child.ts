/**
 * Child process for the memory measure: unlocks a journal through the real service and opens the
 * timeline (first screens, then ten more pages as if scrolled), then reports its resident set size.
 * With `reports` as the third argument it then also opens Insights (the whole page) and builds five
 * one-year reports, as a session before a therapy appointment might.
 * Run bundled with plain `node --expose-gc` (as the app's main process is bundled), not through tsx.
 */
import { createService } from '../../main/core/service/index.js';
import { PASSPHRASE } from '../helpers/files.js';
import type { SearchPage } from '../../shared/schemas.js';

const [dataDir, nowText, mode, today] = process.argv.slice(2);
if (!dataDir || !nowText) throw new Error('usage: rss-child <dataDir> <now>');
const now = Number(nowText);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const settle = async () => {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
};
const mb = (bytes: number) => bytes / (1024 * 1024);

const service = createService({ dataDir, insecureTestKdf: true, ports: { now: () => now, log: () => {} } });
const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
  const reply = await service.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}`);
  return reply.value as T;
};
await settle();
const before = process.memoryUsage().rss;
await call('vault.unlock', { passphrase: PASSPHRASE });
await call('people.list', { includeArchived: true });
await call('tags.list', { includeArchived: true });
await call('drafts.list');
let page = await call<SearchPage>('entries.search', { limit: 50 });
for (let i = 0; i < 10 && page.nextCursor; i++) page = await call<SearchPage>('entries.search', { cursor: page.nextCursor, limit: 50 });
if (mode === 'reports') {
  await call('insights.overview', { today });
  for (let i = 0; i < 5; i++) await call('report.build', { config: { range: { kind: 'last', days: 365 } }, today });
}
await settle();
const open = process.memoryUsage().rss;
const heap = process.memoryUsage().heapUsed;
service.reminders.dispose();
await call('vault.lock');
process.stdout.write(
  `${JSON.stringify({ beforeUnlockMB: mb(before), openMB: mb(open), heapMB: mb(heap), peakMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);

import { performance } from 'node:perf_hooks';
import { searchEntries } from '../../main/core/db/repos/index.js';
import { benchService } from './journals.js';
import { PASSPHRASE } from '../helpers/files.js';
const s = benchService(process.env.DIR ?? '/tmp/perfx/journal', () => Date.UTC(2026, 5, 1));
const t0 = performance.now();
await s.vault.unlock({ passphrase: PASSPHRASE });
console.log('unlock+migrate ms', performance.now() - t0);
const db = s.vault.database();
for (const q of process.argv.slice(2)) {
  const times: number[] = [];
  let n = 0, total;
  for (let i = 0; i < 7; i++) {
    const st = performance.now();
    const r = searchEntries(db, { filter: { text: q }, cursor: null, limit: 50 }, { trash: false });
    times.push(performance.now() - st);
    n = r.items.length; total = r.total;
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify(q), 'items', n, 'total', total, 'min', times[0]!.toFixed(1), 'med', times[3]!.toFixed(1), 'max', times[6]!.toFixed(1));
}
s.vault.lock();

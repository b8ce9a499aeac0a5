import { performance } from 'node:perf_hooks';
import { buildSearchQuery } from '../../main/core/db/repos/index.js';
import { benchService } from './journals.js';
import { PASSPHRASE } from '../helpers/files.js';
const s = benchService('/tmp/perfx/journal', () => Date.UTC(2026, 5, 1));
await s.vault.unlock({ passphrase: PASSPHRASE });
const db = s.vault.database();
const t = (label: string, f: () => unknown) => { const ts: number[] = []; let r; for (let i = 0; i < 5; i++) { const a = performance.now(); r = f(); ts.push(performance.now() - a); } ts.sort((a, b) => a - b); console.log(label, 'min', ts[0]!.toFixed(1), 'med', ts[2]!.toFixed(1), JSON.stringify(r).slice(0, 80)); };
for (const q of ['a', 'mo', 'money']) {
  const sq = buildSearchQuery({ text: q }, null, 50, false);
  const { limit, ...cp } = sq.params; void limit;
  t(`${q} count`, () => db.prepare(sq.countSql).pluck().get(cp));
  t(`${q} count noplus`, () => db.prepare(sq.countSql.replace('+e.id IN', 'e.id IN')).pluck().get(cp));
  t(`${q} count join`, () => db.prepare('SELECT count(*) FROM entries_fts f JOIN entries e ON e.id = f.rowid WHERE entries_fts MATCH @match AND e.deleted_at IS NULL').pluck().get({ match: sq.match }));
  t(`${q} count minus trash`, () => db.prepare('SELECT count(*) FROM entries_fts f WHERE entries_fts MATCH @match AND f.rowid NOT IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL)').pluck().get({ match: sq.match }));
}
s.vault.lock();

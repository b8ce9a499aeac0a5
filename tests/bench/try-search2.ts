import { performance } from 'node:perf_hooks';
import { buildSearchQuery } from '../../main/core/db/repos/index.js';
import { benchService } from './journals.js';
import { PASSPHRASE } from '../helpers/files.js';
const s = benchService('/tmp/perfx/journal', () => Date.UTC(2026, 5, 1));
await s.vault.unlock({ passphrase: PASSPHRASE });
const db = s.vault.database();
const t = (label: string, f: () => unknown) => { const ts: number[] = []; let r; for (let i = 0; i < 5; i++) { const a = performance.now(); r = f(); ts.push(performance.now() - a); } ts.sort((a, b) => a - b); console.log(label, 'min', ts[0]!.toFixed(1), 'med', ts[2]!.toFixed(1), JSON.stringify(r).slice(0, 60)); };
for (const q of ['a', 'm', 'mo']) {
  const sq = buildSearchQuery({ text: q }, null, 50, false);
  t(`${q} page`, () => db.prepare(sq.sql).all(sq.params).length);
  const { limit, ...cp } = sq.params; void limit;
  t(`${q} count`, () => db.prepare(sq.countSql).pluck().get(cp));
  t(`${q} fts count`, () => db.prepare('SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?').pluck().get(sq.match));
  t(`${q} capped count`, () => db.prepare(`SELECT count(*) FROM (${sq.countSql.replace('count(*)', '1')} LIMIT 1000)`).pluck().get(cp));
}
if (process.env.PREFIX) {
  const a = performance.now();
  db.exec(`CREATE VIRTUAL TABLE fts_p USING fts5(title, body, content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2'); INSERT INTO fts_p(fts_p) VALUES ('rebuild');`);
  console.log('rebuild ms', performance.now() - a);
  for (const q of ['"a"*', '"m"*', '"mo"*', '"mon"*']) t(`prefix-index ${q} ids`, () => db.prepare('SELECT count(*) FROM fts_p WHERE fts_p MATCH ?').pluck().get(q));
}
s.vault.lock();

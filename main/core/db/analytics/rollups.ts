/**
 * Keeps the per-day rollups (migration 4) in step with the journal: triggers mark changed days in
 * `rollup_dirty`; before insights read the rollups, those days are recomputed here from the base
 * tables, in the caller's transaction. A normal session changes a day or two; the first call after a
 * migration or an import rebuilds every day once.
 */
import type { DB } from '../index.js';
import { prepared } from './sql.js';

/** Live entries on the dirty days, through the day index. */
const DIRTY = 'rollup_dirty d CROSS JOIN entries e INDEXED BY entries_live_day ON e.day = d.day AND e.deleted_at IS NULL';
const TAGS = `${DIRTY} CROSS JOIN entry_tags et ON et.entry_id = e.id CROSS JOIN tags t ON t.id = et.tag_id`;
const shows = (polarity: string) =>
  `EXISTS (SELECT 1 FROM entry_tags xt JOIN tags xg ON xg.id = xt.tag_id WHERE xt.entry_id = e.id AND xg.polarity = '${polarity}')`;
const measures = (['balance', 'heard', 'respected', 'valued', 'involved'] as const)
  .map((c) => `count(e.${c}), coalesce(sum(e.${c}), 0)`)
  .join(', ');

const TABLES = ['rollup_day', 'rollup_kind', 'rollup_polarity', 'rollup_tag', 'rollup_person', 'rollup_domain'];

const REBUILD = [
  `INSERT INTO rollup_day
   SELECT m.*, coalesce(g.th, 0), coalesce(g.ti, 0) FROM (
     SELECT e.day, count(*), ${measures}, count(e.intensity), coalesce(sum(e.intensity), 0) FROM ${DIRTY} GROUP BY e.day
   ) m LEFT JOIN (
     SELECT e.day AS day, sum(t.polarity = 'healthy') AS th, sum(t.polarity = 'imbalance') AS ti FROM ${TAGS} GROUP BY e.day
   ) g ON g.day = m.day`,
  `INSERT INTO rollup_kind SELECT e.day, t.polarity, t.category, count(DISTINCT e.id) FROM ${TAGS} GROUP BY 1, 2, 3`,
  `INSERT INTO rollup_polarity SELECT e.day, t.polarity, count(DISTINCT e.id) FROM ${TAGS} GROUP BY 1, 2`,
  `INSERT INTO rollup_tag SELECT et.tag_id, e.day, count(*) FROM ${TAGS} GROUP BY 1, 2`,
  `INSERT INTO rollup_person
   SELECT e.day, ep.person_id, count(*), ${measures}, sum(${shows('imbalance')}), sum(${shows('healthy')})
   FROM ${DIRTY} CROSS JOIN entry_people ep ON ep.entry_id = e.id GROUP BY 1, 2`,
  `INSERT INTO rollup_domain
   SELECT e.day, ed.domain, count(*), sum(${shows('imbalance')}), sum(${shows('healthy')})
   FROM ${DIRTY} CROSS JOIN entry_domains ed ON ed.entry_id = e.id GROUP BY 1, 2`,
];

/** Recomputes the rollups of every day marked dirty. Returns how many days it recomputed. */
export function refreshRollups(db: DB): number {
  const dirty = prepared(db, 'SELECT count(*) FROM rollup_dirty').pluck().get() as number;
  if (dirty === 0) return 0;
  db.transaction(() => {
    for (const t of TABLES) prepared(db, `DELETE FROM ${t} WHERE day IN (SELECT day FROM rollup_dirty)`).run();
    for (const sql of REBUILD) prepared(db, sql).run();
    prepared(db, 'DELETE FROM rollup_dirty').run();
  })();
  return dirty;
}

/** Are the rollups up to date (no day marked dirty)? */
export function rollupsCurrent(db: DB): boolean {
  return prepared(db, 'SELECT NOT EXISTS (SELECT 1 FROM rollup_dirty)').pluck().get() === 1;
}

/** Marks every day stale (tests; or to rebuild after restoring an old backup by hand). */
export function invalidateRollups(db: DB): void {
  prepared(db, 'INSERT OR IGNORE INTO rollup_dirty (day) SELECT day FROM entries UNION SELECT day FROM rollup_day').run();
}

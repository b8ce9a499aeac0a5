/** Calendar heat map, domain breakdown and the per-person comparison. */
import { DOMAINS, type Domain } from '../../../../shared/catalogue.js';
import type { DomainBreakdown, HeatMap, PeopleComparison, PersonMeasures } from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import type { Scope } from './range.js';
import { domainBreakdownIx, heatMapIx, peopleComparisonIx } from './indexed.js';
import { scopeParams } from './series.js';
import { domainCondition, entryConditions, personCondition, prepared, tagCondition, ENTRIES, ENTRY_PEOPLE, ENTRY_DOMAINS } from './sql.js';

/** Does entry `e` show an admitted pattern of this polarity? (primary-key lookups, per entry) */
const shows = (polarity: 'imbalance' | 'healthy', s: Scope) =>
  `EXISTS (SELECT 1 FROM entry_tags xt JOIN tags t ON t.id = xt.tag_id
           WHERE xt.entry_id = e.id AND t.polarity = '${polarity}' AND ${tagCondition(s.filter)})`;

export function heatMap(db: DB, s: Scope): HeatMap {
  if (!s.period) return { period: null, maxEntries: 0, days: [] };
  if (s.mem) return heatMapIx(s.mem, s);
  const days = prepared(
    db,
    s.rollups
      ? `SELECT day, n AS entries, CASE WHEN nx > 0 THEN CAST(sx AS REAL) / nx END AS meanIntensity
         FROM rollup_day WHERE day >= :from AND day <= :to ORDER BY day`
      : `SELECT e.day AS day, count(*) AS entries, avg(e.intensity) AS meanIntensity
         FROM ${ENTRIES} WHERE ${entryConditions(s.filter)} GROUP BY e.day ORDER BY e.day`,
  ).all(scopeParams(s)) as HeatMap['days'];
  return { period: s.period, maxEntries: days.reduce((m, d) => Math.max(m, d.entries), 0), days };
}

export function domainBreakdown(db: DB, s: Scope): DomainBreakdown {
  if (!s.period) return { period: null, previous: null, total: 0, items: [] };
  if (s.mem) return domainBreakdownIx(s.mem, s);
  const params = scopeParams(s);
  const current = (col: string) => `total(CASE WHEN day >= :from THEN ${col} END)`;
  const rows = prepared(
    db,
    s.rollups
      ? `SELECT domain, ${current('n')} AS entries, total(CASE WHEN day < :from THEN n END) AS previousEntries,
           ${current('imb')} AS imbalance, ${current('hea')} AS healthy
         FROM rollup_domain WHERE day >= :pfrom AND day <= :to GROUP BY 1`
      : `SELECT ed.domain AS domain, total(e.day >= :from) AS entries, total(e.day < :from) AS previousEntries,
           total(e.day >= :from AND ${shows('imbalance', s)}) AS imbalance,
           total(e.day >= :from AND ${shows('healthy', s)}) AS healthy
         FROM ${ENTRY_DOMAINS}
         WHERE ${entryConditions(s.filter, { from: ':pfrom' })} AND ${domainCondition(s.filter)}
         GROUP BY 1`,
  ).all(params) as DomainBreakdown['items'];
  const total = prepared(
    db,
    s.rollups
      ? 'SELECT coalesce(sum(n), 0) FROM rollup_day WHERE day >= :from AND day <= :to'
      : `SELECT count(*) FROM ${ENTRIES} WHERE ${entryConditions(s.filter)}`,
  )
    .pluck()
    .get(params) as number;
  const order = (d: Domain) => (DOMAINS as readonly string[]).indexOf(d);
  return {
    period: s.period,
    previous: s.previous,
    total,
    items: rows
      .filter((r) => r.entries > 0)
      .map((r) => ({ ...r, previousEntries: s.previous ? r.previousEntries : null }))
      .sort((a, b) => b.entries - a.entries || order(a.domain) - order(b.domain)),
  };
}

export function peopleComparison(db: DB, s: Scope): PeopleComparison {
  if (!s.period) return { period: null, items: [] };
  if (s.mem) return peopleComparisonIx(s.mem, s);
  const mean = (k: string) => `CASE WHEN sum(n${k}) > 0 THEN total(s${k}) / sum(n${k}) END`;
  const items = prepared(
    db,
    s.rollups
      ? `SELECT person_id AS personId, sum(n) AS entries, ${mean('b')} AS balance, ${mean('h')} AS heard,
           ${mean('r')} AS respected, ${mean('v')} AS valued, ${mean('i')} AS involved,
           sum(imb) AS imbalance, sum(hea) AS healthy
         FROM rollup_person WHERE day >= :from AND day <= :to
         GROUP BY 1 ORDER BY entries DESC, 1`
      : `SELECT ep.person_id AS personId, count(*) AS entries,
           avg(e.balance) AS balance, avg(e.heard) AS heard, avg(e.respected) AS respected,
           avg(e.valued) AS valued, avg(e.involved) AS involved,
           total(${shows('imbalance', s)}) AS imbalance, total(${shows('healthy', s)}) AS healthy
         FROM ${ENTRY_PEOPLE}
         WHERE ${entryConditions(s.filter)} AND ${personCondition(s.filter)}
         GROUP BY 1 ORDER BY entries DESC, 1`,
  ).all(scopeParams(s)) as PersonMeasures[];
  return { period: s.period, items };
}

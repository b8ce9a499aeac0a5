/**
 * A click on any bar, point or heat-map day opens the timeline filtered to exactly the entries the
 * chart counted: for random journals and queries, every non-zero number the insights show equals the
 * number of entries `entries.search` returns for `drillFilter(...)` of it — through the real API.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drillFilter, type DrillTarget, type InsightsOverview } from '../../shared/insights.js';
import type { EntryFilter, SearchPage, Tag } from '../../shared/schemas.js';
import { createdService } from '../helpers/journal.js';
import { journalArb, load, queryArb } from './analytics-helpers.js';

const RUNS = Number(process.env.FULCRUM_DRILL_RUNS ?? 100);

describe('chart drill-down', () => {
  it('opens exactly as many entries as the chart shows, for every series and bucket', async () => {
    const { service, call } = await createdService();
    const db = service.vault.database();
    const count = async (filter: EntryFilter) => {
      let n = 0;
      let cursor = null;
      do {
        const page: SearchPage = await call<SearchPage>('entries.search', { filter, cursor, limit: 500 });
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return n;
    };
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        journalArb.chain((j) => fc.tuple(fc.constant(j), queryArb(j))),
        async ([j, q]) => {
          load(db, j);
          await call('settings.update', { weekStart: q.weekStart });
          const tags = await call<Tag[]>('tags.list', { includeArchived: true });
          const { weekStart: _w, ...input } = q;
          const o = await call<InsightsOverview>('insights.overview', input);
          const f = q.filter;
          const checks: [number, DrillTarget][] = [];
          const buckets = o.patterns.axis.buckets;
          for (const s of o.patterns.series) s.values.forEach((v, i) => checks.push([v, { ...buckets[i]!, category: s.category, polarity: s.polarity }]));
          for (const s of o.patterns.byPolarity) s.values.forEach((v, i) => checks.push([v, { ...buckets[i]!, polarity: s.polarity }]));
          o.balance.overall.entries.forEach((v, i) => checks.push([v, { ...buckets[i]! }]));
          for (const s of o.balance.people) s.entries.forEach((v, i) => checks.push([v, { ...buckets[i]!, personId: s.personId! }]));
          o.scores.entries.forEach((v, i) => checks.push([v, { ...buckets[i]! }]));
          const period = o.patterns.axis.period;
          if (period) {
            for (const t of o.topPatterns.items) checks.push([t.count, { ...period, tagId: t.tagId }]);
            for (const d of o.domains.items) {
              checks.push([d.entries, { ...period, domain: d.domain }]);
              checks.push([d.imbalance, { ...period, domain: d.domain, polarity: 'imbalance' }]);
              checks.push([d.healthy, { ...period, domain: d.domain, polarity: 'healthy' }]);
            }
            for (const p of o.people.items) {
              checks.push([p.entries, { ...period, personId: p.personId }]);
              checks.push([p.imbalance, { ...period, personId: p.personId, polarity: 'imbalance' }]);
              checks.push([p.healthy, { ...period, personId: p.personId, polarity: 'healthy' }]);
            }
            checks.push([o.domains.total, { ...period }]);
          }
          for (const d of o.heatmap.days) checks.push([d.entries, { from: d.day, to: d.day }]);
          // Every non-zero number: the ones a person can click.
          for (const [shown, target] of checks) {
            if (shown === 0) continue;
            checked++;
            expect(await count(drillFilter(f, target, tags)), JSON.stringify(target)).toBe(shown);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(RUNS * 5);
  });
});

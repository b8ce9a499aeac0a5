/**
 * The per-day rollups stay exact through everything a person does: random sequences of writes through
 * the real API (new entries, edits that move days, change scores, people, patterns and domains; trash,
 * restore, purge; patterns renamed, moved to another category or polarity, merged) — after each step
 * the unfiltered insights, read from the rollups, equal the same insights computed over the entries;
 * and so do the insights read from the in-memory index, unfiltered and filtered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, DOMAINS, POLARITIES } from '../../shared/catalogue.js';
import type { Entry, Person, Tag } from '../../shared/schemas.js';
import { overview, patternHistory, readyIndex, startInsightIndex, withScope } from '../../main/core/db/analytics/index.js';
import { createdService } from '../helpers/journal.js';
import { rounded } from './analytics-helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 25, 12);
const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC'];

type Op =
  | { op: 'create'; day: number; zone: number; people: number[]; tags: number[]; domains: number[]; balance: number | null; heard: number | null }
  | { op: 'edit'; pick: number; day: number | null; balance: number | null; tags: number[] | null; people: number[] | null; domains: number[] | null }
  | { op: 'trash' | 'restore' | 'purge'; pick: number }
  | { op: 'recategorise'; tag: number; category: number; polarity: number }
  | { op: 'rename'; tag: number }
  | { op: 'merge'; from: number; into: number };

const score = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const ids = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('create' as const), day: fc.integer({ min: 0, max: 40 }), zone: fc.integer({ min: 0, max: 2 }), people: ids(2), tags: ids(7), domains: ids(9), balance: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), heard: score }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), day: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), balance: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), tags: fc.option(ids(7), { nil: null }), people: fc.option(ids(2), { nil: null }), domains: fc.option(ids(9), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('trash' as const, 'restore' as const, 'purge' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recategorise' as const), tag: fc.integer({ min: 0, max: 7 }), category: fc.integer({ min: 0, max: CATEGORIES.length - 1 }), polarity: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), tag: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const), from: fc.integer({ min: 0, max: 7 }), into: fc.integer({ min: 0, max: 7 }) }) },
);

describe('insight rollups', () => {
  it('equal the insights over the entries after every kind of write', async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        const { service, call } = await createdService();
        const db = service.vault.database();
        // The in-memory index, built on the empty journal: every write below reaches it as a dirty day.
        expect(await startInsightIndex(db, service.vault.lockSignal)).not.toBeNull();
        const people = await Promise.all(['A', 'B', 'C'].map((name) => call<Person>('people.create', { name, kind: 'other', color: '#000000' })));
        const builtins = await call<Tag[]>('tags.list');
        // Four built-in patterns and four of our own (only those can be merged away).
        const tags: number[] = [builtins[0]!.id, builtins[5]!.id, builtins[8]!.id, builtins[20]!.id];
        for (let i = 0; i < 4; i++) {
          tags.push((await call<Tag>('tags.create', { label: `Mine ${i}`, polarity: POLARITIES[i % 3]!, category: CATEGORIES[i]! })).id);
        }
        const entries: number[] = [];
        const tryCall = async (channel: string, input: unknown) => (await service.dispatch(channel, input)).ok;
        const check = () => {
          const q = { filter: {}, today: '2024-05-10' };
          for (const range of [{}, { from: '2024-04-01', to: '2024-04-20' }]) {
            const viaRollups = withScope(db, { ...q, ...range }, { today: q.today, weekStart: 1, index: false }, (s) => [overview(db, s), patternHistory(db, s)]);
            const viaEntries = withScope(db, { ...q, ...range }, { today: q.today, weekStart: 1, rollups: false, index: false }, (s) => [overview(db, s), patternHistory(db, s)]);
            expect(rounded(viaRollups)).toEqual(rounded(viaEntries));
            expect(readyIndex(db)).not.toBeNull();
            const filters = range.from ? [{ personIds: [people[1]!.id], polarity: 'imbalance' as const }] : [{}, { personIds: [people[0]!.id] }, { categories: [CATEGORIES[0]] }];
            for (const filter of filters) {
              const fq = { ...q, ...range, filter };
              const viaIndex = withScope(db, fq, { today: q.today, weekStart: 1, index: true }, (s) => (s.mem ? [overview(db, s), patternHistory(db, s)] : 'no journal yet'));
              const viaSql = withScope(db, fq, { today: q.today, weekStart: 1, rollups: false, index: false }, (s) => (s.period ? [overview(db, s), patternHistory(db, s)] : 'no journal yet'));
              expect(rounded(viaIndex)).toEqual(rounded(viaSql));
            }
          }
          steps++;
        };
        for (const o of ops) {
          const pickEntry = (n: number) => entries[n % Math.max(1, entries.length)];
          switch (o.op) {
            case 'create': {
              const e = await call<Entry>('entries.create', {
                occurredAt: T0 + o.day * DAY,
                timeZone: ZONES[o.zone],
                personIds: o.people.map((i) => people[i]!.id),
                tagIds: [...new Set(o.tags.map((i) => tags[i]!))],
                domains: o.domains.map((i) => DOMAINS[i]),
                balance: o.balance,
                heard: o.heard,
                intensity: o.heard,
              });
              entries.push(e.id);
              break;
            }
            case 'edit': {
              const id = pickEntry(o.pick);
              if (id === undefined) break;
              const patch: Record<string, unknown> = { balance: o.balance };
              if (o.day !== null) patch.occurredAt = T0 + o.day * DAY;
              if (o.tags) patch.tagIds = [...new Set(o.tags.map((i) => tags[i]!))];
              if (o.people) patch.personIds = o.people.map((i) => people[i]!.id);
              if (o.domains) patch.domains = o.domains.map((i) => DOMAINS[i]);
              await tryCall('entries.update', { id, patch });
              break;
            }
            case 'trash':
            case 'restore':
            case 'purge': {
              const id = pickEntry(o.pick);
              if (id === undefined) break;
              await tryCall(o.op === 'trash' ? 'entries.delete' : o.op === 'restore' ? 'entries.restore' : 'entries.purge', { id });
              break;
            }
            case 'recategorise':
              await tryCall('tags.update', { id: tags[o.tag], patch: { category: CATEGORIES[o.category], polarity: POLARITIES[o.polarity] } });
              break;
            case 'rename':
              await tryCall('tags.update', { id: tags[o.tag], patch: { label: `Renamed ${o.tag}` } });
              break;
            case 'merge':
              // Merging a built-in away or into itself is refused; after a merge, the source id is gone.
              if (await tryCall('tags.merge', { from: tags[o.from], into: tags[o.into] })) {
                const gone = tags[o.from];
                tags.forEach((t, i) => t === gone && (tags[i] = tags[o.into]!));
              }
              break;
          }
          check();
        }
        service.vault.lock();
      }),
      { numRuns: Number(process.env.FULCRUM_ROLLUP_RUNS ?? 25) },
    );
    expect(steps).toBeGreaterThan(100);
  }, 240_000);

  it('are rebuilt from scratch for a journal written before they existed', async () => {
    const { service, call } = await createdService();
    const db = service.vault.database();
    const [p] = await Promise.all([call<Person>('people.create', { name: 'A', kind: 'other', color: '#000000' })]);
    const tags = await call<Tag[]>('tags.list');
    for (let i = 0; i < 30; i++) {
      await call('entries.create', { occurredAt: T0 + i * DAY, timeZone: 'UTC', personIds: [p!.id], tagIds: [tags[i % 10]!.id], balance: (i % 7) - 3 });
    }
    // As after migration 4 on an existing journal: rollups empty, every day stale.
    for (const t of ['rollup_day', 'rollup_kind', 'rollup_polarity', 'rollup_tag', 'rollup_person', 'rollup_domain']) db.prepare(`DELETE FROM ${t}`).run();
    db.prepare('INSERT OR IGNORE INTO rollup_dirty SELECT day FROM entries').run();
    const q = { filter: {} };
    const viaRollups = withScope(db, q, { today: '2024-05-10', weekStart: 1 }, (s) => overview(db, s));
    expect(db.prepare('SELECT count(*) FROM rollup_dirty').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM rollup_day').pluck().get()).toBe(30);
    const viaEntries = withScope(db, q, { today: '2024-05-10', weekStart: 1, rollups: false }, (s) => overview(db, s));
    expect(rounded(viaRollups)).toEqual(rounded(viaEntries));
    expect(viaRollups.people.items[0]!.entries).toBe(30);
  });
});

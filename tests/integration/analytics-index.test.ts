/**
 * The in-memory insight index's life: it is built off the request path (the call that starts it is
 * answered from SQL, and other calls run between its slices), it takes in writes made while it builds,
 * and nothing of it outlives the lock.
 */
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../shared/catalogue.js';
import type { Entry, Person, Tag } from '../../shared/schemas.js';
import type { InsightsOverview } from '../../shared/insights.js';
import { overview, patternHistory, readyIndex, startInsightIndex, withScope } from '../../main/core/db/analytics/index.js';
import type { DB } from '../../main/core/db/index.js';
import { createdService, PASSPHRASE } from '../helpers/journal.js';
import { WARM_PASSES, warmInsightCode } from '../../main/core/service/insights.js';
import { rounded } from './analytics-helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 10, 12);
const TODAY = '2024-06-01';

async function journal(entries: number) {
  const { service, call } = await createdService();
  const db = service.vault.database();
  const people = [await call<Person>('people.create', { name: 'A', kind: 'other', color: '#000000' }), await call<Person>('people.create', { name: 'B', kind: 'other', color: '#000000' })];
  const tags = await call<Tag[]>('tags.list');
  const ids: number[] = [];
  for (let i = 0; i < entries; i++) {
    const e = await call<Entry>('entries.create', {
      occurredAt: T0 + (i % 40) * DAY,
      timeZone: 'UTC',
      personIds: [people[i % 2]!.id],
      tagIds: [tags[i % 12]!.id, tags[(i * 7) % 30]!.id].filter((t, k, a) => a.indexOf(t) === k),
      balance: (i % 7) - 3,
      heard: (i % 5) + 1,
    });
    ids.push(e.id);
  }
  return { service, call, db, people, tags, ids };
}

const FILTERS = (people: Person[]) => [{}, { personIds: [people[0]!.id] }, { categories: [CATEGORIES[1]] }, { personIds: [people[1]!.id], categories: [CATEGORIES[0]] }];

/** Every filter: the index's answer equals SQL's. */
function expectIndexEqualsSql(db: DB, people: Person[]): void {
  for (const filter of FILTERS(people)) {
    const q = { filter };
    const viaIndex = withScope(db, q, { today: TODAY, weekStart: 1, index: true }, (s) => {
      expect(s.mem).not.toBeNull();
      return [overview(db, s), patternHistory(db, s)];
    });
    const viaSql = withScope(db, q, { today: TODAY, weekStart: 1, rollups: false, index: false }, (s) => [overview(db, s), patternHistory(db, s)]);
    expect(rounded(viaIndex)).toEqual(rounded(viaSql));
  }
}

describe('the in-memory insight index', () => {
  it('is started by the first insight call, which is answered from SQL, and serves the calls after it', async () => {
    const { service, call, db, people } = await journal(60);
    const q = { today: TODAY, filter: { personIds: [people[0]!.id] } };
    const first = await call<InsightsOverview>('insights.overview', q);
    // The build waits for the event loop: the call that started it was answered without it.
    expect(readyIndex(db)).toBeNull();
    expect(await startInsightIndex(db, service.vault.lockSignal)).not.toBeNull();
    expect(readyIndex(db)).not.toBeNull();
    expect(rounded(await call<InsightsOverview>('insights.overview', q))).toEqual(rounded(first));
    expectIndexEqualsSql(db, people);
    service.vault.lock();
  });

  it('once ready, answers filtered queries, and unfiltered ones up to a size (then the per-day rollups), with the same answers', async () => {
    const { service, call, db, people, ids } = await journal(50);
    expect(await startInsightIndex(db, service.vault.lockSignal)).not.toBeNull();
    // A save after the build: the rollups are stale for its day, and the index has it to catch up.
    await call('entries.create', { occurredAt: T0 + 3 * DAY, timeZone: 'UTC', personIds: [people[0]!.id], balance: 2 });
    expect(withScope(db, { filter: {} }, { today: TODAY, weekStart: 1 }, (s) => s.mem !== null)).toBe(true);
    // Above the size where the rollups are faster (51 entries here, 50 allowed): the rollups.
    const ctx = { today: TODAY, weekStart: 1, unfilteredIndexUpTo: 50 };
    const unfiltered = withScope(db, { filter: {} }, ctx, (s) => ({ mem: s.mem !== null, rollups: s.rollups, page: overview(db, s) }));
    expect(unfiltered).toMatchObject({ mem: false, rollups: true });
    const fromIndex = withScope(db, { filter: {} }, { ...ctx, index: true }, (s) => overview(db, s));
    expect(rounded(unfiltered.page)).toEqual(rounded(fromIndex));
    for (const filter of FILTERS(people).slice(1)) {
      expect(withScope(db, { filter }, ctx, (s) => ({ mem: s.mem !== null, rollups: s.rollups }))).toEqual({ mem: true, rollups: false });
    }
    // The entries each filter admitted are kept for the next call: an edit that moves an entry out of
    // one person's filter and into another's must not be answered from them.
    expectIndexEqualsSql(db, people);
    // ids[0] was written for people[0] (see journal()).
    await call('entries.update', { id: ids[0], patch: { personIds: [people[1]!.id], tagIds: [] } });
    expectIndexEqualsSql(db, people);
    service.vault.lock();
  });

  it('lets other calls run between its slices', async () => {
    const { service, call, db, people } = await journal(60);
    const order: string[] = [];
    let slices = 0;
    const built = startInsightIndex(db, service.vault.lockSignal, { sliceEntries: 5, afterSlice: () => slices++ }).then(() => order.push('built'));
    await call('people.list').then(() => order.push('call'));
    await built;
    expect(order).toEqual(['call', 'built']);
    expect(slices).toBeGreaterThan(5);
    expectIndexEqualsSql(db, people);
    service.vault.lock();
  });

  it('takes in writes made while it builds, on days it has already read and on days it has not', async () => {
    const { service, call, db, people, tags, ids } = await journal(80);
    let slice = 0;
    const writes: Promise<unknown>[] = [];
    const built = startInsightIndex(db, service.vault.lockSignal, {
      sliceEntries: 6,
      afterSlice: () => {
        slice++;
        // Between slices: edit an entry already read, move one to another day, trash one, add one, purge one.
        if (slice === 2) writes.push(call('entries.update', { id: ids[0], patch: { balance: 3, personIds: [people[1]!.id], tagIds: [tags[40]!.id] } }));
        if (slice === 3) writes.push(call('entries.update', { id: ids[1], patch: { occurredAt: T0 + 39 * DAY } }));
        if (slice === 4) writes.push(call('entries.delete', { id: ids[2] }));
        if (slice === 5) writes.push(call('entries.create', { occurredAt: T0, timeZone: 'UTC', personIds: [people[0]!.id], tagIds: [tags[3]!.id], balance: -3 }));
        if (slice === 6) writes.push(call('entries.delete', { id: ids[3] }).then(() => call('entries.purge', { id: ids[3] })));
      },
    });
    expect(await built).not.toBeNull();
    await Promise.all(writes);
    expect(writes).toHaveLength(5);
    expectIndexEqualsSql(db, people);
    service.vault.lock();
  });

  it('takes in an import, and after a lock and an unlock is built again with the same answers as SQL', async () => {
    const { service, call, db } = await journal(40);
    expect(await startInsightIndex(db, service.vault.lockSignal)).not.toBeNull();
    // Another journal's entries, exported and imported into this one while its index is ready.
    const other = await journal(25);
    const file = await other.call<{ content: string }>('export.build', { format: 'json' });
    other.service.vault.lock();
    const preview = await call<{ importId: string; counts: { newEntries: number } }>('import.preview', { source: { text: file.content } });
    expect(preview.counts.newEntries).toBe(25);
    await call('import.commit', { importId: preview.importId });
    const people = await call<Person[]>('people.list');
    expect(readyIndex(db)!.entries).toBe(40);
    expectIndexEqualsSql(db, people);
    expect(readyIndex(db)!.entries).toBe(65);

    await call('vault.lock');
    expect(readyIndex(db)).toBeNull();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const reopened = service.vault.database();
    // The first call after the unlock is answered from SQL and starts a new build on the new connection.
    const q = { today: TODAY, filter: { personIds: [people[0]!.id] } };
    const first = await call<InsightsOverview>('insights.overview', q);
    expect(readyIndex(reopened)).toBeNull();
    const rebuilt = await startInsightIndex(reopened, service.vault.lockSignal);
    expect(rebuilt?.entries).toBe(65);
    expect(rounded(await call<InsightsOverview>('insights.overview', q))).toEqual(rounded(first));
    expectIndexEqualsSql(reopened, people);
    service.vault.lock();
  });

  it('is discarded when the journal locks, and a lock stops a build', async () => {
    const { service, db, people } = await journal(30);
    const ix = await startInsightIndex(db, service.vault.lockSignal);
    expect(ix).not.toBeNull();
    expect(ix!.entries).toBe(30);
    expectIndexEqualsSql(db, people);
    service.vault.lock();
    expect(ix!.discarded).toBe(true);
    expect(ix!.entries).toBe(0);
    expect(ix!.bytes).toBe(0);
    expect(readyIndex(db)).toBeNull();

    const again = await journal(30);
    let slices = 0;
    const building = startInsightIndex(again.db, again.service.vault.lockSignal, {
      sliceEntries: 5,
      afterSlice: () => {
        if (++slices === 2) again.service.vault.lock();
      },
    });
    expect(await building).toBeNull();
    expect(readyIndex(again.db)).toBeNull();
  });
  it('after it is built, a few passes over it run one per turn — every span of the journal, unfiltered and by one person — and a lock or an open transaction holds them back', async () => {
    const { service, db } = await journal(30);
    expect(await startInsightIndex(db, service.vault.lockSignal)).not.toBeNull();
    // Each of the last WARM_PASSES spans, unfiltered and filtered by a person.
    expect(await warmInsightCode(db, TODAY, service.vault.lockSignal)).toBe(2 * WARM_PASSES);
    // A job's transaction is open (an import between slices): no pass runs inside it; it gives up.
    db.exec('BEGIN');
    expect(await warmInsightCode(db, TODAY, service.vault.lockSignal)).toBe(0);
    db.exec('COMMIT');
    // Stopped: by an aborted signal before its first pass, and by the lock that discards the index.
    const stop = new AbortController();
    const stopped = warmInsightCode(db, TODAY, stop.signal);
    stop.abort();
    expect(await stopped).toBe(0);
    const locked = warmInsightCode(db, TODAY, service.vault.lockSignal);
    service.vault.lock();
    expect(await locked).toBe(0);
  });
});

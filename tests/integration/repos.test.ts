import { describe, expect, it } from 'vitest';
import { BUILTIN_PATTERNS } from '../../shared/catalogue.js';
import type { CheckIn, Draft, Entry, Person, SearchPage, Tag } from '../../shared/schemas.js';
import { PASSPHRASE, createdService } from '../helpers/journal.js';
import { manualTimers } from '../helpers/idle.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);

/** A journal whose clock the test moves. Every call goes through dispatch, like the renderer's. */
async function journal() {
  const clock = { now: T0 };
  const idle = manualTimers();
  const j = await createdService(undefined, { ports: { now: () => clock.now, log: () => {} }, idleTimers: idle.timers });
  const fail = async (channel: string, input: unknown) => {
    const reply = await j.service.dispatch(channel, input);
    if (reply.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return reply.error;
  };
  const db = () => j.service.vault.database();
  const count = (table: string) => db().prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { ...j, clock, idle, fail, db, count };
}
type Journal = Awaited<ReturnType<typeof journal>>;

const person = (j: Journal, name = 'Robin', kind = 'romantic') =>
  j.call<Person>('people.create', { name, kind, color: '#0072B2' });
const entry = (j: Journal, extra: Record<string, unknown> = {}) =>
  j.call<Entry>('entries.create', { occurredAt: T0 - DAY, timeZone: 'Europe/Berlin', title: 'Dinner', body: 'We talked.', ...extra });

describe('people', () => {
  it('creates, reads, lists, edits, archives and restores a person', async () => {
    const j = await journal();
    const a = await j.call<Person>('people.create', { name: '  Robin  ', kind: 'romantic', color: '#0072B2', notes: 'partner' });
    expect(a).toEqual({ id: a.id, name: 'Robin', kind: 'romantic', color: '#0072B2', notes: 'partner', archivedAt: null, createdAt: T0 });
    const b = await person(j, 'alex', 'professional');
    expect(await j.call('people.get', { id: a.id })).toEqual(a);
    expect((await j.call<Person[]>('people.list')).map((p) => p.name)).toEqual(['alex', 'Robin']);

    j.clock.now = T0 + 1000;
    const edited = await j.call<Person>('people.update', { id: b.id, patch: { name: 'Alex M.', notes: 'manager' } });
    expect(edited).toMatchObject({ name: 'Alex M.', kind: 'professional', notes: 'manager', color: '#0072B2', archivedAt: null });

    const archived = await j.call<Person>('people.update', { id: b.id, patch: { archived: true } });
    expect(archived.archivedAt).toBe(T0 + 1000);
    j.clock.now = T0 + 5000;
    // Archiving again keeps the original time.
    expect((await j.call<Person>('people.update', { id: b.id, patch: { archived: true } })).archivedAt).toBe(T0 + 1000);
    expect((await j.call<Person[]>('people.list')).map((p) => p.id)).toEqual([a.id]);
    expect((await j.call<Person[]>('people.list', { includeArchived: true })).map((p) => p.id)).toEqual([a.id, b.id]);

    expect((await j.call<Person>('people.update', { id: b.id, patch: { archived: false } })).archivedAt).toBeNull();
    expect((await j.call<Person[]>('people.list')).map((p) => p.id)).toEqual([b.id, a.id]);
  });

  it('answers NOT_FOUND for a person who does not exist, and VALIDATION for an empty name', async () => {
    const j = await journal();
    expect(await j.fail('people.get', { id: 404 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('people.update', { id: 404, patch: { name: 'X' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('people.create', { name: '   ', kind: 'other', color: '#000000' })).toMatchObject({ code: 'VALIDATION' });
    expect(j.count('people')).toBe(0);
  });

  it('survives a lock and unlock', async () => {
    const j = await journal();
    const a = await person(j);
    await j.call('vault.lock');
    expect(await j.fail('people.list', {})).toMatchObject({ code: 'LOCKED' });
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await j.call('people.get', { id: a.id })).toEqual(a);
  });
});

describe('patterns (tags)', () => {
  it('lists the built-in catalogue and adds custom patterns with a unique slug', async () => {
    const j = await journal();
    const builtins = await j.call<Tag[]>('tags.list');
    expect(builtins.map((t) => t.slug)).toEqual(BUILTIN_PATTERNS.map((p) => p.slug));
    expect(builtins.every((t) => t.builtin && t.color === null && t.archivedAt === null)).toBe(true);

    const mine = await j.call<Tag>('tags.create', { label: 'Plans changed last-minute', polarity: 'imbalance', category: 'decisions', color: '#D55E00' });
    expect(mine).toEqual({
      id: mine.id,
      slug: 'plans-changed-last-minute',
      label: 'Plans changed last-minute',
      polarity: 'imbalance',
      category: 'decisions',
      color: '#D55E00',
      builtin: false,
      archivedAt: null,
    });
    // "Talked-over" is a different name from the built-in "Talked over", but makes the same slug.
    const clash = await j.call<Tag>('tags.create', { label: 'Talked-over', polarity: 'imbalance', category: 'communication' });
    expect(clash.slug).toBe('talked-over-2');
    expect((await j.call<Tag>('tags.create', { label: 'Crème brûlée talk', polarity: 'healthy', category: 'connection' })).slug).toBe('creme-brulee-talk');
    expect((await j.call<Tag>('tags.create', { label: '家事を分担', polarity: 'healthy', category: 'responsibilities' })).slug).toBe('家事を分担');
    expect((await j.call<Tag>('tags.create', { label: '!!!', polarity: 'neutral', category: 'other' })).slug).toBe('pattern');

    const all = await j.call<Tag[]>('tags.list');
    expect(all).toHaveLength(BUILTIN_PATTERNS.length + 5);
    expect(all.slice(BUILTIN_PATTERNS.length).map((t) => t.label)).toEqual([
      'Plans changed last-minute',
      'Talked-over',
      'Crème brûlée talk',
      '家事を分担',
      '!!!',
    ]);
  });

  it('refuses a second pattern in use with the same name', async () => {
    const j = await journal();
    expect(await j.fail('tags.create', { label: 'talked OVER', polarity: 'imbalance', category: 'other' })).toMatchObject({ code: 'CONFLICT' });
    const mine = await j.call<Tag>('tags.create', { label: 'Door slammed', polarity: 'imbalance', category: 'emotional' });
    expect(await j.fail('tags.update', { id: mine.id, patch: { label: 'Not heard' } })).toMatchObject({ code: 'CONFLICT' });
  });

  it('renames, recolours, re-categorises, archives and restores a custom pattern', async () => {
    const j = await journal();
    const mine = await j.call<Tag>('tags.create', { label: 'Door slammed', polarity: 'imbalance', category: 'emotional' });
    const edited = await j.call<Tag>('tags.update', {
      id: mine.id,
      patch: { label: 'Doors slammed', color: '#CC79A7', category: 'control', polarity: 'neutral' },
    });
    expect(edited).toMatchObject({ slug: 'door-slammed', label: 'Doors slammed', color: '#CC79A7', category: 'control', polarity: 'neutral' });
    expect((await j.call<Tag>('tags.update', { id: mine.id, patch: { color: null } })).color).toBeNull();

    const archived = await j.call<Tag>('tags.update', { id: mine.id, patch: { archived: true } });
    expect(archived.archivedAt).toBe(T0);
    expect((await j.call<Tag[]>('tags.list')).some((t) => t.id === mine.id)).toBe(false);
    expect((await j.call<Tag[]>('tags.list', { includeArchived: true })).some((t) => t.id === mine.id)).toBe(true);
    // While it is archived its name is free; bringing it back with a taken name is refused.
    const again = await j.call<Tag>('tags.create', { label: 'Doors slammed', polarity: 'imbalance', category: 'emotional' });
    expect(await j.fail('tags.update', { id: mine.id, patch: { archived: false } })).toMatchObject({ code: 'CONFLICT' });
    await j.call('tags.update', { id: again.id, patch: { label: 'Doors slammed (2)' } });
    expect((await j.call<Tag>('tags.update', { id: mine.id, patch: { archived: false } })).archivedAt).toBeNull();
  });

  it('lets a built-in pattern be renamed, recoloured and archived, but keeps its category and polarity', async () => {
    const j = await journal();
    const [first] = await j.call<Tag[]>('tags.list');
    const renamed = await j.call<Tag>('tags.update', { id: first!.id, patch: { label: 'Money kept from me', color: '#E69F00', archived: true } });
    expect(renamed).toMatchObject({ slug: first!.slug, label: 'Money kept from me', color: '#E69F00', builtin: true, archivedAt: T0 });
    expect(await j.fail('tags.update', { id: first!.id, patch: { category: 'control' } })).toMatchObject({ code: 'CONFLICT' });
    expect(await j.fail('tags.update', { id: first!.id, patch: { polarity: 'healthy' } })).toMatchObject({ code: 'CONFLICT' });
    // Sending the unchanged values back (as an edit form does) is fine.
    await j.call('tags.update', { id: first!.id, patch: { category: first!.category, polarity: first!.polarity } });
    expect(await j.fail('tags.update', { id: 9999, patch: { label: 'X' } })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('merges one pattern into another: every link moves, none is doubled, the old pattern is gone', async () => {
    const j = await journal();
    const from = await j.call<Tag>('tags.create', { label: 'Shouted at', polarity: 'imbalance', category: 'emotional' });
    const into = await j.call<Tag>('tags.create', { label: 'Yelled at', polarity: 'imbalance', category: 'emotional' });
    const other = (await j.call<Tag[]>('tags.list'))[0]!;
    const onlyFrom = await entry(j, { tagIds: [from.id, other.id] });
    const both = await entry(j, { tagIds: [from.id, into.id] });
    const onlyInto = await entry(j, { tagIds: [into.id] });
    const trashed = await entry(j, { tagIds: [from.id] });
    await j.call('entries.delete', { id: trashed.id });

    j.clock.now = T0 + 60_000;
    expect(await j.call<Tag>('tags.merge', { from: from.id, into: into.id })).toEqual(into);
    expect((await j.call<Entry>('entries.get', { id: onlyFrom.id })).tagIds).toEqual([other.id, into.id].sort((a, b) => a - b));
    expect((await j.call<Entry>('entries.get', { id: both.id })).tagIds).toEqual([into.id]);
    expect((await j.call<Entry>('entries.get', { id: onlyInto.id })).tagIds).toEqual([into.id]);
    expect((await j.call<Entry>('entries.get', { id: trashed.id })).tagIds).toEqual([into.id]);
    expect((await j.call<Entry>('entries.get', { id: both.id })).updatedAt).toBe(T0 + 60_000);
    expect((await j.call<Entry>('entries.get', { id: onlyInto.id })).updatedAt).toBe(T0);
    expect(j.db().prepare('SELECT count(*) FROM entry_tags WHERE tag_id = ?').pluck().get(into.id)).toBe(4);
    expect((await j.call<Tag[]>('tags.list', { includeArchived: true })).some((t) => t.id === from.id)).toBe(false);
    const search = await j.call<SearchPage>('entries.search', { filter: { tagIds: [into.id] } });
    expect(search.items.map((e) => e.id).sort()).toEqual([onlyFrom.id, both.id, onlyInto.id].sort());

    expect(await j.fail('tags.merge', { from: from.id, into: into.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('tags.merge', { from: into.id, into: into.id })).toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses to merge a built-in pattern away, but merges a custom one into a built-in', async () => {
    const j = await journal();
    const [builtin] = await j.call<Tag[]>('tags.list');
    const mine = await j.call<Tag>('tags.create', { label: 'Bank card taken', polarity: 'imbalance', category: 'money' });
    const e = await entry(j, { tagIds: [builtin!.id] });
    expect(await j.fail('tags.merge', { from: builtin!.id, into: mine.id })).toMatchObject({ code: 'CONFLICT' });
    expect((await j.call<Entry>('entries.get', { id: e.id })).tagIds).toEqual([builtin!.id]);
    await j.call('tags.merge', { from: mine.id, into: builtin!.id });
    expect((await j.call<Tag[]>('tags.list')).length).toBe(BUILTIN_PATTERNS.length);
  });
});

describe('entries', () => {
  it('creates and reads back every field, with the calendar day taken in the entry’s own time zone', async () => {
    const j = await journal();
    const p = await person(j);
    const [t1, t2] = await j.call<Tag[]>('tags.list');
    const input = {
      occurredAt: Date.UTC(2024, 2, 10, 3, 30),
      timeZone: 'America/New_York',
      title: 'Budget talk',
      body: 'They decided on the car without me.\nI said it hurt.',
      personIds: [p.id, p.id],
      tagIds: [t2!.id, t1!.id],
      domains: ['work', 'finances'],
      powerSources: ['role', 'money'],
      balance: -2,
      intensity: 4,
      heard: 2,
      respected: 1,
      valued: 3,
      involved: 1,
      outcome: 'Unresolved',
      raiseWithTherapist: true,
      safetyConcern: true,
    };
    const e = await j.call<Entry>('entries.create', input);
    expect(e).toEqual({
      ...input,
      id: e.id,
      day: '2024-03-09', // 03:30 UTC is still the evening before in New York
      personIds: [p.id],
      tagIds: [t1!.id, t2!.id],
      domains: ['finances', 'work'],
      powerSources: ['money', 'role'],
      source: 'fulcrum',
      createdAt: T0,
      updatedAt: T0,
      deletedAt: null,
    });
    expect(await j.call('entries.get', { id: e.id })).toEqual(e);
    const kiritimati = await entry(j, { occurredAt: Date.UTC(2024, 2, 10, 11, 0), timeZone: 'Pacific/Kiritimati' });
    expect(kiritimati.day).toBe('2024-03-11'); // UTC+14
    const minimal = await j.call<Entry>('entries.create', { occurredAt: Date.UTC(2024, 0, 1), timeZone: 'UTC' });
    expect(minimal).toMatchObject({ title: '', body: '', personIds: [], tagIds: [], balance: null, raiseWithTherapist: false, day: '2024-01-01' });
  });

  it('updates only what the patch names, replaces link lists whole, and recomputes the day', async () => {
    const j = await journal();
    const a = await person(j, 'A');
    const b = await person(j, 'B');
    const [t1, t2] = await j.call<Tag[]>('tags.list');
    const e = await entry(j, { personIds: [a.id], tagIds: [t1!.id], domains: ['household'], balance: 1 });

    j.clock.now = T0 + 1000;
    const titled = await j.call<Entry>('entries.update', { id: e.id, patch: { title: 'Dinner, again' } });
    expect(titled).toEqual({ ...e, title: 'Dinner, again', updatedAt: T0 + 1000 });

    const relinked = await j.call<Entry>('entries.update', {
      id: e.id,
      patch: { personIds: [b.id], tagIds: [t2!.id, t1!.id], domains: [], balance: null, occurredAt: Date.UTC(2025, 0, 1, 23, 30), timeZone: 'UTC' },
    });
    expect(relinked).toMatchObject({ personIds: [b.id], tagIds: [t1!.id, t2!.id], domains: [], balance: null, day: '2025-01-01', body: 'We talked.' });
    const moved = await j.call<Entry>('entries.update', { id: e.id, patch: { timeZone: 'Asia/Tokyo' } });
    expect(moved.day).toBe('2025-01-02');
    expect(j.count('entry_people')).toBe(1);
  });

  it('refuses links to people or patterns that do not exist, and writes nothing', async () => {
    const j = await journal();
    const p = await person(j);
    const e = await entry(j, { personIds: [p.id] });
    const before = j.count('entries');
    expect(await j.fail('entries.create', { occurredAt: T0, timeZone: 'UTC', personIds: [p.id, 999] })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('people'),
    });
    expect(await j.fail('entries.create', { occurredAt: T0, timeZone: 'UTC', tagIds: [999] })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('patterns'),
    });
    expect(await j.fail('entries.update', { id: e.id, patch: { personIds: [999], title: 'changed' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(j.count('entries')).toBe(before);
    expect(await j.call<Entry>('entries.get', { id: e.id })).toEqual(e);
    expect(await j.fail('entries.get', { id: 12345 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('entries.update', { id: 12345, patch: { title: 'x' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('entries.delete', { id: 12345 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('entries.restore', { id: 12345 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('entries.purge', { id: 12345 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('entries.create', { occurredAt: T0, timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('moves an entry to the trash, restores it, and purges it for good with its draft', async () => {
    const j = await journal();
    const keep = await entry(j, { title: 'keep' });
    const e = await entry(j, { title: 'regret' });
    await j.call('drafts.save', { key: `entry-${e.id}`, content: '{"title":"regret, edited"}' });

    j.clock.now = T0 + 1000;
    expect(await j.call('entries.delete', { id: e.id })).toBeNull();
    expect((await j.call<SearchPage>('entries.search', {})).items.map((x) => x.id)).toEqual([keep.id]);
    expect((await j.call<SearchPage>('entries.trash', {})).items.map((x) => [x.id, x.deletedAt])).toEqual([[e.id, T0 + 1000]]);
    expect((await j.call<Entry>('entries.get', { id: e.id })).deletedAt).toBe(T0 + 1000);
    expect(await j.fail('entries.update', { id: e.id, patch: { title: 'x' } })).toMatchObject({ code: 'CONFLICT' });
    j.clock.now = T0 + 2000;
    await j.call('entries.delete', { id: e.id }); // again: the 30 days do not restart
    expect((await j.call<Entry>('entries.get', { id: e.id })).deletedAt).toBe(T0 + 1000);

    const restored = await j.call<Entry>('entries.restore', { id: e.id });
    expect(restored).toEqual({ ...e, deletedAt: null });
    expect((await j.call<SearchPage>('entries.search', {})).items).toHaveLength(2);
    expect((await j.call<SearchPage>('entries.trash', {})).items).toHaveLength(0);

    expect(await j.fail('entries.purge', { id: e.id })).toMatchObject({ code: 'CONFLICT' });
    await j.call('entries.delete', { id: e.id });
    expect(await j.call('entries.purge', { id: e.id })).toEqual({ purged: 1 });
    expect(await j.fail('entries.get', { id: e.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.call('drafts.get', { key: `entry-${e.id}` })).toBeNull();
    expect(j.db().prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'regret'").pluck().get()).toBe(0);
    expect(await j.call<Entry>('entries.get', { id: keep.id })).toEqual(keep);
  });

  it('empties the whole trash at once and leaves live entries alone', async () => {
    const j = await journal();
    const p = await person(j);
    const live = await entry(j, { personIds: [p.id] });
    const gone = await Promise.all([1, 2, 3].map(() => entry(j, { personIds: [p.id], domains: ['health'] })));
    for (const e of gone) await j.call('entries.delete', { id: e.id });
    expect(await j.call('entries.purge', { all: true })).toEqual({ purged: 3 });
    expect(await j.call('entries.purge', { all: true })).toEqual({ purged: 0 });
    expect(j.count('entries')).toBe(1);
    expect(j.count('entry_people')).toBe(1);
    expect(j.count('entry_domains')).toBe(0);
    expect(await j.call<Entry>('entries.get', { id: live.id })).toEqual(live);
  });

  it('deletes what has been in the trash for more than 30 days once the journal is idle, never inside the unlock', async () => {
    const j = await journal();
    const old = await entry(j, { title: 'old', body: 'a quarrel about the lantern' });
    const recent = await entry(j, { title: 'recent' });
    const live = await entry(j, { title: 'live' });
    await j.call('entries.delete', { id: old.id });
    j.clock.now = T0 + 10 * DAY;
    await j.call('entries.delete', { id: recent.id });
    await j.call('drafts.save', { key: `entry-${old.id}`, content: '{}' });

    j.clock.now = T0 + 29 * DAY;
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    j.idle.settle();
    expect(j.count('entries')).toBe(3);

    j.clock.now = T0 + 30 * DAY + 1;
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    // The unlock answered without purging; the trash already leaves the expired entry out.
    expect(j.count('entries')).toBe(3);
    expect((await j.call<SearchPage>('entries.trash', {})).items.map((e) => e.id)).toEqual([recent.id]);
    expect(j.idle.armed).toBe(true);
    j.idle.settle();
    expect(await j.fail('entries.get', { id: old.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.call('drafts.get', { key: `entry-${old.id}` })).toBeNull();
    expect(j.db().prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'lantern'").pluck().get()).toBe(0);
    expect((await j.call<Entry>('entries.get', { id: recent.id })).deletedAt).toBe(T0 + 10 * DAY);
    expect(await j.call<Entry>('entries.get', { id: live.id })).toEqual(live);

    // A journal left unlocked past the deadline: the trash view never shows an expired entry, and the
    // next quiet moment deletes it.
    j.clock.now = T0 + 41 * DAY;
    expect((await j.call<SearchPage>('entries.trash', {})).items).toEqual([]);
    j.idle.settle();
    expect(await j.fail('entries.get', { id: recent.id })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('check-ins', () => {
  it('keeps one check-in per person per week: saving again replaces it', async () => {
    const j = await journal();
    const a = await person(j, 'A');
    const b = await person(j, 'B');
    const first = await j.call<CheckIn>('checkins.save', { personId: a.id, week: '2025-04-28', heard: 2, respected: 3, note: 'tense week' });
    expect(first).toEqual({
      id: first.id,
      personId: a.id,
      week: '2025-04-28',
      heard: 2,
      respected: 3,
      involved: null,
      fairShare: null,
      boundaries: null,
      safe: null,
      note: 'tense week',
      forTherapist: false,
      createdAt: T0,
      updatedAt: T0,
    });
    j.clock.now = T0 + 5000;
    const again = await j.call<CheckIn>('checkins.save', {
      personId: a.id,
      week: '2025-04-28',
      heard: 4,
      involved: 5,
      fairShare: 3,
      boundaries: 4,
      safe: 5,
      forTherapist: true,
    });
    expect(again).toMatchObject({ id: first.id, heard: 4, respected: null, involved: 5, fairShare: 3, safe: 5, note: '', forTherapist: true, createdAt: T0, updatedAt: T0 + 5000 });
    expect(j.count('checkins')).toBe(1);

    const a2 = await j.call<CheckIn>('checkins.save', { personId: a.id, week: '2025-05-05', safe: 2 });
    const b1 = await j.call<CheckIn>('checkins.save', { personId: b.id, week: '2025-04-28' });
    expect((await j.call<CheckIn[]>('checkins.list')).map((c) => c.id)).toEqual([a2.id, first.id, b1.id]);
    expect((await j.call<CheckIn[]>('checkins.list', { personId: a.id })).map((c) => c.id)).toEqual([a2.id, first.id]);
    expect((await j.call<CheckIn[]>('checkins.list', { from: '2025-05-01' })).map((c) => c.id)).toEqual([a2.id]);
    expect((await j.call<CheckIn[]>('checkins.list', { to: '2025-04-28', personId: b.id })).map((c) => c.id)).toEqual([b1.id]);

    expect(await j.call('checkins.delete', { id: a2.id })).toBeNull();
    expect(await j.fail('checkins.delete', { id: a2.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('checkins.save', { personId: 999, week: '2025-04-28' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('checkins.save', { personId: a.id, week: '2025-02-30' })).toMatchObject({ code: 'VALIDATION' });
    expect(j.count('checkins')).toBe(2);
  });
});

describe('drafts', () => {
  it('saves, replaces, lists and discards the editor’s drafts', async () => {
    const j = await journal();
    expect(await j.call('drafts.get', { key: 'new' })).toBeNull();
    const d1 = await j.call<Draft>('drafts.save', { key: 'new', content: '{"title":"half a thought"}' });
    expect(d1).toEqual({ key: 'new', content: '{"title":"half a thought"}', updatedAt: T0 });
    j.clock.now = T0 + 10;
    await j.call('drafts.save', { key: 'entry-7', content: '{"body":"edit"}' });
    j.clock.now = T0 + 20;
    const d1b = await j.call<Draft>('drafts.save', { key: 'new', content: '{"title":"a whole thought"}' });
    expect(await j.call('drafts.get', { key: 'new' })).toEqual(d1b);
    expect((await j.call<Draft[]>('drafts.list')).map((d) => [d.key, d.updatedAt])).toEqual([
      ['new', T0 + 20],
      ['entry-7', T0 + 10],
    ]);
    expect(await j.call('drafts.discard', { key: 'new' })).toBeNull();
    expect(await j.call('drafts.discard', { key: 'new' })).toBeNull();
    expect((await j.call<Draft[]>('drafts.list')).map((d) => d.key)).toEqual(['entry-7']);
    expect(await j.fail('drafts.save', { key: '../etc', content: '' })).toMatchObject({ code: 'VALIDATION' });
  });
});

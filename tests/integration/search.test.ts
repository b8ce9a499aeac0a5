import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, type Entry, type EntryFilter, type Person, type SearchPage, type Tag } from '../../shared/schemas.js';
import { ftsQuery } from '../../main/core/db/repos/index.js';
import { createdService } from '../helpers/journal.js';

type J = Awaited<ReturnType<typeof createdService>>;
const T0 = Date.UTC(2025, 5, 1);

/** Shows highlights as [[…]] so expectations read plainly. */
const marked = (s: string) => s.split(HIGHLIGHT_START).join('[[').split(HIGHLIGHT_END).join(']]');

async function searchIds(j: J, filter: EntryFilter, channel = 'entries.search'): Promise<number[]> {
  const page = await j.call<SearchPage>(channel, { filter, limit: 500 });
  expect(page.nextCursor).toBeNull();
  return page.items.map((e) => e.id);
}

/** Every page, following nextCursor; checks the pages are full until the last. */
async function allPages(j: J, filter: EntryFilter, limit: number, channel = 'entries.search') {
  const items: SearchPage['items'] = [];
  let cursor: SearchPage['nextCursor'] = null;
  let pages = 0;
  do {
    const page: SearchPage = await j.call<SearchPage>(channel, { filter, cursor, limit });
    pages += 1;
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}

describe('search and timeline filters', () => {
  let j: J;
  let A: Person, B: Person, C: Person;
  let money: Tag, validated: Tag, custom: Tag;
  const e: Record<string, Entry> = {};

  beforeAll(async () => {
    j = await createdService(undefined, { ports: { now: () => T0, log: () => {} } });
    const mk = (name: string) => j.call<Person>('people.create', { name, kind: 'other', color: '#000000' });
    [A, B, C] = [await mk('A'), await mk('B'), await mk('C')];
    const tags = await j.call<Tag[]>('tags.list');
    money = tags.find((t) => t.slug === 'money-controlled-alone')!;
    validated = tags.find((t) => t.slug === 'feelings-validated')!;
    custom = await j.call<Tag>('tags.create', { label: 'Weather small talk', polarity: 'neutral', category: 'other' });
    const add = (key: string, fields: Record<string, unknown>) =>
      j.call<Entry>('entries.create', { timeZone: 'UTC', ...fields }).then((x) => (e[key] = x));

    await add('e1', {
      occurredAt: Date.UTC(2025, 0, 5, 18),
      title: 'Rent',
      body: 'An argument about the rent and who pays for what.',
      personIds: [A.id],
      tagIds: [money.id],
      domains: ['finances'],
      raiseWithTherapist: true,
    });
    await add('e2', {
      occurredAt: Date.UTC(2025, 1, 10, 9),
      title: 'Quiet evening',
      body: 'A calm evening. I was listened to.',
      personIds: [B.id],
      tagIds: [validated.id],
      domains: ['emotional'],
      safetyConcern: true,
    });
    await add('e3', {
      occurredAt: Date.UTC(2025, 2, 15, 12),
      title: 'Holiday plans',
      body: 'Café talk about the holiday budget; they chose alone, then apologised.',
      personIds: [A.id, B.id],
      tagIds: [money.id, validated.id],
      domains: ['finances', 'emotional'],
    });
    // 02:00 UTC on 1 April is still 31 March in Los Angeles.
    await add('e4', {
      occurredAt: Date.UTC(2025, 3, 1, 2),
      timeZone: 'America/Los_Angeles',
      title: 'Meeting',
      body: 'The boss talked over me in the meeting.',
      personIds: [C.id],
      domains: ['work'],
    });
    // 12:00 UTC on 19 April is already 20 April on Kiritimati (UTC+14).
    await add('e5', {
      occurredAt: Date.UTC(2025, 3, 19, 12),
      timeZone: 'Pacific/Kiritimati',
      title: 'Zebra crossing',
      body: 'Nothing much happened.',
      tagIds: [custom.id],
      raiseWithTherapist: true,
      safetyConcern: true,
    });
    // In the trash: matches almost every filter, and must never show up in the timeline.
    await add('gone', {
      occurredAt: Date.UTC(2025, 2, 1),
      title: 'Rent again',
      body: 'rent rent rent boss café zebra',
      personIds: [A.id, B.id, C.id],
      tagIds: [money.id, validated.id, custom.id],
      domains: ['finances', 'emotional', 'work'],
      raiseWithTherapist: true,
      safetyConcern: true,
    });
    await j.call('entries.delete', { id: e.gone!.id });
  });

  const ids = (...keys: string[]) => keys.map((k) => e[k]!.id);

  it('lists live entries newest first, each with its links', async () => {
    const page = await j.call<SearchPage>('entries.search', {});
    expect(page.items.map((x) => x.id)).toEqual(ids('e5', 'e4', 'e3', 'e2', 'e1'));
    expect(page.nextCursor).toBeNull();
    const e3 = page.items.find((x) => x.id === e.e3!.id)!;
    const { body: _body, ...rest } = e.e3!;
    expect(e3).toEqual({ ...rest, excerpt: 'Café talk about the holiday budget; they chose alone, then apologised.' });
    expect('body' in e3).toBe(false);
  });

  it('filters by people (any of)', async () => {
    expect(await searchIds(j, { personIds: [A.id] })).toEqual(ids('e3', 'e1'));
    expect(await searchIds(j, { personIds: [B.id, C.id] })).toEqual(ids('e4', 'e3', 'e2'));
    expect(await searchIds(j, { personIds: [] })).toEqual(ids('e5', 'e4', 'e3', 'e2', 'e1'));
    expect(await searchIds(j, { personIds: [999] })).toEqual([]);
  });

  it('filters by patterns (any of)', async () => {
    expect(await searchIds(j, { tagIds: [money.id] })).toEqual(ids('e3', 'e1'));
    expect(await searchIds(j, { tagIds: [money.id, custom.id] })).toEqual(ids('e5', 'e3', 'e1'));
  });

  it('filters by pattern category and polarity, which describe one and the same pattern', async () => {
    expect(await searchIds(j, { categories: ['emotional'] })).toEqual(ids('e3', 'e2'));
    expect(await searchIds(j, { categories: ['money', 'emotional'] })).toEqual(ids('e3', 'e2', 'e1'));
    expect(await searchIds(j, { polarity: 'healthy' })).toEqual(ids('e3', 'e2'));
    expect(await searchIds(j, { polarity: 'neutral' })).toEqual(ids('e5'));
    expect(await searchIds(j, { categories: ['money'], polarity: 'imbalance' })).toEqual(ids('e3', 'e1'));
    // e3 has a Money pattern and a healthy pattern, but no healthy Money pattern.
    expect(await searchIds(j, { categories: ['money'], polarity: 'healthy' })).toEqual([]);
  });

  it('filters by domain', async () => {
    expect(await searchIds(j, { domains: ['finances'] })).toEqual(ids('e3', 'e1'));
    expect(await searchIds(j, { domains: ['work', 'emotional'] })).toEqual(ids('e4', 'e3', 'e2'));
    expect(await searchIds(j, { domains: ['parenting'] })).toEqual([]);
  });

  it('filters by calendar day, inclusive, on the day where the entry was written', async () => {
    expect(await searchIds(j, { from: '2025-02-10', to: '2025-03-15' })).toEqual(ids('e3', 'e2'));
    expect(await searchIds(j, { to: '2025-03-31' })).toEqual(ids('e4', 'e3', 'e2', 'e1'));
    expect(await searchIds(j, { from: '2025-04-01' })).toEqual(ids('e5'));
    expect(await searchIds(j, { from: '2025-04-01', to: '2025-04-19' })).toEqual([]);
    expect(await searchIds(j, { from: '2025-04-20', to: '2025-04-20' })).toEqual(ids('e5'));
    expect(await searchIds(j, { from: '2025-05-01', to: '2025-01-01' })).toEqual([]);
  });

  it('filters by the therapist and safety flags', async () => {
    expect(await searchIds(j, { raiseWithTherapist: true })).toEqual(ids('e5', 'e1'));
    expect(await searchIds(j, { raiseWithTherapist: false })).toEqual(ids('e4', 'e3', 'e2'));
    expect(await searchIds(j, { safetyConcern: true })).toEqual(ids('e5', 'e2'));
    expect(await searchIds(j, { safetyConcern: true, raiseWithTherapist: true })).toEqual(ids('e5'));
  });

  it('combines filters (all must hold)', async () => {
    expect(await searchIds(j, { personIds: [A.id, B.id], domains: ['finances'], polarity: 'healthy' })).toEqual(ids('e3'));
    expect(await searchIds(j, { text: 'holiday', personIds: [A.id], tagIds: [validated.id], from: '2025-03-01', to: '2025-03-31' })).toEqual(
      ids('e3'),
    );
    expect(await searchIds(j, { text: 'rent', personIds: [B.id] })).toEqual([]);
    expect(await searchIds(j, { text: 'evening', safetyConcern: true, categories: ['emotional'] })).toEqual(ids('e2'));
  });

  it('finds words in the title and body, with the last word as a prefix and accents ignored', async () => {
    expect(await searchIds(j, { text: 'rent' })).toEqual(ids('e1'));
    expect(await searchIds(j, { text: 'argu' })).toEqual(ids('e1'));
    expect(await searchIds(j, { text: 'cafe' })).toEqual(ids('e3'));
    expect(await searchIds(j, { text: 'CAFÉ HOLIDAY' })).toEqual(ids('e3'));
    expect(await searchIds(j, { text: 'zebra' })).toEqual(ids('e5'));
    expect(await searchIds(j, { text: 'talked meeting' })).toEqual(ids('e4'));
    expect(await searchIds(j, { text: 'talked zebra' })).toEqual([]);
    expect(await searchIds(j, { text: 'rent' }, 'entries.trash')).toEqual(ids('gone'));
  });

  it('returns snippets with the matches highlighted', async () => {
    const page = await j.call<SearchPage>('entries.search', { filter: { text: 'holiday bud' } });
    expect(page.items.map((x) => marked(x.excerpt))).toEqual([
      'Café talk about the [[holiday]] [[budget]]; they chose alone, then apologised.',
    ]);
    // A match only in the title: the excerpt is the start of the body.
    const zebra = await j.call<SearchPage>('entries.search', { filter: { text: 'zebra' } });
    expect(zebra.items[0]!.excerpt).toBe('Nothing much happened.');
  });

  it('never lets text from the user throw: FTS syntax is searched as plain words', async () => {
    const hostile = [
      '"',
      '"unbalanced',
      'NEAR(',
      'NEAR(rent boss',
      'NEAR(rent boss, 2)',
      'rent OR',
      'AND',
      'OR rent',
      'NOT',
      '*',
      '^rent',
      'title:rent',
      '{title body}: rent',
      '(rent',
      'rent)',
      '-rent',
      '+',
      'rent"boss',
      '""""',
      "'; DROP TABLE entries; --",
      '\u0000',
      'a\u0000b',
      '\uE000rent\uE001',
      '   ',
      '…',
      '🙂',
      'x'.repeat(500),
      Array.from({ length: 250 }, () => 'a').join(' '),
    ];
    for (const text of hostile) {
      const reply = await j.service.dispatch('entries.search', { filter: { text } });
      expect(reply.ok, `search for ${JSON.stringify(text)}`).toBe(true);
      const trash = await j.service.dispatch('entries.trash', { filter: { text } });
      expect(trash.ok, `trash search for ${JSON.stringify(text)}`).toBe(true);
    }
    expect(await searchIds(j, { text: 'NEAR(rent' })).toEqual([]); // needs both words "near" and "rent"
    expect(await searchIds(j, { text: 'title:rent' })).toEqual([]); // the phrase "title rent", not a column filter
    expect(await searchIds(j, { text: '(rent)' })).toEqual(ids('e1'));
    expect(await searchIds(j, { text: 'rent OR' })).toEqual([]); // "or" is a word here, and e1 has none starting so
  });

  it('survives any string at all (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('"', "'", '(', ')', '*', '^', ':', '-', '+', ' ', 'N', 'E', 'A', 'R', 'a', 'r', 'é', '\u0000', '{', '}', ',', '.') , maxLength: 40 }), async (text) => {
        const reply = await j.service.dispatch('entries.search', { filter: { text } });
        expect(reply.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (text) => {
        const reply = await j.service.dispatch('entries.search', { filter: { text } });
        expect(reply.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('excludes entries in the trash from the timeline and lists them in the trash view', async () => {
    expect(await searchIds(j, { personIds: [A.id, B.id, C.id] })).not.toContain(e.gone!.id);
    expect(await searchIds(j, {}, 'entries.trash')).toEqual(ids('gone'));
    expect(await searchIds(j, { domains: ['work'] }, 'entries.trash')).toEqual(ids('gone'));
    expect(await searchIds(j, { domains: ['parenting'] }, 'entries.trash')).toEqual([]);
  });
});

describe('search queries', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(ftsQuery('holiday bud')).toBe('"holiday" "bud"*');
    expect(ftsQuery('say "no"')).toBe('"say" """no"""*');
    expect(ftsQuery('NEAR( a')).toBe('"NEAR(" "a"*');
    expect(ftsQuery('  ( ) * - ')).toBeNull();
    expect(ftsQuery('')).toBeNull();
    expect(ftsQuery('a\u0000b\tc')).toBe('"a" "b" "c"*');
  });
});

describe('excerpts', () => {
  it('shows the start of the body, cut at a word, and never passes on highlight marks from the text', async () => {
    const j = await createdService();
    const long = `${'word '.repeat(30)}\n\n${'lorem ipsum '.repeat(60)}`;
    const a = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', body: long });
    const b = await j.call<Entry>('entries.create', {
      occurredAt: T0 - 1,
      timeZone: 'UTC',
      body: `Forged ${HIGHLIGHT_START}mark${HIGHLIGHT_END} near the rent.`,
    });
    const page = await j.call<SearchPage>('entries.search', {});
    const ex = page.items.find((x) => x.id === a.id)!.excerpt;
    expect(ex.endsWith('…')).toBe(true);
    expect(ex.length).toBeLessThanOrEqual(201);
    expect(ex.length).toBeGreaterThan(150);
    expect(ex.startsWith('word word')).toBe(true);
    expect(ex).not.toContain('\n');
    expect(ex.slice(0, -1)).toMatch(/(word|lorem|ipsum)$/);
    expect(page.items.find((x) => x.id === b.id)!.excerpt).toBe('Forged mark near the rent.');
    const found = await j.call<SearchPage>('entries.search', { filter: { text: 'rent' } });
    expect(marked(found.items[0]!.excerpt)).toBe('Forged mark near the [[rent]].');
    // The private-use marks are letters to the tokenizer: searching for them finds the word, and the
    // only highlight in the excerpt is the real one.
    const forged = await j.call<SearchPage>('entries.search', { filter: { text: `${HIGHLIGHT_START}mark` } });
    expect(marked(forged.items[0]!.excerpt)).toBe('Forged [[mark]] near the rent.');
  });
});

describe('keyset pagination', () => {
  let j: J;
  let people: Person[];
  const created: Entry[] = [];
  const order = (a: { occurredAt: number; id: number }, b: { occurredAt: number; id: number }) =>
    b.occurredAt - a.occurredAt || b.id - a.id;

  beforeAll(async () => {
    j = await createdService();
    people = [];
    for (const name of ['P', 'Q']) people.push(await j.call<Person>('people.create', { name, kind: 'other', color: '#000000' }));
    // 250 entries, written out of time order, five at a time sharing the very same moment.
    for (let i = 0; i < 250; i++) {
      const slot = (i * 37) % 50;
      created.push(
        await j.call<Entry>('entries.create', {
          occurredAt: T0 - slot * 60_000,
          timeZone: 'UTC',
          body: i % 3 === 0 ? `thirds ${i}` : `others ${i}`,
          personIds: i < 80 ? [people[0]!.id] : [people[1]!.id],
        }),
      );
    }
  }, 120_000);

  it('walks 250 entries in pages of 40 with nothing repeated or missed', async () => {
    const { items, pages } = await allPages(j, {}, 40);
    expect(pages).toBe(7);
    expect(items.map((x) => x.id)).toEqual([...created].sort(order).map((x) => x.id));
  });

  it('pages filtered results the same way, and ends without an empty page', async () => {
    const byPerson = await allPages(j, { personIds: [people[0]!.id] }, 40);
    expect(byPerson.pages).toBe(2); // exactly 80: the second page is full and says it is the last
    expect(byPerson.items.map((x) => x.id)).toEqual(created.slice(0, 80).sort(order).map((x) => x.id));

    const thirds = await allPages(j, { text: 'thirds' }, 7);
    const expected = created.filter((x) => x.body.startsWith('thirds')).sort(order);
    expect(thirds.items.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    expect(thirds.items.every((x) => x.excerpt.includes(`${HIGHLIGHT_START}thirds${HIGHLIGHT_END}`))).toBe(true);

    const one = await j.call<SearchPage>('entries.search', { limit: 1 });
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).toEqual({ occurredAt: one.items[0]!.occurredAt, id: one.items[0]!.id });
  });

  it('says how many entries match in all with the first page of a filtered search, and only then', async () => {
    const thirds = created.filter((x) => x.body.startsWith('thirds')).length;
    const cases: [EntryFilter, number][] = [
      [{ text: 'thirds' }, thirds],
      [{ personIds: [people[0]!.id] }, 80],
      [{ personIds: [people[1]!.id], text: 'thirds' }, created.slice(80).filter((x) => x.body.startsWith('thirds')).length],
      [{ text: 'nothing-like-this' }, 0],
    ];
    for (const [filter, total] of cases) {
      const first = await j.call<SearchPage>('entries.search', { filter, limit: 7 });
      expect(first.total, JSON.stringify(filter)).toBe(total);
      // The count is the number of entries the pages hold, not a page size.
      expect((await allPages(j, filter, 7)).items).toHaveLength(total);
      if (first.nextCursor) {
        const second = await j.call<SearchPage>('entries.search', { filter, cursor: first.nextCursor, limit: 7 });
        expect(second.total).toBeUndefined();
      }
    }
    // A short result counts itself; the unfiltered timeline is not counted.
    expect((await j.call<SearchPage>('entries.search', { filter: { text: 'thirds' }, limit: 500 })).total).toBe(thirds);
    expect((await j.call<SearchPage>('entries.search', { limit: 7 })).total).toBeUndefined();
  });

  it('pages the trash by when entries were deleted, most recent first', async () => {
    let clock = T0 + 1000;
    const k = await createdService(undefined, { ports: { now: () => clock, log: () => {} } });
    const made: Entry[] = [];
    for (let i = 0; i < 45; i++) made.push(await k.call<Entry>('entries.create', { occurredAt: T0 - i * 1000, timeZone: 'UTC' }));
    const deletions: { id: number; at: number }[] = [];
    // Deleted in a shuffled order, three at a time at the same moment.
    for (const [n, i] of made.map((_, i) => (i * 17) % 45).entries()) {
      if (n % 3 === 0) clock += 1000;
      await k.call('entries.delete', { id: made[i]!.id });
      deletions.push({ id: made[i]!.id, at: clock });
    }
    const { items, pages } = await allPages(k, {}, 20, 'entries.trash');
    expect(pages).toBe(3);
    const expected = deletions.sort((a, b) => b.at - a.at || b.id - a.id);
    expect(items.map((x) => [x.id, x.deletedAt])).toEqual(expected.map((d) => [d.id, d.at]));
    expect((await k.call<SearchPage>('entries.search', {})).items).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryFilter, SearchPage } from '../../shared/schemas.js';
import { closeDatabase, openDatabase, type DB } from '../../main/core/db/index.js';
import type { CATEGORIES } from '../../shared/catalogue.js';

type Category = (typeof CATEGORIES)[number];
import {
  COUNT_CAP,
  choosePlan,
  expandPrefix,
  createEntry,
  createPerson,
  createTag,
  estimate,
  searchEntries,
  textQuery,
  trashEntry,
  type SearchOptions,
  type SearchPlan,
} from '../../main/core/db/repos/index.js';
import { createRng } from '../generator/prng.js';
import { tempDir } from '../helpers/files.js';

/**
 * A text search picks one of three plans (walk the timeline against the set of matches, probe the
 * index entry by entry, or start from the matches); whichever it picks, the pages must be the ones a
 * plain scan finds: same entries, same order, the same filters, the trash left out, and the same count
 * (up to COUNT_CAP, then "more than"). The scan here knows nothing of FTS5: the words are ASCII, so a
 * word matches a token equal to it, and the last word any token that starts with it, as unicode61 does.
 */

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
/** Weighted so that one-letter starts are in most entries and some words in a handful. */
const COMMON = ['a', 'and', 'about', 'after', 'said', 'sorry', 'money', 'mother', 'more', 'dinner', 'decided'];
/** With longer forms of common words, so a common word typed in full is a prefix of rarer words too. */
const RARE = ['xylem', 'quartz', 'zebra', 'jolt', 'kiwi', 'vortex', 'yodel', 'mothers', 'moneylender', 'dinnertime', 'sorrymother'];
const UNSPACED_WORDS = ['お金', '今日', '話', '家族'];
/** Only ever in attachment captions and names. */
const CAPTION = ['invoice', 'receipt', 'scan'];
const CATS: Category[] = ['money', 'boundaries', 'decisions'];

interface Row {
  id: number;
  occurredAt: number;
  day: string;
  title: string;
  body: string;
  trashed: boolean;
  people: number[];
  tags: number[];
  domains: string[];
  raise: boolean;
  safety: boolean;
  attachments: { text: string; removed: boolean }[];
}

let db: DB;
const rows: Row[] = [];
let personIds: number[] = [];
let tagInfo: { id: number; category: Category; polarity: 'imbalance' | 'healthy' }[] = [];

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  const rng = createRng(20261207);
  const now = Date.UTC(2026, 0, 1);
  personIds = [1, 2, 3].map((i) => createPerson(db, { name: `P${i}`, kind: 'other', color: '#000000', notes: '' }, now).id);
  tagInfo = CATS.map((category, i) => {
    const polarity = i % 2 ? ('healthy' as const) : ('imbalance' as const);
    return { id: createTag(db, { label: `T${i}`, polarity, category }, now).id, category, polarity };
  });
  const word = () => (rng.chance(0.04) ? rng.pick(RARE) : rng.pick(COMMON));
  db.transaction(() => {
    for (let i = 0; i < 1800; i++) {
      const words = Array.from({ length: rng.int(1, 9) }, word);
      if (rng.chance(0.1)) words.push(rng.pick(UNSPACED_WORDS));
      // When an entry happened is not when it was written (ids): a tenth land anywhere, and some share a time.
      const occurredAt = rng.chance(0.1) ? T0 + rng.int(0, 400) * DAY : T0 + Math.floor(i / 3) * DAY + (i % 3 === 2 ? 0 : 3_600_000);
      const people = personIds.filter(() => rng.chance(0.3));
      const tags = tagInfo.filter(() => rng.chance(0.25)).map((t) => t.id);
      const domains = (['finances', 'work', 'household'] as const).filter(() => rng.chance(0.3));
      const title = rng.chance(0.3) ? word() : '';
      const body = words.join(rng.chance(0.5) ? ' ' : ', ');
      const e = createEntry(
        db,
        {
          occurredAt,
          timeZone: 'UTC',
          title,
          body,
          personIds: people,
          tagIds: tags,
          domains: [...domains],
          powerSources: [],
          balance: null,
          intensity: null,
          heard: null,
          respected: null,
          valued: null,
          involved: null,
          outcome: '',
          raiseWithTherapist: rng.chance(0.2),
          safetyConcern: rng.chance(0.1),
        },
        now,
      );
      const attachments: Row['attachments'] = [];
      if (rng.chance(0.05)) {
        const caption = `${rng.pick(CAPTION)} ${rng.chance(0.5) ? rng.pick(RARE) : ''}`.trim();
        const removed = rng.chance(0.3);
        db.prepare(
          `INSERT INTO attachments (owner_kind, owner_id, name, mime, kind, bytes, sha256, attached_at, caption, sensitive, removed_at)
           VALUES ('entry', ?, 'photo.png', 'image/png', 'image', 0, '', ?, ?, '{}', ?)`,
        ).run(e.id, now, caption, removed ? now : null);
        attachments.push({ text: `photo png ${caption}`, removed });
      }
      const trashed = rng.chance(0.08);
      if (trashed) trashEntry(db, e.id, now + i);
      rows.push({
        id: e.id,
        occurredAt,
        day: e.day,
        title,
        body,
        trashed,
        people,
        tags,
        domains: [...domains],
        raise: e.raiseWithTherapist,
        safety: e.safetyConcern,
        attachments,
      });
    }
  })();
}, 60_000);
afterAll(() => closeDatabase(db));

const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/u).filter(Boolean);
/** All ASCII words in one text: each but the last as a whole token, the last as the start of one. */
function wordsIn(text: string, words: readonly string[]): boolean {
  const ts = tokens(text);
  return words.every((w, i) => (i === words.length - 1 ? ts.some((t) => t.startsWith(w)) : ts.includes(w)));
}

/** The scan every plan must agree with. */
function scan(filter: EntryFilter): Row[] {
  const parts = (filter.text ?? '').split(/\s+/u).filter(Boolean);
  // The index folds case: "Mother" finds "mother".
  const ascii = parts.filter((p) => /^[a-z]+$/iu.test(p)).map((p) => p.toLowerCase());
  const unspaced = parts.filter((p) => !/^[a-z]+$/iu.test(p));
  const day = (d: string | undefined) => d ?? '';
  return rows
    .filter((r) => {
      if (r.trashed) return false;
      if (filter.text !== undefined) {
        const text = `${r.title} ${r.body}`;
        if (ascii.length > 0 && !wordsIn(text, ascii) && !r.attachments.some((a) => !a.removed && wordsIn(a.text, ascii))) return false;
        if (!unspaced.every((u) => text.includes(u))) return false;
      }
      if (filter.personIds && !filter.personIds.some((p) => r.people.includes(p))) return false;
      if (filter.tagIds && !filter.tagIds.some((t) => r.tags.includes(t))) return false;
      if (filter.categories || filter.polarity) {
        const ok = tagInfo.some(
          (t) => r.tags.includes(t.id) && (!filter.categories || filter.categories.includes(t.category)) && (!filter.polarity || filter.polarity === t.polarity),
        );
        if (!ok) return false;
      }
      if (filter.domains && !filter.domains.some((d) => r.domains.includes(d))) return false;
      if (filter.from !== undefined && r.day < day(filter.from)) return false;
      if (filter.to !== undefined && r.day > day(filter.to)) return false;
      if (filter.raiseWithTherapist !== undefined && r.raise !== filter.raiseWithTherapist) return false;
      if (filter.safetyConcern !== undefined && r.safety !== filter.safetyConcern) return false;
      return true;
    })
    .sort((a, b) => b.occurredAt - a.occurredAt || b.id - a.id);
}

/** Every page of a search with one plan: the ids in order, and what the first page said of the count. */
function pages(filter: EntryFilter, limit: number, opts: Omit<SearchOptions, 'trash'>) {
  const ids: number[] = [];
  let first: SearchPage | null = null;
  let cursor: SearchPage['nextCursor'] = null;
  for (let n = 0; n < 2000; n++) {
    const page = searchEntries(db, { filter, cursor, limit }, { trash: false, ...opts });
    first ??= page;
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, first: first! };
}

const PLANS: { label: string; opts: Omit<SearchOptions, 'trash'> }[] = [
  { label: 'chosen', opts: {} },
  { label: 'walk', opts: { plan: 'walk' } },
  { label: 'ids', opts: { plan: 'ids' } },
  { label: 'probe', opts: { plan: 'probe' } },
  // Without the set of entries holding a longer word: every long prefix probed as it is.
  { label: 'probe, no split', opts: { plan: 'probe', splitPrefix: false } },
  // A budget so small that most probes give up and walk: the hand-over must not lose or repeat an entry.
  { label: 'probe, budget 7', opts: { plan: 'probe', probeBudget: 7 } },
];

function expectSameAsScan(filter: EntryFilter, limit: number) {
  const expected = scan(filter).map((r) => r.id);
  for (const { label, opts } of PLANS) {
    const got = pages(filter, limit, opts);
    const what = `${label}: ${JSON.stringify(filter)} limit ${limit}`;
    expect(got.ids, what).toEqual(expected);
    if (Object.keys(filter).length === 0) continue;
    if (filter.text !== undefined && expected.length > COUNT_CAP) {
      expect([got.first.total, got.first.totalCapped], what).toEqual([COUNT_CAP, true]);
    } else {
      expect([got.first.total, got.first.totalCapped], what).toEqual([expected.length, undefined]);
    }
  }
}

const letters = 'abdjmqsxyz'.split('');
const query = fc.oneof(
  fc.constantFrom(...letters),
  fc.constantFrom('an', 'ab', 'mo', 'sa', 'so', 'de', 'xy', 'qu', 'zz', 'in', 're'),
  fc.constantFrom('mot', 'mon', 'moth', 'din', 'dinner', 'sor', 'sorry', 'abo', 'dec', 'Mother', 'MONEY'),
  fc.constantFrom(...COMMON, ...RARE, ...CAPTION, 'nowhere'),
  fc.tuple(fc.constantFrom(...COMMON, ...RARE), fc.constantFrom(...letters, ...COMMON, ...RARE, ...CAPTION)).map(([a, b]) => `${a} ${b}`),
  fc.constantFrom(...UNSPACED_WORDS, '金', 'お', '族'),
  fc.tuple(fc.constantFrom(...UNSPACED_WORDS), fc.constantFrom('a', 'mo', 'money')).map(([a, b]) => `${b} ${a}`),
);
const dayOf = (n: number) => new Date(T0 + n * DAY).toISOString().slice(0, 10);
const filterArb = fc.record(
  {
    text: query,
    personIds: fc.subarray([1, 2, 3], { minLength: 1 }),
    tagIds: fc.subarray([1, 2, 3], { minLength: 1 }),
    categories: fc.subarray(CATS, { minLength: 1 }),
    polarity: fc.constantFrom('imbalance' as const, 'healthy' as const),
    domains: fc.subarray(['finances', 'work', 'household'] as const, { minLength: 1 }).map((d) => [...d]),
    from: fc.integer({ min: 0, max: 610 }).map(dayOf),
    to: fc.integer({ min: 0, max: 610 }).map(dayOf),
    raiseWithTherapist: fc.boolean(),
    safetyConcern: fc.boolean(),
  },
  { requiredKeys: ['text'] },
);

describe('search plans', () => {
  it('seeded data has words in most entries, in a few, in none, and more than COUNT_CAP matches for a letter', () => {
    expect(scan({ text: 'a' }).length).toBeGreaterThan(COUNT_CAP);
    expect(scan({ text: 'xylem' }).length).toBeGreaterThan(0);
    expect(scan({ text: 'xylem' }).length).toBeLessThan(100);
    expect(scan({ text: 'invoice' }).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.trashed).length).toBeGreaterThan(50);
  });

  it('chooses by what the index holds: probe for a letter in most entries, ids for a rare word, walk for a long common prefix', () => {
    const chosen = (text: string): SearchPlan => choosePlan(estimate(db, { text }, textQuery(text)!), textQuery(text)!, expandPrefix(db, textQuery(text)!));
    expect(chosen('a')).toBe('probe');
    expect(chosen('an')).toBe('probe');
    expect(chosen('xylem')).toBe('ids');
    expect(chosen('nowhere')).toBe('ids');
    expect(chosen('quartz')).toBe('ids');
    // A long prefix: probed as the whole word, with the few entries holding a longer word ("mothers") as a set.
    expect(chosen('mother')).toBe('probe');
    expect(chosen('abou')).toBe('probe');
    expect(expandPrefix(db, textQuery('mother')!)?.others.length).toBeGreaterThan(0);
    // Without that split the prefix cannot be probed (each probe would merge every word that starts so).
    expect(choosePlan(estimate(db, { text: 'mother' }, textQuery('mother')!), textQuery('mother')!)).toBe('walk');
    // A prefix that is not ASCII letters and digits is never split (its words in the index may be folded).
    expect(expandPrefix(db, textQuery('mothé')!)).toBeNull();
  });

  it('every plan finds what a scan finds, in the same order, page after page, with the same count (property)', () => {
    fc.assert(
      fc.property(filterArb, fc.integer({ min: 1, max: 400 }), (filter, limit) => {
        expectSameAsScan(filter, limit);
      }),
      { numRuns: 100, seed: 20261207 },
    );
  });

  it('gives the same excerpts, marks included, whichever plan found the page', () => {
    for (const text of ['mother', 'money', 'dinner', 'sorry mother', 'a', 'mo', 'xylem']) {
      const excerpts = (opts: Omit<SearchOptions, 'trash'>) =>
        searchEntries(db, { filter: { text }, cursor: null, limit: 60 }, { trash: false, ...opts }).items.map((e) => [e.id, e.excerpt]);
      const walked = excerpts({ plan: 'walk' });
      expect(walked.some(([, x]) => String(x).includes('\uE000')), text).toBe(true);
      for (const plan of ['probe', 'ids'] as const) expect(excerpts({ plan }), `${plan}: ${text}`).toEqual(walked);
    }
  });

  it('finds entries by their attachments alone, and never by a removed one, whatever the plan', () => {
    for (const text of ['invoice', 'receipt', 'scan', 'png', 'receipt xylem', 'photo in', 'invoice 今日']) expectSameAsScan({ text }, 20);
  });

  it('counts a text search up to COUNT_CAP and then says "more than", with or without other filters', () => {
    for (const filter of [{ text: 'a' }, { text: 'a', raiseWithTherapist: false }, { text: 'and' }, { text: 'money' }, { text: 'xylem' }] as EntryFilter[]) {
      expectSameAsScan(filter, 50);
    }
    // Other filters are counted exactly, however many entries they match.
    const all = searchEntries(db, { filter: { safetyConcern: false }, cursor: null, limit: 10 }, { trash: false });
    expect(all.total).toBe(scan({ safetyConcern: false }).length);
    expect(all.total).toBeGreaterThan(COUNT_CAP);
    expect(all.totalCapped).toBeUndefined();
  });
});

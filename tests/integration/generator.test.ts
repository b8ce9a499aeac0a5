import { describe, expect, it } from 'vitest';
import type { SearchPage } from '../../shared/schemas.js';
import { createRng, generateJournal, journalHash, type GeneratedJournal } from '../generator/index.js';
import { createdService } from '../helpers/journal.js';

/** A fresh journal filled by the generator; returns its content hash and the open service. */
async function generated(seed: number, entries: number, extra: Partial<Parameters<typeof generateJournal>[0]> = {}) {
  // The journal's own clock: with the real one, its trash (all from its last 30 days) would be overdue.
  let clock = Date.UTC(2016, 0, 1);
  const { service, call } = await createdService(undefined, { ports: { now: () => clock, log: () => {} } });
  const journal = await generateJournal({ seed, entries, ...extra }, service);
  clock = journal.now;
  return { service, call, journal, hash: journalHash(service.vault.database()) };
}

describe('the seeded PRNG', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, createRng(seed).next);
    const a = createRng(7);
    const first = Array.from({ length: 8 }, () => a.next());
    const b = createRng(7);
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(first);
    const c = createRng(8);
    expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(first);
    expect(draw(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('the synthetic journal generator', () => {
  it('writes byte-for-byte the same journal content for the same seed, and different content for another seed', async () => {
    const a = await generated(1234, 300);
    const b = await generated(1234, 300);
    const c = await generated(1235, 300);
    try {
      expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(b.hash).toBe(a.hash);
      expect(c.hash).not.toBe(a.hash);
      expect(b.journal).toEqual(a.journal);
    } finally {
      for (const s of [a, b, c]) s.service.vault.lock();
    }
  });

  it('bulk mode writes the same journal content as the repositories, with a working search index and no revisions', async () => {
    const slow = await generated(4321, 400, { people: 5 });
    const bulk = await generated(4321, 400, { people: 5, bulk: true, batch: 150 });
    try {
      expect(bulk.hash).toBe(slow.hash);
      expect(bulk.journal).toEqual(slow.journal);
      const count = (s: typeof slow, sql: string) => s.service.vault.database().prepare(sql).pluck().get() as number;
      // The search index was filled by its triggers: the same words find the same entries.
      const word = slow.journal.vocabulary.en[0]!;
      const a = await slow.call<SearchPage>('entries.search', { filter: { text: word }, limit: 50 });
      const b = await bulk.call<SearchPage>('entries.search', { filter: { text: word }, limit: 50 });
      expect(a.total).toBeGreaterThan(0);
      expect(b.items.map((e) => e.id)).toEqual(a.items.map((e) => e.id));
      expect(count(bulk, 'SELECT count(*) FROM entries_unspaced')).toBe(count(slow, 'SELECT count(*) FROM entries_unspaced'));
      expect(count(bulk, "SELECT count(*) FROM revisions WHERE item_type = 'entry'")).toBe(0);
      expect(count(slow, "SELECT count(*) FROM revisions WHERE item_type = 'entry'")).toBeGreaterThanOrEqual(400);
    } finally {
      for (const s of [slow, bulk]) s.service.vault.lock();
    }
  });

  it('has the shape of a real journal: people, patterns, lengths, languages, check-ins, drafts and trash', async () => {
    const { service, call, journal } = await generated(99, 1500, { people: 6 });
    try {
      const db = service.vault.database();
      const one = <T>(sql: string) => db.prepare(sql).get() as T;
      const j: GeneratedJournal = journal;
      expect(j.entries).toBe(1500);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM entries').n).toBe(1500);

      // Ten years, ending on the default last day.
      const span = one<{ first: string; last: string }>('SELECT min(day) AS first, max(day) AS last FROM entries');
      expect(span.first < '2017-01-01').toBe(true);
      expect(span.last >= '2026-06-01' && span.last <= '2026-07-01').toBe(true);

      // People of different kinds, one archived (six people).
      const people = db.prepare('SELECT kind, archived_at FROM people').all() as { kind: string; archived_at: number | null }[];
      expect(people).toHaveLength(6);
      expect(new Set(people.map((p) => p.kind)).size).toBeGreaterThanOrEqual(3);
      expect(people.filter((p) => p.archived_at !== null)).toHaveLength(1);

      // 0–5 patterns per entry, from the catalogue and custom ones.
      const perEntry = db.prepare('SELECT count(et.tag_id) AS n FROM entries e LEFT JOIN entry_tags et ON et.entry_id = e.id GROUP BY e.id').pluck().all() as number[];
      expect(Math.min(...perEntry)).toBe(0);
      expect(Math.max(...perEntry)).toBe(5);
      expect(one<{ n: number }>('SELECT count(DISTINCT et.tag_id) AS n FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE t.builtin = 0').n).toBeGreaterThan(0);
      expect(one<{ n: number }>('SELECT count(DISTINCT et.tag_id) AS n FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE t.builtin = 1').n).toBeGreaterThan(30);

      // Bodies of 20–3,000 characters, in five scripts.
      const lengths = one<{ lo: number; hi: number; avg: number }>('SELECT min(length(body)) AS lo, max(length(body)) AS hi, avg(length(body)) AS avg FROM entries');
      expect(lengths.lo).toBeGreaterThanOrEqual(20);
      expect(lengths.hi).toBeLessThanOrEqual(3000);
      expect(lengths.hi).toBeGreaterThan(2000);
      const bodies = db.prepare('SELECT body FROM entries').pluck().all() as string[];
      for (const script of [/[äöüß]/u, /[ñáéíóú]/u, /\p{Script=Hiragana}|\p{Script=Han}/u, /\p{Script=Arabic}/u]) {
        expect(bodies.some((b) => script.test(b)), String(script)).toBe(true);
      }

      // Balance and felt scores follow the patterns: imbalance-heavy entries read worse than healthy ones.
      const mean = (polarity: string) =>
        one<{ balance: number; heard: number }>(
          `SELECT avg(balance) AS balance, avg(heard) AS heard FROM entries e
           WHERE (SELECT count(*) FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id AND t.polarity = '${polarity}') >= 2`,
        );
      expect(mean('imbalance').balance).toBeLessThan(mean('healthy').balance - 1);
      expect(mean('imbalance').heard).toBeLessThan(mean('healthy').heard - 1);

      // Weekly check-ins: at most one per person per week, most weeks covered for the first person.
      const weeks = one<{ n: number }>('SELECT count(*) AS n FROM checkins WHERE person_id = 1').n;
      expect(weeks).toBeGreaterThan(52 * 10 * 0.7);
      expect(weeks).toBeLessThanOrEqual(53 * 10 + 1);

      // Drafts and trash, readable through the real API.
      expect(await call<unknown[]>('drafts.list')).toHaveLength(2);
      const trash = await call<SearchPage>('entries.trash', { limit: 500 });
      expect(trash.items).toHaveLength(j.trashed);
      expect(j.trashed).toBe(15);
      const page = await call<SearchPage>('entries.search', { filter: { text: j.vocabulary.en[0]! }, limit: 10 });
      expect(page.items.length).toBeGreaterThan(0);
    } finally {
      service.vault.lock();
    }
  });

  it('refuses to fill a journal that already has entries', async () => {
    const { service } = await generated(5, 10);
    try {
      await expect(generateJournal({ seed: 5, entries: 10 }, service)).rejects.toThrow(/empty journal/);
    } finally {
      service.vault.lock();
    }
  });
});

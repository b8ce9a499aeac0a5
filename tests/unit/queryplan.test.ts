import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryFilter } from '../../shared/schemas.js';
import { closeDatabase, openDatabase, type DB } from '../../main/core/db/index.js';
import { buildSearchQuery, createEntry, createPerson, createTag, trashEntry } from '../../main/core/db/repos/index.js';
import { REVISION_DIGESTS_SQL, revisionDigests } from '../../main/core/db/repos/evidence.js';
import { tempDir } from '../helpers/files.js';

/**
 * The timeline must stay fast at 100k entries: these pin the query plans. A plan that
 * sorts the whole match set ("USE TEMP B-TREE") or scans entries without an index fails here.
 */
let db: DB;
const cursor = { occurredAt: Date.UTC(2024, 5, 1), id: 100 };

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  const now = Date.UTC(2025, 0, 1);
  const people = [1, 2, 3].map((i) => createPerson(db, { name: `P${i}`, kind: 'other', color: '#000000', notes: '' }, now));
  const tags = [1, 2, 3].map((i) => createTag(db, { label: `T${i}`, polarity: 'imbalance', category: 'money' }, now));
  db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const e = createEntry(
        db,
        {
          occurredAt: Date.UTC(2023, 0, 1) + i * 3_600_000,
          timeZone: 'UTC',
          title: `entry ${i}`,
          body: i % 2 ? 'money talk' : 'quiet day',
          personIds: [people[i % 3]!.id],
          tagIds: [tags[i % 3]!.id],
          domains: i % 2 ? ['finances'] : ['work'],
          powerSources: [],
          balance: null,
          intensity: null,
          heard: null,
          respected: null,
          valued: null,
          involved: null,
          outcome: '',
          raiseWithTherapist: i % 5 === 0,
          safetyConcern: false,
        },
        now,
      );
      if (i % 10 === 0) trashEntry(db, e.id, now + i);
    }
  })();
});
afterAll(() => closeDatabase(db));

function plan(filter: EntryFilter, opts: { trash?: boolean; cursor?: boolean } = {}): string[] {
  const q = buildSearchQuery(filter, opts.cursor ? cursor : null, 50, opts.trash ?? false);
  return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => r.detail);
}

/** The entries table is read through `index`, in its order: no full scan, no sort of the matches. */
function expectIndexOrdered(lines: string[], index: string) {
  expect(lines.some((l) => new RegExp(`^(SCAN|SEARCH) e USING (COVERING )?INDEX ${index}\\b`).test(l)), lines.join('\n')).toBe(true);
  expect(lines.filter((l) => /^SCAN e\b/.test(l) && !l.includes(`INDEX ${index}`)), lines.join('\n')).toEqual([]);
  expect(lines.filter((l) => l.includes('TEMP B-TREE')), lines.join('\n')).toEqual([]);
}

const filters: [string, EntryFilter, string[]][] = [
  ['no filter', {}, []],
  ['a person', { personIds: [1, 2] }, ['entry_people_person']],
  ['a pattern', { tagIds: [1] }, ['entry_tags_tag']],
  ['a category and polarity', { categories: ['money'], polarity: 'imbalance' }, ['entry_tags_tag']],
  ['a domain', { domains: ['finances'] }, ['entry_domains_domain']],
  ['text', { text: 'money ta' }, ['entries_fts VIRTUAL TABLE']],
  ['a day range', { from: '2023-01-05', to: '2023-01-20' }, []],
  ['a flag', { raiseWithTherapist: true, safetyConcern: false }, []],
  [
    'everything at once',
    { text: 'money', personIds: [1], tagIds: [1, 2], categories: ['money'], domains: ['finances'], from: '2023-01-01', to: '2023-12-31', raiseWithTherapist: false },
    ['entry_people_person', 'entry_tags_tag', 'entry_domains_domain', 'entries_fts VIRTUAL TABLE'],
  ],
];

describe.each([
  ['without statistics (a fresh journal)', () => {}],
  ['after ANALYZE', () => db.exec('ANALYZE')],
])('timeline query plans %s', (_name, prepare) => {
  beforeAll(() => prepare());

  it.each(filters)('walks entries_live_time for %s, using the link indexes', (_label, filter, uses) => {
    for (const withCursor of [false, true]) {
      const lines = plan(filter, { cursor: withCursor });
      expectIndexOrdered(lines, 'entries_live_time');
      for (const index of uses) expect(lines.join('\n')).toContain(index);
    }
  });

  it('seeks straight to the cursor instead of walking from the top', () => {
    expect(plan({}, { cursor: true })).toEqual(['SEARCH e USING INDEX entries_live_time (occurred_at<?)']);
  });

  it('reads the trash through entries_trash, most recently deleted first', () => {
    expectIndexOrdered(plan({}, { trash: true }), 'entries_trash');
    expectIndexOrdered(plan({ personIds: [1], text: 'money' }, { trash: true, cursor: true }), 'entries_trash');
  });
});

describe('text search plans', () => {
  const explain = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);

  it('probe: walks entries_live_time down to the floor and seeks each entry in the full-text index', () => {
    for (const filter of [{ text: 'm' }, { text: 'money ta', personIds: [1], from: '2023-01-01' }] as EntryFilter[]) {
      const q = buildSearchQuery(filter, cursor, 50, false, undefined, 'probe');
      const lines = explain(q.flooredSql, { ...q.params, floorKey: 0, floorId: 0 });
      expectIndexOrdered(lines, 'entries_live_time');
      expect(lines.join('\n')).toMatch(/entries_live_time \(occurred_at>\? AND occurred_at<\?\)/u);
      // FTS5 is handed the rowid (its plan string has "=" for a rowid constraint): a seek, not a scan of the matches.
      expect(lines.some((l) => /^SCAN entries_fts VIRTUAL TABLE INDEX \d+:=M/u.test(l)), lines.join('\n')).toBe(true);
    }
  });

  it('ids: starts from the matches and reads each entry by its id, never the time index', () => {
    const q = buildSearchQuery({ text: 'money', personIds: [1] }, cursor, 50, false, undefined, 'ids');
    const lines = explain(q.sql, q.params);
    expect(lines, lines.join('\n')).toContain('SEARCH e USING INTEGER PRIMARY KEY (rowid=?)');
    expect(lines.join('\n')).not.toContain('entries_live_time');
  });
});

describe('the plans answer correctly', () => {
  it('returns the newest live entries in order from the index walk', () => {
    const q = buildSearchQuery({ personIds: [1] }, null, 5, false);
    const rows = db.prepare(q.sql).all(q.params) as { id: number; k: number }[];
    const expected = db
      .prepare(
        `SELECT e.id AS id, e.occurred_at AS k FROM entries e JOIN entry_people p ON p.entry_id = e.id AND p.person_id = 1
         WHERE e.deleted_at IS NULL ORDER BY e.occurred_at DESC, e.id DESC LIMIT 6`,
      )
      .all();
    expect(rows).toEqual(expected);
  });
});

describe('the history\'s digests (the tree a report\'s proofs need)', () => {
  it('are read from their index alone, in chain order, never from the revisions\' rows', () => {
    const lines = (db.prepare(`EXPLAIN QUERY PLAN ${REVISION_DIGESTS_SQL}`).all(0, 10) as { detail: string }[]).map((r) => r.detail);
    expect(lines, lines.join('\n')).toEqual(['SEARCH revisions USING COVERING INDEX revisions_digests (seq>?)']);
  });

  it('come whole and in order across batches', () => {
    const expected = db.prepare('SELECT seq, digest FROM revisions ORDER BY seq').raw(true).all();
    expect(expected.length).toBeGreaterThanOrEqual(600);
    expect([...revisionDigests(db, 7)]).toEqual(expected);
    expect([...revisionDigests(db)]).toEqual(expected);
  });
});

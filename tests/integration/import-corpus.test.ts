import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, type ExportFile, type ImportPreview } from '../../shared/portability.js';
import { previewImport } from '../../main/core/portability/index.js';
import { createdService } from '../helpers/journal.js';
import { REAL_NAME, fingerprint, seedJournal } from '../fixtures/portability/journal.js';
import { asUpload, corpus, importAll } from '../fixtures/portability/imports.js';
import { deepArrays, deepObjects, giantTextJson, manyRowsCsv } from '../fixtures/portability/generated.js';

/**
 * The hostile corpus: every file is refused with a message that names its problem (and its line or
 * place, never its content), nothing is imported and nothing in the journal changes. Files that are
 * odd but honest (BOM, CRLF, right-to-left text, formula-looking cells) import exactly.
 */
type Service = Awaited<ReturnType<typeof createdService>>;
let s: Service;
let exported: Record<string, unknown>;

beforeAll(async () => {
  s = await createdService();
  await seedJournal(s.call, () => s.service.vault.database());
  exported = JSON.parse((await s.call<ExportFile>('export.build', { format: 'json' })).content);
});

const clone = () => structuredClone(exported) as { version: number; journal: { entries: Record<string, unknown>[]; people: Record<string, unknown>[] } };
const fulcrum = (change: (e: ReturnType<typeof clone>) => void) => {
  const e = clone();
  change(e);
  return { text: JSON.stringify(e, null, 2) };
};

interface Refused {
  name: string;
  source: () => object;
  extra?: Record<string, unknown>;
  /** The whole file is refused at preview with this message. */
  refused?: RegExp;
  /** Or the preview lists these problems (by place) and the commit is refused. */
  problems?: { where: RegExp; message: RegExp }[];
  line?: number;
}

const cases: Refused[] = [
  { name: 'an empty file', source: () => asUpload(corpus('empty.json')), refused: /The file is empty\./ },
  { name: 'a file of only spaces and line breaks', source: () => asUpload(corpus('whitespace.csv')), refused: /empty \(it holds only spaces/ },
  { name: 'binary garbage', source: () => asUpload(corpus('binary.bin')), refused: /looks like binary data/ },
  { name: 'text that is not UTF-8', source: () => asUpload(corpus('not-utf8.csv')), refused: /not readable text \(an invalid character on line 2\)/, line: 2 },
  { name: 'a ZIP archive (a Day One export before unzipping)', source: () => asUpload(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)])), refused: /ZIP archive/ },
  { name: 'truncated Day One JSON', source: () => asUpload(corpus('dayone-truncated.json')), refused: /ends in the middle of its data \(line \d+\): it looks cut off/ },
  {
    name: 'a truncated Fulcrum export',
    source: () => {
      const t = JSON.stringify(exported, null, 2);
      return { text: t.slice(0, Math.floor(t.length * 0.6)) };
    },
    refused: /looks cut off/,
  },
  { name: 'a JSON syntax error', source: () => asUpload(corpus('syntax-error.json')), refused: /not valid JSON: a ',' or '}' is missing on line 4\./, line: 4 },
  { name: 'JSON that is neither export', source: () => asUpload(corpus('neither.json')), refused: /neither a Fulcrum export nor a Day One export/ },
  { name: '10 000 nested arrays', source: () => ({ text: deepArrays(10_000) }), refused: /nested more than 64 levels deep \(line 1\)/ },
  { name: '10 000 nested objects', source: () => ({ text: deepObjects(10_000) }), refused: /nested more than 64 levels deep/ },
  {
    name: 'a 50 MB file with one giant text',
    source: () => ({ text: giantTextJson(50) }),
    refused: /A text on line 3 is longer than 1,000,000 characters/,
  },
  {
    name: 'a 50 MB CSV with more rows than can be imported',
    source: () => ({ text: manyRowsCsv(50) }),
    refused: /more than 200,000 rows/,
  },
  { name: 'a CSV with a ragged row', source: () => asUpload(corpus('ragged.csv')), refused: /The row on line 3 has a different number of columns than the header \(a ragged row\)/, line: 3 },
  { name: 'a CSV quote that never closes', source: () => asUpload(corpus('unclosed-quote.csv')), refused: /quoted value that starts on line \d+ is never closed/ },
  { name: 'an export from a newer Fulcrum', source: () => fulcrum((e) => (e.version = 2)), refused: /newer version of Fulcrum \(format 2\)/ },
  {
    name: 'wrong types in a Fulcrum export',
    source: () =>
      fulcrum((e) => {
        e.journal.entries[0]!.balance = 'high';
        e.journal.people[0]!.kind = 'boss';
        e.journal.entries[1]!.people = 'everyone';
      }),
    problems: [
      { where: /^journal\.people\[0\]\.kind$/, message: /Invalid option/ },
      { where: /^journal\.entries\[0\]\.balance$/, message: /expected number/ },
      { where: /^journal\.entries\[1\]\.people$/, message: /expected array/ },
    ],
  },
  {
    name: 'invalid dates and zones in a Fulcrum export',
    source: () =>
      fulcrum((e) => {
        e.journal.entries[0]!.occurredAt = '2024-02-30T10:00:00Z';
        e.journal.entries[1]!.createdAt = 'last tuesday';
        e.journal.entries[2]!.timeZone = 'Mars/Olympus_Mons';
      }),
    problems: [
      { where: /^journal\.entries\[0\]\.occurredAt$/, message: /not a real date/ },
      { where: /^journal\.entries\[1\]\.createdAt$/, message: /not a date and time like/ },
      { where: /^journal\.entries\[2\]\.timeZone$/, message: /unknown time zone/ },
    ],
  },
  {
    name: 'duplicate ids in a Fulcrum export',
    source: () =>
      fulcrum((e) => {
        e.journal.entries[1]!.id = e.journal.entries[0]!.id;
        e.journal.people[1]!.id = e.journal.people[0]!.id;
      }),
    problems: [
      { where: /^journal\.people\[1\]\.id$/, message: /duplicate ids/ },
      { where: /^journal\.entries\[1\]\.id$/, message: /duplicate ids/ },
    ],
  },
  {
    name: 'an entry naming a person who is not in the file',
    source: () => fulcrum((e) => (e.journal.entries[0]!.people = [999])),
    problems: [{ where: /^journal\.entries\[0\]\.people$/, message: /names person 999, who is not in the file/ }],
  },
  {
    name: 'a NUL and an over-long text in a Fulcrum export',
    source: () =>
      fulcrum((e) => {
        e.journal.entries[0]!.title = 'before\u0000after';
        e.journal.entries[1]!.body = 'y'.repeat(200_001);
      }),
    problems: [
      { where: /^journal\.entries\[0\]\.title$/, message: /contains a NUL byte/ },
      { where: /^journal\.entries\[1\]\.body$/, message: /200000/ },
    ],
  },
  {
    name: 'invalid dates in a Day One export',
    source: () => asUpload(corpus('dayone-invalid-dates.json')),
    problems: [
      { where: /^entries\[1\]\.creationDate$/, message: /not a real date and time/ },
      { where: /^entries\[2\]\.creationDate$/, message: /not a real date and time/ },
    ],
  },
  {
    name: 'duplicate uuids in a Day One export (whatever their case)',
    source: () => asUpload(corpus('dayone-duplicate-ids.json')),
    problems: [{ where: /^entries\[2\]\.uuid$/, message: /same uuid as entries\[0\] \(duplicate ids\)/ }],
  },
  {
    name: 'wrong types in a Day One export',
    source: () => asUpload(corpus('dayone-wrong-types.json')),
    problems: [
      { where: /^entries\[0\]\.tags$/, message: /expected array/ },
      { where: /^entries\[1\]\.text$/, message: /expected string/ },
      { where: /^entries\[2\]\.uuid$/, message: /expected string/ },
    ],
  },
  {
    name: 'an unpaired surrogate (a lone \\ud800) in the text',
    source: () => asUpload(corpus('dayone-unpaired-surrogate.json')),
    problems: [{ where: /^entries\[0\]\.body$/, message: /unpaired UTF-16 surrogate/ }],
  },
  {
    name: 'a NUL character (\\u0000) in the text',
    source: () => asUpload(corpus('dayone-nul.json')),
    problems: [{ where: /^entries\[0\]\.body$/, message: /contains a NUL byte/ }],
  },
  {
    name: 'invalid dates and times in a Daylio export',
    source: () => asUpload(corpus('daylio-invalid-dates.csv')),
    problems: [
      { where: /^line 2$/, message: /full_date is not a real date/ },
      { where: /^line 3$/, message: /time is not a time/ },
    ],
  },
  {
    name: 'out-of-range scores in a CSV',
    source: () => asUpload(corpus('generic-bad-values.csv')),
    problems: [
      { where: /^line 2$/, message: /balance must be a whole number from -3 to 3/ },
      { where: /^line 3$/, message: /heard must be a whole number from 1 to 5/ },
    ],
  },
];

describe('the hostile import corpus', () => {
  for (const c of cases) {
    it(`refuses ${c.name}, names the problem, and changes nothing`, async () => {
      const before = fingerprint(s.service.vault.database());
      const reply = await s.service.dispatch('import.preview', { source: c.source(), ...c.extra });
      if (c.refused) {
        expect(reply.ok, 'the preview accepted it').toBe(false);
        if (!reply.ok) {
          expect(reply.error.code).toBe('IMPORT_INVALID');
          expect(reply.error.message).toMatch(c.refused);
          expect(reply.error.message).toMatch(/Nothing was imported\.$/);
          if (c.line) expect(reply.error.detail).toMatchObject({ line: c.line });
          // Never a piece of the file in the message.
          expect(reply.error.message).not.toMatch(/creationDate|"AA"|a day like any other|xxxx|one,first|Budget/);
        }
      } else {
        expect(reply.ok).toBe(true);
        const preview = (reply as { value: ImportPreview }).value;
        expect(preview.canCommit).toBe(false);
        for (const p of c.problems!) {
          expect(preview.problems, `${p.where}`).toContainEqual(expect.objectContaining({ where: expect.stringMatching(p.where), message: expect.stringMatching(p.message) }));
        }
        for (const p of preview.problems) expect(p.message).not.toContain(REAL_NAME.split(' ')[0]);
        const commit = await s.service.dispatch('import.commit', { importId: preview.importId });
        expect(commit).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
        if (!commit.ok) expect(commit.error.message).toMatch(/The file has \d+ problems? \(.+\)\. Nothing was imported\./);
      }
      expect(fingerprint(s.service.vault.database())).toBe(before);
    });
  }

  it('refuses a file over the size limit before reading it, and more entries than the limit', async () => {
    const db = s.service.vault.database();
    const before = fingerprint(db);
    const ctx = { db, journalId: s.service.vault.journalId, now: Date.now(), owner: {}, timeZone: 'UTC' };
    const small = { ...IMPORT_LIMITS, maxBytes: 1000 };
    await expect(previewImport({ source: { text: 'date\n' + '2024-01-01\n'.repeat(200) }, format: 'auto' }, { ...ctx, limits: small })).rejects.toThrow(
      /The file is too large \(3 KB; the limit is 1 KB\)\. Nothing was imported\./,
    );
    const few = { ...IMPORT_LIMITS, maxEntries: 2 };
    await expect(previewImport({ source: { text: corpus('dayone-unknown-fields.json').toString() }, format: 'auto' }, { ...ctx, limits: few })).rejects.toThrow(
      /The file has 3 entries; at most 2 can be imported at once/,
    );
    expect(fingerprint(db)).toBe(before);
  });
});

describe('odd but honest files import exactly', () => {
  it('formula-looking cells are kept as plain text, never run, and neutralised again on export', async () => {
    const t = await createdService();
    await importAll(t.call, asUpload(corpus('formula-cells.csv')));
    const page = await t.call<{ items: { title: string; excerpt: string }[] }>('entries.search', {});
    expect(page.items.map((e) => e.title).sort()).toEqual(['-1+2', '=HYPERLINK("http://example.invalid","click")']);
    const tags = await t.call<{ label: string }[]>('tags.list', {});
    expect(tags.map((x) => x.label)).toEqual(expect.arrayContaining(['@cmd', '=1+1', 'plain']));
    const csv = (await t.call<ExportFile>('export.build', { format: 'csv' })).content;
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(csv).toContain("'-1+2");
    // A cell that the spreadsheet guard had already quoted is read without the guard.
    expect(page.items.find((e) => e.title === '-1+2')!.excerpt).toBe('=already guarded');
  });
});

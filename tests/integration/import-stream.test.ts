/**
 * A Fulcrum export is read an entry at a time (preview, then again at commit) instead of as one
 * parsed object: the plan it gives must be exactly the plan of reading the file whole, and a file
 * with anything wrong in it must get the same problems as before.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, type ExportFile, type ImportPreview, type ImportResult } from '../../shared/portability.js';
import { planFile, previewImport } from '../../main/core/portability/index.js';
import { planGenericText } from '../../main/core/portability/import/index.js';
import { readCsv } from '../../main/core/portability/import/csvread.js';
import { planGenericCsv, proposeMapping } from '../../main/core/portability/import/generic.js';
import { CsvMapping, type CsvMappingParsed } from '../../shared/portability.js';
import { commitPlan } from '../../main/core/portability/import/apply.js';
import { fulcrumStream } from '../../main/core/portability/import/fulcrum.js';
import { JsonScanner } from '../../main/core/portability/import/jsonscan.js';
import { jsonElements, scanJsonFile } from '../../main/core/portability/import/jsonstream.js';
import { bufferSource } from '../../main/core/portability/import/source.js';
import type { ImportPlan, PlannedEntry } from '../../main/core/portability/import/plan.js';
import { createdService } from '../helpers/journal.js';
import { fingerprint, journalContent, seedJournal } from '../fixtures/portability/journal.js';
import { corpus, importAll } from '../fixtures/portability/imports.js';

type Json = Record<string, unknown> & { journal: Record<string, unknown[]> };

const whole = (text: string): ImportPlan => planFile(Buffer.from(text), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS }).plan;

/** The streamed reading gathered into a plan; null when it hands the file to the whole-file reading. */
async function streamed(text: string): Promise<ImportPlan | null> {
  const source = bufferSource(Buffer.from(text));
  const scan = await scanJsonFile(source, IMPORT_LIMITS, async () => {});
  if (!scan || scan.lists['journal.entries'] === null) return null;
  const s = fulcrumStream(scan.skeleton);
  if (!s) return null;
  const entries: PlannedEntry[] = [];
  const plan = s.entries();
  for await (const raw of jsonElements(source, IMPORT_LIMITS, 'journal.entries', scan.seen)) {
    const e = plan(raw);
    if (!e) return null;
    entries.push(e);
  }
  return { ...s.head, entries };
}

async function seededExport(): Promise<Json> {
  const a = await createdService();
  await seedJournal(a.call, () => a.service.vault.database());
  const file = await a.call<ExportFile>('export.build', { format: 'json' });
  return JSON.parse(file.content) as Json;
}

/** The seeded export with `n` entries made from its own, with text that looks like JSON's own syntax. */
function generated(base: Json, n: number): Json {
  const template = base.journal.entries as Record<string, unknown>[];
  const entries = Array.from({ length: n }, (_, i) => {
    const t = template[i % template.length]!;
    return {
      ...t,
      id: i + 1,
      occurredAt: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(),
      title: `#${i} "quoted" [brackets] {braces}, commas: \\ back\\slash`,
      body: i % 3 === 0 ? `line one\nline two \u05e9\u05dc\u05d5\u05dd 🌱 \u200b ]}` : '',
      sourceRef: i % 4 === 0 ? `dayone-${i}` : null,
      source: i % 4 === 0 ? 'dayone' : 'fulcrum',
    };
  });
  return { ...base, journal: { ...base.journal, entries } };
}

describe('a Fulcrum export read an entry at a time', () => {
  it('gives exactly the plan of reading it whole: the seeded export, and a generated file written three ways', async () => {
    const base = await seededExport();
    const big = generated(base, 1200);
    const { journal: _j, ...rest } = big;
    const texts = [
      JSON.stringify(base),
      JSON.stringify(base, null, 2),
      JSON.stringify(big),
      JSON.stringify(big, null, '\t'),
      // A name written with an escape is the same name to JSON.parse, and to the reader.
      JSON.stringify(big).replace('"entries":', '"entr\\u0069es":'),
      // Members in another order, and an empty list of entries.
      JSON.stringify({ journal: { entries: big.journal.entries, ...big.journal }, ...rest }),
      JSON.stringify({ ...base, journal: { ...base.journal, entries: [] } }),
    ];
    for (const text of texts) {
      const plan = await streamed(text);
      expect(plan).not.toBeNull();
      expect(plan).toEqual(whole(text));
    }
    expect((await streamed(texts[2]!))!.entries).toHaveLength(1200);
  });

  it('imports into the same journal as committing the whole-file plan, and finds every entry again on a second import', async () => {
    const text = JSON.stringify(generated(await seededExport(), 600));
    const viaStream = await createdService();
    const { preview, result } = await importAll(viaStream.call, { text });
    expect(preview.counts).toMatchObject({ entries: 600, newEntries: 600, duplicates: 0 });
    expect(result.imported.entries).toBe(600);

    const viaWhole = await createdService();
    const db = viaWhole.service.vault.database();
    await commitPlan(db, whole(text), { journalId: viaWhole.service.vault.journalId, now: Date.now() });
    const a = journalContent(viaStream.service.vault.database());
    const b = journalContent(db);
    // Only the import's own clock differs (the time a row was made when the file gives none).
    const untimed = (e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'created_at' && k !== 'updated_at'));
    expect(a.entries.map(untimed)).toEqual(b.entries.map(untimed));
    expect({ ...a, entries: [] }).toEqual({ ...b, entries: [] });

    const before = fingerprint(viaStream.service.vault.database());
    const again = await viaStream.call<ImportPreview>('import.preview', { source: { text } });
    expect(again.counts).toMatchObject({ entries: 600, newEntries: 0, duplicates: 600 });
    const second = await viaStream.call<ImportResult>('import.commit', { importId: again.importId });
    expect(second.imported.entries).toBe(0);
    expect(fingerprint(viaStream.service.vault.database())).toBe(before);
  });

  it('hands a file with a problem in any part to the whole-file reading, so its problems are the same as before', async () => {
    const base = generated(await seededExport(), 30);
    const entries = base.journal.entries as Record<string, unknown>[];
    const withEntry = (i: number, change: Record<string, unknown>): Json => ({
      ...base,
      journal: { ...base.journal, entries: entries.map((e, k) => (k === i ? { ...e, ...change } : e)) },
    });
    const broken: Json[] = [
      withEntry(12, { people: [999] }),
      withEntry(20, { id: 3 }),
      withEntry(7, { occurredAt: 'yesterday' }),
      withEntry(29, { sourceRef: 'dayone-0', source: 'dayone' }),
      withEntry(5, { title: 'broken \ud800 half' }),
      { ...base, journal: { ...base.journal, people: [...base.journal.people!, base.journal.people![0]] } },
    ];
    const { service } = await createdService();
    const ctx = { db: service.vault.database(), journalId: service.vault.journalId, now: Date.now(), owner: service, timeZone: 'UTC' };
    for (const file of broken) {
      const text = JSON.stringify(file);
      const plan = whole(text);
      expect(plan.problems.length).toBeGreaterThan(0);
      expect(await streamed(text)).toBeNull();
      const preview = await previewImport({ source: { text }, format: 'auto' }, ctx);
      expect(preview.canCommit).toBe(false);
      expect(preview.problemCount).toBe(plan.problems.length);
      expect(preview.problems).toEqual(plan.problems.slice(0, 100).map(({ where, line, issue, message }) => ({ where, line, issue, message })));
    }
  });

  it('stops its preview when the journal locks', async () => {
    const text = JSON.stringify(generated(await seededExport(), 50));
    const { service } = await createdService();
    const lock = new AbortController();
    lock.abort();
    const ctx = { db: service.vault.database(), journalId: service.vault.journalId, now: Date.now(), owner: service, timeZone: 'UTC', signal: lock.signal };
    await expect(Promise.resolve().then(() => previewImport({ source: { text }, format: 'auto' }, ctx))).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('finding the entries in checked JSON text', () => {
  const elements = (text: string, pieceSize = text.length) => {
    const found: string[] = [];
    const scanner = new JsonScanner({ limits: IMPORT_LIMITS, elementsOf: 'journal.entries', onElement: (t) => found.push(t) });
    for (let i = 0; i < text.length; i += pieceSize) scanner.write(text.slice(i, i + pieceSize));
    scanner.end();
    return scanner.listLength('journal.entries') === null ? null : found;
  };

  it('finds each element whatever its strings hold, and nothing in a nested or repeated member', () => {
    expect(elements('{"journal":{"entries":[{"t":"]\\"},"},  2 ,"x",[1,[2]],null]}}')).toEqual(['{"t":"]\\"},"}', '2', '"x"', '[1,[2]]', 'null']);
    expect(elements(' { "a" : { "journal" : 1 } , "journal" : { "x" : [ ] , "entries" : [ ] } } ')).toEqual([]);
    expect(elements('{"journal":{"entries":[1]},"journal":{"entries":[2]}}')).toBeNull();
    expect(elements('{"journal":{"entries":[1],"entries":[2]}}')).toBeNull();
    expect(elements('{"journal":{"entries":{}}}')).toBeNull();
    expect(elements('{"journal":[{"entries":[]}]}')).toBeNull();
    expect(elements('[{"journal":{"entries":[]}}]')).toBeNull();
    expect(elements('{}')).toBeNull();
  });

  it('finds the same elements, skeleton and errors however the text is cut into pieces', () => {
    const texts = [
      '{"journal":{"entries":[{"t":"]\\"},"},  2 ,"x",[1,[2]],-0.5e+3,null,true,false]}}',
      '{"format":"x","journal":{"people":[{"entries":[1]}],"entr\\u0069es":[ {"a":[]} , 12 ],"tags":[]},"z":1}',
      '{"entries":[{"uuid":"A","text":"\\u00e9 \\n"},{"uuid":"B"}],"metadata":{"version":"1.0"}}',
    ];
    for (const text of texts) {
      const one = new JsonScanner({ limits: IMPORT_LIMITS, skeleton: true });
      one.write(text);
      one.end();
      for (const size of [1, 2, 3, 5, 7, 64]) {
        const path = text.startsWith('{"entries"') ? 'entries' : 'journal.entries';
        const found: string[] = [];
        const s = new JsonScanner({ limits: IMPORT_LIMITS, skeleton: true, elementsOf: path, onElement: (t) => found.push(t) });
        for (let i = 0; i < text.length; i += size) s.write(text.slice(i, i + size));
        s.end();
        expect(s.skeleton()).toBe(one.skeleton());
        expect(found).toHaveLength(s.listLength(path)!);
        // The skeleton and the elements put back together are the file.
        const parsed = JSON.parse(text) as Record<string, Record<string, unknown>>;
        const back = JSON.parse(s.skeleton()) as Record<string, Record<string, unknown>>;
        if (path === 'entries') back.entries = found.map((f) => JSON.parse(f)) as never;
        else back.journal!.entries = found.map((f) => JSON.parse(f));
        expect(back).toEqual(parsed);
      }
    }
    // A syntax error names the same line whatever the pieces.
    const bad = '{\n"journal":\n{"entries":[1,\n2 3]}}';
    const message = (size: number) => {
      const s = new JsonScanner({ limits: IMPORT_LIMITS, elementsOf: 'journal.entries', onElement: () => {} });
      try {
        for (let i = 0; i < bad.length; i += size) s.write(bad.slice(i, i + size));
        s.end();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    for (const size of [1, 2, 4, 100]) expect(message(size)).toMatch(/^The file is not valid JSON: a ',' or '\]' is missing on line 4\./);
  });
});

describe('a generic CSV read a row at a time', () => {
  /** The rows a person might have: day-first dates, quoted text with line breaks, tags, people, a bad score. */
  const generatedCsv = (n: number, bad = -1) =>
    [
      'Date,Time,Title,Text,Tags,With,Balance',
      ...Array.from({ length: n }, (_, i) => {
        const d = new Date(Date.UTC(2022, 0, 1) + i * 86_400_000);
        const day = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
        return `${day},${i % 5 === 0 ? '' : '8:15 pm'},"Row ${i}, ""quoted""","line one\nline ${i % 3}",tag ${i % 4};other,${i % 2 ? 'Alex' : ''},${i === bad ? 9 : (i % 7) - 3}`;
      }),
    ].join('\r\n');

  /** The text in pieces of `size` characters, as a file read a piece at a time hands it on. */
  const inPieces = (text: string, size: number) =>
    async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    };

  const bothWays = async (text: string, mapping: CsvMappingParsed | null, size = 97) => {
    const entries: PlannedEntry[] = [];
    const streamedPlan = await planGenericText(inPieces(text, size), mapping, 'Europe/Berlin', IMPORT_LIMITS, (e) => entries.push(e));
    return { streamed: { ...streamedPlan, entries }, whole: planGenericCsv(readCsv(text, IMPORT_LIMITS), mapping, 'Europe/Berlin') };
  };

  it('gives exactly the plan of reading it whole, for the corpus files and a generated file, with the proposed mapping and others', async () => {
    const texts = [
      ...['generic-semicolon-dmy.csv', 'generic-bad-values.csv', 'lenient-quotes.csv', 'formula-cells.csv', 'whitespace.csv'].map((f) => corpus(f).toString('utf8')),
      generatedCsv(800),
      generatedCsv(300, 120),
      // Day-first and month-first dates in one column: the date order must be chosen.
      'date,title\n13/01/2024,a\n01/13/2024,b\n',
    ];
    for (const text of texts) {
      let header: string[];
      try {
        header = readCsv(text, IMPORT_LIMITS).header;
      } catch (e) {
        // A file the whole reading refuses is refused with the same words.
        await expect(bothWays(text, null)).rejects.toThrow((e as Error).message);
        continue;
      }
      const proposed = proposeMapping(header);
      const mappings: (CsvMappingParsed | null)[] = [
        null,
        CsvMapping.parse({ ...proposed, dateOrder: 'mdy' }),
        CsvMapping.parse({ ...proposed, title: null, body: proposed.title }),
        CsvMapping.parse({ ...proposed, date: null }),
      ];
      for (const mapping of mappings) {
        // Pieces of one character, of a few, and the whole text at once.
        for (const size of [1, 97, text.length]) {
          const { streamed: s, whole: w } = await bothWays(text, mapping, size);
          expect(s).toEqual(w);
        }
      }
    }
    expect((await bothWays(generatedCsv(800), null)).streamed.entries).toHaveLength(800);
  });

  it('imports through the service, with a new mapping at commit and a bad row left out, as committing the whole-file plan does', async () => {
    const text = generatedCsv(400, 33);
    const viaStream = await createdService();
    const preview = await viaStream.call<ImportPreview>('import.preview', { source: { text }, format: 'csv', timeZone: 'Europe/Berlin' });
    expect(preview).toMatchObject({ canCommit: false, skippable: 1, counts: { entries: 399 } });
    expect(preview.csv!.sample).toHaveLength(5);
    const mapping = CsvMapping.parse({ ...preview.csv!.mapping, title: null, body: preview.csv!.mapping.title });
    const result = await viaStream.call<ImportResult>('import.commit', { importId: preview.importId, mapping, skipProblems: true });
    expect(result.imported.entries).toBe(399);
    expect(result.skipped.problems).toBe(1);

    const viaWhole = await createdService();
    const db = viaWhole.service.vault.database();
    const plan = planGenericCsv(readCsv(text, IMPORT_LIMITS), mapping, 'Europe/Berlin');
    await commitPlan(db, plan, { journalId: viaWhole.service.vault.journalId, now: Date.now() });
    const untimed = (e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'created_at' && k !== 'updated_at'));
    const a = journalContent(viaStream.service.vault.database());
    const b = journalContent(db);
    expect(a.entries.map(untimed)).toEqual(b.entries.map(untimed));
    expect(a.people.map(untimed)).toEqual(b.people.map(untimed));
    expect(a.tags).toEqual(b.tags);
  });
});

/**
 * Imports of the files people really have: both Daylio layouts, CSV as spreadsheets write it,
 * duplicates told apart by their text, foreign tags mapped to what the journal holds, records with a
 * bad field left out on request, plain words for time zones, and a commit that a lock stops.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { IMPORT_LIMITS, type ExportFile, type ImportPreview, type ImportResult } from '../../shared/portability.js';
import type { Entry, Person, Tag } from '../../shared/schemas.js';
import { planFile, previewImport } from '../../main/core/portability/index.js';
import { commitPlan } from '../../main/core/portability/import/apply.js';
import { daylioLayout } from '../../main/core/portability/import/daylio.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { asUpload, corpus, importAll, sample } from '../fixtures/portability/imports.js';
import { fingerprint, removeAbandonedImports } from '../fixtures/portability/journal.js';
import { abandonBatches } from '../../main/core/db/repos/imports.js';
import { searchEntries } from '../../main/core/db/repos/index.js';

type Call = Awaited<ReturnType<typeof createdService>>['call'];

async function entries(call: Call): Promise<Entry[]> {
  const page = await call<{ items: { id: number }[] }>('entries.search', { limit: 500 });
  const out: Entry[] = [];
  for (const { id } of page.items) out.push(await call<Entry>('entries.get', { id }));
  return out.sort((a, b) => a.occurredAt - b.occurredAt);
}

const labelsOf = async (call: Call, ids: number[]) => {
  const tags = await call<Tag[]>('tags.list', { includeArchived: true });
  return ids.map((id) => tags.find((t) => t.id === id)!.label);
};

const daylio = (rows: string[]) => Buffer.from(['full_date,date,weekday,time,mood,activities,note_title,note', ...rows].join('\n') + '\n');

describe('Daylio layouts', () => {
  it('tells both layouts apart by their header, and refuses a header that is neither', () => {
    const current = sample('daylio-sample.csv').toString('utf8').split('\n')[0]!.split(',');
    const older = corpus('daylio-old-layout.csv').toString('utf8').split('\n')[0]!.split(',');
    expect(daylioLayout(current)).toBe('full-date');
    expect(daylioLayout(older)).toBe('year-day-month');
    expect(daylioLayout(['year', 'date', 'time', 'mood', 'activities'])).toBeNull();
    expect(daylioLayout(['date', 'weekday', 'time', 'mood', 'activities', 'note'])).toBeNull();
    expect(planFile(corpus('daylio-old-layout.csv'), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS }).plan.format).toBe('daylio-csv');
  });

  it('imports the older layout: the year column with "18 May" or "May 16", 12- and 24-hour times, at local times', async () => {
    const { call } = await createdService();
    const { preview, result } = await importAll(call, asUpload(corpus('daylio-old-layout.csv')), { timeZone: 'Europe/Berlin' });
    expect(preview).toMatchObject({ format: 'daylio-csv', counts: { entries: 4, newEntries: 4 }, range: { from: '2017-12-31', to: '2018-05-18' } });
    expect(preview.notes.map((n) => n.code)).toContain('daylio-old-layout');
    expect(preview.notes.map((n) => n.message).join(' ')).toMatch(/older Daylio export/);
    expect(result.imported.entries).toBe(4);
    const [eve, may16, may17, may18] = await entries(call);
    // Berlin: UTC+1 in winter, UTC+2 in summer.
    expect(eve).toMatchObject({ occurredAt: Date.UTC(2017, 11, 31, 22, 30), day: '2017-12-31', title: '', body: 'New year\'s eve with "the usual" people' });
    expect(may16).toMatchObject({ occurredAt: Date.UTC(2018, 4, 16, 5, 5), day: '2018-05-16', body: 'Did nothing today.' });
    expect(may17).toMatchObject({ occurredAt: Date.UTC(2018, 4, 17, 20, 21), body: '' });
    expect(may18).toMatchObject({ occurredAt: Date.UTC(2018, 4, 18, 21, 54), body: 'Went to a party', source: 'daylio' });
    expect(await labelsOf(call, may18!.tagIds)).toEqual(['clean', 'cook', 'music']);
    expect(await labelsOf(call, may17!.tagIds)).toEqual(['cook', 'stressed']);
  });

  it('names the line of a day that is not on the calendar in the older layout', async () => {
    const { call } = await createdService();
    const file = 'year,date,weekday,time,mood,activities,note\n2018,18 May,Friday,11:54 pm,happy,,\n2019,29 February,Friday,10:00,good,,\n2019,12 Smarch,Friday,10:00,good,,\n';
    const preview = await call<ImportPreview>('import.preview', { source: { text: file } });
    expect(preview.canCommit).toBe(false);
    expect(preview.problems).toEqual([
      { where: 'line 3', line: 3, issue: { code: 'year-day-not-real' }, message: expect.stringMatching(/year and date are not a real day/) },
      { where: 'line 4', line: 4, issue: { code: 'year-day-not-real' }, message: expect.stringMatching(/year and date are not a real day/) },
    ]);
  });
});

describe('CSV as spreadsheets write it', () => {
  it('takes a quote inside an unquoted cell literally, and neutralises the formula again on export', async () => {
    const { call } = await createdService();
    const { result } = await importAll(call, asUpload(corpus('lenient-quotes.csv')));
    expect(result.imported.entries).toBe(2);
    const [first, second] = await entries(call);
    expect(first).toMatchObject({ title: '=UPPER("quiet")', body: 'He said "no" twice and left' });
    expect(second).toMatchObject({ title: 'My 5" phone screen', body: 'A quoted cell with "inner" quotes' });
    const file = await call<ExportFile>('export.build', { format: 'csv' });
    const [header, ...rows] = parse(file.content.slice(1)) as string[][];
    expect(rows[0]![header!.indexOf('title')]).toBe(`'=UPPER("quiet")`);
  });

  it('still refuses a quoted value that never closes', async () => {
    const { call } = await createdService();
    const reply = await call('import.preview', { source: { text: 'date,title\n2024-01-01,"never closed\n2024-01-02,x\n' } }).catch((e: Error) => e);
    expect(String(reply)).toMatch(/quoted value that starts on line \d+ is never closed/);
  });
});

describe('duplicates', () => {
  it('are entries at the same minute with the same text; another text at that minute is a new entry', async () => {
    const { call, service } = await createdService();
    await importAll(call, daylioUpload(['2021-09-28,28 September,Tuesday,10:00 pm,good,walk,"","We talked it through"']), { timeZone: 'UTC' });
    const before = fingerprint(service.vault.database());

    const same = await importAll(call, daylioUpload(['2021-09-28,28 September,Tuesday,10:00 pm,good,walk,"","We talked it through"']), { timeZone: 'UTC' });
    expect(same.preview.counts).toMatchObject({ entries: 1, duplicates: 1, newEntries: 0 });
    expect(fingerprint(service.vault.database())).toBe(before);

    const other = await importAll(
      call,
      daylioUpload([
        '2021-09-28,28 September,Tuesday,10:00 pm,good,walk,"","He decided alone again"',
        '2021-09-28,28 September,Tuesday,10:00 pm,good,walk,"","We talked it through"',
      ]),
      { timeZone: 'UTC' },
    );
    expect(other.preview.counts).toMatchObject({ entries: 2, duplicates: 1, newEntries: 1 });
    expect(other.result.imported.entries).toBe(1);
    const all = await entries(call);
    expect(all.map((e) => e.body).sort()).toEqual(['He decided alone again', 'We talked it through']);
    const refs = service.vault.database().prepare('SELECT source_ref AS r FROM entries ORDER BY r').all() as { r: string }[];
    expect(refs.map((x) => x.r)).toEqual(['2021-09-28 22:00', '2021-09-28 22:00 #2']);
  });

  it('counts two identical rows in one file as two entries, and both as duplicates the second time', async () => {
    const { call } = await createdService();
    const rows = ['2021-09-28,28 September,Tuesday,10:00 pm,good,,"",""', '2021-09-28,28 September,Tuesday,10:00 pm,good,,"",""'];
    const first = await importAll(call, daylioUpload(rows), { timeZone: 'UTC' });
    expect(first.result.imported.entries).toBe(2);
    const again = await importAll(call, daylioUpload(rows), { timeZone: 'UTC' });
    expect(again.preview.counts).toMatchObject({ duplicates: 2, newEntries: 0 });
  });
});

const daylioUpload = (rows: string[]) => asUpload(daylio(rows));

describe('mapping foreign tags', () => {
  it('proposes a person for a tag with their name, nothing for a mood, and a pattern for the rest', async () => {
    const { call } = await createdService();
    await call<Person>('people.create', { name: 'Alex', kind: 'romantic', color: '#336699' });
    const preview = await call<ImportPreview>('import.preview', {
      source: daylioUpload(['2021-09-28,28 September,Tuesday,10:00 pm,awful,"alex | work","",""']),
      timeZone: 'UTC',
    });
    const byLabel = Object.fromEntries(preview.foreignTags.map((f) => [f.label, f]));
    expect(byLabel['Mood: awful']).toMatchObject({ kind: 'mood', entries: 1, target: { to: 'nothing' } });
    expect(byLabel['alex']).toMatchObject({ kind: 'activity', target: { to: 'person' } });
    expect(byLabel['work']).toMatchObject({ kind: 'activity', target: { to: 'pattern' }, newPattern: true });
    expect(preview.counts.tags).toEqual({ new: 1, matched: 0 });
    expect(preview.counts.people).toEqual({ new: 0, matched: 1 });
    const result = await call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported).toMatchObject({ entries: 1, people: 0, tags: 1 });
    const [e] = await entries(call);
    const people = await call<Person[]>('people.list', {});
    expect(e!.personIds).toEqual([people.find((p) => p.name === 'Alex')!.id]);
    expect(await labelsOf(call, e!.tagIds)).toEqual(['work']);
  });

  it('sends each tag where the user chose: a pattern, an existing pattern, an area, a person, or nothing', async () => {
    const { call } = await createdService();
    const sam = await call<Person>('people.create', { name: 'Sam', kind: 'professional', color: '#336699' });
    const existing = await call<Tag>('tags.create', { label: 'Plans changed for me', polarity: 'imbalance', category: 'decisions' });
    const preview = await call<ImportPreview>('import.preview', {
      source: daylioUpload(['2021-09-28,28 September,Tuesday,10:00 pm,awful,"office | money talk | boss call | noise","",""']),
      timeZone: 'UTC',
    });
    const key = (label: string) => preview.foreignTags.find((f) => f.label === label)!.key;
    const result = await call<ImportResult>('import.commit', {
      importId: preview.importId,
      tagMapping: {
        [key('Mood: awful')]: { to: 'pattern' },
        [key('office')]: { to: 'pattern', tagId: existing.id },
        [key('money talk')]: { to: 'area', area: 'finances' },
        [key('boss call')]: { to: 'person', personId: sam.id },
        [key('noise')]: { to: 'nothing' },
      },
    });
    expect(result.imported).toMatchObject({ entries: 1, people: 0, tags: 1 });
    const [e] = await entries(call);
    expect(e!.personIds).toEqual([sam.id]);
    expect(e!.domains).toEqual(['finances']);
    expect((await labelsOf(call, e!.tagIds)).sort()).toEqual(['Mood: awful', 'Plans changed for me']);
    const tags = await call<Tag[]>('tags.list', {});
    expect(tags.map((t) => t.label)).not.toContain('noise');
    expect(tags.map((t) => t.label)).not.toContain('office');
  });

  it('maps Day One tags the same way, and refuses a person who is no longer there', async () => {
    const { call } = await createdService();
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(sample('dayone-sample.json')) });
    expect(preview.foreignTags.map((f) => f.kind)).toEqual(preview.foreignTags.map(() => 'tag'));
    const work = preview.foreignTags.find((f) => f.label === 'work')!;
    const reply = await call('import.commit', { importId: preview.importId, tagMapping: { [work.key]: { to: 'person', personId: 999 } } }).catch((e: Error) => e);
    expect(String(reply)).toMatch(/person chosen for “work” is no longer in your journal/);
    expect(await entries(call)).toEqual([]);
  });
});

describe('records with a bad field', () => {
  const file = daylio([
    '2021-09-28,28 September,Tuesday,10:00 pm,good,walk,"","fine"',
    '2021-13-01,1 Smarch,Monday,10:00 pm,good,,"",""',
    '2021-09-26,26 September,Sunday,25:99,good,,"",""',
    '2021-09-25,25 September,Saturday,9:00 am,good,,"","also fine"',
  ]);

  it('are listed by line and block the import unless the user leaves them out; then the rest comes in', async () => {
    const { call, service } = await createdService();
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(file), timeZone: 'UTC' });
    expect(preview).toMatchObject({ canCommit: false, skippable: 2, problemCount: 2, counts: { entries: 2, newEntries: 2 } });
    expect(preview.problems.map((p) => p.line)).toEqual([3, 4]);
    const before = fingerprint(service.vault.database());
    const refused = await service.dispatch('import.commit', { importId: preview.importId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect(fingerprint(service.vault.database())).toBe(before);

    const result = await call<ImportResult>('import.commit', { importId: preview.importId, skipProblems: true });
    expect(result.imported.entries).toBe(2);
    expect(result.skipped.problems).toBe(2);
    expect((await entries(call)).map((e) => e.body)).toEqual(['also fine', 'fine']);
  });

  it('in a Day One file are counted by entry, and leaving them out creates no pattern only they carried', async () => {
    const { call } = await createdService();
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(corpus('dayone-invalid-dates.json')) });
    expect(preview).toMatchObject({ canCommit: false, skippable: 2, counts: { entries: 1 } });
    // "home" is only on the entry with 30 February: it is not offered, and not created.
    expect(preview.foreignTags.map((f) => f.label).sort()).toEqual(['meeting', 'work']);
    const result = await call<ImportResult>('import.commit', { importId: preview.importId, skipProblems: true });
    expect(result).toMatchObject({ imported: { entries: 1, tags: 2 }, skipped: { problems: 2 } });
    expect((await call<Tag[]>('tags.list', {})).map((t) => t.label)).not.toContain('home');
  });

  it('cannot be left out when a problem concerns the whole file', async () => {
    const { call, service } = await createdService();
    const preview = await call<ImportPreview>('import.preview', {
      source: { text: 'when,what\n2024-01-01,a\n' },
      mapping: { date: null, body: 1 },
    });
    expect(preview).toMatchObject({ canCommit: false, skippable: 0 });
    const refused = await service.dispatch('import.commit', { importId: preview.importId, skipProblems: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
  });
});

describe('time zones in plain words', () => {
  it('says that zone-less times were read on the computer\'s clock, naming the zone the entries got', async () => {
    const { call } = await createdService();
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(sample('daylio-sample.csv')), timeZone: 'America/New_York' });
    expect(preview.notes).toContainEqual({ code: 'zone-assumed', zone: 'America/New_York', message:
      "The times in this file do not say which time zone they are in, so they were read as times on your computer's clock (America/New York). An entry written at 10:00 pm stays at 10:00 pm.",
    });
    await call('import.commit', { importId: preview.importId });
    const [, , tue] = await entries(call);
    // 10:00 pm in New York (summer time, UTC−4) is 02:00 UTC the next day; the entry keeps its local day.
    expect(tue).toMatchObject({ timeZone: 'America/New_York', occurredAt: Date.UTC(2021, 8, 29, 2, 0), day: '2021-09-28' });
  });
});

describe('a lock during the commit', () => {
  it('stops it between two entries; what its slices wrote never shows and is removed, leaving the journal as it was', async () => {
    const { service } = await createdService(tempDir());
    const db = service.vault.database();
    const rows = Array.from({ length: 50 }, (_, i) => `2021-09-${String((i % 28) + 1).padStart(2, '0')},x,x,${(i % 12) + 1}:${String(i).padStart(2, '0')} pm,good,walk,"","entry ${i}"`);
    const { plan } = planFile(daylio(rows), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS });
    expect(plan.entries).toHaveLength(50);
    const before = fingerprint(db, { history: false });
    const lock = new AbortController();
    let reports = 0;
    const run = commitPlan(db, plan, {
      journalId: service.vault.journalId,
      now: Date.now(),
      chunk: 10,
      // One entry a slice, so the entries before the lock are committed, hidden, in their batch.
      sliceMs: 0,
      signal: lock.signal,
      progress: (done) => {
        reports++;
        // The lock begins after 20 entries are written inside the transaction.
        if (done === 20) lock.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(reports).toBeGreaterThanOrEqual(2);
    expect(db.inTransaction).toBe(false);
    expect(searchEntries(db, { filter: {}, cursor: null, limit: 100 }, { trash: false }).items).toEqual([]);
    expect(searchEntries(db, { filter: {}, cursor: null, limit: 100 }, { trash: true }).items).toEqual([]);
    // What the next unlock and idle time do.
    expect(abandonBatches(db, null)).toBe(1);
    expect(removeAbandonedImports(db)).toBe(20);
    expect(fingerprint(db, { history: false })).toBe(before);
  });
});

describe('a large Daylio file', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10);
      return `${day},x,x,${8 + (i % 3) * 4}:00,good,"walk | friends ${i % 7}","","entry number ${i}"`;
    });

  it('is read a row at a time for the preview and again for the commit, with the same entries as reading it whole', async () => {
    const { call } = await createdService();
    const file = daylio(rows(1500));
    const whole = planFile(file, { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS }).plan;
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(file), timeZone: 'UTC' });
    expect(preview.counts).toMatchObject({ entries: whole.entries.length, newEntries: 1500, tags: { new: 8 } });
    expect(preview.range).toEqual({ from: '2020-01-01', to: '2021-05-14' });
    const result = await call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported).toMatchObject({ entries: 1500, tags: 8 });
    const page = await call<{ items: { id: number }[] }>('entries.search', { filter: { text: 'entry number 1499' }, limit: 5 });
    expect(page.items).toHaveLength(1);
  });

  it('stops its preview when the journal locks', async () => {
    const { service } = await createdService();
    const db = service.vault.database();
    const lock = new AbortController();
    lock.abort();
    const owner = service;
    const ctx = { db, journalId: service.vault.journalId, now: Date.now(), owner, timeZone: 'UTC', signal: lock.signal };
    await expect(Promise.resolve().then(() => previewImport({ source: { text: daylio(rows(50)).toString() }, format: 'auto' }, ctx))).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

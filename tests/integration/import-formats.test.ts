import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../helpers/ports.js';
import type { ImportPreview, ImportResult, PickedFile } from '../../shared/portability.js';
import type { Entry, Tag } from '../../shared/schemas.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { asUpload, corpus, importAll, sample } from '../fixtures/portability/imports.js';
import { fingerprint } from '../fixtures/portability/journal.js';
import fs from 'node:fs';
import path from 'node:path';

async function entries(call: Awaited<ReturnType<typeof createdService>>['call']): Promise<Entry[]> {
  const page = await call<{ items: { id: number }[] }>('entries.search', { limit: 500 });
  const out: Entry[] = [];
  for (const { id } of page.items) out.push(await call<Entry>('entries.get', { id }));
  return out.sort((a, b) => a.occurredAt - b.occurredAt);
}

async function tagLabels(call: Awaited<ReturnType<typeof createdService>>['call'], ids: number[]) {
  const tags = await call<Tag[]>('tags.list', { includeArchived: true });
  return ids.map((id) => tags.find((t) => t.id === id)!).map((t) => `${t.label}/${t.polarity}/${t.category}`);
}

describe('Day One JSON', () => {
  it('imports entries, times, zones, titles and tags, and ignores photos', async () => {
    const { call } = await createdService();
    const { preview, result } = await importAll(call, asUpload(sample('dayone-sample.json')));
    expect(preview).toMatchObject({ format: 'dayone-json', counts: { entries: 3, newEntries: 3, tags: { new: 3 } }, range: { from: '2024-03-02', to: '2024-03-09' } });
    expect(result.imported).toMatchObject({ entries: 3, tags: 3, people: 0 });
    const [meeting, budget, emoji] = await entries(call);
    expect(meeting).toMatchObject({ occurredAt: Date.UTC(2024, 2, 2, 19, 12, 44), timeZone: 'Europe/Berlin', day: '2024-03-02', title: 'Team meeting', source: 'dayone' });
    expect(meeting!.body).toBe('My manager announced the new schedule without asking any of us. I said I had childcare on Fridays and was told "we\'ll see".');
    expect(await tagLabels(call, meeting!.tagIds)).toEqual(['work/neutral/other', 'meeting/neutral/other']);
    expect(budget).toMatchObject({ title: '', body: "We sat down and planned the month's budget together. It felt fair for once — équilibre.", timeZone: 'Europe/Berlin' });
    // 22:03 UTC on 9 March is 17:03 in New York: the entry's day is the local one.
    expect(emoji).toMatchObject({ timeZone: 'America/New_York', day: '2024-03-09', tagIds: [] });
    expect(emoji!.body).toContain('Emoji 🙂');
  });

  it('never fails on the fields a real export carries that Fulcrum has no place for', async () => {
    const { call } = await createdService();
    const { result } = await importAll(call, asUpload(corpus('dayone-unknown-fields.json')));
    expect(result.imported.entries).toBe(3);
  });

  it('finds all entries duplicates when the same export is imported again', async () => {
    const { call, service } = await createdService();
    await importAll(call, asUpload(sample('dayone-sample.json')));
    const before = fingerprint(service.vault.database());
    const again = await importAll(call, asUpload(sample('dayone-sample.json')));
    expect(again.preview.counts).toMatchObject({ newEntries: 0, duplicates: 3, tags: { new: 0, matched: 3 } });
    expect(again.result.skipped.entries).toBe(3);
    expect(fingerprint(service.vault.database())).toBe(before);
  });

  it('reuses a pattern the journal already has, whatever its capitals', async () => {
    const { call } = await createdService();
    const work = await call<Tag>('tags.create', { label: 'Work', polarity: 'imbalance', category: 'decisions' });
    const { preview } = await importAll(call, asUpload(sample('dayone-sample.json')));
    expect(preview.counts.tags).toEqual({ new: 2, matched: 1 });
    const [meeting] = await entries(call);
    expect(meeting!.tagIds).toContain(work.id);
  });

  it('keeps right-to-left marks, zero-width characters and combining accents exactly', async () => {
    const { call } = await createdService();
    await importAll(call, asUpload(corpus('dayone-rtl-zero-width.json')));
    const [e] = await entries(call);
    expect(e!.body).toBe('\u200f\u05e9\u05dc\u05d5\u05dd\u200f and zero\u200bwidth and \u202eoverride\u202c and combining e\u0301');
    expect(await tagLabels(call, e!.tagIds)).toEqual(['\u05e2\u05d1\u05d5\u05d3\u05d4/neutral/other']);
  });
});

describe('Daylio CSV', () => {
  it('imports activities as neutral patterns (moods not, by default), at local times, trimming stray spaces', async () => {
    const { call } = await createdService();
    const { preview, result } = await importAll(call, asUpload(sample('daylio-sample.csv')), { timeZone: 'Europe/Berlin' });
    expect(preview).toMatchObject({ format: 'daylio-csv', counts: { entries: 3 }, range: { from: '2021-09-26', to: '2021-09-28' } });
    expect(result.imported.entries).toBe(3);
    const [sun, mon, tue] = await entries(call);
    // 10:00 pm in Berlin (summer time, UTC+2) is 20:00 UTC.
    expect(tue).toMatchObject({ occurredAt: Date.UTC(2021, 8, 28, 20, 0), timeZone: 'Europe/Berlin', day: '2021-09-28', title: '', body: '', source: 'daylio' });
    expect(await tagLabels(call, tue!.tagIds)).toEqual(
      ['clean', 'music', 'movies / tv', 'bad sleep', 'tired', 'sleep early', 'stomachache'].map((l) => `${l}/neutral/other`),
    );
    expect(await tagLabels(call, mon!.tagIds)).toContain('stressed / frustrated/neutral/other');
    expect(mon!.occurredAt).toBe(Date.UTC(2021, 8, 27, 21, 0));
    expect(sun!.tagIds).toHaveLength(5);
    // "movies / tv" and the rest are one pattern each, shared by the entries that have them.
    const tags = await call<Tag[]>('tags.list', {});
    expect(tags.filter((t) => t.label === 'movies / tv')).toHaveLength(1);
  });

  it('reads a copy saved with a byte-order mark and CRLF line ends the same way, as duplicates', async () => {
    const { call } = await createdService();
    await importAll(call, asUpload(sample('daylio-sample.csv')), { timeZone: 'Europe/Berlin' });
    const again = await importAll(call, asUpload(corpus('daylio-bom-crlf.csv')), { timeZone: 'Europe/Berlin' });
    expect(again.preview.format).toBe('daylio-csv');
    expect(again.preview.counts).toMatchObject({ entries: 3, duplicates: 3, newEntries: 0 });
  });
});

describe('any CSV, with a column mapping', () => {
  it('proposes a mapping from the header, reads day-first dates, and takes a corrected mapping at commit', async () => {
    const { call } = await createdService();
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(corpus('generic-semicolon-dmy.csv')), timeZone: 'Europe/Berlin' });
    expect(preview.format).toBe('csv');
    expect(preview.csv).toMatchObject({
      delimiter: ';',
      columns: ['Datum', 'Zeit', 'Titel', 'Text', 'Tags', 'With', 'Balance'],
      mapping: { date: 0, time: 1, title: 2, body: 3, tags: 4, people: 5, balance: 6, dateOrder: 'auto' },
    });
    expect(preview.csv!.sample).toHaveLength(2);
    expect(preview.range).toEqual({ from: '2024-03-13', to: '2024-04-02' });
    expect(preview.counts.people).toEqual({ new: 1, matched: 0 });
    // The user says the title is the text and there is no title.
    const result = await call<ImportResult>('import.commit', { importId: preview.importId, mapping: { ...preview.csv!.mapping, title: null, body: 2 } });
    expect(result.imported).toMatchObject({ entries: 2, people: 1, tags: 1 });
    const [dinner, breakfast] = await entries(call);
    expect(dinner).toMatchObject({ title: '', body: 'Dinner', balance: -1, occurredAt: Date.UTC(2024, 2, 13, 19, 15), day: '2024-03-13', source: 'csv' });
    expect(breakfast).toMatchObject({ body: 'Breakfast', balance: 0, day: '2024-04-02' });
    expect(breakfast!.personIds).toEqual(dinner!.personIds);
  });

  it('names the mapping problem when no date column is chosen', async () => {
    const { call } = await createdService();
    const preview = await call<ImportPreview>('import.preview', {
      source: { text: 'when it was,what\n2024-01-01,x\n' },
      mapping: { date: null, body: 1 },
    });
    expect(preview.canCommit).toBe(false);
    expect(preview.problems).toEqual([{ where: 'mapping', line: null, issue: { code: 'no-date-column' }, message: 'choose the column that holds the date' }]);
  });

  it('imports a file chosen in the native dialog', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'days.csv');
    fs.writeFileSync(file, corpus('generic-semicolon-dmy.csv'));
    const { call } = await createdService(undefined, { ports: { log: () => {}, dialogs: scriptedDialogs([file]) } });
    const picked = await call<PickedFile>('import.pick');
    expect(picked).toMatchObject({ name: 'days.csv', bytes: fs.statSync(file).size });
    const { result } = await importAll(call, { token: picked.token });
    expect(result.imported.entries).toBe(2);
  });
});

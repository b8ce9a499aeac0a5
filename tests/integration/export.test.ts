import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FulcrumExport, type ExportFile, type ProgressEvent } from '../../shared/portability.js';
import { scriptedDialogs } from '../helpers/ports.js';
import type { AppEvent } from '../../shared/api.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { OTHER_NAME, REAL_NAME, seedJournal } from '../fixtures/portability/journal.js';

async function seeded(extra: Parameters<typeof createdService>[1] = {}) {
  const s = await createdService(undefined, extra);
  const ids = await seedJournal(s.call, () => s.service.vault.database());
  return { ...s, ids };
}

const FORMATS = ['markdown', 'csv', 'json'] as const;

describe('exports', () => {
  it('builds Markdown, CSV and JSON of the whole journal, marked as plaintext, without the trash', async () => {
    const { call } = await seeded();
    for (const format of FORMATS) {
      const file = await call<ExportFile>('export.build', { format });
      expect(file.plaintext).toBe(true);
      expect(file.counts).toEqual({ entries: 4, people: 3, checkins: 2, strengths: 2 });
      expect(file.filename).toMatch(new RegExp(`^fulcrum-export-\\d{4}-\\d{2}-\\d{2}\\.${format === 'markdown' ? 'md' : format}$`));
      expect(file.content).toContain('Budget talk');
      expect(file.content).toContain(REAL_NAME);
      expect(file.content).not.toContain('Xyloquartz');
    }
  });

  it('writes JSON that the import schema accepts, with every field of an entry', async () => {
    const { call, ids } = await seeded();
    const file = await call<ExportFile>('export.build', { format: 'json' });
    const parsed = FulcrumExport.parse(JSON.parse(file.content));
    expect(parsed.version).toBe(1);
    expect(parsed.journal.people.map((p) => p.name).sort()).toEqual(['Former Flatmate', REAL_NAME, OTHER_NAME].sort());
    const budget = parsed.journal.entries.find((e) => e.title === 'Budget talk')!;
    expect(budget).toMatchObject({
      occurredAt: Date.UTC(2024, 2, 2, 19, 12, 44, 123),
      timeZone: 'Europe/Berlin',
      day: '2024-03-02',
      people: [ids.jordan],
      domains: ['finances', 'decisions'],
      powerSources: ['money'],
      balance: -2,
      intensity: 4,
      heard: 2,
      respected: 2,
      valued: 3,
      involved: 1,
      raiseWithTherapist: true,
      safetyConcern: false,
      source: 'fulcrum',
      sourceRef: null,
    });
    expect(parsed.journal.tags.find((t) => t.slug === 'talked-over')).toMatchObject({ label: 'Interrupted again', builtin: true, color: '#D55E00' });
    expect(parsed.journal.sessions).toEqual([{ id: 1, day: '2024-03-05', note: 'Talked about money', createdAt: Date.UTC(2024, 2, 5) }]);
    // Entries are in time order, oldest first.
    expect(parsed.journal.entries.map((e) => e.occurredAt)).toEqual([...parsed.journal.entries.map((e) => e.occurredAt)].sort((a, b) => a - b));
  });

  it('limits the export to a date range and to chosen people', async () => {
    const { call, ids } = await seeded();
    const march = await call<ExportFile>('export.build', { format: 'json', scope: { from: '2024-03-01', to: '2024-03-31' } });
    const m = FulcrumExport.parse(JSON.parse(march.content));
    expect(m.journal.entries.map((e) => e.title)).toEqual(['Budget talk', 'Planning together']);
    expect(m.journal.checkins.map((c) => c.week)).toEqual(['2024-03-04']);

    const samOnly = await call<ExportFile>('export.build', { format: 'json', scope: { personIds: [ids.sam] } });
    const s = FulcrumExport.parse(JSON.parse(samOnly.content));
    expect(s.journal.entries.map((e) => e.title)).toEqual(['Planning together']);
    // Jordan is in that entry too, so is named; the archived flatmate is not in it.
    expect(s.journal.people.map((p) => p.name).sort()).toEqual([REAL_NAME, OTHER_NAME].sort());
    expect(s.journal.checkins.map((c) => c.personId)).toEqual([ids.sam]);
    expect(s.journal.strengths.map((x) => x.personId)).toEqual([null]);

    const bad = await call('export.build', { format: 'csv', scope: { from: '2024-04-01', to: '2024-03-01' } }).catch((e: Error) => e.message);
    expect(bad).toMatch(/VALIDATION.*start of the range is after its end/);
  });

  it('leaves every word the user wrote out when "without text" is chosen', async () => {
    const { call } = await seeded();
    for (const format of FORMATS) {
      const file = await call<ExportFile>('export.build', { format, scope: { includeText: false } });
      for (const words of ['Budget talk', 'decided the budget alone', 'think about it', 'Tense week', 'patient with kids', 'I stay calm', 'Talked about money', 'Met ']) {
        expect(file.content, `${format}: ${words}`).not.toContain(words);
      }
      // Dates, people and patterns stay.
      expect(file.content).toContain(format === 'markdown' ? 'Saturday, 2 March 2024' : '2024-03-02');
      expect(file.content).toContain('Interrupted again');
    }
  });

  it('replaces a real name by its pseudonym everywhere in every format', async () => {
    const { call, ids } = await seeded();
    for (const format of FORMATS) {
      const file = await call<ExportFile>('export.build', { format, scope: { pseudonyms: { [ids.jordan]: 'Partner', [ids.sam]: 'Manager' } } });
      const lower = file.content.toLowerCase();
      for (const part of [...REAL_NAME.split(' '), ...OTHER_NAME.split(/[ -]/)]) {
        expect(lower, `${format} still holds "${part}"`).not.toContain(part.toLowerCase());
      }
      expect(file.content).toContain('Partner');
      expect(file.content).toContain('Manager');
      // Words that merely contain nothing of the names are untouched.
      expect(file.content).toContain('équilibre');
    }
    const json = FulcrumExport.parse(JSON.parse((await call<ExportFile>('export.build', { format: 'json', scope: { pseudonyms: { [ids.jordan]: 'Partner' } } })).content));
    expect(json.scope.pseudonymised).toBe(true);
    expect(json.journal.tags.find((t) => t.id === ids.customTag)).toMatchObject({ label: 'Arguments with Partner', slug: 'arguments-with-partner' });
  });

  it('neutralises every CSV cell a spreadsheet could run as a formula, and keeps numbers numbers', async () => {
    const { call } = await createdService();
    const person = await call<{ id: number }>('people.create', { name: '@SUM(1+1)', kind: 'other', color: '#000000' });
    const tag = await call<{ id: number }>('tags.create', { label: '+cmd|calc', polarity: 'imbalance', category: 'other' });
    await call('entries.create', {
      occurredAt: Date.UTC(2024, 0, 1, 10),
      timeZone: 'UTC',
      title: '=HYPERLINK("http://example.invalid","click")',
      body: '\tstarts with a tab',
      outcome: '-1+2',
      personIds: [person.id],
      tagIds: [tag.id],
      balance: -2,
    });
    await call('entries.create', { occurredAt: Date.UTC(2024, 0, 2, 10), timeZone: 'UTC', title: '\rcarriage', body: '=1+1\nsecond line', balance: -3 });
    const file = await call<ExportFile>('export.build', { format: 'csv' });
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const rows = parse(file.content.slice(1), { relax_column_count: false }) as string[][];
    const [header, ...data] = rows;
    const col = (name: string) => header!.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['date', 'time', 'people', 'domains', 'patterns', 'balance', 'intensity', 'heard', 'respected', 'valued', 'involved', 'outcome', 'flags', 'title', 'text']));
    const [first, second] = data;
    expect(first![col('title')]).toBe(`'=HYPERLINK("http://example.invalid","click")`);
    expect(first![col('text')]).toBe("'\tstarts with a tab");
    expect(first![col('outcome')]).toBe("'-1+2");
    expect(first![col('people')]).toBe("'@SUM(1+1)");
    expect(first![col('patterns')]).toBe("'+cmd|calc");
    expect(first![col('balance')]).toBe('-2');
    expect(first![col('imbalance patterns')]).toBe('1');
    expect(first![col('time')]).toBe('10:00');
    expect(second![col('title')]).toBe("'\rcarriage");
    expect(second![col('text')]).toBe("'=1+1\nsecond line");
    // No cell of the file starts with a formula character unless it is a plain number.
    for (const row of data) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+$/);
  });

  it('keeps raw HTML and remote images in Markdown from doing anything', async () => {
    const { call } = await createdService();
    await call('entries.create', {
      occurredAt: Date.UTC(2024, 0, 1),
      timeZone: 'UTC',
      title: '<script>alert(1)</script>',
      body: 'look ![x](http://tracker.invalid/p.png) and <img src=x onerror=alert(1)>\n## not an entry',
    });
    const md = (await call<ExportFile>('export.build', { format: 'markdown' })).content;
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).not.toMatch(/(^|[^\\])!\[x\]\(/);
    // The entry's own heading stays inside its quote, not a new section.
    expect(md).toContain('> ## not an entry');
  });

  it('saves through the native dialog when there is one, and says so when there is not', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.md');
    const events: AppEvent[] = [];
    const { call } = await seeded({ ports: { log: () => {}, dialogs: scriptedDialogs([target, null]), emit: (e) => void events.push(e) } });
    const saved = await call<{ saved: boolean; path: string; plaintext: boolean }>('export.save', { format: 'markdown' });
    expect(saved).toMatchObject({ saved: true, path: target, plaintext: true });
    expect(fs.readFileSync(target, 'utf8')).toContain('Budget talk');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(await call('export.save', { format: 'csv' })).toEqual({ saved: false });
    expect(events.some((e) => e.type === 'progress' && (e as ProgressEvent).task === 'export')).toBe(true);

    const plain = await seeded();
    const reply = await plain.service.dispatch('export.save', { format: 'json' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/cannot show a file dialog/);
  });

  it('refuses to export while locked', async () => {
    const { service, call } = await seeded();
    await call('vault.lock');
    const reply = await service.dispatch('export.build', { format: 'json' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

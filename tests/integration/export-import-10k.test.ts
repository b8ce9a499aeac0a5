import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { ExportFile, ImportPreview, ImportResult, ProgressEvent } from '../../shared/portability.js';
import { createEntry } from '../../main/core/db/repos/index.js';
import { flushAutoBackup } from '../../main/core/service/portability.js';
import { PASSPHRASE, createdService } from '../helpers/journal.js';

/**
 * Sizes a real user reaches (10 000 entries is ~27 years of daily entries): export and import carry
 * every entry, imports report progress while they run, and the automatic backup at unlock is made.
 * How long they take depends on the machine and what else runs on it, so it is measured by
 * `npm run bench`, not judged here.
 */
const N = 10_000;
const DAY = 86_400_000;

describe('10 000 entries', () => {
  it('exports, imports (with progress) and backs up all of them', async () => {
    const a = await createdService();
    const people: number[] = [];
    for (const name of ['Avery', 'Blake', 'Casey']) people.push((await a.call<{ id: number }>('people.create', { name, kind: 'other', color: '#000000' })).id);
    const tags = (await a.call<{ id: number }[]>('tags.list', {})).slice(0, 12).map((t) => t.id);
    const db = a.service.vault.database();
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        createEntry(
          db,
          {
            occurredAt: Date.UTC(2000, 0, 1) + i * DAY,
            timeZone: 'Europe/Berlin',
            title: `Day ${i}`,
            body: `Entry number ${i}. `.repeat(20),
            personIds: [people[i % 3]!],
            tagIds: [tags[i % 12]!, tags[(i + 5) % 12]!],
            domains: ['household'],
            powerSources: [],
            balance: (i % 7) - 3,
            intensity: (i % 5) + 1,
            heard: null,
            respected: 3,
            valued: null,
            involved: null,
            outcome: '',
            raiseWithTherapist: i % 10 === 0,
            safetyConcern: false,
          },
          Date.UTC(2020, 0, 1),
        );
      }
    })();

    const json = await a.call<ExportFile>('export.build', { format: 'json' });
    const csv = await a.call<ExportFile>('export.build', { format: 'csv' });
    await a.call<ExportFile>('export.build', { format: 'markdown' });
    expect(json.counts.entries).toBe(N);
    expect(csv.content.split('\r\n').length).toBeGreaterThan(N);

    const events: AppEvent[] = [];
    const b = await createdService(undefined, { ports: { log: () => {}, emit: (e) => void events.push(e) } });
    const preview = await b.call<ImportPreview>('import.preview', { source: { text: json.content } });
    expect(preview.counts.newEntries).toBe(N);
    const result = await b.call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported.entries).toBe(N);
    const saving = events.filter((e): e is ProgressEvent => e.type === 'progress' && e.task === 'import' && e.phase === 'saving');
    expect(saving.length).toBeGreaterThan(1);
    expect(saving.at(-1)).toMatchObject({ done: N, total: N });

    const c = await createdService();
    const csvPreview = await c.call<ImportPreview>('import.preview', { source: { text: csv.content }, timeZone: 'Europe/Berlin' });
    expect(csvPreview.counts.newEntries).toBe(N);
    const fromCsv = await c.call<ImportResult>('import.commit', { importId: csvPreview.importId });
    expect(fromCsv.imported.entries).toBe(N);

    // The automatic backup runs after the unlock has answered (here it is run at once).
    await a.call('vault.lock');
    await a.call('vault.unlock', { passphrase: PASSPHRASE });
    await flushAutoBackup(a.service);
    expect(await a.call<unknown[]>('backup.list')).toHaveLength(1);
  }, 600_000);
});

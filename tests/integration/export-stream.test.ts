/**
 * The streamed export (a page of entries at a time) writes exactly what the whole-journal writers
 * write from the same data, in every format and scope, across several pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportFile, ExportFormat } from '../../shared/portability.js';
import { collectExport, ENTRY_PAGE, prepareExport, type Scope } from '../../main/core/portability/export/index.js';
import { isPseudonymised } from '../../main/core/portability/export/prepare.js';
import { toCsv } from '../../main/core/portability/export/csv.js';
import { toJsonExport } from '../../main/core/portability/export/json.js';
import { toMarkdown } from '../../main/core/portability/export/markdown.js';
import { generateJournal } from '../generator/index.js';
import { createdService } from '../helpers/journal.js';

type S = Awaited<ReturnType<typeof createdService>>;
const NOW = Date.UTC(2026, 6, 1, 9, 30, 15, 250);

function wholeJournal(s: S, format: ExportFormat, scope: Scope, now: number): string {
  const raw = collectExport(s.service.vault.database(), scope);
  const data = prepareExport(raw);
  if (format === 'csv') return toCsv(data);
  if (format === 'markdown') return toMarkdown(data, { now });
  return JSON.stringify(toJsonExport(data, { journalId: s.service.vault.journalId, now, pseudonymised: isPseudonymised(raw) }), null, 2) + '\n';
}

describe('streamed export', () => {
  let s: S;
  let people: { id: number; name: string }[];
  beforeAll(async () => {
    // A fixed clock: the JSON export carries the moment it was made.
    s = await createdService(undefined, { ports: { log: () => {}, now: () => NOW } });
    await generateJournal({ seed: 11, entries: ENTRY_PAGE * 2 + 137, people: 4 }, s.service);
    people = await s.call<{ id: number; name: string }[]>('people.list', {});
  }, 120_000);

  it('matches the whole-journal writers byte for byte, over several pages, in every format and scope', async () => {
    const [a, b] = people;
    const scopes: Scope[] = [
      { includeText: true, pseudonyms: {} },
      { includeText: false, pseudonyms: {} },
      { includeText: true, pseudonyms: { [String(a!.id)]: 'Partner' }, personIds: [a!.id, b!.id] },
      { includeText: true, pseudonyms: {}, from: '2020-01-01', to: '2021-06-30' },
      { includeText: true, pseudonyms: {}, from: '2030-01-01' },
    ];
    for (const scope of scopes) {
      for (const format of ['csv', 'markdown', 'json'] as const) {
        const file = await s.call<ExportFile>('export.build', { format, scope });
        const expected = wholeJournal(s, format, scope, s.service.ports.now());
        let at = 0;
        while (at < expected.length && file.content[at] === expected[at]) at++;
        expect(file.content === expected, `${format} ${JSON.stringify(scope)} differs at ${at}: ${JSON.stringify(file.content.slice(at - 40, at + 40))}`).toBe(true);
      }
    }
    const all = await s.call<ExportFile>('export.build', { format: 'json', scope: scopes[0] });
    expect(all.counts.entries).toBeGreaterThan(ENTRY_PAGE * 2);
    expect(JSON.parse(all.content).journal.entries).toHaveLength(all.counts.entries);
  });
});

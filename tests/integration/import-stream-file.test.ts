/**
 * A JSON export chosen as a file is read from disk a piece (32 KiB) at a time, once to check it, then
 * again for the preview and for the commit — never held whole. These tests use files of several
 * pieces, with characters of two to four bytes, so that tokens and characters are cut at piece
 * boundaries: the plan must be exactly the whole-file reading's; a cut-off file gets the clear
 * message; a file changed after the preview is not imported; the journal is unchanged whenever an
 * import is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvMapping, IMPORT_LIMITS, type ExportFile, type ImportPreview, type ImportResult, type PickedFile } from '../../shared/portability.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { planFile } from '../../main/core/portability/index.js';
import { commitPlan } from '../../main/core/portability/import/apply.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { fingerprint, journalContent, removeAbandonedImports, seedJournal } from '../fixtures/portability/journal.js';

type Json = Record<string, unknown> & { journal: Record<string, unknown[]> };

const WORDS = ['calm', 'Grüße', 'mañana', '今日は話した', 'مرحبا بك', '🌱 growing', '"quoted"', 'back\\slash', '[x]{y}'];

async function seededExport(): Promise<Json> {
  const a = await createdService();
  await seedJournal(a.call, () => a.service.vault.database());
  const file = await a.call<ExportFile>('export.build', { format: 'json' });
  return JSON.parse(file.content) as Json;
}

/** The seeded export with `n` entries made from its own, each with a body of about 1 KiB of mixed scripts. */
function generated(base: Json, n: number): Json {
  const template = base.journal.entries as Record<string, unknown>[];
  const entries = Array.from({ length: n }, (_, i) => ({
    ...template[i % template.length]!,
    id: i + 1,
    occurredAt: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString(),
    title: `Entry ${i} ${WORDS[i % WORDS.length]}`,
    body: Array.from({ length: 40 }, (_, k) => WORDS[(i + k) % WORDS.length]).join(i % 2 ? ' ' : '\n'),
    sourceRef: null,
    source: 'fulcrum',
  }));
  return { ...base, journal: { ...base.journal, entries } };
}

const untimed = (e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'created_at' && k !== 'updated_at'));

/** A journal that imports `file` through the native file chooser. */
async function importer(file: string) {
  const s = await createdService(undefined, { ports: { log: () => {}, dialogs: scriptedDialogs(Array.from({ length: 12 }, () => file)) } });
  const db = () => s.service.vault.database();
  const preview = async () => {
    const picked = await s.call<PickedFile>('import.pick');
    return s.service.dispatch('import.preview', { source: { token: picked.token }, format: 'auto' });
  };
  return { ...s, db, preview };
}

describe('an export read from its file a piece at a time', () => {
  it('imports a Fulcrum export of many pieces exactly as committing the whole-file plan does', async () => {
    const text = JSON.stringify(generated(await seededExport(), 700), null, 1);
    expect(Buffer.byteLength(text)).toBeGreaterThan(20 * 32 * 1024);
    const file = path.join(tempDir(), 'export.json');
    fs.writeFileSync(file, text);

    const viaFile = await importer(file);
    const reply = await viaFile.preview();
    if (!reply.ok) throw new Error(reply.error.message);
    const preview = reply.value as ImportPreview;
    expect(preview).toMatchObject({ canCommit: true, counts: { entries: 700, newEntries: 700 } });
    const result = await viaFile.call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported.entries).toBe(700);

    const viaWhole = await createdService();
    const plan = planFile(fs.readFileSync(file), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS }).plan;
    await commitPlan(viaWhole.service.vault.database(), plan, { journalId: viaWhole.service.vault.journalId, now: Date.now() });
    const a = journalContent(viaFile.db());
    const b = journalContent(viaWhole.service.vault.database());
    expect(a.entries).toHaveLength(700);
    expect(a.entries.map(untimed)).toEqual(b.entries.map(untimed));
    expect({ ...a, entries: [] }).toEqual({ ...b, entries: [] });
  });

  it('imports a Day One export of many pieces as the whole-file reading plans it, problems and tags included', async () => {
    const entries = Array.from({ length: 800 }, (_, i) => ({
      uuid: `UUID-${i}`,
      creationDate: i === 234 ? 'not a date' : new Date(Date.UTC(2020, 0, 1) + i * 7_200_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      timeZone: i % 5 === 0 ? 'Nowhere/Else' : 'Europe/Berlin',
      text: `# Day ${i} ${WORDS[i % WORDS.length]}\n\n${Array.from({ length: 40 }, (_, k) => WORDS[(i + k) % WORDS.length]).join(' ')}`,
      tags: [WORDS[i % 4]!, 'shared'],
      richText: '{"meta":{"version":1}}',
    }));
    const text = JSON.stringify({ metadata: { version: '1.0' }, entries });
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 32 * 1024);
    const file = path.join(tempDir(), 'Journal.json');
    fs.writeFileSync(file, text);

    const viaFile = await importer(file);
    const reply = await viaFile.preview();
    if (!reply.ok) throw new Error(reply.error.message);
    const preview = reply.value as ImportPreview;
    const whole = planFile(fs.readFileSync(file), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS }).plan;
    expect(preview).toMatchObject({ format: 'dayone-json', canCommit: false, skippable: 1, counts: { entries: 799 } });
    expect(preview.problems).toEqual(whole.problems.map(({ where, line, issue, message }) => ({ where, line, issue, message })));
    expect(preview.notes).toEqual(whole.notes);
    expect(preview.foreignTags.map((t) => t.label).sort()).toEqual(whole.tags.map((t) => t.label).sort());

    const result = await viaFile.call<ImportResult>('import.commit', { importId: preview.importId, skipProblems: true });
    expect(result.imported.entries).toBe(799);
    const viaWhole = await createdService();
    await commitPlan(viaWhole.service.vault.database(), whole, { journalId: viaWhole.service.vault.journalId, now: Date.now() });
    expect(journalContent(viaFile.db()).entries.map(untimed)).toEqual(journalContent(viaWhole.service.vault.database()).entries.map(untimed));
  });

  it('gives a file cut off anywhere the clear message, and changes nothing', async () => {
    const text = JSON.stringify(generated(await seededExport(), 400));
    const bytes = Buffer.from(text);
    const dir = tempDir();
    const s = await importer(path.join(dir, 'cut.json'));
    await s.call('entries.create', { occurredAt: Date.UTC(2024, 1, 1), timeZone: 'UTC', title: 'already here', body: 'kept' });
    const before = fingerprint(s.db());
    // Past the first piece, inside a string, after a comma, inside a number, inside a 4-byte character.
    const emoji = bytes.indexOf(Buffer.from('🌱'), 5 * 32 * 1024 + 10);
    const comma = bytes.indexOf(',', 32 * 1024 + 5000);
    const number = bytes.indexOf('"id":', 2 * 32 * 1024 + 9000) + 6;
    // A cut before an ASCII byte ends the text on a whole character.
    const whole = (i: number) => {
      while (bytes[i]! >= 0x80) i--;
      return i;
    };
    const cuts = [whole(3 * 32 * 1024 + 3), comma + 1, number, emoji + 2, bytes.length - 1];
    for (const cut of cuts) {
      fs.writeFileSync(path.join(dir, 'cut.json'), bytes.subarray(0, cut));
      const reply = await s.preview();
      expect(reply.ok).toBe(false);
      if (reply.ok) continue;
      expect(reply.error.code).toBe('IMPORT_INVALID');
      expect(reply.error.message).toMatch(
        cut === emoji + 2 ? /^This file is not readable text.*Nothing was imported\.$/ : /^The file ends in the middle of its data \(line 1\): it looks cut off\. Export it again\. Nothing was imported\.$/,
      );
      expect(fingerprint(s.db())).toBe(before);
    }
  });

  it('does not import a file that changed after the preview, and changes nothing', async () => {
    const text = JSON.stringify(generated(await seededExport(), 400));
    const file = path.join(tempDir(), 'export.json');
    fs.writeFileSync(file, text);
    const s = await importer(file);
    const before = fingerprint(s.db(), { history: false });
    const changes = [
      // The same length, one entry's title different: the whole file is read before anything is kept.
      (t: string) => t.replace('"Entry 380 ', '"Entry 399 '),
      (t: string) => t.replace('"Entry 3 ', '"Entry 9 '),
      // Longer.
      (t: string) => `${t}\n`,
    ];
    for (const change of changes) {
      fs.writeFileSync(file, text);
      const reply = await s.preview();
      if (!reply.ok) throw new Error(reply.error.message);
      const preview = reply.value as ImportPreview;
      const changed = change(text);
      expect(changed).not.toBe(text);
      fs.writeFileSync(file, changed);
      const commit = await s.service.dispatch('import.commit', { importId: preview.importId });
      expect(commit.ok).toBe(false);
      if (!commit.ok) expect(commit.error.message).toBe('The file changed after the preview was made. Choose it again to see a fresh preview. Nothing was imported.');
      // Slices written before the change was found never show, and are removed in idle time.
      removeAbandonedImports(s.db());
      expect(fingerprint(s.db(), { history: false })).toBe(before);
    }
  });

  it('reads a generic CSV of many pieces from its file, with a new mapping at commit, as the whole-file reading does; a changed file is not imported', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => {
      const d = new Date(Date.UTC(2019, 0, 1) + i * 14_400_000);
      const day = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
      const text = Array.from({ length: 70 }, (_, k) => WORDS[(i + k) % WORDS.length]!.replace(/"/g, '""')).join(i % 2 ? ' ' : '\n');
      return `${day},${String(d.getUTCHours()).padStart(2, '0')}:00,"Row ${i} ${WORDS[i % WORDS.length]!.replace(/"/g, '""')}","${text}",tag ${i % 4}`;
    });
    const text = ['Date,Time,Title,Text,Tags', ...rows].join('\r\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 32 * 1024);
    const file = path.join(tempDir(), 'days.csv');
    fs.writeFileSync(file, text);

    const viaFile = await importer(file);
    const reply = await viaFile.preview();
    if (!reply.ok) throw new Error(reply.error.message);
    const preview = reply.value as ImportPreview;
    expect(preview).toMatchObject({ format: 'csv', canCommit: true, counts: { entries: 600 } });
    const mapping = { ...preview.csv!.mapping, title: null, body: preview.csv!.mapping.title };

    // Changed after the preview: refused at commit, nothing imported.
    const before = fingerprint(viaFile.db());
    fs.writeFileSync(file, text.replace('Row 500 ', 'Row 599 '));
    const refused = await viaFile.service.dispatch('import.commit', { importId: preview.importId, mapping });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('The file changed after the preview was made. Choose it again to see a fresh preview. Nothing was imported.');
    expect(fingerprint(viaFile.db())).toBe(before);

    fs.writeFileSync(file, text);
    const again = await viaFile.preview();
    if (!again.ok) throw new Error(again.error.message);
    const result = await viaFile.call<ImportResult>('import.commit', { importId: (again.value as ImportPreview).importId, mapping });
    expect(result.imported.entries).toBe(600);

    const viaWhole = await createdService();
    const plan = planFile(fs.readFileSync(file), { format: 'auto', mapping: CsvMapping.parse(mapping), timeZone: 'UTC', limits: IMPORT_LIMITS }).plan;
    await commitPlan(viaWhole.service.vault.database(), plan, { journalId: viaWhole.service.vault.journalId, now: Date.now() });
    const a = journalContent(viaFile.db());
    const b = journalContent(viaWhole.service.vault.database());
    expect(a.entries.map(untimed)).toEqual(b.entries.map(untimed));
    expect(a.tags).toEqual(b.tags);
  });
});

/**
 * An import's commit is written a slice at a time (one entry a slice here), and killed (SIGKILL, in
 * a child process) right after each slice has committed: the journal then holds the first slices'
 * rows, marked as the import's batch. After the next unlock nothing of them shows (timeline, trash,
 * people, patterns), the idle upkeep deletes them for good, leaving the journal as it was but for
 * tombstones in a history that still verifies, nothing of the file is left readable on disk, and the
 * same file imports in full afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExportFile, ImportPreview } from '../../shared/portability.js';
import { purgeExpiredInIdle } from '../../main/core/service/entries.js';
import { abandonedLeft } from '../../main/core/db/repos/imports.js';
import { PASSPHRASE, callOf, createdService, filesContaining, tempDir, testService } from '../helpers/journal.js';
import { fingerprint, REAL_NAME, seedJournal, whatShows } from '../fixtures/portability/journal.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-crash-child.ts');
const CANARY = 'Zephyrquill';

function importThenCrash(dataDir: string, file: string, slice: number | 'none'): Promise<{ signal: NodeJS.Signals | null; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, PASSPHRASE, file, String(slice)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A Fulcrum export of a seeded journal (people, patterns, entries naming them), the canary in every entry. */
async function exportFile(): Promise<{ file: string; entries: number; checkins: number }> {
  const a = await createdService();
  await seedJournal(a.call, () => a.service.vault.database());
  const content = (await a.call<ExportFile>('export.build', { format: 'json' })).content;
  const json = JSON.parse(content) as { journal: { entries: { body: string }[]; checkins: unknown[] } };
  for (const e of json.journal.entries) e.body = `${e.body} ${CANARY}`;
  a.service.vault.lock();
  const file = path.join(tempDir('fulcrum-import-crash-src-'), 'export.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return { file, entries: json.journal.entries.length, checkins: json.journal.checkins.length };
}

/** A journal of its own with one entry, locked, and what it holds and shows. */
async function journal() {
  const s = await createdService();
  await s.call('entries.create', { occurredAt: Date.UTC(2024, 4, 1, 10), timeZone: 'UTC', title: 'already here', body: 'written before the import' });
  const before = fingerprint(s.service.vault.database(), { history: false });
  const seen = await whatShows(s.call);
  s.service.vault.lock();
  return { dataDir: s.dataDir, before, seen };
}

describe('an import killed after any of its slices', () => {
  it('imports in full when not killed (one entry a slice)', async () => {
    const src = await exportFile();
    const j = await journal();
    const run = await importThenCrash(j.dataDir, src.file, 'none');
    expect(run.stdout, run.stderr).toContain('DONE');
    const s = testService(j.dataDir);
    const call = callOf(s);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const shows = await whatShows(call);
    expect(shows.timeline.length).toBe(j.seen.timeline.length + src.entries);
    // Its check-ins show by the batch's flag; the unlock does not take the shown batch for an abandoned one.
    expect(shows.checkins).toHaveLength(src.checkins);
    const db = s.vault.database();
    expect(abandonedLeft(db)).toEqual({ entries: 0, checkins: 0, people: 0, tags: 0, batches: 0 });
    // The idle upkeep clears the check-ins' marks, then the batch; they still show.
    const upkeep = purgeExpiredInIdle(s);
    while (upkeep(db));
    expect(db.prepare('SELECT (SELECT count(*) FROM import_batches) + (SELECT count(*) FROM checkins WHERE import_batch IS NOT NULL)').pluck().get()).toBe(0);
    expect((await whatShows(call)).checkins).toEqual(shows.checkins);
    s.vault.lock();
  });

  // Slice 1 holds the people and patterns; slices 2 … entries + 1 one entry each, then one check-in each.
  it('shows nothing of it after the next unlock, deletes it in idle time, and imports it again in full', { timeout: 240_000 }, async () => {
    const src = await exportFile();
    expect(src.checkins).toBeGreaterThan(0);
    for (let slice = 1; slice <= src.entries + src.checkins + 1; slice++) {
      const j = await journal();
      const run = await importThenCrash(j.dataDir, src.file, slice);
      expect(run.signal, `${slice}: ${run.stderr}`).toBe('SIGKILL');

      const s = testService(j.dataDir);
      const call = callOf(s);
      await call('vault.unlock', { passphrase: PASSPHRASE });
      const db = s.vault.database();
      // The killed import's rows are there, hidden, and given up by the unlock.
      const left = abandonedLeft(db);
      expect(left, `slice ${slice}`).toMatchObject({ entries: Math.min(slice - 1, src.entries), checkins: Math.max(0, slice - 1 - src.entries), batches: 1 });
      expect(left.people, `slice ${slice}`).toBeGreaterThan(0);
      expect(await whatShows(call), `slice ${slice}`).toEqual(j.seen);
      expect(JSON.stringify(await call('people.list', { includeArchived: true }))).not.toContain(REAL_NAME);

      // The idle upkeep's own steps, run until it has nothing left to do.
      const upkeep = purgeExpiredInIdle(s);
      while (upkeep(db));
      expect(abandonedLeft(db)).toEqual({ entries: 0, checkins: 0, people: 0, tags: 0, batches: 0 });
      expect(fingerprint(db, { history: false }), `slice ${slice}`).toBe(j.before);
      expect(await call('ledger.verify', {})).toMatchObject({ ok: true });

      // The same file again: all of it, none taken for already imported.
      const preview = await call<ImportPreview>('import.preview', { source: { text: fs.readFileSync(src.file, 'utf8') } });
      expect(preview.counts.newEntries, `slice ${slice}`).toBe(src.entries);
      await call('import.commit', { importId: preview.importId });
      expect((await whatShows(call)).timeline.length).toBe(j.seen.timeline.length + src.entries);
      s.vault.lock();
      expect(filesContaining(j.dataDir, CANARY), `slice ${slice}`).toEqual([]);
    }
  });
});

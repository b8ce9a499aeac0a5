/**
 * Lock and quick exit take effect at once during an import, whatever phase it is in: the import is
 * stopped at each of its steps by a hook that never lets it go on (Ports.importStepAt), and the lock
 * must still answer, with the key gone and the connection closed — it does not wait for the job. The
 * journal is as it was (every row, by fingerprint), nothing of the file is left readable on disk, and
 * a save sent before the lock is written. Let go afterwards, the job answers CANCELLED and writes
 * nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/errors.js';
import type { ExportFile, ImportPreview } from '../../shared/portability.js';
import { IMPORT_STEPS, type ImportStep } from '../../main/core/portability/import/index.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { createdService, PASSPHRASE, snapshotDir, tempDir } from '../helpers/journal.js';
import { asUpload } from '../fixtures/portability/imports.js';
import { fingerprint, removeAbandonedImports, seedJournal, whatShows } from '../fixtures/portability/journal.js';

const CANARY = 'Quokkaflint';
const DAY_ONE_ZIP = path.join(import.meta.dirname, '..', 'fixtures', 'attachments', 'dayone-with-photos.zip');

/** A Fulcrum export of a seeded journal, its entries many and carrying the canary word. */
let exportText: Promise<string> | null = null;
function fulcrumExport(): Promise<string> {
  exportText ??= (async () => {
    const a = await createdService();
    await seedJournal(a.call, () => a.service.vault.database());
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const json = JSON.parse(file.content) as { journal: { entries: Record<string, unknown>[] } };
    const template = json.journal.entries;
    json.journal.entries = Array.from({ length: 300 }, (_, i) => ({
      ...template[i % template.length],
      id: i + 1,
      occurredAt: new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString(),
      body: `${CANARY} ${i} ${'a day like the others '.repeat(20)}`,
    }));
    a.service.vault.lock();
    return JSON.stringify(json);
  })();
  return exportText;
}

const genericCsv = () =>
  'date,title,body\n' + Array.from({ length: 300 }, (_, i) => `2023-02-${String((i % 28) + 1).padStart(2, '0')},Day ${i},${CANARY} row ${i}\n`).join('');

/** A hook that holds the import at one step, and never lets it go until `release()`. */
function parkAt(step: ImportStep) {
  let reached: () => void = () => {};
  let release: () => void = () => {};
  const atStep = new Promise<void>((r) => (reached = r));
  const held = new Promise<void>((r) => (release = r));
  return {
    hook: (s: ImportStep) => {
      if (s !== step) return;
      reached();
      return held;
    },
    atStep,
    release: () => release(),
  };
}

type Source = 'fulcrum-file' | 'fulcrum-upload' | 'csv-upload' | 'zip-upload';

async function setUp(step: ImportStep, source: Source) {
  const dir = tempDir('fulcrum-import-lock-');
  const file = path.join(tempDir('fulcrum-import-src-'), 'export.json');
  fs.writeFileSync(file, await fulcrumExport());
  const park = parkAt(step);
  const s = await createdService(dir, { ports: { log: () => {}, dialogs: scriptedDialogs([file]), importStepAt: park.hook } });
  await s.call('entries.create', { occurredAt: Date.UTC(2024, 4, 1, 10), timeZone: 'UTC', body: 'already here' });
  const input =
    source === 'fulcrum-file'
      ? { source: { token: (await s.call<{ token: string }>('import.pick', {})).token } }
      : source === 'fulcrum-upload'
        ? { source: asUpload(await fulcrumExport()) }
        : source === 'csv-upload'
          ? { source: asUpload(genericCsv()), format: 'csv' }
          : { source: asUpload(fs.readFileSync(DAY_ONE_ZIP)) };
  return { ...s, park, input, dir };
}

/** Nothing of the imported file is readable in the journal's folder (the journal, its WAL, anything else). */
function noPlaintext(dir: string) {
  for (const [name, bytes] of snapshotDir(dir)) expect(bytes.includes(CANARY), name).toBe(false);
  expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

const pending = async (p: Promise<unknown>) => (await Promise.race([p.then(() => 'ended'), Promise.resolve('pending')])) === 'pending';

/** The lock while the job is held: it answers, and the journal is closed and its key gone. */
async function lockWhileHeld(s: Awaited<ReturnType<typeof setUp>>, job: Promise<Reply<unknown>>, how: 'vault.lock' | 'session.quickExit') {
  await s.park.atStep;
  const lock = await s.service.dispatch(how, {});
  expect(lock).toEqual({ ok: true, value: null });
  // The job has not ended (it is still held at its step): the lock did not wait for it.
  expect(await pending(job)).toBe(true);
  expect(s.service.vault.unlocked).toBe(false);
  expect(s.service.vault.holdsKey).toBe(false);
  expect(s.service.resources()).toMatchObject({ connections: 0, key: false, jobs: { pendingImport: 0 } });
}

const PREVIEW_STEPS = ['source', 'check', 'entries', 'match'] as const satisfies readonly ImportStep[];
const COMMIT_STEPS = ['reread', 'write', 'finish'] as const satisfies readonly ImportStep[];

describe('lock and quick exit during an import', () => {
  it('names every step of an import (the tests below cover each)', () => {
    expect([...PREVIEW_STEPS, ...COMMIT_STEPS, 'attach'].sort()).toEqual([...IMPORT_STEPS].sort());
  });

  for (const source of ['fulcrum-file', 'fulcrum-upload', 'csv-upload'] as const) {
    for (const step of PREVIEW_STEPS) {
      it(`locks at once while the preview of a ${source} is held at "${step}"`, async () => {
        const s = await setUp(step, source);
        const before = fingerprint(s.service.vault.database());
        const job = s.service.dispatch('import.preview', s.input);
        await lockWhileHeld(s, job, step === 'entries' ? 'session.quickExit' : 'vault.lock');
        noPlaintext(s.dir);

        // Let go, the preview stops: CANCELLED, and no preview is kept for a commit.
        s.park.release();
        expect(await job).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
        expect(s.service.resources().jobs.pendingImport).toBe(0);
        await s.call('vault.unlock', { passphrase: PASSPHRASE });
        expect(fingerprint(s.service.vault.database())).toBe(before);
      });
    }
  }

  for (const step of COMMIT_STEPS) {
    it(`locks at once while the commit is held at "${step}", after writing the save sent before it`, async () => {
      const s = await setUp(step, 'fulcrum-upload');
      const preview = await s.call<ImportPreview>('import.preview', s.input);
      expect(preview.counts.newEntries).toBe(300);
      const before = fingerprint(s.service.vault.database(), { history: false });
      const seen = await whatShows(s.call);
      const job = s.service.dispatch('import.commit', { importId: preview.importId });
      await s.park.atStep;
      // A save sent while the commit runs, then quick exit: the save is written, the import is not.
      const draft = s.service.dispatch('drafts.save', { key: 'new', content: '{"body":"typed during the import"}' });
      await lockWhileHeld(s, job, 'session.quickExit');
      expect(await draft).toMatchObject({ ok: true });
      noPlaintext(s.dir);

      s.park.release();
      expect(await job).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      await s.call('vault.unlock', { passphrase: PASSPHRASE });
      expect(await s.call('drafts.get', { key: 'new' })).toMatchObject({ content: '{"body":"typed during the import"}' });
      await s.call('drafts.discard', { key: 'new' });
      // Slices written before the lock stay hidden, and are deleted for good in idle time.
      expect(await whatShows(s.call)).toEqual(seen);
      removeAbandonedImports(s.service.vault.database());
      expect(fingerprint(s.service.vault.database(), { history: false })).toBe(before);
      expect(await s.call('ledger.verify', {})).toMatchObject({ ok: true });
    });
  }

  it('locks at once between two slices of the commit, and the slices already written never show', async () => {
    const dir = tempDir('fulcrum-import-lock-');
    let reached: () => void = () => {};
    let release: () => void = () => {};
    const atSlice = new Promise<void>((r) => (reached = r));
    const held = new Promise<void>((r) => (release = r));
    const s = await createdService(dir, {
      ports: {
        log: () => {},
        importSliceMs: 0,
        // Held right after the third slice has committed (people and patterns, then two entries).
        importSliceAt: (slice) => {
          if (slice !== 3) return;
          reached();
          return held;
        },
      },
    });
    await s.call('entries.create', { occurredAt: Date.UTC(2024, 4, 1, 10), timeZone: 'UTC', body: 'already here' });
    const preview = await s.call<ImportPreview>('import.preview', { source: asUpload(await fulcrumExport()) });
    const before = fingerprint(s.service.vault.database(), { history: false });
    const seen = await whatShows(s.call);
    const job = s.service.dispatch('import.commit', { importId: preview.importId });
    await atSlice;
    expect(await s.service.dispatch('vault.lock', {})).toEqual({ ok: true, value: null });
    expect(await pending(job)).toBe(true);
    expect(s.service.vault.holdsKey).toBe(false);
    expect(s.service.resources()).toMatchObject({ connections: 0, key: false });
    noPlaintext(dir);
    release();
    expect(await job).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await whatShows(s.call)).toEqual(seen);
    expect(removeAbandonedImports(s.service.vault.database())).toBe(2);
    expect(fingerprint(s.service.vault.database(), { history: false })).toBe(before);
    expect(await s.call('ledger.verify', {})).toMatchObject({ ok: true });
    // The same file again: every entry of it, none taken for already imported.
    const again = await s.call<ImportPreview>('import.preview', { source: asUpload(await fulcrumExport()) });
    expect(again.counts.newEntries).toBe(300);
  });

  it('locks at once while a ZIP archive\'s files are being attached, and keeps none of them', async () => {
    const s = await setUp('attach', 'zip-upload');
    const preview = await s.call<ImportPreview>('import.preview', s.input);
    expect(preview.attachments?.files).toBeGreaterThan(0);
    const before = fingerprint(s.service.vault.database(), { history: false });
    const seen = await whatShows(s.call);
    const job = s.service.dispatch('import.commit', { importId: preview.importId });
    await lockWhileHeld(s, job, 'vault.lock');
    s.park.release();
    expect(await job).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await whatShows(s.call)).toEqual(seen);
    removeAbandonedImports(s.service.vault.database());
    expect(fingerprint(s.service.vault.database(), { history: false })).toBe(before);
  });

  it('turns a file sent in the call into bytes a slice at a time, exactly (a character across two slices included)', async () => {
    // An emoji whose two UTF-16 halves straddle the first slice's end (2^20 characters), in a CSV row's body.
    const header = 'date,title,body\n';
    const filler = Array.from({ length: 1000 }, (_, i) => `2023-01-01,row ${i},${'a'.repeat(900)}\n`).join('');
    const start = `${header}${filler}2023-01-02,emoji,`;
    const pad = (1 << 20) - 1 - start.length;
    expect(pad).toBeGreaterThan(0);
    const body = `${'b'.repeat(pad)}😀 ${CANARY}`;
    const text = `${start}${body}\n`;
    expect(text.charCodeAt(1 << 20) & 0xfc00).toBe(0xdc00); // the low half is the first of the second slice
    for (const source of [{ text }, asUpload(text)]) {
      const s = await createdService();
      const preview = await s.call<ImportPreview>('import.preview', { source, format: 'csv' });
      expect(preview.counts.entries).toBe(1001);
      await s.call('import.commit', { importId: preview.importId });
      const found = await s.call<{ items: { id: number; title: string }[] }>('entries.search', { filter: { text: 'emoji' }, limit: 5 });
      const id = found.items.find((e) => e.title === 'emoji')!.id;
      expect((await s.call<{ body: string }>('entries.get', { id })).body).toBe(body);
    }
  });

  it('refuses to start an import queued behind a lock', async () => {
    const s = await setUp('match', 'csv-upload');
    const first = s.service.dispatch('drafts.save', { key: 'new', content: '{"body":"x"}' });
    const lock = s.service.dispatch('vault.lock', {});
    const job = s.service.dispatch('import.preview', s.input);
    expect(await first).toMatchObject({ ok: true });
    expect(await lock).toEqual({ ok: true, value: null });
    expect(await job).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

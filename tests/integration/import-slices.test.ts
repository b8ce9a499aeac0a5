/**
 * Saves do not wait for an import's commit: it writes a slice at a time and gives the call queue up
 * between two, so a save sent while it runs is written at the next slice boundary, not at its end.
 * Until the last transaction nothing of the import shows (timeline, trash, people, patterns, search);
 * then all of it does at once, and the save is the person's own, not part of the import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../shared/errors.js';
import type { ExportFile, ImportPreview } from '../../shared/portability.js';
import { createdService } from '../helpers/journal.js';
import { tempDir } from '../helpers/files.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { OTHER_NAME, REAL_NAME, seedJournal, whatShows } from '../fixtures/portability/journal.js';

async function exported(): Promise<string> {
  const a = await createdService();
  await seedJournal(a.call, () => a.service.vault.database());
  const content = (await a.call<ExportFile>('export.build', { format: 'json' })).content;
  a.service.vault.lock();
  return content;
}

describe('an import commit written in slices', () => {
  it('lets a save sent during it through at the next slice, and shows the import only at its end', async () => {
    const content = await exported();
    const calls: Record<string, Promise<Reply<unknown>>> = {};
    let saveAnswered = false;
    let answeredBySlice3: boolean | null = null;
    let sent: () => void = () => {};
    const callsSent = new Promise<void>((r) => (sent = r));
    const s = await createdService(undefined, {
      ports: {
        log: () => {},
        importSliceMs: 0,
        importSliceAt: (slice) => {
          if (slice === 2) {
            // Sent while the import holds the queue: they wait for the import's next turn.
            calls.save = s.service.dispatch('entries.create', { occurredAt: Date.UTC(2024, 5, 1), timeZone: 'UTC', title: 'typed meanwhile', body: 'mine' });
            calls.timeline = s.service.dispatch('entries.search', { limit: 500 });
            calls.people = s.service.dispatch('people.list', { includeArchived: true });
            calls.tags = s.service.dispatch('tags.list', { includeArchived: true });
            calls.trash = s.service.dispatch('entries.trash', { limit: 500 });
            void calls.save.then(() => (saveAnswered = true));
            sent();
          }
          // The import's next boundary: the save must have been answered before it.
          if (slice === 3) answeredBySlice3 = saveAnswered;
        },
      },
    });
    const before = await whatShows(s.call);
    const preview = await s.call<ImportPreview>('import.preview', { source: { text: content } });
    expect(preview.counts.newEntries).toBeGreaterThan(2);
    const job = s.service.dispatch('import.commit', { importId: preview.importId });
    // Waits on state: the calls were sent at slice 2 and the save has been answered.
    await callsSent;
    const save = await calls.save!;
    expect(save).toMatchObject({ ok: true, value: { title: 'typed meanwhile' } });

    // What was read then: the save, and nothing of the import.
    const timeline = (await calls.timeline!) as Reply<{ items: { title: string }[] }>;
    expect(timeline.ok && timeline.value.items.map((e) => e.title)).toEqual(['typed meanwhile']);
    expect(await calls.people!).toEqual({ ok: true, value: before.people });
    expect(await calls.tags!).toEqual({ ok: true, value: before.tags });
    expect(await calls.trash!).toMatchObject({ ok: true, value: { items: [] } });

    expect(await job).toMatchObject({ ok: true, value: { imported: { entries: preview.counts.newEntries } } });
    // Answered between slices 2 and 3, not after the import.
    expect(answeredBySlice3).toBe(true);
    const after = await whatShows(s.call);
    expect(after.timeline).toHaveLength(preview.counts.newEntries + 1);
    const names = (after.people as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([REAL_NAME, OTHER_NAME]));
    // The save is the person's own: not imported, not hidden, its history intact.
    const mine = (await s.call<{ items: { id: number; title: string }[] }>('entries.search', { filter: { text: 'typed meanwhile' } })).items;
    expect(mine.map((e) => e.title)).toEqual(['typed meanwhile']);
    expect(await s.call('entries.get', { id: mine[0]!.id })).toMatchObject({ deletedAt: null, body: 'mine' });
    expect(await s.call('ledger.verify', {})).toMatchObject({ ok: true });
  });

  it('lets a save sent during a preview through before the preview ends', async () => {
    const csv = 'date,title,body\n' + Array.from({ length: 200 }, (_, i) => `2023-02-${String((i % 28) + 1).padStart(2, '0')},Day ${i},row ${i}\n`).join('');
    let save: Promise<Reply<unknown>> | null = null;
    let saveAnswered = false;
    let answeredByMatch: boolean | null = null;
    const s = await createdService(undefined, {
      ports: {
        log: () => {},
        importSliceMs: 0,
        importStepAt: (step) => {
          if (step === 'entries') {
            save = s.service.dispatch('drafts.save', { key: 'new', content: '{"body":"typed during the preview"}' });
            void save.then(() => (saveAnswered = true));
          }
          // The last step of the preview: the save must have been answered before it.
          if (step === 'match') answeredByMatch = saveAnswered;
        },
      },
    });
    const preview = await s.call<ImportPreview>('import.preview', { source: { text: csv }, format: 'csv' });
    expect(preview.counts.entries).toBe(200);
    expect(await save!).toMatchObject({ ok: true });
    expect(answeredByMatch).toBe(true);
    expect(await s.call('drafts.get', { key: 'new' })).toMatchObject({ content: '{"body":"typed during the preview"}' });
  });

  it('a save sent while the preview reads its file is written before the preview reads the file again', async () => {
    // A Fulcrum export of more than one piece (32 KiB) of small entries, picked as a file.
    const a = await createdService();
    for (let i = 0; i < 150; i++) await a.call('entries.create', { occurredAt: Date.UTC(2024, 0, 1 + (i % 28), 9), timeZone: 'UTC', title: `Day ${i}`, body: `row ${i} `.repeat(40) });
    const content = (await a.call<ExportFile>('export.build', { format: 'json' })).content;
    a.service.vault.lock();
    expect(content.length).toBeGreaterThan(3 * 32 * 1024);
    const file = path.join(tempDir(), 'export.json');
    fs.writeFileSync(file, content);

    const s = await createdService(undefined, { ports: { log: () => {}, importSliceMs: 0, dialogs: scriptedDialogs([file]) } });
    const picked = await s.call<{ token: string }>('import.pick');
    // Every read of the file: was the save sent during the read before it answered yet?
    const reads: boolean[] = [];
    let pending: Promise<Reply<unknown>> | null = null;
    let answered = true;
    const open = fs.promises.open.bind(fs.promises);
    vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof fs.promises.open>) => {
      const handle = await open(...args);
      if (args[0] !== file) return handle;
      const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<unknown>;
      (handle as { read: unknown }).read = (...a: unknown[]) => {
        reads.push(answered);
        // A save sent now, while the preview reads: it must be written before the next read.
        answered = false;
        pending = s.service.dispatch('entries.create', { occurredAt: Date.UTC(2024, 5, 1), timeZone: 'UTC', title: 'typed meanwhile', body: 'mine' });
        void pending.then(() => (answered = true));
        return read(...a);
      };
      return handle;
    });
    try {
      const preview = await s.call<ImportPreview>('import.preview', { source: { token: picked.token }, format: 'auto' });
      expect(preview.counts.entries).toBe(150);
    } finally {
      vi.restoreAllMocks();
    }
    await pending;
    expect(reads.length).toBeGreaterThan(4);
    // The first read had nothing before it; at every later one, the save sent during the one before was written.
    expect(reads.map((r, i) => (i === 0 ? true : r))).toEqual(reads.map(() => true));
  });

  it('writes its check-ins in the slices, hidden, so the last transaction writes none of them, and keeps a check-in the person saves meanwhile', async () => {
    const weeks = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
    const a = await createdService();
    const robin = await a.call<{ id: number }>('people.create', { name: 'Robin', kind: 'romantic', color: '#3366aa' });
    for (const week of weeks) await a.call('checkins.save', { personId: robin.id, week, heard: 2, note: `imported ${week}` });
    for (let i = 0; i < 3; i++) await a.call('entries.create', { occurredAt: Date.UTC(2024, 1, 1 + i), timeZone: 'UTC', title: `e${i}`, body: 'x', personIds: [robin.id] });
    const content = (await a.call<ExportFile>('export.build', { format: 'json' })).content;
    a.service.vault.lock();

    const mineWeek = weeks.at(-1)!;
    const lists: Promise<Reply<unknown>>[] = [];
    let mine: Promise<Reply<unknown>> | null = null;
    let slices = 0;
    const s = await createdService(undefined, {
      ports: {
        log: () => {},
        importSliceMs: 0,
        importSliceAt: (slice) => {
          slices = slice;
          // Which slice the writes that follow belong to (the last transaction's: the last one seen).
          db().prepare('UPDATE temp.phase SET n = ?').run(slice);
          // The person's check-in for a week the file also has, before the import gets to it.
          if (slice === 2) mine = s.service.dispatch('checkins.save', { personId: here.id, week: mineWeek, heard: 5, note: 'mine' });
          lists.push(s.service.dispatch('checkins.list', {}));
        },
      },
    });
    const db = () => s.service.vault.database();
    const here = await s.call<{ id: number }>('people.create', { name: 'Robin', kind: 'romantic', color: '#3366aa' });
    // Every write to check-ins, with the slice it came after (0: before the first).
    db().exec(`
      CREATE TEMP TABLE phase (n INTEGER NOT NULL); INSERT INTO temp.phase VALUES (0);
      CREATE TEMP TABLE checkin_writes (n INTEGER NOT NULL, week TEXT NOT NULL);
      CREATE TEMP TRIGGER checkin_writes_ai AFTER INSERT ON main.checkins BEGIN INSERT INTO checkin_writes SELECT n, new.week FROM temp.phase; END;
      CREATE TEMP TRIGGER checkin_writes_au AFTER UPDATE ON main.checkins BEGIN INSERT INTO checkin_writes SELECT n, new.week FROM temp.phase; END;
    `);
    const preview = await s.call<ImportPreview>('import.preview', { source: { text: content } });
    expect(preview.counts.checkins.new).toBe(weeks.length);
    const result = await s.call<{ imported: { checkins: number }; skipped: { checkins: number } }>('import.commit', { importId: preview.importId });

    // Written a slice each, before the last transaction; that one wrote no check-in at all.
    const writes = db().prepare('SELECT n, week FROM temp.checkin_writes ORDER BY rowid').all() as { n: number; week: string }[];
    expect(writes.filter((w) => w.n === slices)).toEqual([]);
    expect(new Set(writes.map((w) => w.week))).toEqual(new Set(weeks));
    // Until the end, only the person's own check-in showed.
    const seen = (await Promise.all(lists)).map((r) => (r.ok ? (r.value as { note: string }[]).map((c) => c.note) : r));
    expect(seen[0]).toEqual([]);
    expect(seen.slice(1)).toEqual(seen.slice(1).map(() => ['mine']));
    expect(await mine!).toMatchObject({ ok: true });
    // Then all of them, and the week the person saved meanwhile is theirs.
    expect(result).toMatchObject({ imported: { checkins: weeks.length - 1 }, skipped: { checkins: 1 } });
    const after = await s.call<{ week: string; note: string }[]>('checkins.list', {});
    expect(after).toHaveLength(weeks.length);
    expect(after.find((c) => c.week === mineWeek)).toMatchObject({ note: 'mine', heard: 5 });
    expect(await s.call('ledger.verify', {})).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { ExportFile, ImportPreview, ImportResult, ProgressEvent } from '../../shared/portability.js';
import { IMPORT_LIMITS } from '../../shared/portability.js';
import { planFile } from '../../main/core/portability/index.js';
import { commitPlan } from '../../main/core/portability/import/apply.js';
import { PASSPHRASE, createdService } from '../helpers/journal.js';
import { fingerprint, journalContent, removeAbandonedImports, seedJournal, whatShows } from '../fixtures/portability/journal.js';
import { abandonedLeft } from '../../main/core/db/repos/imports.js';
import { importAll } from '../fixtures/portability/imports.js';

async function seeded() {
  const s = await createdService();
  await seedJournal(s.call, () => s.service.vault.database());
  return s;
}

describe('Fulcrum JSON round trip', () => {
  it('imports its own JSON export into a fresh journal with identical content', async () => {
    const a = await seeded();
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const events: AppEvent[] = [];
    const b = await createdService(undefined, { ports: { log: () => {}, emit: (e) => void events.push(e) } });
    const { preview, result } = await importAll(b.call, { text: file.content });
    expect(preview).toMatchObject({
      format: 'fulcrum-json',
      counts: { entries: 4, newEntries: 4, duplicates: 0, people: { new: 3, matched: 0 }, tags: { new: 2 }, checkins: { new: 2 }, strengths: { new: 2 } },
      range: { from: '2024-02-20', to: '2024-04-15' },
      problems: [],
    });
    expect(result).toEqual({
      imported: { entries: 4, people: 3, tags: 2, checkins: 2, strengths: 2, sessions: 1 },
      skipped: { entries: 0, checkins: 0, strengths: 0 },
    });
    // People (archived too), patterns (the user's own, a renamed built-in, an archived one), entries with
    // every field and link and their times, check-ins, strengths and sessions: all as they were.
    expect(journalContent(b.service.vault.database())).toEqual(journalContent(a.service.vault.database()));
    expect(events.filter((e): e is ProgressEvent => e.type === 'progress' && e.task === 'import').map((e) => e.phase)).toContain('saving');
  });

  it('finds every entry a duplicate when the same file is imported again, and changes nothing', async () => {
    const a = await seeded();
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const b = await createdService();
    await importAll(b.call, { text: file.content });
    const before = fingerprint(b.service.vault.database());
    const again = await importAll(b.call, { text: file.content });
    expect(again.preview.counts).toMatchObject({ entries: 4, newEntries: 0, duplicates: 4, people: { new: 0, matched: 3 }, tags: { new: 0 } });
    expect(again.result).toEqual({
      imported: { entries: 0, people: 0, tags: 0, checkins: 0, strengths: 0, sessions: 0 },
      skipped: { entries: 4, checkins: 2, strengths: 2 },
    });
    expect(fingerprint(b.service.vault.database())).toBe(before);

    // And an export of the journal that imported it still knows where each entry came from.
    const second = await b.call<ExportFile>('export.build', { format: 'json' });
    const c = await createdService();
    await importAll(c.call, { text: file.content });
    const third = await importAll(c.call, { text: second.content });
    expect(third.result.imported.entries).toBe(0);
  });

  it('finds every entry a duplicate when a journal re-imports its own export', async () => {
    const a = await seeded();
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const before = fingerprint(a.service.vault.database());
    const preview = await a.call<ImportPreview>('import.preview', { source: { text: file.content } });
    expect(preview.counts).toMatchObject({ newEntries: 0, duplicates: 4, people: { new: 0, matched: 3 }, tags: { new: 0 } });
    await a.call<ImportResult>('import.commit', { importId: preview.importId });
    expect(fingerprint(a.service.vault.database())).toBe(before);
  });

  it('merges into a journal that already has some of the people and patterns', async () => {
    const a = await seeded();
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const b = await createdService();
    await b.call('people.create', { name: 'jordan quillfeather', kind: 'romantic', color: '#000000' });
    await b.call('tags.create', { label: 'OLD HABIT', polarity: 'healthy', category: 'other' });
    const { preview, result } = await importAll(b.call, { text: file.content });
    expect(preview.counts.people).toEqual({ new: 2, matched: 1 });
    expect(result.imported.people).toBe(2);
    expect(result.imported.tags).toBe(1);
    const people = await b.call<{ name: string }[]>('people.list', { includeArchived: true });
    expect(people.map((p) => p.name).sort()).toEqual(['Former Flatmate', 'Sam Okonkwo-Reyes', 'jordan quillfeather']);
  });

  it('refuses a commit whose preview has expired or belongs to another journal', async () => {
    const a = await seeded();
    const file = await a.call<ExportFile>('export.build', { format: 'json' });
    const reply = await a.service.dispatch('import.commit', { importId: 'x'.repeat(24) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const preview = await a.call<ImportPreview>('import.preview', { source: { text: file.content } });
    await a.call('import.cancel', { importId: preview.importId });
    expect(await a.service.dispatch('import.commit', { importId: preview.importId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A lock in between ends the preview: the file's content is not kept across it.
    const again = await a.call<ImportPreview>('import.preview', { source: { text: file.content } });
    await a.call('vault.lock');
    await a.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await a.service.dispatch('import.commit', { importId: again.importId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('all or nothing', () => {
  it('shows no person, pattern or entry when a write fails half-way, across its slices and progress pauses', async () => {
    const a = await seeded();
    const file = JSON.parse((await a.call<ExportFile>('export.build', { format: 'json' })).content);
    // 1 200 entries, so the commit pauses for progress twice before the bad one.
    const template = file.journal.entries[0];
    file.journal.entries = Array.from({ length: 1200 }, (_, i) => ({ ...template, id: i + 1, sourceRef: `gen-${i}` }));
    const { plan } = planFile(Buffer.from(JSON.stringify(file)), { format: 'auto', timeZone: 'UTC', limits: IMPORT_LIMITS });
    expect(plan.problems).toEqual([]);
    // A value the checks would never let through reaches the database: its CHECK constraint refuses it.
    (plan.entries[1100] as { balance: number }).balance = 9;

    const b = await createdService();
    const db = b.service.vault.database();
    const before = fingerprint(db, { history: false });
    const seen = await whatShows(b.call);
    const progress: number[] = [];
    let slices = 0;
    await expect(
      commitPlan(db, plan, {
        journalId: b.service.vault.journalId,
        now: Date.now(),
        progress: (done) => void progress.push(done),
        // One entry a slice: the 1 100 before the bad one are written, each in its own transaction.
        sliceMs: 0,
        afterSlice: () => void slices++,
      }),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(progress).toEqual([500, 1000]);
    expect(slices).toBeGreaterThan(1000);
    expect(db.inTransaction).toBe(false);
    // Written but hidden, and given up: nothing of it shows.
    expect(abandonedLeft(db)).toMatchObject({ entries: 1100, people: plan.people.length, batches: 1 });
    expect(await whatShows(b.call)).toEqual(seen);
    // Deleted for good in idle time: the journal holds what it held, its history says what happened.
    expect(removeAbandonedImports(db)).toBe(1100);
    expect(fingerprint(db, { history: false })).toBe(before);
    expect(await b.call('ledger.verify', {})).toMatchObject({ ok: true });
  });
});

describe('CSV round trip', () => {
  it("re-imports Fulcrum's own CSV export with the proposed mapping", async () => {
    const a = await seeded();
    const csv = await a.call<ExportFile>('export.build', { format: 'csv' });
    const b = await createdService();
    const preview = await b.call<ImportPreview>('import.preview', { source: { text: csv.content }, timeZone: 'Europe/Berlin' });
    expect(preview.format).toBe('csv');
    const cols = preview.csv!.columns;
    const m = preview.csv!.mapping;
    const at = (field: keyof typeof m) => (typeof m[field] === 'number' ? cols[m[field] as number] : null);
    expect([at('date'), at('time'), at('people'), at('tags'), at('balance'), at('title'), at('body'), at('outcome'), at('flags'), at('domains')]).toEqual([
      'date', 'time', 'people', 'patterns', 'balance', 'title', 'text', 'outcome', 'flags', 'domains',
    ]);
    const result = await b.call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported.entries).toBe(4);
    const got = journalContent(b.service.vault.database()).entries;
    const want = journalContent(a.service.vault.database()).entries;
    const view = (e: Record<string, unknown>) => [e.day, e.title, e.body, e.balance, e.intensity, e.heard, e.respected, e.valued, e.involved, e.outcome, e.raise_with_therapist, e.safety_flag, e.people, e.tags, e.domains];
    expect(got.map(view).sort()).toEqual(want.map(view).sort());
  });
});

/**
 * An import's check-ins are written in its slices, hidden in its batch, and shown by the batch's flag
 * rather than row by row. Every read of check-ins leaves hidden ones out; a week the person saves
 * themselves is theirs whatever the import holds; an abandoned import's check-ins are deleted for good
 * in idle moments (a tombstone each); a shown batch's marks are cleared there too.
 */
import { describe, expect, it } from 'vitest';
import { createdService } from '../helpers/journal.js';
import { purgeAbandonedCheckIns, saveCheckInInBatch } from '../../main/core/db/repos/checkins.js';
import { abandonBatches, abandonedLeft, clearShownBatches, dropEmptyAbandoned, revealBatch, startBatch } from '../../main/core/db/repos/imports.js';
import { checkInIdsInWeeks } from '../../main/core/db/repos/evidence.js';
import { journalSummary } from '../../main/core/db/checks.js';
import { purgeExpiredInIdle } from '../../main/core/service/entries.js';

const W1 = '2024-03-04';
const W2 = '2024-03-11';
const answers = (personId: number, week: string, note: string) => ({ personId, week, heard: 3, respected: null, involved: null, fairShare: null, boundaries: null, safe: null, note, forTherapist: false });

async function journal() {
  const s = await createdService();
  const person = await s.call<{ id: number }>('people.create', { name: 'Robin', kind: 'romantic', color: '#3366aa' });
  const db = s.service.vault.database();
  // Everything a screen, a report or an export reads about check-ins.
  const reads = async () => ({
    list: (await s.call<{ note: string }[]>('checkins.list', {})).map((c) => c.note),
    trends: (await s.call<{ series: { count: number }[] }>('insights.checkinTrends', { from: '2024-01-01', to: '2024-06-30' })).series.map((x) => x.count),
    due: (await s.call<{ due: { lastWeek: string | null }[] }>('insights.checkinsDue', { today: W2 })).due.map((d) => d.lastWeek),
    evidence: checkInIdsInWeeks(db, '2024-01-01', '2024-06-30', []).length,
    summary: journalSummary(db).checkins,
  });
  return { ...s, person: person.id, db, reads };
}

describe("an import's check-ins", () => {
  it('stay out of every read until the batch is shown, then all show by one flag, and idle time clears the marks', async () => {
    const j = await journal();
    const none = await j.reads();
    expect(none).toEqual({ list: [], trends: [], due: [null], evidence: 0, summary: 0 });
    const batch = startBatch(j.db, Date.now());
    const a = saveCheckInInBatch(j.db, answers(j.person, W1, 'imported 1'), Date.now(), batch)!;
    saveCheckInInBatch(j.db, answers(j.person, W2, 'imported 2'), Date.now(), batch);
    expect(await j.reads()).toEqual(none);
    // Not by id either, for the calls that change one.
    expect(await j.service.dispatch('checkins.delete', { id: a.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    revealBatch(j.db, batch);
    // No check-in row was written to show them.
    expect(j.db.prepare('SELECT count(*) FROM checkins WHERE import_batch = ?').pluck().get(batch)).toBe(2);
    expect(await j.reads()).toEqual({ list: ['imported 2', 'imported 1'], trends: [2], due: [], evidence: 2, summary: 2 });
    // The next unlock does not take a shown batch for an abandoned one.
    expect(abandonBatches(j.db, null)).toBe(0);

    const upkeep = purgeExpiredInIdle(j.service);
    while (upkeep(j.db));
    expect(j.db.prepare('SELECT (SELECT count(*) FROM import_batches) + (SELECT count(*) FROM checkins WHERE import_batch IS NOT NULL)').pluck().get()).toBe(0);
    expect(clearShownBatches(j.db, 10)).toBe(false);
    expect((await j.reads()).list).toEqual(['imported 2', 'imported 1']);
    expect(await j.call('ledger.verify', {})).toMatchObject({ ok: true });
  });

  it("leaves the person's own week alone, and the person's save takes a hidden week over", async () => {
    const j = await journal();
    await j.call('checkins.save', answers(j.person, W1, 'mine'));
    const batch = startBatch(j.db, Date.now());
    // A week the person has: the import's is not written.
    expect(saveCheckInInBatch(j.db, answers(j.person, W1, 'imported'), Date.now(), batch)).toBeNull();
    // A week the import holds hidden: the person's save is theirs and shows at once.
    saveCheckInInBatch(j.db, answers(j.person, W2, 'imported'), Date.now(), batch);
    await j.call('checkins.save', answers(j.person, W2, 'mine too'));
    expect((await j.reads()).list).toEqual(['mine too', 'mine']);
    // Even if the import then stops: nothing of the person's goes.
    abandonBatches(j.db, batch);
    expect(abandonedLeft(j.db)).toMatchObject({ checkins: 0 });
    expect((await j.reads()).list).toEqual(['mine too', 'mine']);
  });

  it('of an abandoned import are deleted for good in idle moments, and a later import takes their weeks over', async () => {
    const j = await journal();
    const first = startBatch(j.db, Date.now());
    const gone = saveCheckInInBatch(j.db, answers(j.person, W1, 'from the stopped import'), Date.now(), first)!;
    abandonBatches(j.db, first);
    // The same file again, before idle time: its week is free for it (the stopped one's is not a duplicate).
    const second = startBatch(j.db, Date.now());
    const again = saveCheckInInBatch(j.db, answers(j.person, W1, 'imported again'), Date.now(), second)!;
    expect(again.id).toBe(gone.id);
    expect(abandonedLeft(j.db)).toMatchObject({ checkins: 0, batches: 1 });
    revealBatch(j.db, second);
    expect((await j.reads()).list).toEqual(['imported again']);

    // A stopped import with a check-in of its own: idle time deletes it, with a tombstone, then the batch.
    const third = startBatch(j.db, Date.now());
    const orphan = saveCheckInInBatch(j.db, answers(j.person, W2, 'never shown'), Date.now(), third)!;
    abandonBatches(j.db, third);
    expect(abandonedLeft(j.db)).toMatchObject({ checkins: 1, batches: 2 });
    expect(purgeAbandonedCheckIns(j.db, Date.now(), 25)).toBe(1);
    expect(dropEmptyAbandoned(j.db)).toBe(true);
    expect(abandonedLeft(j.db)).toEqual({ entries: 0, checkins: 0, people: 0, tags: 0, batches: 0 });
    expect(j.db.prepare("SELECT event FROM revisions WHERE item_type = 'checkin' AND item_id = ? ORDER BY rev DESC LIMIT 1").pluck().get(orphan.id)).toBe('deleted');
    expect((await j.reads()).list).toEqual(['imported again']);
    expect(await j.call('ledger.verify', {})).toMatchObject({ ok: true });
  });
});

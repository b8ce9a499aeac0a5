/**
 * Reads beside a long job (main/core/worker/reads.ts): while an export holds the call queue, a
 * timeline page and an open entry are answered from the read-only connection before the export ends,
 * writes still wait their turn, and the read connection is gone once the job ends or a lock starts.
 * Each test starts its calls from inside the running export (its progress event), not by timing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import type { SearchPage } from '../../shared/schemas.js';
import { withReadConnection } from '../../main/core/worker/reads.js';
import { generateJournal } from '../generator/index.js';
import { createdService, PASSPHRASE } from '../helpers/journal.js';

async function journal() {
  let onEvent: (e: AppEvent) => void = () => {};
  const s = await createdService(undefined, { ports: { log: () => {}, emit: (e: AppEvent) => onEvent(e) } });
  await generateJournal({ seed: 5, entries: 2000, drafts: 0 }, s.service);
  const reads = withReadConnection(s.service, s.service.dispatch);
  return { ...s, reads, setOnEvent: (f: (e: AppEvent) => void) => (onEvent = f) };
}

describe('reads beside a long job', () => {
  let j: Awaited<ReturnType<typeof journal>>;
  beforeAll(async () => {
    j = await journal();
  }, 120_000);

  it('answers a timeline page and an open entry before the running export ends; a save still waits for it', async () => {
    const order: string[] = [];
    const during: Promise<Reply<unknown>>[] = [];
    j.setOnEvent((e) => {
      if (e.type !== 'progress' || e.task !== 'export' || during.length > 0) return;
      during.push(j.reads.dispatch('entries.search', { limit: 50 }).then((r) => (order.push('timeline'), r)));
      during.push(j.reads.dispatch('entries.get', { id: 1 }).then((r) => (order.push('open'), r)));
      during.push(
        j.reads
          .dispatch('drafts.save', { key: 'new', content: JSON.stringify({ title: 'written during the export', body: '' }) })
          .then((r) => (order.push('save'), r)),
      );
    });
    const exported = await j.reads.dispatch('export.build', { format: 'json' }).then((r) => (order.push('export'), r));
    j.setOnEvent(() => {});
    expect(exported.ok).toBe(true);
    const [page, entry, saved] = await Promise.all(during);
    expect(page).toMatchObject({ ok: true });
    expect((page as { value: SearchPage }).value.items.length).toBe(50);
    expect(entry).toMatchObject({ ok: true, value: { id: 1 } });
    expect(saved).toMatchObject({ ok: true });
    expect(order.indexOf('timeline')).toBeLessThan(order.indexOf('export'));
    expect(order.indexOf('open')).toBeLessThan(order.indexOf('export'));
    expect(order.indexOf('save')).toBeGreaterThan(order.indexOf('export'));
    // The job is over: the read connection is closed, and reads go back to the one queue.
    expect(j.reads.readerOpen).toBe(false);
  });

  it('answers the Insights page before the running export ends, from SQL on the read connection, as the journal would', async () => {
    const today = '2026-06-30';
    const person = ((await j.reads.dispatch('people.list', {})) as { value: { id: number }[] }).value[0]!.id;
    const queries = [{ today }, { today, filter: { personIds: [person] } }];
    // The per-day rollups are current, then a save marks a day stale: the read connection cannot
    // refresh them (it cannot write) and must read the entries instead.
    expect((await j.reads.dispatch('insights.overview', { today })).ok).toBe(true);
    expect((await j.reads.dispatch('entries.create', { occurredAt: Date.UTC(2026, 5, 29, 12), timeZone: 'UTC', personIds: [person], balance: -3 })).ok).toBe(true);
    const order: string[] = [];
    const during: Promise<Reply<unknown>>[] = [];
    j.setOnEvent((e) => {
      if (e.type !== 'progress' || e.task !== 'export' || during.length > 0) return;
      for (const q of queries) during.push(j.reads.dispatch('insights.overview', q).then((r) => (order.push('insights'), r)));
      during.push(j.reads.dispatch('insights.checkinsDue', { today }).then((r) => (order.push('insights'), r)));
    });
    const exported = await j.reads.dispatch('export.build', { format: 'json' }).then((r) => (order.push('export'), r));
    j.setOnEvent(() => {});
    expect(exported.ok).toBe(true);
    const replies = await Promise.all(during);
    expect(order).toEqual(['insights', 'insights', 'insights', 'export']);
    // The same answers from the journal's own connection once the export is over.
    for (const [i, q] of queries.entries()) {
      expect(replies[i]).toMatchObject({ ok: true });
      expect(replies[i]).toEqual(await j.reads.dispatch('insights.overview', q));
    }
    expect(replies[2]).toEqual(await j.reads.dispatch('insights.checkinsDue', { today }));
    expect(j.reads.readerOpen).toBe(false);
  });

  it('gives bad input the same plain VALIDATION answer on the read path', async () => {
    let reply: Promise<Reply<unknown>> | null = null;
    j.setOnEvent((e) => {
      if (e.type === 'progress' && e.task === 'export' && !reply) reply = j.reads.dispatch('entries.get', { id: 'one' });
    });
    await j.reads.dispatch('export.build', { format: 'json' });
    j.setOnEvent(() => {});
    expect(await reply!).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('closes the read connection the moment a lock starts; the export stops and later reads are LOCKED', async () => {
    let lock: Promise<Reply<unknown>> | null = null;
    let read: Promise<Reply<unknown>> | null = null;
    j.setOnEvent((e) => {
      if (e.type !== 'progress' || e.task !== 'export' || lock) return;
      lock = j.reads.dispatch('session.quickExit', {});
      // Sent after the lock began: refused, and no read connection is opened for it.
      read = j.reads.dispatch('people.list', {});
    });
    const exported = await j.reads.dispatch('export.build', { format: 'json' });
    j.setOnEvent(() => {});
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await read!).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(j.reads.readerOpen).toBe(false);
    expect(await j.reads.dispatch('people.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // Unlocked again, everything works as before.
    expect((await j.reads.dispatch('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect((await j.reads.dispatch('people.list', {})).ok).toBe(true);
  });
});

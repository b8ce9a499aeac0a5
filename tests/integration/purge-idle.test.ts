import { describe, expect, it } from 'vitest';
import type { Entry, SearchPage } from '../../shared/schemas.js';
import { PURGE_BATCH } from '../../main/core/service/entries.js';
import { PASSPHRASE, createdService } from '../helpers/journal.js';
import { manualTimers } from '../helpers/idle.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);

describe('purging expired trash in idle time', () => {
  it('leaves the unlock alone and purges a batch per idle step, the longest-trashed first', async () => {
    const clock = { now: T0 };
    const idle = manualTimers();
    const logs: string[] = [];
    const j = await createdService(undefined, { ports: { now: () => clock.now, log: (_level, msg) => void logs.push(msg) }, idleTimers: idle.timers });
    const count = () => j.service.vault.database().prepare('SELECT count(*) FROM entries').pluck().get() as number;
    try {
      const due = 2 * PURGE_BATCH + 5;
      const trashed: number[] = [];
      for (let i = 0; i < due; i++) {
        clock.now = T0 + i * 60_000;
        const e = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', title: `gone ${i}`, body: 'words to forget' });
        await j.call('entries.delete', { id: e.id });
        trashed.push(e.id);
      }
      const kept = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', title: 'kept', body: 'words to keep' });
      idle.settle();
      expect(count()).toBe(due + 1);

      await j.call('vault.lock');
      clock.now = T0 + 31 * DAY;
      await j.call('vault.unlock', { passphrase: PASSPHRASE });
      await j.call<SearchPage>('entries.search', { filter: {}, limit: 50 });
      expect(count()).toBe(due + 1);
      expect(logs.filter((l) => l.startsWith('purged'))).toEqual([]);
      expect((await j.call<SearchPage>('entries.trash', {})).items).toEqual([]);

      // Each idle step purges one batch, oldest first, and re-arms itself while some are left.
      idle.fire();
      expect(count()).toBe(due + 1 - PURGE_BATCH);
      const left = j.service.vault.database().prepare('SELECT id FROM entries WHERE deleted_at IS NOT NULL ORDER BY id').pluck().all();
      expect(left).toEqual(trashed.slice(PURGE_BATCH));
      expect(idle.armed).toBe(true);
      // A call in between is answered as usual; idle time starts over after it.
      expect((await j.call<Entry>('entries.get', { id: kept.id })).title).toBe('kept');
      idle.settle();
      expect(count()).toBe(1);
      expect(logs.filter((l) => l.startsWith('purged'))).toEqual([`purged ${PURGE_BATCH} entries that were in the trash for more than 30 days`, `purged ${PURGE_BATCH} entries that were in the trash for more than 30 days`, 'purged 5 entries that were in the trash for more than 30 days']);
      const hits = await j.call<SearchPage>('entries.search', { filter: { text: 'words' }, limit: 50 });
      expect(hits.items.map((e) => e.id)).toEqual([kept.id]);
      expect(j.service.vault.database().prepare("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'forget'").pluck().get()).toBe(0);
    } finally {
      j.service.vault.lock();
    }
  });

  it('a purge that fails is logged without content and does not stop the unlock or later calls', async () => {
    const clock = { now: T0 };
    const idle = manualTimers();
    const logs: string[] = [];
    const j = await createdService(undefined, { ports: { now: () => clock.now, log: (_level, msg) => void logs.push(msg) }, idleTimers: idle.timers });
    try {
      const e = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', title: 'secret title', body: 'secret body' });
      await j.call('entries.delete', { id: e.id });
      await j.call('vault.lock');
      clock.now = T0 + 31 * DAY;
      await j.call('vault.unlock', { passphrase: PASSPHRASE });
      // A trigger that refuses the delete stands in for a failing disk.
      j.service.vault.database().exec("CREATE TEMP TRIGGER refuse BEFORE DELETE ON entries BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END;");
      idle.settle();
      expect(logs.some((l) => l.startsWith('purging the expired trash failed'))).toBe(true);
      expect(logs.join('\n')).not.toContain('secret');
      expect((await j.call<Entry>('entries.get', { id: e.id })).deletedAt).toBe(T0);
      j.service.vault.database().exec('DROP TRIGGER refuse');
      await j.call('entries.trash', {});
      idle.settle();
      expect((await j.service.dispatch('entries.get', { id: e.id })).ok).toBe(false);
    } finally {
      j.service.vault.lock();
    }
  });
});

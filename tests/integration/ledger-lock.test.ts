import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../shared/errors.js';
import { createdService, PASSPHRASE } from '../helpers/journal.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('checking the whole history', () => {
  it('gives way to quick exit: the check stops at its next pause, the journal locks, and no result is recorded', async () => {
    const { service, call } = await createdService();
    for (let i = 0; i < 3; i++) {
      const { id } = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: 'what happened', balance: 0 });
      await call('entries.update', { id, patch: { title: `entry ${i}, later` } });
    }
    const before = await call<{ lastCheck: unknown }>('ledger.status');

    // Quick exit arrives while the chain is being read: from inside the check's own read of the revisions.
    const db = service.vault.database();
    const realPrepare = db.prepare.bind(db);
    let quickExit: Promise<Reply<unknown>> | null = null;
    vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      if (!quickExit && sql.includes('FROM revisions WHERE seq > ?')) quickExit = service.dispatch('session.quickExit', {});
      return realPrepare(sql);
    }) as typeof db.prepare);

    const verify = await service.dispatch('ledger.verify', {});
    expect(quickExit).not.toBeNull();
    expect(await quickExit).toEqual({ ok: true, value: null });
    expect(verify).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(service.vault.unlocked).toBe(false);

    // Nothing of the stopped check was written: the last check is what it was.
    vi.restoreAllMocks();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect((await call<{ lastCheck: unknown }>('ledger.status')).lastCheck).toEqual(before.lastCheck);
    expect(await call('ledger.verify')).toMatchObject({ ok: true, kind: 'full' });
  });
});

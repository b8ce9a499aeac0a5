import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import type { LedgerCheck } from '../../shared/ledger.js';
import type { BackupFile, ProgressEvent } from '../../shared/portability.js';
import { createdService, PASSPHRASE } from '../helpers/journal.js';

afterEach(() => {
  vi.restoreAllMocks();
});

type Service = Awaited<ReturnType<typeof createdService>>['service'];

/**
 * Sends `channel` once a whole-history check begins reading the chain — from inside the check's own
 * read of the revisions. Returns its reply, or null while it has not been sent; `onReply` is told when
 * the reply comes.
 */
function sendWhenTheChainIsRead(service: Service, channel: string, input: unknown = {}, onReply?: () => void): () => Promise<Reply<unknown>> | null {
  const db = service.vault.database();
  const realPrepare = db.prepare.bind(db);
  let sent: Promise<Reply<unknown>> | null = null;
  vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    if (!sent && sql.includes('FROM revisions WHERE seq > ?')) {
      sent = service.dispatch(channel, input);
      if (onReply) void sent.then(onReply);
    }
    return realPrepare(sql);
  }) as typeof db.prepare);
  return () => sent;
}

describe('checking the whole history', () => {
  it('gives way to quick exit: the check stops at its next pause, the journal locks, and no result is recorded', async () => {
    const { service, call } = await createdService();
    for (let i = 0; i < 3; i++) {
      const { id } = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: 'what happened', balance: 0 });
      await call('entries.update', { id, patch: { title: `entry ${i}, later` } });
    }
    const before = await call<{ lastCheck: unknown }>('ledger.status');

    const quickExit = sendWhenTheChainIsRead(service, 'session.quickExit');
    const verify = await service.dispatch('ledger.verify', {});
    expect(quickExit()).not.toBeNull();
    expect(await quickExit()).toEqual({ ok: true, value: null });
    expect(verify).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(service.vault.unlocked).toBe(false);

    // Nothing of the stopped check was written: the last check is what it was.
    vi.restoreAllMocks();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect((await call<{ lastCheck: unknown }>('ledger.status')).lastCheck).toEqual(before.lastCheck);
    expect(await call('ledger.verify')).toMatchObject({ ok: true, kind: 'full' });
  });

  it('lets a save sent while it runs be written before it ends, hashes that save too, and reports its progress', async () => {
    const events: AppEvent[] = [];
    const { service, call } = await createdService(undefined, { ports: { log: () => {}, emit: (e) => void events.push(e) } });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: 'what happened', balance: 0 });
      ids.push(id);
    }
    const before = await call<{ revisions: number }>('ledger.status');

    const order: string[] = [];
    const save = sendWhenTheChainIsRead(service, 'entries.update', { id: ids[1], patch: { title: 'entry 1, written during the check' } }, () => order.push('save'));
    const verify = service.dispatch('ledger.verify', {});
    void verify.then(() => order.push('check'));
    const check = await verify;
    expect(save()).not.toBeNull();
    expect(await save()).toMatchObject({ ok: true });
    // Before: the save waited behind the whole check.
    expect(order).toEqual(['save', 'check']);
    expect(check).toMatchObject({ ok: true, value: { ok: true, kind: 'full', revisions: before.revisions + 1, failures: [] } });
    vi.restoreAllMocks();
    expect((await call<{ revisions: number; lastCheck: LedgerCheck }>('ledger.status')).lastCheck).toMatchObject({ ok: true, revisions: before.revisions + 1 });

    // Progress went out for both phases, each ending at its total.
    const progress = events.filter((e): e is ProgressEvent => e.type === 'progress' && e.task === 'history');
    for (const phase of ['entries', 'revisions']) {
      const last = progress.filter((e) => e.phase === phase).at(-1);
      expect(last, phase).toBeDefined();
      expect(last!.done, phase).toBe(last!.total);
    }
    expect(progress.filter((e) => e.phase === 'revisions').at(-1)!.total).toBe(before.revisions + 1);
  });

  it('stops when a backup restored while it pauses takes the journal’s place, and records nothing in the restored one', async () => {
    const other = await createdService();
    await other.call('entries.create', { occurredAt: Date.UTC(2024, 5, 1), timeZone: 'UTC', title: 'in the backup', body: '' });
    const file = await other.call<BackupFile>('backup.build');
    const { service, call } = await createdService();
    for (let i = 0; i < 3; i++) await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: '' });

    const restore = sendWhenTheChainIsRead(service, 'backup.restore', { file: { base64: file.base64 }, secret: { recoveryKey: other.recoveryKey } });
    const verify = await service.dispatch('ledger.verify', {});
    expect(restore()).not.toBeNull();
    expect(await restore()).toMatchObject({ ok: true, value: { preview: { sameJournal: false } } });
    expect(verify).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    vi.restoreAllMocks();

    // The restored journal carries its own record of checks, none from the stopped one.
    await call('vault.unlock', { recoveryKey: other.recoveryKey });
    const own = await other.call<{ lastCheck: LedgerCheck | null }>('ledger.status');
    expect((await call<{ lastCheck: LedgerCheck | null }>('ledger.status')).lastCheck).toEqual(own.lastCheck);
    expect(await call('ledger.verify')).toMatchObject({ ok: true, kind: 'full' });
  });

  it('stops when the person asks, records nothing, and leaves the journal open', async () => {
    const { service, call } = await createdService();
    for (let i = 0; i < 3; i++) await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: '' });
    const before = await call<{ lastCheck: LedgerCheck | null }>('ledger.status');
    expect(await call('ledger.stopCheck')).toEqual({ stopped: false });

    const stop = sendWhenTheChainIsRead(service, 'ledger.stopCheck');
    const verify = await service.dispatch('ledger.verify', {});
    expect(stop()).not.toBeNull();
    expect(await stop()).toEqual({ ok: true, value: { stopped: true } });
    expect(verify).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    vi.restoreAllMocks();

    expect(service.vault.unlocked).toBe(true);
    expect(service.resources().jobs.historyChecks).toBe(0);
    expect((await call<{ lastCheck: LedgerCheck | null }>('ledger.status')).lastCheck).toEqual(before.lastCheck);
    // The next check runs to its end.
    expect(await call('ledger.verify')).toMatchObject({ ok: true, kind: 'full' });
  });
});

/**
 * Unlock beyond the KDF: open (key + cipher check), pragmas, migrations check, the journal-id check,
 * the after-unlock housekeeping (reminders), and what the first screen loads —
 * people, patterns, drafts and the first timeline page. Baseline: the same steps on the plain copy.
 *
 * Also through the real service (`vault.unlock` with the test KDF, then the first screen), and the
 * day's automatic backup that follows the first unlock.
 */
import { performance } from 'node:perf_hooks';
import type { DB } from '../../../main/core/db/index.js';
import { AFTER_UNLOCK, createDispatcher, handlers, type ServiceContext } from '../../../main/core/service/index.js';
import { PURGE_BATCH, purgeExpiredInIdle } from '../../../main/core/service/entries.js';
import { createService } from '../../../main/core/service/index.js';
import { flushAutoBackup } from '../../../main/core/service/portability.js';
import { readJournalId } from '../../../main/core/db/seed.js';
import type { Vault } from '../../../main/core/vault/index.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { benchService, closeQuietly, openEncrypted, openPlain, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import { contextOn, type SizeResult } from './common.js';

type Dispatch = (channel: string, raw: unknown) => Promise<{ ok: boolean; value?: unknown }>;

/** What the renderer asks for right after unlocking (Shell: people and patterns; Timeline: drafts and page 1). */
async function firstScreen(dispatch: Dispatch): Promise<void> {
  const replies = await Promise.all([
    dispatch('people.list', { includeArchived: true }),
    dispatch('tags.list', { includeArchived: true }),
    dispatch('drafts.list', {}),
    dispatch('entries.search', { filter: {}, cursor: null, limit: 50 }),
  ]);
  const page = replies[3]!;
  if (!page.ok || (page.value as { items: unknown[] }).items.length === 0) throw new Error('the first timeline page is empty');
}

/**
 * The housekeeping steps both sides can run on a bare database handle: the reminders. (The access log
 * and the automatic backup need the real vault; the service measure has them. The expired-trash purge
 * runs in idle time, not at unlock: see measureUnlockWithPurge.)
 */
const HOUSEKEEPING = [(ctx: ServiceContext) => ctx.reminders.sync()];
if (AFTER_UNLOCK.length === 0) throw new Error('AFTER_UNLOCK is empty: update the unlock measure');

async function unlockOnce(open: () => DB, now: number): Promise<number> {
  let db: DB | null = null;
  const vault = { get unlocked() { return db !== null; }, database: () => db! } as unknown as Vault;
  const ctx = contextOn(vault, { now: () => now, log: () => {}, emit: () => {} });
  const reminders = ctx.reminders;
  const dispatch = createDispatcher(handlers, ctx);
  const t0 = performance.now();
  try {
    db = open();
    if (!readJournalId(db)) throw new Error('no journal id');
    for (const step of HOUSEKEEPING) step(ctx);
    await firstScreen(dispatch);
    return performance.now() - t0;
  } finally {
    reminders.dispose();
    closeQuietly(db);
  }
}

export async function measureUnlock(j: BenchJournal, rounds: number): Promise<{ unlock: SizeResult; service: SizeResult; backup: SizeResult }> {
  const enc: number[] = [];
  const plain: number[] = [];
  const encrypted = () => openEncrypted(j.dbFile, j.key);
  const plainDb = () => openPlain(j.plainFile);
  // One warm-up each (the OS file cache), then alternate so background load hits both sides alike.
  await unlockOnce(encrypted, j.meta.now);
  await unlockOnce(plainDb, j.meta.now);
  for (let i = 0; i < rounds; i++) {
    enc.push(await unlockOnce(encrypted, j.meta.now));
    plain.push(await unlockOnce(plainDb, j.meta.now));
  }
  const value = summarise(enc);
  const baseline = summarise(plain);

  // The real service on a copy. After the first unlock the day's automatic backup is due: it runs a
  // moment after the unlock has answered, on the main thread in small steps, so calls are answered
  // between them. Timed here (start to end) by running it at once (flushAutoBackup) instead of after its delay.
  const copy = workCopy(j, 'unlock');
  const service = benchService(copy.dataDir, () => j.meta.now);
  const times: number[] = [];
  let backup: SizeResult = { value: summarise([]), unavailable: 'no automatic backup was due after unlock' };
  try {
    for (let i = 0; i <= rounds; i++) {
      const t0 = performance.now();
      const reply = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
      if (!reply.ok) throw new Error(`unlock failed: ${reply.error.code}`);
      await firstScreen(service.dispatch);
      times.push(performance.now() - t0);
      if (i === 0) {
        const b0 = performance.now();
        const made = await flushAutoBackup(service);
        const ms = performance.now() - b0;
        if (made?.made) backup = { value: summarise([ms]), extra: { backupMB: made.made.bytes / 1e6 } };
      }
      await service.dispatch('vault.lock', {});
    }
  } finally {
    service.reminders.dispose();
    service.vault.lock();
  }
  return {
    unlock: { value, baseline, ratio: value.p50 / baseline.p50 },
    // The first round is left out: its caches (statements, OS files) are cold like the stub's warm-up.
    service: { value: summarise(times.slice(1)) },
    backup,
  };
}

const DAY = 86_400_000;

/**
 * Unlock through the service with 1,000 entries in the trash for more than 30 days (the purge used to
 * run inside the unlock: 1.6 s at 100k), then the first screen; the entries must still be there
 * afterwards (nothing was purged inside the unlock). Then the idle purge itself, step by step: its
 * total and its longest step (what a call arriving meanwhile could wait for).
 */
export async function measureUnlockWithPurge(j: BenchJournal, rounds: number, due = 1000): Promise<{ unlock: SizeResult; purge: SizeResult }> {
  const copy = workCopy(j, 'unlock-purge');
  let clock = j.meta.now;
  // Idle timers that never fire: the purge is run by hand below, after the unlocks are timed.
  const idleTimers = { setTimeout: () => 0, clearTimeout: () => {} };
  const service = createService({ dataDir: copy.dataDir, insecureTestKdf: true, idleTimers, ports: { now: () => clock, log: () => {} } });
  const trashed = () => service.vault.database().prepare('SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL AND deleted_at <= ?').pluck().get(clock - 30 * DAY) as number;
  try {
    let reply = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
    if (!reply.ok) throw new Error('unlock failed');
    const ids = service.vault.database().prepare('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY id LIMIT ?').pluck().all(due) as number[];
    for (const id of ids) if (!(await service.dispatch('entries.delete', { id })).ok) throw new Error('trashing failed');
    await service.dispatch('vault.lock', {});
    clock += 31 * DAY;
    const times: number[] = [];
    let pending = 0;
    for (let i = 0; i <= rounds; i++) {
      const t0 = performance.now();
      reply = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
      if (!reply.ok) throw new Error('unlock failed');
      await firstScreen(service.dispatch);
      times.push(performance.now() - t0);
      pending = trashed();
      if (pending < due) throw new Error(`the unlock purged the trash (${pending} of ${due} left)`);
      if (i < rounds) await service.dispatch('vault.lock', {});
    }
    const step = purgeExpiredInIdle(service);
    const db = service.vault.database();
    const steps: number[] = [];
    const p0 = performance.now();
    for (;;) {
      const s0 = performance.now();
      const more = step(db);
      steps.push(performance.now() - s0);
      if (!more) break;
    }
    const totalMs = performance.now() - p0;
    if (trashed() !== 0) throw new Error('the idle purge left expired entries');
    return {
      unlock: { value: summarise(times.slice(1)), extra: { due: pending } },
      purge: { value: summarise([totalMs]), extra: { entries: due, steps: steps.length, perStep: PURGE_BATCH, longestStepMs: Math.max(...steps) } },
    };
  } finally {
    service.reminders.dispose();
    service.vault.lock();
  }
}

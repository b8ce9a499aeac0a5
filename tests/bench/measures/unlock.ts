/**
 * Unlock beyond the KDF: open (key + cipher check), pragmas, migrations check, the journal-id check,
 * the after-unlock housekeeping (expired-trash purge, reminders), and what the first screen loads —
 * people, patterns, drafts and the first timeline page. Baseline: the same on the plain copy.
 */
import type { DB } from '../../../main/core/db/index.js';
import { AFTER_UNLOCK, type ServiceContext } from '../../../main/core/service/index.js';
import { ReminderService } from '../../../main/core/reminders/index.js';
import { readJournalId } from '../../../main/core/vault/seed.js';
import type { Vault } from '../../../main/core/vault/index.js';
import { createDispatcher, handlers } from '../../../main/core/service/index.js';
import { closeQuietly, openEncrypted, openPlain, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';
import { performance } from 'node:perf_hooks';

async function unlockOnce(open: () => DB, now: number): Promise<number> {
  let db: DB | null = null;
  const vault = { get unlocked() { return db !== null; }, database: () => db! } as unknown as Vault;
  const ctx: ServiceContext = { vault, ports: { now: () => now, log: () => {}, emit: () => {} } };
  const reminders = new ReminderService(ctx);
  const dispatch = createDispatcher(handlers, ctx);
  const t0 = performance.now();
  try {
    db = open();
    if (!readJournalId(db)) throw new Error('no journal id');
    for (const step of AFTER_UNLOCK) step(ctx);
    const replies = await Promise.all([
      dispatch('people.list', { includeArchived: true }),
      dispatch('tags.list', { includeArchived: true }),
      dispatch('drafts.list', {}),
      dispatch('entries.search', { filter: {}, cursor: null, limit: 50 }),
    ]);
    const page = replies[3]!;
    if (!page.ok || (page.value as { items: unknown[] }).items.length === 0) throw new Error('the first timeline page is empty');
    return performance.now() - t0;
  } finally {
    reminders.dispose();
    closeQuietly(db);
  }
}

export async function measureUnlock(j: BenchJournal, rounds: number): Promise<SizeResult> {
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
  return { value, baseline, ratio: value.p50 / baseline.p50 };
}

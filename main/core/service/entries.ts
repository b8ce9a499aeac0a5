import type { HandlersFor, ServiceContext } from './types.js';
import type { DB } from '../db/open.js';
import { clearShownBatches, dropEmptyAbandoned } from '../db/repos/imports.js';
import {
  createEntry,
  entryNotFound,
  getEntry,
  purgeEntry,
  purgeAbandonedCheckIns,
  purgeAbandonedImports,
  purgeExpiredAttachmentsStep,
  purgeExpiredTrash,
  purgeTrash,
  restoreEntry,
  searchEntries,
  TRASH_KEEP_MS,
  trashEntry,
  updateEntry,
} from '../db/repos/index.js';

export const entryHandlers: HandlersFor<'entries'> = {
  'entries.create': (input, { vault, ports }) => createEntry(vault.database(), input, ports.now()),
  'entries.get': ({ id }, { vault }) => {
    const entry = getEntry(vault.database(), id);
    if (!entry) throw entryNotFound();
    return entry;
  },
  'entries.update': ({ id, patch }, { vault, ports }) => updateEntry(vault.database(), id, patch, ports.now()),
  'entries.delete': ({ id }, { vault, ports }) => {
    trashEntry(vault.database(), id, ports.now());
    return null;
  },
  'entries.restore': ({ id }, { vault }) => restoreEntry(vault.database(), id),
  'entries.search': (input, { vault }) => searchEntries(vault.database(), input, { trash: false }),
  // The journal may have stayed unlocked past an entry's 30 days: never show one that is due to go
  // (idle time deletes it, see purgeExpiredInIdle).
  'entries.trash': (input, { vault, ports }) =>
    searchEntries(vault.database(), input, { trash: true, trashedAfter: ports.now() - TRASH_KEEP_MS }),
  'entries.purge': (input, { vault, ports }) => {
    const db = vault.database();
    return { purged: 'id' in input ? purgeEntry(db, input.id, ports.now()) : purgeTrash(db, ports.now()) };
  },
};

/**
 * Entries purged per idle step, each step one transaction. The cost is per entry (its text leaves both
 * full-text indexes with secure-delete, the history keeps a tombstone): 20–40 ms an entry at 100k
 * entries on this machine at load average 15, several times less when it is quiet. Five keep a step
 * short, so a call arriving meanwhile barely waits.
 */
export const PURGE_BATCH = 5;

/** Check-ins of an abandoned import deleted per idle step: small rows, a tombstone each (no full-text index). */
export const PURGE_CHECKINS = 25;

/** Check-ins of a shown import whose batch mark is cleared per idle step (one small row each). */
export const CLEAR_MARKS = 500;

/**
 * One idle step of deleting for good what has been in the trash for more than 30 days, or else what an
 * import that never finished left hidden: at most PURGE_BATCH entries. Returns true when it deleted some (more may be due). It never runs inside an
 * unlock or any other call; a failure is logged (without content) and retried at the next idle moment.
 */
export function purgeExpiredInIdle(ctx: ServiceContext): (db: DB) => boolean {
  return (db) => {
    try {
      // Their files first, a few megabytes a step, so no step overwrites gigabytes at once.
      if (purgeExpiredAttachmentsStep(db, ctx.ports.now()) > 0) return true;
      const purged = purgeExpiredTrash(db, ctx.ports.now(), PURGE_BATCH);
      if (purged > 0) ctx.ports.log('info', `purged ${purged} entries that were in the trash for more than 30 days`);
      if (purged > 0) return true;
      // Then what imports that never finished left hidden (a lock, a crash, an error), the same way.
      const left = purgeAbandonedImports(db, ctx.ports.now(), PURGE_BATCH);
      if (left > 0) return true;
      if (purgeAbandonedCheckIns(db, ctx.ports.now(), PURGE_CHECKINS) > 0) return true;
      if (dropEmptyAbandoned(db)) return true;
      // After an import was shown: the marks its check-ins still carry (they show by the batch's flag).
      return clearShownBatches(db, CLEAR_MARKS);
    } catch (e) {
      ctx.ports.log('warn', `purging the expired trash failed (${(e as { code?: string })?.code ?? 'error'}); it will be retried when the journal is idle`);
      return false;
    }
  };
}

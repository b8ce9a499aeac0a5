import type { HandlersFor, ServiceContext } from './types.js';
import {
  createEntry,
  entryNotFound,
  getEntry,
  purgeEntry,
  purgeExpiredTrash,
  purgeTrash,
  restoreEntry,
  searchEntries,
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
  'entries.trash': (input, { vault, ports }) => {
    // The journal may have stayed unlocked past an entry's 30 days: never show one that is due to go.
    const db = vault.database();
    purgeExpiredTrash(db, ports.now());
    return searchEntries(db, input, { trash: true });
  },
  'entries.purge': (input, { vault, ports }) => {
    const db = vault.database();
    return { purged: 'id' in input ? purgeEntry(db, input.id, ports.now()) : purgeTrash(db, ports.now()) };
  },
};

/**
 * Runs after every successful unlock: entries in the trash for more than 30 days are deleted for good.
 * A failure here is logged (without content) and never blocks the unlock; the next unlock retries.
 */
export function purgeExpiredOnUnlock(ctx: ServiceContext): void {
  try {
    const purged = purgeExpiredTrash(ctx.vault.database(), ctx.ports.now());
    if (purged > 0) ctx.ports.log('info', `purged ${purged} entries that were in the trash for more than 30 days`);
  } catch (e) {
    ctx.ports.log('warn', `purging the expired trash failed (${(e as { code?: string })?.code ?? 'error'}); it will be retried at the next unlock`);
  }
}

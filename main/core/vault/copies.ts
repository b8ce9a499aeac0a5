import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies of the journal that Fulcrum keeps in the data folder besides journal.db: the automatic
 * backups, and the journals a restore moved aside. Each of them opens with the passphrase and the
 * recovery key that were current when it was made, so a passphrase change must not leave them behind
 * (see Vault.changePassphrase). The backup code (main/core/portability/backup) writes these names.
 */
export const BACKUP_DIR = 'backups';
export const PREVIOUS_PREFIX = 'previous-';

/**
 * Deletes every automatic backup (and any half-written backup temporary) and every journal a restore
 * moved aside. Called while a key rotation commits, before the new vault is written: afterwards
 * nothing in the data folder opens with the old passphrase or the old recovery key. Throws when a
 * file cannot be removed, so the rotation stops instead of acknowledging a change that left one.
 */
export function removeOldKeyCopies(dataDir: string): string[] {
  const removed: string[] = [];
  const backups = path.join(dataDir, BACKUP_DIR);
  let names: string[] = [];
  try {
    names = fs.readdirSync(backups);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  for (const name of names) {
    if (!name.endsWith('.fulcrum') && !name.startsWith('.')) continue;
    fs.rmSync(path.join(backups, name), { recursive: true, force: true });
    removed.push(`${BACKUP_DIR}/${name}`);
  }
  for (const name of fs.readdirSync(dataDir)) {
    // A restore's moved-aside journals and staging folders, and a backup's temporaries.
    if (!name.startsWith(PREVIOUS_PREFIX) && !/^\.(restore|snapshot|backup|download)-[0-9a-f]{6,}/.test(name)) continue;
    fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

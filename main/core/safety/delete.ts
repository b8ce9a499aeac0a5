/**
 * "Delete journal": every file of the journal goes — the database and its WAL/SHM, the
 * key files, the unlock throttle's state, the access log, automatic backups, a restore's staging and previous-journal folders, and
 * the temporary files any of these can leave behind.
 *
 * Only names Fulcrum makes are touched: in browser mode the data folder is whatever `--data-dir`
 * says, and a file that is not ours is never deleted. The key files are overwritten with random
 * bytes before they are unlinked: without the wrapped data key in vault.json, a copy of the database
 * recovered from the disk cannot be opened even with the passphrase (on SSDs and copy-on-write file
 * systems the overwrite is best effort; SECURITY.md says so).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../fsutil.js';

const DB_NAMES = ['journal.db', 'journal.db.creating', 'journal.db.rotating'];
const DB_SUFFIXES = ['', '-wal', '-shm', '-journal'];
const KEY_FILES = ['vault.json', 'vault.next.json'];

/** Is `name` (an entry directly in the data folder) one Fulcrum creates? */
export function isJournalFile(name: string): boolean {
  if (DB_NAMES.some((db) => DB_SUFFIXES.some((s) => name === db + s))) return true;
  if (KEY_FILES.includes(name) || name === 'access.log' || name === 'throttle.json' || name === 'backups') return true;
  // writeFileAtomic's temporaries: vault.json.<pid>.tmp, access.log.<pid>.tmp …
  if (/^(vault(\.next)?\.json|throttle\.json|access\.log|journal\.db)\.\d+\.tmp$/.test(name)) return true;
  // A restore's folders and a backup's temporaries (main/core/portability/backup).
  if (/^previous-\d{8}T\d{6}Z$/.test(name)) return true;
  if (/^\.(restore|snapshot|backup)-[0-9a-f]{6,}/.test(name)) return true;
  // Restores put files back through these.
  if (/^(vault\.json|journal\.db)\.putback$/.test(name)) return true;
  return false;
}

function shred(file: string): void {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    try {
      fs.writeSync(fd, randomBytes(Math.max(size, 1)), 0, Math.max(size, 1), 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort: the unlink below is what matters.
  }
}

/**
 * Deletes the journal's files from `dataDir` (the journal must be locked first). Returns what was
 * removed and what is left in the folder that is not Fulcrum's (never touched).
 */
export function deleteJournalFiles(dataDir: string): { removed: string[]; foreign: string[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return { removed: [], foreign: [] };
  }
  const ours = names.filter(isJournalFile);
  // Key files first: once they are gone, nothing left can be opened, even if a later step fails.
  ours.sort((a, b) => Number(KEY_FILES.includes(b)) - Number(KEY_FILES.includes(a)));
  for (const name of ours) {
    const p = path.join(dataDir, name);
    if (KEY_FILES.includes(name)) shred(p);
    fs.rmSync(p, { recursive: true, force: true });
  }
  fsyncDir(dataDir);
  return { removed: ours, foreign: names.filter((n) => !isJournalFile(n)) };
}

/**
 * Automatic rotating backups in `<data folder>/backups/`: the same encrypted `.fulcrum` format as a
 * manual backup, made after an unlock when the newest is more than a day old, checked after writing
 * (see createBackup). Kept: the 7 newest (one a day on days the journal is opened), plus the newest
 * of each of the 4 weeks before those.
 *
 * After a passphrase change every backup here is encrypted with the OLD data key, and its vault
 * metadata opens with the OLD passphrase — which is often exactly what the other person knows
 * (DESIGN.md §5). So a successful change makes a fresh backup and deletes all the older ones, and
 * the journals kept aside by a restore go too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AutomaticBackup } from '../../../../shared/portability.js';
import { AUTOMATIC_BACKUP_NAME } from '../../../../shared/portability.js';
import type { Vault } from '../../vault/index.js';
import { createBackup, createBackupNow, isAbandoned, parseStamp, readBackup, stamp, tidyDataDir } from './index.js';

export const BACKUP_DIR = 'backups';
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
const DAY_MS = 86_400_000;

export const backupDir = (dataDir: string) => path.join(dataDir, BACKUP_DIR);
export const automaticName = (at: number) => `auto-${stamp(at)}.fulcrum`;

const timeOf = (name: string) => (AUTOMATIC_BACKUP_NAME.test(name) ? parseStamp(name.slice(5, -'.fulcrum'.length)) : null);

/** The automatic backups, newest first. */
export function listAutomatic(dataDir: string): AutomaticBackup[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir(dataDir));
  } catch {
    return [];
  }
  const out: AutomaticBackup[] = [];
  for (const name of names) {
    const at = timeOf(name);
    if (at === null) continue;
    let bytes = 0;
    try {
      bytes = fs.statSync(path.join(backupDir(dataDir), name)).size;
    } catch {
      continue;
    }
    out.push({ name, createdAt: new Date(at).toISOString(), bytes });
  }
  return out.sort((a, b) => b.name.localeCompare(a.name));
}

/** Monday-based week number since the epoch (1970-01-05 was a Monday), for grouping. */
const weekOf = (ms: number) => Math.floor((ms - Date.UTC(1970, 0, 5)) / (7 * DAY_MS));

/** Which backups the rotation keeps, given all of them newest first. */
export function toKeep(names: readonly string[]): Set<string> {
  const dated = names
    .map((name) => ({ name, at: timeOf(name) }))
    .filter((b): b is { name: string; at: number } => b.at !== null)
    .sort((a, b) => b.at - a.at);
  const keep = new Set<string>();
  // One per day: a second backup on the same day (after a passphrase change) replaces the first.
  const days = new Set<string>();
  const rest: typeof dated = [];
  for (const b of dated) {
    const day = new Date(b.at).toISOString().slice(0, 10);
    if (keep.size < KEEP_DAILY && !days.has(day)) {
      days.add(day);
      keep.add(b.name);
    } else if (!days.has(day)) rest.push(b);
  }
  const weeks = new Set<number>();
  const dailyWeeks = new Set([...keep].map((n) => weekOf(timeOf(n)!)));
  for (const b of rest) {
    const w = weekOf(b.at);
    if (weeks.size >= KEEP_WEEKLY) break;
    // The week of the oldest daily backup is already covered by that daily one.
    if (weeks.has(w) || dailyWeeks.has(w)) continue;
    weeks.add(w);
    keep.add(b.name);
  }
  return keep;
}

export function prune(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  const all = listAutomatic(dataDir).map((b) => b.name);
  const keep = toKeep(all);
  const removed = all.filter((n) => !keep.has(n));
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

/** Removes what an interrupted backup left in the backups folder (temporary names start with a dot). */
function tidyBackupDir(dataDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(backupDir(dataDir), name);
    if (name.startsWith('.') && isAbandoned(file)) fs.rmSync(file, { force: true });
  }
}

export interface AutoResult {
  made: AutomaticBackup | null;
  removed: string[];
  ms: number;
}

/** Makes an automatic backup when the newest is more than a day old (or there is none), then prunes. */
export async function autoBackupIfDue(vault: Vault, now: number): Promise<AutoResult> {
  const started = performance.now();
  tidyDataDir(vault.dataDir, now);
  tidyBackupDir(vault.dataDir);
  const newest = listAutomatic(vault.dataDir).find((b) => isOfThisKey(vault, b.name));
  if (newest && now - Date.parse(newest.createdAt) < DAY_MS) return { made: null, removed: [], ms: performance.now() - started };
  const name = automaticName(now);
  const file = path.join(backupDir(vault.dataDir), name);
  // A chunk at a time: calls go on being answered meanwhile, and a lock stops it (nothing is kept).
  await createBackup(vault, file, 'automatic', now);
  const made = automaticMade(file, name, now);
  const removed = prune(vault.dataDir);
  return { made, removed, ms: performance.now() - started };
}

/**
 * Is this backup of the open journal, under its current key? After a restore the folder still holds
 * the replaced journal's backups: they do not count as today's backup of the restored one.
 */
function isOfThisKey(vault: Vault, name: string): boolean {
  try {
    const h = readBackup({ file: path.join(backupDir(vault.dataDir), name) }, undefined, { headerOnly: true });
    return h.vault.journalId === vault.journalId && h.vault.keyRotatedAt === vault.vaultFile?.keyRotatedAt;
  } catch {
    return false;
  }
}

function automaticMade(file: string, name: string, now: number): AutomaticBackup {
  return { name, createdAt: new Date(parseStamp(stamp(now))!).toISOString(), bytes: fs.statSync(file).size };
}

/** In one go: used inside the passphrase change, which no other call may interleave with. */
function makeAutomaticNow(vault: Vault, now: number): AutomaticBackup {
  const name = automaticName(now);
  const file = path.join(backupDir(vault.dataDir), name);
  createBackupNow(vault, file, 'automatic', now);
  return automaticMade(file, name, now);
}

/**
 * After the data key was rotated: a fresh backup under the new key, then every other automatic
 * backup and every journal kept aside by a restore is deleted (they open with older passphrases).
 * The old ones are deleted even if the fresh backup fails: an old passphrase must not open a copy.
 */
export function afterKeyRotation(vault: Vault, now: number, log: (message: string) => void): AutoResult {
  const started = performance.now();
  let made: AutomaticBackup | null = null;
  try {
    made = makeAutomaticNow(vault, now);
  } catch (e) {
    log(`the fresh backup after the passphrase change failed (${(e as { code?: string })?.code ?? 'error'}); the next unlock makes one`);
  }
  const removed: string[] = [];
  for (const b of listAutomatic(vault.dataDir)) {
    if (b.name === made?.name) continue;
    fs.rmSync(path.join(backupDir(vault.dataDir), b.name), { force: true });
    removed.push(b.name);
  }
  tidyBackupDir(vault.dataDir);
  tidyDataDir(vault.dataDir, now, { allPrevious: true });
  return { made, removed, ms: performance.now() - started };
}

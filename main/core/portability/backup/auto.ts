/**
 * Automatic rotating backups in `<data folder>/backups/`: the same encrypted `.fulcrum` format as a
 * manual backup, made after an unlock when the newest is more than a day old, checked after writing
 * (see createBackup). Kept: the 7 newest (one a day on days the journal is opened), plus the newest
 * of each of the 4 weeks before those.
 *
 * After a passphrase change every backup here would be encrypted with the OLD data key, and its
 * vault metadata would open with the OLD passphrase — which is often exactly what the other person
 * knows. So the change deletes them before it commits (Vault.changePassphrase), a fresh backup is
 * made afterwards, and an unlock removes any old-key copy that came back (removeOlderKeyCopies).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AutomaticBackup } from '../../../../shared/portability.js';
import { AUTOMATIC_BACKUP_NAME } from '../../../../shared/portability.js';
import { readVaultFile, type Vault } from '../../vault/index.js';
import { PREVIOUS_PREFIX } from '../../vault/copies.js';
import { createBackup, isAbandoned, parseStamp, readBackup, stamp, tidyDataDir } from './index.js';

export { BACKUP_DIR } from '../../vault/copies.js';
import { BACKUP_DIR } from '../../vault/copies.js';
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

/**
 * Removes every automatic backup, and every journal a restore moved aside, that belongs to the open
 * journal under an older key than the current one: they open with an earlier passphrase or recovery
 * key. Copies of other journals and of newer keys (kept aside by a restore) are left alone.
 */
export function removeOlderKeyCopies(vault: Vault): string[] {
  const current = vault.vaultFile;
  if (!current) return [];
  const older = (v: { journalId: string; keyRotatedAt: string }) =>
    v.journalId === current.journalId && Date.parse(v.keyRotatedAt) < Date.parse(current.keyRotatedAt);
  const removed: string[] = [];
  for (const b of listAutomatic(vault.dataDir)) {
    const file = path.join(backupDir(vault.dataDir), b.name);
    let header;
    try {
      header = readBackup({ file }, undefined, { headerOnly: true });
    } catch {
      continue;
    }
    if (!older(header.vault)) continue;
    fs.rmSync(file, { force: true });
    removed.push(b.name);
  }
  for (const name of fs.readdirSync(vault.dataDir)) {
    if (!name.startsWith(PREVIOUS_PREFIX)) continue;
    let aside;
    try {
      aside = readVaultFile(path.join(vault.dataDir, name, 'vault.json'));
    } catch {
      continue;
    }
    if (!older(aside)) continue;
    fs.rmSync(path.join(vault.dataDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Benchmark journals: generated once per (generator version, seed, schema version, size) and kept in
 * .cache/bench/ (gitignored), with a plain, unencrypted copy of the same database for the baselines.
 * A cache whose key no longer matches is rebuilt, so a change to the generator or a new migration is
 * never measured against old data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Connection, MIGRATIONS, PRAGMAS, closeDatabase, migrate, openDatabase, type DB } from '../../main/core/db/index.js';
import { ftsMergeAnyStep } from '../../main/core/db/idle.js';
import { createService } from '../../main/core/service/index.js';
import { purgeExpiredInIdle } from '../../main/core/service/entries.js';
import { TRASH_KEEP_MS } from '../../main/core/db/repos/entries.js';
import { ATTACHMENTS_VERSION, addAttachments, type GeneratedAttachments } from '../generator/attachments.js';
import { GENERATOR_VERSION, generateJournal, journalHash, type GeneratedJournal } from '../generator/index.js';
import { PASSPHRASE } from '../helpers/files.js';
import type { LedgerCheck } from '../../shared/ledger.js';

export const SEED = 42;
/** Six people: a partner, family, a boss, friends — one of them archived. */
export const PEOPLE = 6;
export const CACHE_ROOT = path.resolve(import.meta.dirname, '..', '..', '.cache', 'bench');
export const WORK_ROOT = path.join(CACHE_ROOT, 'work');
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export interface JournalMeta extends GeneratedJournal {
  /** Written in bulk (no revision history), see BULK_ABOVE. */
  bulk?: boolean;
  hash: string;
  generatedMs: number;
  /** The first insights overview on the freshly generated journal (builds its insights caches from scratch). */
  warmInsightsMs: number | null;
  cacheKey: string;
}

export interface BenchJournal {
  label: string;
  entries: number;
  /** The journal folder (vault.json + journal.db), encrypted as the app writes it. */
  dataDir: string;
  dbFile: string;
  /** The same database decrypted (rekeyed to no key): the baseline's data. */
  plainFile: string;
  meta: JournalMeta;
  /** The data key (unwrapped with the passphrase once), to open the database without the KDF. */
  key: Buffer;
}

export const sizeLabel = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
/**
 * Journals above this size are written by the generator's bulk mode (same entries, no revision
 * history): through the repositories, 1M entries would take hours. Only the insights rows run on them.
 */
export const BULK_ABOVE = 100_000;
/** Bump when what the bench does to a generated journal before caching it changes. */
const CACHE_VERSION = 4;
const cacheKey = (entries: number) => `b${CACHE_VERSION}-g${GENERATOR_VERSION}-s${SEED}-v${SCHEMA_VERSION}-${entries}`;

/** The test-only cheap KDF: generated journals are for measuring the database, not Argon2 (the KDF row does that). */
export function benchService(dataDir: string, now: () => number) {
  return createService({ dataDir, insecureTestKdf: true, ports: { now, log: () => {} } });
}

async function dataKeyOf(dataDir: string, now: number): Promise<Buffer> {
  const service = benchService(dataDir, () => now);
  await service.vault.unlock({ passphrase: PASSPHRASE });
  const key = service.vault.withDataKey((k) => Buffer.from(k));
  service.vault.lock();
  return key;
}

/** Opens a plain copy exactly as openDatabase opens a journal, minus the key: same pragmas, same migrations check. */
export function openPlain(file: string): DB {
  const db = new Connection(file, { fileMustExist: true });
  for (const p of PRAGMAS) db.pragma(p);
  migrate(db, MIGRATIONS);
  return db;
}

export const openEncrypted = (file: string, key: Buffer): DB => openDatabase(file, key);

/** Decrypts a copy: rekeying to an empty key rewrites every page without encryption (and without the cipher's reserved bytes). */
function makePlainCopy(src: string, dest: string, key: Buffer): void {
  const tmp = `${dest}.tmp`;
  fs.rmSync(tmp, { force: true });
  fs.copyFileSync(src, tmp);
  const db = openDatabase(tmp, key);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  (db as unknown as { rekey(k: Buffer): void }).rekey(Buffer.alloc(0));
  db.close();
  const head = Buffer.alloc(16);
  const fd = fs.openSync(tmp, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== 'SQLite format 3\u0000') throw new Error('the plain copy is not a plain SQLite file');
  fs.renameSync(tmp, dest);
}

export async function prepareJournal(entries: number, opts: { rebuild?: boolean; log: (s: string) => void }): Promise<BenchJournal> {
  const key = cacheKey(entries);
  const dir = path.join(CACHE_ROOT, key);
  const dataDir = path.join(dir, 'journal');
  const metaFile = path.join(dir, 'meta.json');
  const plainFile = path.join(dir, 'plain.db');
  const label = sizeLabel(entries);
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  // Older caches of the same size (another generator or schema version) are stale: remove them.
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    if (name !== key && new RegExp(`^(b\\d+-)?g\\d+-s\\d+-v\\d+-${entries}$`).test(name)) fs.rmSync(path.join(CACHE_ROOT, name), { recursive: true, force: true });
  }
  if (opts.rebuild || !fs.existsSync(metaFile)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    opts.log(`generating the ${label} journal (seed ${SEED}, cached in ${path.relative(process.cwd(), dir)})…`);
    const t0 = performance.now();
    let clock = 0;
    const service = benchService(dataDir, () => clock);
    clock = Date.UTC(2016, 5, 1);
    const created = await service.dispatch('vault.create', { passphrase: PASSPHRASE });
    if (!created.ok) throw new Error(`creating the bench journal failed: ${created.error.message}`);
    // Generating writes through the repositories, not through calls, so to the auto-lock the journal
    // looks untouched: on a busy machine generation outlasts its timeout and the journal would lock.
    service.safety.autoLock.stop();
    // …and idle-time checkpoints, which follow calls, never run: SQLite's own keeps the WAL bounded here.
    service.vault.database().pragma('wal_autocheckpoint = 1000');
    let nextReport = 0.1;
    // The generator writes to the database directly, not through calls: without a ping now and then,
    // the idle auto-lock (on real time) closes the journal under it when generating takes minutes.
    const keepAwake = setInterval(() => void service.dispatch('session.activity', {}), 20_000);
    const generated = await generateJournal(
      {
        seed: SEED,
        entries,
        people: PEOPLE,
        bulk: entries > BULK_ABOVE,
        onProgress: (done, total) => {
          if (done / total >= nextReport && entries >= 50_000) {
            opts.log(`  ${label}: ${Math.round((100 * done) / total)}%`);
            nextReport += 0.1;
          }
        },
      },
      service,
    )
      .catch((e: unknown) => {
        service.vault.lock();
        throw e;
      })
      .finally(() => clearInterval(keepAwake));
    // A journal in use has had its insights opened: whatever insights cache in the journal (per-day
    // rollups) is built, as it would be. The time it takes from scratch is kept for the report.
    const warm = performance.now();
    clock = generated.now;
    const overview = await service.dispatch('insights.overview', { today: generated.lastDay });
    const warmInsightsMs = overview.ok ? Math.round(performance.now() - warm) : null;
    // …and has been unlocked before: its history was checked once, so the check after each unlock
    // reads only what was added since (the first unlock of a new or upgraded journal checks it all, in
    // the background; that one-off is the ledger rows' full check, not every measure's backdrop).
    const checked = await service.dispatch('ledger.verify', {});
    const check = checked.ok ? (checked.value as LedgerCheck) : null;
    if (!check?.ok) throw new Error(`the bench journal's history did not check: ${check ? JSON.stringify(check.failures.slice(0, 3)) : checked.ok ? '' : checked.error.message}`);
    // …and has had idle moments: the app merges the full-text index then (main/core/db/idle.ts).
    const db = service.vault.database();
    while (ftsMergeAnyStep(db));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const hash = journalHash(service.vault.database());
    const dataKey = service.vault.withDataKey((k) => Buffer.from(k));
    service.vault.lock();
    makePlainCopy(path.join(dataDir, 'journal.db'), plainFile, dataKey);
    const meta: JournalMeta = { ...generated, bulk: entries > BULK_ABOVE, hash, generatedMs: Math.round(performance.now() - t0), warmInsightsMs, cacheKey: key };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1));
    opts.log(`  ${label}: ${entries} entries in ${(meta.generatedMs / 1000).toFixed(1)} s`);
    return { label, entries, dataDir, dbFile: path.join(dataDir, 'journal.db'), plainFile, meta, key: dataKey };
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as JournalMeta;
  return { label, entries, dataDir, dbFile: path.join(dataDir, 'journal.db'), plainFile, meta, key: await dataKeyOf(dataDir, meta.now) };
}

/**
 * Brings a work copy to where a journal in daily use is when the browser-mode measures open it on the
 * real clock: a generated journal's "now" is a fixed day in the past, so by the real clock its whole
 * trash (1 %) is past its 30 days and the first unlock would spend the next seconds purging it in
 * idle steps — a one-off of a journal left for months, not the backdrop of every measure. This unlocks
 * the copy on the real clock, runs that purge to its end (as idle time would), and locks it again.
 * The day's automatic backup still runs after the measure's own unlock (the measures wait for it).
 */
export async function settleForToday(dataDir: string): Promise<{ purged: number }> {
  const idleTimers = { setTimeout: () => 0, clearTimeout: () => {} };
  const service = createService({ dataDir, insecureTestKdf: true, idleTimers, ports: { now: () => Date.now(), log: () => {} } });
  const reply = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
  if (!reply.ok) throw new Error(`settling the work copy: ${reply.error.message}`);
  try {
    const db = service.vault.database();
    const due = () => db.prepare('SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL AND deleted_at <= ?').pluck().get(Date.now() - TRASH_KEEP_MS) as number;
    const before = due();
    const step = purgeExpiredInIdle(service);
    while (step(db));
    if (due() !== 0) throw new Error('settling the work copy left expired entries in the trash');
    return { purged: before };
  } finally {
    await service.dispatch('vault.lock', {});
  }
}

/** A private copy of a journal (and its plain twin) for measures that write. */
export function workCopy(j: BenchJournal, name: string): { dataDir: string; dbFile: string; plainFile: string } {
  const dir = path.join(WORK_ROOT, `${j.label}-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const dataDir = path.join(dir, 'journal');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const plainFile = path.join(dir, 'plain.db');
  const copies: [string, string][] = [
    [path.join(j.dataDir, 'vault.json'), path.join(dataDir, 'vault.json')],
    [j.dbFile, path.join(dataDir, 'journal.db')],
    [j.plainFile, plainFile],
  ];
  for (const [from, to] of copies) {
    fs.copyFileSync(from, to);
    // Flushed now: otherwise the first fsync a measure makes writes back the whole fresh copy (~0.3 s at 100k).
    const fd = fs.openSync(to, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  return { dataDir, dbFile: path.join(dataDir, 'journal.db'), plainFile };
}

export function closeQuietly(db: DB | null | undefined): void {
  if (db?.open) closeDatabase(db);
}

/** A benchmark journal with seeded attachments added (tests/generator/attachments.ts). */
export interface AttachedJournal extends BenchJournal {
  attachments: GeneratedAttachments & { addedMs: number; gb: number };
}

/**
 * `base` with `gb` gigabytes of seeded photos, screenshots and voice notes added, cached beside it
 * (keyed on the base's cache key, the attachments generator's version and the size). It has no plain
 * twin of its own: the attachment rows compare it with `base`, the same journal without files, both
 * encrypted (`plainFile` is the base's, for the measures that copy one).
 */
export async function prepareAttachedJournal(base: BenchJournal, gb: number, opts: { rebuild?: boolean; log: (s: string) => void }): Promise<AttachedJournal> {
  const key = `${base.meta.cacheKey}-a${ATTACHMENTS_VERSION}-${gb}gb`;
  const dir = path.join(CACHE_ROOT, key);
  const dataDir = path.join(dir, 'journal');
  const dbFile = path.join(dataDir, 'journal.db');
  const metaFile = path.join(dir, 'meta.json');
  const label = `${base.label}+${gb}GB`;
  if (opts.rebuild || !fs.existsSync(metaFile)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(base.dataDir, 'vault.json'), path.join(dataDir, 'vault.json'));
    fs.copyFileSync(base.dbFile, dbFile);
    opts.log(`adding ${gb} GB of attachments to the ${base.label} journal (seed ${SEED}, cached in ${path.relative(process.cwd(), dir)})…`);
    const t0 = performance.now();
    const db = openDatabase(dbFile, base.key);
    let nextReport = 0.1;
    try {
      const added = await addAttachments(db, {
        seed: SEED,
        bytes: Math.round(gb * 1024 ** 3),
        now: base.meta.now,
        onProgress: (done, total) => {
          if (done / total >= nextReport) {
            opts.log(`  ${label}: ${Math.round((100 * done) / total)}%`);
            nextReport += 0.1;
          }
        },
      });
      db.pragma('wal_checkpoint(TRUNCATE)');
      const attachments = { ...added, addedMs: Math.round(performance.now() - t0), gb };
      const meta: JournalMeta & { attachments: AttachedJournal['attachments'] } = { ...base.meta, cacheKey: key, attachments };
      fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1));
      opts.log(`  ${label}: ${added.files} files, ${(added.bytes / 1024 ** 3).toFixed(2)} GB in ${(attachments.addedMs / 1000).toFixed(1)} s`);
    } finally {
      closeDatabase(db);
    }
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as JournalMeta & { attachments: AttachedJournal['attachments'] };
  return { label, entries: base.entries, dataDir, dbFile, plainFile: base.plainFile, meta, key: base.key, attachments: meta.attachments };
}

/**
 * Handlers for exports, backups and imports (shared/api.ts `portabilityCalls`). Thin: the work is in
 * main/core/portability. Long runs push throttled `{ type: 'progress' }` events through ports.emit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FulcrumError } from '../../../shared/errors.js';
import type { BackupSource } from '../../../shared/portability.js';
import {
  removeOlderKeyCopies,
  autoBackupIfDue,
  backupDir,
  buildExport,
  cancelImport,
  commitImport,
  createBackup,
  decodeBase64,
  discardPrevious,
  inspectBackup,
  listAutomatic,
  listPrevious,
  noDialogs,
  pickFile,
  pickedPath,
  previewImport,
  restoreBackup,
  saveExport,
  type AutoResult,
  type BackupBytes,
  type ExportContext,
  type ImportContext,
} from '../portability/index.js';
import { fileDay } from '../portability/files.js';
import { buildZipExport, downloadZipExport, saveZipExport } from '../portability/export/zip.js';
import { downloadExport } from '../portability/export/index.js';
import type { DownloadSink } from '../ports.js';
import { cooperate, untilCancelled } from '../jobs/cooperate.js';
import { systemTimeZone } from '../reminders/zone.js';
import { throttleDelayMs } from '../vault/index.js';
import type { HandlersFor, ServiceContext } from './types.js';
import { hostWords } from '../words.js';
import { abandonBatches } from '../db/repos/imports.js';
import { DelayedRun } from '../jobs/delayed.js';
import { progressOf } from './progress.js';

/** A backup read from the browser is at most what its HTTP body may carry; from disk, any size. */
const MAX_UPLOADED_BACKUP = 200 * 1024 * 1024;

function exportContext(ctx: ServiceContext): ExportContext {
  const progress = progressOf(ctx, 'export');
  return {
    db: ctx.vault.database(),
    journalId: ctx.vault.journalId,
    now: ctx.ports.now(),
    progress: (done, total) => progress('collecting', done, total),
    signal: ctx.vault.lockSignal,
  };
}

function importContext(ctx: ServiceContext): ImportContext {
  const progress = progressOf(ctx, 'import');
  return {
    db: ctx.vault.database(),
    journalId: ctx.vault.journalId,
    now: ctx.ports.now(),
    owner: ctx,
    timeZone: systemTimeZone(),
    progress,
    signal: ctx.vault.lockSignal,
    ...(ctx.ports.attachCrashAt ? { attachCrashAt: ctx.ports.attachCrashAt } : {}),
    ...(ctx.ports.importStepAt ? { stepAt: ctx.ports.importStepAt } : {}),
    ...(ctx.ports.importSliceAt ? { sliceAt: ctx.ports.importSliceAt } : {}),
    ...(ctx.ports.importSliceMs !== undefined ? { sliceMs: ctx.ports.importSliceMs } : {}),
    ...(ctx.turn ? { turn: ctx.turn } : {}),
  };
}

function backupBytes(file: BackupSource, ctx: ServiceContext): BackupBytes {
  if ('token' in file) return { file: pickedPath(ctx.files, file.token, 'backup', ctx.ports.now()) };
  if ('base64' in file) return { buffer: decodeBase64(file.base64, MAX_UPLOADED_BACKUP, 'The backup') };
  const p = path.join(backupDir(ctx.vault.dataDir), file.automatic);
  if (!fs.existsSync(p)) throw new FulcrumError('NOT_FOUND', 'That automatic backup is no longer there. Reload the list.');
  return { file: p };
}

/** The lock signal when the journal is open (a lock then stops the call); none while it is locked. */
const whileUnlocked = (ctx: ServiceContext) => (ctx.vault.unlocked ? ctx.vault.lockSignal : undefined);

const backupName = (now: number) => `fulcrum-backup-${fileDay(now)}.fulcrum`;

/**
 * A file as base64, read and encoded in pieces with pauses between them (a backup of a large journal
 * is hundreds of megabytes: in one go that would hold every call, and a lock, for a second or more).
 * The pieces are multiples of 3 bytes, so their base64 texts simply follow each other.
 */
async function readBase64(file: string, signal: AbortSignal): Promise<{ base64: string; bytes: number }> {
  const pause = cooperate(signal);
  const piece = 3 * 1024 * 1024;
  const parts: string[] = [];
  const fd = fs.openSync(file, 'r');
  let bytes = 0;
  try {
    const buf = Buffer.alloc(piece);
    let held = 0; // bytes at the start of buf not yet encoded (a short read can end off a multiple of 3)
    for (let n; (n = fs.readSync(fd, buf, held, piece - held, null)) > 0; ) {
      bytes += n;
      const have = held + n;
      const whole = have - (have % 3);
      parts.push(buf.toString('base64', 0, whole));
      buf.copy(buf, 0, whole, have);
      held = have - whole;
      await pause();
    }
    if (held) parts.push(buf.toString('base64', 0, held));
  } finally {
    fs.closeSync(fd);
  }
  return { base64: parts.join(''), bytes };
}

/**
 * Opening a backup takes a passphrase, and an automatic backup opens with the journal's own: without
 * a limit, `backup.inspect` would be a way round the unlock throttle. So wrong secrets given to a
 * backup count like failed unlocks (the same growing delays), and a throttled journal throttles them.
 */
async function withSecretThrottle<T>(ctx: ServiceContext, fn: () => Promise<T>): Promise<T> {
  const now = ctx.ports.now();
  const state = ctx.backups.failures;
  const wait = Math.max(ctx.vault.retryAfterMs(), state.lastAt + throttleDelayMs(state.failures) - now);
  if (wait > 0) throw new FulcrumError('THROTTLED', `Too many attempts. Try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait });
  try {
    const result = await fn();
    ctx.backups.failures = { failures: 0, lastAt: 0 };
    return result;
  } catch (e) {
    if (e instanceof FulcrumError && e.code === 'WRONG_SECRET') {
      const failures = state.failures + 1;
      ctx.backups.failures = { failures, lastAt: ctx.ports.now() };
      throw new FulcrumError('WRONG_SECRET', e.message, { retryAfterMs: throttleDelayMs(failures) });
    }
    throw e;
  }
}

/** The stream a browser-mode download writes into; a call that did not come as one has none. */
function sinkOf(ctx: ServiceContext, id: number): DownloadSink {
  const sink = ctx.ports.downloads?.get(id);
  if (!sink) throw new FulcrumError('VALIDATION', 'This call only runs as a download that browser mode started.');
  return sink;
}

/** How much of a backup file is read and handed on at a time. */
const BACKUP_PIECE = 256 * 1024;

export const exportHandlers: HandlersFor<'export'> = {
  'export.build': ({ format, scope }, ctx) => buildExport(format, scope, exportContext(ctx)),
  'export.save': ({ format, scope }, ctx) => saveExport(format, scope, exportContext(ctx), ctx.ports),
  'export.buildZip': ({ format, scope }, ctx) => buildZipExport(format, scope, exportContext(ctx)),
  'export.saveZip': ({ format, scope }, ctx) => saveZipExport(format, scope, exportContext(ctx), ctx.ports),
  // Plaintext only because the person asked for this export; it goes straight from the database into
  // the download, with no file on disk.
  'export.download': ({ format, scope, sink }, ctx) => downloadExport(format, scope, exportContext(ctx), sinkOf(ctx, sink)),
  'export.downloadZip': ({ format, scope, sink }, ctx) => downloadZipExport(format, scope, exportContext(ctx), sinkOf(ctx, sink)),
};

export const backupHandlers: HandlersFor<'backup'> = {
  'backup.build': async (_input, { vault, ports }) => {
    // Made in the data folder under a temporary name (encrypted like everything there), read, removed.
    const now = ports.now();
    const tmp = path.join(vault.dataDir, `.download-${randomBytes(6).toString('hex')}.fulcrum`);
    try {
      const { preview } = await createBackup(vault, tmp, 'manual', now);
      const { base64, bytes } = await readBase64(tmp, vault.lockSignal);
      return { filename: backupName(now), mimeType: 'application/octet-stream', base64, bytes, plaintext: false, preview };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
  'backup.download': async ({ sink: id }, ctx) => {
    const sink = sinkOf(ctx, id);
    const { vault, ports } = ctx;
    // Made in the data folder under a temporary name (encrypted like everything there), then read
    // into the download a piece at a time, at the pace the browser takes it, and removed.
    const now = ports.now();
    const filename = backupName(now);
    const tmp = path.join(vault.dataDir, `.download-${randomBytes(6).toString('hex')}.fulcrum`);
    try {
      await createBackup(vault, tmp, 'manual', now);
      sink.start({ filename, mimeType: 'application/octet-stream' });
      const pause = cooperate(vault.lockSignal);
      const fd = fs.openSync(tmp, 'r');
      let bytes = 0;
      try {
        const piece = Buffer.alloc(BACKUP_PIECE);
        for (let n; (n = fs.readSync(fd, piece, 0, BACKUP_PIECE, null)) > 0; ) {
          bytes += n;
          sink.write(piece.subarray(0, n));
          await pause();
          await sink.drain();
        }
      } finally {
        fs.closeSync(fd);
      }
      return { filename, bytes };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
  'backup.save': async (_input, { vault, ports }) => {
    if (!ports.dialogs) throw noDialogs();
    vault.database();
    const now = ports.now();
    const target = await untilCancelled(
      ports.dialogs.saveFile({
        title: hostWords(ports)('dialog.saveBackup'),
        defaultName: backupName(now),
        filters: [{ name: hostWords(ports)('filter.backup'), extensions: ['fulcrum'] }],
      }),
      vault.lockSignal,
    );
    if (!target) return { saved: false };
    const { preview } = await createBackup(vault, target, 'manual', now);
    return { saved: true, path: target, bytes: fs.statSync(target).size, preview };
  },
  'backup.pick': (_input, ctx) =>
    pickFile(
      ctx.files,
      ctx.ports,
      'backup',
      { title: hostWords(ctx.ports)('dialog.chooseBackup'), filters: [{ name: hostWords(ctx.ports)('filter.backup'), extensions: ['fulcrum'] }] },
      whileUnlocked(ctx),
    ),
  'backup.list': (_input, { vault }) => listAutomatic(vault.dataDir),
  'backup.inspect': ({ file, secret }, ctx) => withSecretThrottle(ctx, () => inspectBackup(ctx.vault, backupBytes(file, ctx), secret)),
  'backup.restore': ({ file, secret }, ctx) => {
    const progress = progressOf(ctx, 'restore');
    return withSecretThrottle(ctx, () => restoreBackup(ctx.vault, backupBytes(file, ctx), secret, ctx.ports.now(), progress));
  },
  'backup.previous': (_input, { vault }) => listPrevious(vault.dataDir),
  'backup.discardPrevious': ({ id }, { vault }) => {
    discardPrevious(vault.dataDir, id);
    return null;
  },
};

export const importHandlers: HandlersFor<'import'> = {
  'import.pick': (_input, ctx) =>
    pickFile(
      ctx.files,
      ctx.ports,
      'import',
      {
        title: hostWords(ctx.ports)('dialog.chooseImport'),
        filters: [
          { name: hostWords(ctx.ports)('filter.importable'), extensions: ['json', 'csv', 'txt', 'zip'] },
          { name: hostWords(ctx.ports)('filter.all'), extensions: ['*'] },
        ],
      },
      whileUnlocked(ctx),
    ),
  'import.preview': (input, ctx) => previewImport(input, importContext(ctx)),
  'import.commit': (input, ctx) => commitImport(input, importContext(ctx)),
  'import.cancel': ({ importId }, ctx) => {
    cancelImport(ctx, importId);
    return null;
  },
};

export const portabilityHandlers = { ...exportHandlers, ...backupHandlers, ...importHandlers };

/**
 * After every unlock: an automatic backup when the newest is more than a day old. It runs a moment
 * after the unlock has answered (AUTO_BACKUP_DELAY_MS), so the unlock itself is not slowed: at 10 000
 * entries the backup takes ~0.3–0.6 s here, which would otherwise add to the ~1 s key derivation.
 * It never runs inside another change's transaction (an import yields mid-transaction): it waits and
 * tries again. A failure is logged (without content) and retried at the next unlock.
 */
export const AUTO_BACKUP_DELAY_MS = 2_000;

/**
 * A session's backup bookkeeping: the automatic backup waiting to run, and the wrong secrets given
 * to backups (see withSecretThrottle). Owned by the Session; a lock cancels the waiting backup.
 */
export class BackupJobs extends DelayedRun {
  failures = { failures: 0, lastAt: 0 };
}

export function autoBackupAfterUnlock(ctx: ServiceContext): void {
  ctx.backups.schedule(() => void runAutoBackup(ctx), AUTO_BACKUP_DELAY_MS);
}

async function runAutoBackup(ctx: ServiceContext): Promise<AutoResult | null> {
  if (!ctx.vault.unlocked) return null;
  if (ctx.vault.database().inTransaction) {
    autoBackupAfterUnlock(ctx);
    return null;
  }
  try {
    const r = await autoBackupIfDue(ctx.vault, ctx.ports.now());
    if (r.made) ctx.ports.log('info', `automatic backup made in ${Math.round(r.ms)} ms; ${r.removed.length} old ones removed`);
    return r;
  } catch (e) {
    ctx.ports.log('warn', `the automatic backup failed (${(e as { code?: string })?.code ?? 'error'}); it will be retried at the next unlock`);
    return null;
  }
}

/** Runs a scheduled automatic backup now instead of after the delay (tests; a host about to quit). */
export async function flushAutoBackup(ctx: ServiceContext): Promise<AutoResult | null> {
  if (!ctx.backups.cancel()) return null;
  return runAutoBackup(ctx);
}

/**
 * After an unlock: removes any automatic backup or journal moved aside by a restore that belongs to
 * this journal under an OLDER key (they open with an old passphrase or recovery key). A key rotation
 * deletes them before it commits; this catches any that came back (copied in by hand or by a sync).
 */
export function removeOldKeyLeftovers(ctx: ServiceContext): void {
  try {
    const removed = removeOlderKeyCopies(ctx.vault);
    if (removed.length > 0) ctx.ports.log('info', `${removed.length} copies made with an earlier passphrase were removed`);
  } catch (e) {
    ctx.ports.log('warn', `removing copies made with an earlier passphrase failed (${(e as { code?: string })?.code ?? 'error'})`);
  }
}

/**
 * After an unlock: no import runs across a lock, so a batch still open was stopped by a lock, a crash
 * or a kill before its last transaction. It is abandoned (its rows stay hidden and are deleted for
 * good in idle moments, see purgeExpiredInIdle).
 */
export function abandonImportsAfterUnlock(ctx: ServiceContext): void {
  try {
    const n = abandonBatches(ctx.vault.database(), null);
    if (n > 0) ctx.ports.log('info', `${n} imports that did not finish are being removed`);
  } catch (e) {
    ctx.ports.log('warn', `giving up unfinished imports failed (${(e as { code?: string })?.code ?? 'error'})`);
  }
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FulcrumError } from '../../shared/errors.js';

/** Files and folders Fulcrum creates are readable by the user only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** Maps a Node file-system error to a message a person can act on. */
export function ioError(e: unknown, what: string): FulcrumError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new FulcrumError('DISK_FULL', `The disk is full, so ${what} could not be saved. Free some space and try again; nothing already saved was lost.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new FulcrumError('IO', `Fulcrum is not allowed to write ${what} (${code}). Check the folder's permissions.`);
  }
  return new FulcrumError('IO', `${what} could not be written (${code ?? 'unknown error'}).`);
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  }
}

/** Write-then-rename, with fsyncs, so a crash leaves either the old file or the new one, whole. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', FILE_MODE);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw ioError(e, path.basename(file));
  }
}

export { fsyncDir };

/**
 * Streams a file into `target` atomically: written under a temporary name beside it (0600), flushed
 * on the thread pool (a file of hundreds of megabytes must not hold every call, or a lock, back),
 * renamed into place and the folder synced; on any failure the temporary file is removed, so a
 * stopped or failed write leaves nothing. `write` gets the function that appends a chunk.
 */
export async function streamFileAtomic<T>(target: string, write: (append: (chunk: string | Uint8Array) => void) => Promise<T>): Promise<T> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', FILE_MODE);
    const out = fd;
    const result = await write((chunk) => void (typeof chunk === 'string' ? fs.writeSync(out, chunk) : fs.writeSync(out, chunk)));
    await new Promise<void>((resolve, reject) => fs.fsync(out, (e) => (e ? reject(e) : resolve())));
    fs.closeSync(out);
    fd = null;
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return result;
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e instanceof FulcrumError ? e : ioError(e, path.basename(target));
  }
}

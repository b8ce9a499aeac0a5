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

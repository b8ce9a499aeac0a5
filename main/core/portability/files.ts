/**
 * Files coming in (imports, backups to restore) and going out (exports, backups). A file chosen in a
 * native dialog is known to the renderer only by a random token; the path stays here, so the renderer
 * can never ask main to read a path it made up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FulcrumError } from '../../../shared/errors.js';
import type { PickedFile } from '../../../shared/portability.js';
import { untilCancelled } from '../jobs/cooperate.js';
import type { FileFilter, Ports } from '../ports.js';

interface Picked {
  path: string;
  purpose: 'import' | 'backup';
  at: number;
}

const TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * The files chosen in this session's dialogs, by token. Owned by the Session: tokens outlive a lock
 * (a backup is picked and restored while locked) and go when the session closes.
 */
export class PickedFiles {
  private readonly tokens = new Map<string, Picked>();

  add(picked: Picked): string {
    for (const [t, p] of this.tokens) if (picked.at - p.at > TOKEN_TTL_MS) this.tokens.delete(t);
    const token = randomBytes(18).toString('base64url');
    this.tokens.set(token, picked);
    return token;
  }

  get(token: string): Picked | undefined {
    return this.tokens.get(token);
  }

  get size(): number {
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }
}

/** Asks the native open dialog for a file; null when cancelled. Needs the Dialogs port (desktop). */
export async function pickFile(
  files: PickedFiles,
  ports: Ports,
  purpose: Picked['purpose'],
  opts: { title: string; filters: FileFilter[] },
  signal?: AbortSignal,
): Promise<PickedFile | null> {
  if (!ports.dialogs) throw noDialogs();
  // A lock does not wait for the person to answer the dialog (see untilCancelled).
  const chosen = await untilCancelled(ports.dialogs.openFile(opts), signal);
  if (!chosen) return null;
  let bytes: number;
  try {
    bytes = fs.statSync(chosen).size;
  } catch (e) {
    throw new FulcrumError('IO', `That file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose another one.`);
  }
  const token = files.add({ path: chosen, purpose, at: ports.now() });
  return { token, name: path.basename(chosen), bytes };
}

export const noDialogs = () =>
  new FulcrumError('IO', 'This window cannot show a file dialog. Use the download or file-upload option instead.');

/** The path behind a token from `pickFile`. */
export function pickedPath(files: PickedFiles, token: string, purpose: Picked['purpose'], now: number): string {
  const p = files.get(token);
  if (!p || p.purpose !== purpose || now - p.at > TOKEN_TTL_MS) {
    throw new FulcrumError('NOT_FOUND', 'That file choice has expired. Choose the file again.');
  }
  return p.path;
}

/** Reads a whole file, refusing one larger than `maxBytes` before reading it. */
export function readLimited(file: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new FulcrumError('IO', `${what} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose the file again.`);
  }
  if (size > maxBytes) throw tooLarge(size, maxBytes, what);
  return fs.readFileSync(file);
}

export function decodeBase64(b64: string, maxBytes: number, what: string): Buffer {
  const estimate = Math.floor((b64.length * 3) / 4);
  if (estimate > maxBytes + 2) throw tooLarge(estimate, maxBytes, what);
  return Buffer.from(b64, 'base64');
}

const mb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`);
export const tooLarge = (size: number, max: number, what: string) =>
  new FulcrumError('IMPORT_INVALID', `${what} is too large (${mb(size)}; the limit is ${mb(max)}). Nothing was imported.`, {
    bytes: size,
    limit: max,
  });

/** Today as YYYY-MM-DD for file names (UTC: a file name says nothing about where the user is). */
export const fileDay = (now: number) => new Date(now).toISOString().slice(0, 10);

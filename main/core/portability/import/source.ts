/**
 * An imported file's bytes, read a piece at a time — as often as the reading needs (a check, the
 * preview, the commit) — instead of held whole: a chosen file is read from disk again each time; the
 * bytes sent by browser mode (already in memory as the request) are sliced.
 *
 * A file read again must be the file the preview showed: each later reading checks its length and
 * SHA-256 against the first, and fails at its end if they differ (the commit is then rolled back).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { FulcrumError } from '../../../../shared/errors.js';
import { tooLarge } from '../files.js';
import { invalid } from './text.js';

/**
 * Small enough that a piece, and the text decoded from it (two bytes a character at most), stay
 * below V8's large-object size: they are then collected young, as soon as they are read, instead of
 * piling up (in large-object space) until a full collection, which a growing heap puts off.
 */
const PIECE = 32 * 1024;

export interface ByteSource {
  readonly size: number;
  /** The bytes from the start, in pieces of at most 32 KiB. */
  pieces(): AsyncGenerator<Buffer>;
}

/** Bytes already in memory. */
export function bufferSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    async *pieces() {
      for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
    },
  };
}

/** Bytes already in memory in several parts (a file sent in the call, turned into bytes a slice at a time), never joined. */
export function partsSource(parts: readonly Buffer[]): ByteSource {
  return {
    size: parts.reduce((n, p) => n + p.length, 0),
    async *pieces() {
      for (const part of parts) for (let i = 0; i < part.length; i += PIECE) yield part.subarray(i, i + PIECE);
    },
  };
}

/** A file on disk, refused before any reading when it is larger than `maxBytes`. */
export function fileSource(file: string, maxBytes: number, what: string): ByteSource {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new FulcrumError('IO', `${what} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose the file again.`);
  }
  if (size > maxBytes) throw tooLarge(size, maxBytes, what);
  return {
    size,
    async *pieces() {
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, 'r');
      } catch (e) {
        throw new FulcrumError('IO', `${what} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose the file again.`);
      }
      try {
        // One buffer per piece: a piece handed out may still be in use when the next is read.
        for (;;) {
          const buf = Buffer.allocUnsafe(PIECE);
          const { bytesRead } = await handle.read(buf, 0, PIECE, null);
          if (bytesRead === 0) return;
          yield buf.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** Every byte at once: for the readings that still need the whole file (see import/index.ts). */
export async function readAll(source: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of source.pieces()) parts.push(p);
  return Buffer.concat(parts);
}

/** What a first reading saw, for the later ones to compare with. */
export interface Seen {
  bytes: number;
  sha256: string;
}

/**
 * The source's pieces, with its length and SHA-256 taken on the way: `seen` is filled in when the
 * last piece has been read; with `expect`, a different file fails there instead.
 */
export async function* watched(source: ByteSource, seen: { value: Seen | null }, expect?: Seen): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const p of source.pieces()) {
    bytes += p.length;
    if (expect && bytes > expect.bytes) throw changed();
    hash.update(p);
    yield p;
  }
  const now = { bytes, sha256: hash.digest('base64') };
  if (expect && (now.bytes !== expect.bytes || now.sha256 !== expect.sha256)) throw changed();
  seen.value = now;
}

const changed = () => invalid('The file changed after the preview was made. Choose it again to see a fresh preview.');

/**
 * Bytes → text, a piece at a time, with the checks of `decodeText` (text.ts): an empty file, binary
 * data (NUL bytes at the start), invalid UTF-8 (naming its line), a byte-order mark removed, text
 * that is only white space. The same file gives the same errors as decodeText, except that an error
 * in a later part of the file is found when that part is read, after the text before it was handed out.
 */
export async function* decodePieces(pieces: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const it = pieces[Symbol.asyncIterator]();
  try {
    yield* decodeFrom(it);
  } finally {
    // Stopped early (the caller had what it needed) or failed: the file is closed all the same.
    await it.return?.(undefined);
  }
}

async function* decodeFrom(it: AsyncIterator<Buffer>): AsyncGenerator<string> {
  // The first 8 KiB decide the encoding and whether it is binary.
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < 8192) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  if (head.length === 0) throw invalid('The file is empty.');
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let skip = 0;
  if (head[0] === 0xff && head[1] === 0xfe) [encoding, skip] = ['utf-16le', 2];
  else if (head[0] === 0xfe && head[1] === 0xff) [encoding, skip] = ['utf-16be', 2];
  else {
    if (head.subarray(0, 8192).includes(0)) throw invalid('This file looks like binary data, not a JSON or CSV export.');
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3;
  }
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let lines = 0; // line breaks in the bytes before the current piece
  let sawText = false;
  const decode = (bytes: Buffer | null): string => {
    try {
      return bytes === null ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw notText(encoding === 'utf-8' && bytes !== null ? lines + badLine(bytes) : null);
    }
  };
  const out = (text: string) => {
    if (!sawText && /\S/.test(text)) sawText = true;
    return text;
  };
  let piece: Buffer | null = head.subarray(skip);
  for (;;) {
    const text = decode(piece);
    if (text) yield out(text);
    lines += countLines(piece);
    if (ended) break;
    const next = await it.next();
    if (next.done) break;
    piece = next.value;
  }
  const rest = decode(null);
  if (rest) yield out(rest);
  if (!sawText) throw invalid('The file is empty (it holds only spaces or line breaks).');
}

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * The 1-based line, within a piece, of its first byte that is not UTF-8. A binary search on
 * prefixes, as decodeText does; bytes continuing a character begun in the piece before are skipped.
 */
function badLine(bytes: Buffer): number {
  let start = 0;
  while (start < 3 && start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  let lo = start;
  let hi = bytes.length;
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return 1 + countLines(bytes.subarray(0, lo));
}

const notText = (line: number | null) =>
  invalid(
    `This file is not readable text${line ? ` (an invalid character on line ${line})` : ''}: it may be binary data, or text in an encoding other than UTF-8. Export it again as UTF-8.`,
    line ? { line } : undefined,
  );

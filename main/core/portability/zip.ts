/**
 * ZIP archives in and out (fflate). Reading never trusts the archive: its central directory is read
 * first, without decompressing anything, and refused as a whole when it has too many files, a path that
 * could leave the folder it is unpacked into ("..", an absolute path, a drive letter, a backslash), a
 * file that declares more bytes than any file Fulcrum takes, or more bytes in all than the limit (a
 * "zip bomb"). Files are then decompressed one at a time into a buffer of their declared size, so a
 * file that lies about its size cannot grow past it (its hash then no longer matches).
 *
 * Writing streams: each file is handed to the archive in pieces and leaves as it is compressed, so
 * only one attachment is held at a time.
 */
import { unzipSync, Zip, ZipDeflate, ZipPassThrough, type UnzipFileInfo } from 'fflate';
import { FulcrumError } from '../../../shared/errors.js';

export const ZIP_LIMITS = {
  /** Files (and folders) listed in one archive. */
  maxFiles: 10_000,
  /** Bytes one file may declare once unpacked (an attachment is at most 100 MB; the entries file is held to the import limit). */
  maxFileBytes: 100 * 1024 * 1024,
  /** Bytes all files may declare together once unpacked. */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
} as const;
export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

/** What 32-bit ZIP offsets can address, less room for the central directory. */
export const ZIP_MAX_BYTES = 0xffffffff - 64 * 1024 * 1024;

const refuse = (message: string) => new FulcrumError('IMPORT_INVALID', message);

export interface ZipEntryInfo {
  name: string;
  /** Declared size once unpacked. */
  size: number;
}

/** A path inside an archive that stays inside the folder it is unpacked into. */
export function safeZipPath(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return false;
  if (name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return !name.split('/').some((part) => part === '..' || part === '.');
}

/**
 * The files of an archive (folders left out), checked against the limits before anything is
 * unpacked. A file that is not a ZIP archive, whatever its name, is refused in plain words.
 */
export function zipIndex(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Map<string, ZipEntryInfo> {
  const files = new Map<string, ZipEntryInfo>();
  let listed = 0;
  let total = 0;
  let problem: FulcrumError | null = null;
  try {
    unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (problem) return false;
        listed++;
        if (listed > limits.maxFiles) {
          problem = refuse(`This archive holds more than ${limits.maxFiles.toLocaleString('en')} files, more than an export of a journal would. Nothing was imported.`);
        } else if (!safeZipPath(f.name)) {
          problem = refuse('This archive names a file with a path that leads outside its folder (such as "../"). It was not opened. Nothing was imported.');
        } else if (f.compression !== 0 && f.compression !== 8) {
          problem = refuse('This archive uses a kind of compression Fulcrum cannot read. Nothing was imported.');
        } else if (f.originalSize > limits.maxFileBytes) {
          problem = refuse(
            `A file in this archive ("${f.name.slice(0, 80)}") says it unpacks to ${mb(f.originalSize)}, more than the ${mb(limits.maxFileBytes)} one file may be. It was not unpacked. Nothing was imported.`,
          );
        } else if ((total += f.originalSize) > limits.maxTotalBytes) {
          problem = refuse(`This archive says it unpacks to more than ${mb(limits.maxTotalBytes)} in all. It was not unpacked. Nothing was imported.`);
        } else if (!f.name.endsWith('/')) {
          if (files.has(f.name)) problem = refuse(`This archive lists "${f.name.slice(0, 80)}" twice. Nothing was imported.`);
          files.set(f.name, { name: f.name, size: f.originalSize });
        }
        // Only the directory is read here: nothing is unpacked.
        return false;
      },
    });
  } catch {
    throw refuse('This file is not a ZIP archive that can be read (it may be damaged, or only named .zip). Nothing was imported.');
  }
  if (problem) throw problem;
  return files;
}

/** One file of an archive already indexed by zipIndex, unpacked; refused when it is not the size it declared. */
export function unzipOne(bytes: Uint8Array, info: ZipEntryInfo): Uint8Array {
  let out: Uint8Array | undefined;
  try {
    out = unzipSync(bytes, { filter: (f) => f.name === info.name })[info.name];
  } catch {
    throw refuse(`"${info.name.slice(0, 80)}" in this archive is damaged and cannot be unpacked. Nothing was imported.`);
  }
  if (!out || out.byteLength !== info.size) {
    throw refuse(`"${info.name.slice(0, 80)}" in this archive is not the size the archive says. Nothing was imported.`);
  }
  return out;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en')} MB`;

/** Bytes out of the archive being written, in order. */
export type ZipSink = (chunk: Uint8Array) => void;

/** A ZIP archive written file after file to `sink`; one file is open at a time. */
export class ZipWriter {
  private readonly zip: Zip;
  private failed: Error | null = null;
  private written = 0;

  constructor(
    sink: ZipSink,
    private readonly maxBytes = ZIP_MAX_BYTES,
  ) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.failed = err;
      else if (chunk.byteLength) {
        this.written += chunk.byteLength;
        sink(chunk);
      }
    });
  }

  /** The archive has no ZIP64 records: offsets past 4 GB cannot be written, so it stops before (headers get a margin). */
  private room(bytes: number): void {
    if (this.written + bytes > this.maxBytes) {
      throw new FulcrumError(
        'VALIDATION',
        'This export with its files would be larger than 4 GB, more than one ZIP archive can hold here. Nothing was saved. Export a shorter period, or fewer people, at a time.',
      );
    }
  }

  private check(): void {
    if (this.failed) throw this.failed;
  }

  /** A file written in pieces (text), compressed. Call the returned function with each piece, then `end()`. */
  text(name: string): { push: (piece: string) => void; end: () => void } {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    const enc = new TextEncoder();
    return {
      push: (piece) => {
        this.room(piece.length * 3 + 64 * 1024);
        if (piece) file.push(enc.encode(piece), false);
        this.check();
      },
      end: () => {
        file.push(new Uint8Array(0), true);
        this.check();
      },
    };
  }

  /** A file whose bytes are already at hand, stored as they are (photos, audio and PDFs are compressed already). */
  stored(name: string, bytes: Uint8Array): void {
    this.room(bytes.byteLength + 64 * 1024);
    const file = new ZipPassThrough(name);
    this.zip.add(file);
    file.push(bytes, true);
    this.check();
  }

  end(): void {
    this.zip.end();
    this.check();
  }
}

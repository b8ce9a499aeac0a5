/**
 * Seeded synthetic attachments for a generated journal: phone photos, screenshots and voice notes of
 * realistic sizes, up to a total number of bytes, each with the thumbnail the renderer would have
 * stored. Written through the same steps as a file attached by hand (type by content, EXIF and tags,
 * the stripped shared copy, SHA-256, `insertAttachment`, the entry's revision), but to the repositories
 * directly, so a gigabyte takes a minute rather than a dispatch per chunk.
 *
 *   await addAttachments(db, { seed: 42, bytes: 2 * 1024 ** 3, now });
 *
 * The bytes are not real pictures or sounds: a real header (a JPEG with EXIF and a GPS position, a PNG
 * header, a WAV header) followed by a seeded stream (AES-CTR), which the core treats like any other
 * file of that type and which does not compress, as camera output does not. Same seed → same files.
 */
import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { DB } from '../../main/core/db/index.js';
import { evidenceOf, sniff } from '../../main/core/attachments/content.js';
import { sharedCopyFor } from '../../main/core/attachments/strip.js';
import { insertAttachment, keepRevision, updateAttachment, writeThumbnail } from '../../main/core/db/repos/index.js';
import { createRng, type Rng } from './prng.js';

/** Bump whenever what a seed generates here changes (cached benchmark journals are keyed on it). */
export const ATTACHMENTS_VERSION = 1;

export interface AttachmentsOptions {
  seed: number;
  /** Total size of the originals to add (bytes); the last file may go past it by less than one file. */
  bytes: number;
  /** The journal's "now" (ms): when the files are recorded as attached. */
  now: number;
  /** Photos on the newest live entry, the one opened first (its thumbnails are what the bench times). Default 20. */
  gallery?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedAttachments {
  files: number;
  bytes: number;
  photos: number;
  screenshots: number;
  voiceNotes: number;
  /** The entry with `gallery` photos. */
  galleryEntryId: number;
  /** Entries with at least one file. */
  entries: number;
}

const MB = 1024 * 1024;
const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'attachments', 'photo-with-gps.jpg');
const CAPTIONS = ['the message that night', 'kitchen table', 'what was left on the counter', 'the bank statement', 'screenshot of the chat', 'after the call', 'the note on the door', ''];

/** `n` bytes of a seeded stream (AES-128-CTR over zeros, keyed by the seed and a label). */
function noise(seed: number, label: string, n: number): Buffer {
  const key = createHash('sha256').update(`${seed}:${label}`).digest();
  const c = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  return Buffer.concat([c.update(Buffer.alloc(n)), c.final()]);
}

/** A size drawn log-normally around `median` MB, within [min, max] MB. */
const sizeOf = (rng: Rng, median: number, spread: number, min: number, max: number) =>
  Math.round(Math.min(max, Math.max(min, median * Math.exp(rng.normal() * spread))) * MB);

/** A phone photo: the fixture JPEG's header (EXIF: make, model, time, GPS) and a seeded scan. */
function photo(seed: number, i: number, size: number): Buffer {
  const fixture = fs.readFileSync(FIXTURE);
  // Up to the end-of-image marker, then the scan data, then the marker again.
  const head = fixture.subarray(0, fixture.length - 2);
  return Buffer.concat([head, noise(seed, `photo-${i}`, Math.max(0, size - fixture.length)), Buffer.from([0xff, 0xd9])]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/** A phone screenshot: a PNG of a phone screen's size (no metadata) with a seeded image stream. */
function screenshot(seed: number, i: number, size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1170, 0);
  ihdr.writeUInt32BE(2532, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', noise(seed, `screenshot-${i}`, Math.max(0, size - 57))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A WAV file around `data`: 8 kHz mono 16-bit PCM (16 KB a second, about what a compressed phone recording takes). */
export function wavOf(data: Buffer): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** A voice note of about `size` bytes of seeded noise. */
function voiceNote(seed: number, i: number, size: number): Buffer {
  return wavOf(noise(seed, `voice-${i}`, size - 44 - ((size - 44) % 2)));
}

/** What the renderer stores as a preview: a small JPEG (JFIF header, a seeded scan). */
function thumbnail(seed: number, i: number, rng: Rng): Buffer {
  const app0 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([app0, noise(seed, `thumb-${i}`, rng.int(12, 40) * 1024), Buffer.from([0xff, 0xd9])]);
}

type Kind = 'photo' | 'screenshot' | 'voice';

/**
 * Adds attachments to the live entries of a generated journal (`generateJournal`), the newest entry
 * first with its gallery of photos, the rest spread over random entries. Throws if the journal has
 * no live entry or already has attachments.
 */
export async function addAttachments(db: DB, opts: AttachmentsOptions): Promise<GeneratedAttachments> {
  if ((db.prepare('SELECT count(*) FROM attachments').pluck().get() as number) > 0) throw new Error('addAttachments needs a journal without attachments');
  const live = db.prepare('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY occurred_at DESC, id DESC').pluck().all() as number[];
  if (live.length === 0) throw new Error('addAttachments needs a journal with entries');
  const rng = createRng(opts.seed).fork('attachments');
  const gallery = opts.gallery ?? 20;
  const out: GeneratedAttachments = { files: 0, bytes: 0, photos: 0, screenshots: 0, voiceNotes: 0, galleryEntryId: live[0]!, entries: 0 };
  const touched = new Set<number>();

  const attach = async (entryId: number, kind: Kind) => {
    const i = out.files;
    const size = kind === 'photo' ? sizeOf(rng, 3.2, 0.45, 0.8, 20) : kind === 'screenshot' ? sizeOf(rng, 0.6, 0.6, 0.1, 4) : sizeOf(rng, 1.2, 0.9, 0.1, 12);
    const data = kind === 'photo' ? photo(opts.seed, i, size) : kind === 'screenshot' ? screenshot(opts.seed, i, size) : voiceNote(opts.seed, i, size);
    const name = kind === 'photo' ? `IMG_${4000 + i}.jpg` : kind === 'screenshot' ? `Screenshot ${i}.png` : `Voice note ${i}.wav`;
    // The steps of attachments.upload (main/core/service/attachments.ts).
    const type = await sniff(data, name);
    const found = await evidenceOf(data, type);
    const { shared, sensitive } = await sharedCopyFor(data, type, found.sensitive);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const meta = insertAttachment(db, { name, mime: type.mime, kind: type.kind, sha256, ...found, sensitive }, data, shared, { kind: 'entry', id: entryId }, opts.now);
    if (kind !== 'voice') writeThumbnail(db, meta.id, thumbnail(opts.seed, i, rng));
    const caption = rng.chance(0.3) ? rng.pick(CAPTIONS) : '';
    if (caption) updateAttachment(db, meta.id, { caption });
    out.files++;
    out.bytes += data.byteLength;
    if (kind === 'photo') out.photos++;
    else if (kind === 'screenshot') out.screenshots++;
    else out.voiceNotes++;
    touched.add(entryId);
    opts.onProgress?.(out.bytes, opts.bytes);
  };

  const revisions = () =>
    db.transaction(() => {
      for (const id of touched) keepRevision(db, 'entry', id, opts.now);
      touched.clear();
    })();

  const withFiles = new Set<number>();
  for (let k = 0; k < gallery && out.bytes < opts.bytes; k++) await attach(live[0]!, 'photo');
  withFiles.add(live[0]!);
  revisions();
  while (out.bytes < opts.bytes) {
    // Mostly one file to an entry, sometimes a few from the same moment.
    const entryId = live[rng.int(0, live.length - 1)]!;
    const n = rng.chance(0.8) ? 1 : rng.int(2, 4);
    for (let k = 0; k < n && out.bytes < opts.bytes; k++) {
      const r = rng.next();
      await attach(entryId, r < 0.55 ? 'photo' : r < 0.85 ? 'screenshot' : 'voice');
    }
    withFiles.add(entryId);
    if (touched.size >= 50) revisions();
    // Let timers and I/O run between files (progress output, a caller's watchdog).
    await new Promise((r) => setImmediate(r));
  }
  revisions();
  out.entries = withFiles.size;
  return out;
}

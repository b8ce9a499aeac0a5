/**
 * Attachment files made in memory for tests: a PNG whose pixel rows (stored, not compressed) and EXIF
 * hold chosen bytes, a WAV whose RIFF INFO tags hold a chosen phrase, and the JPEG fixture (EXIF
 * Make/Model, DateTimeOriginal 2024:03:02 19:10:00 and a GPS position) with its description swapped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PHOTO_WITH_GPS = path.join(here, '..', 'fixtures', 'attachments', 'photo-with-gps.jpg');
const FIXTURE_DESCRIPTION = 'Synthetic test image for Fulcrum import tests';

export const photoWithGps = (): Buffer => fs.readFileSync(PHOTO_WITH_GPS);

/** The fixture JPEG with its ImageDescription replaced by `text` (padded/cut to the same length). */
export function photoWithDescription(text: string): Buffer {
  const b = photoWithGps();
  const at = b.indexOf(FIXTURE_DESCRIPTION);
  if (at < 0) throw new Error('fixture changed');
  b.write(text.padEnd(FIXTURE_DESCRIPTION.length, ' ').slice(0, FIXTURE_DESCRIPTION.length), at, 'latin1');
  return b;
}

/** The TIFF (EXIF) block of the fixture JPEG, with the description replaced. */
export function exifOf(jpeg: Buffer): Buffer {
  const at = jpeg.indexOf(Buffer.from('Exif\0\0', 'latin1'));
  const len = jpeg.readUInt16BE(at - 2);
  return jpeg.subarray(at + 6, at - 2 + len);
}

/** The PNG chunk checksum (CRC-32, as zlib computes it). */
const crc32 = (b: Buffer): number => zlib.crc32(b);
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A grey-scale PNG, `width` × 8, whose pixel rows spell `pixels` (stored uncompressed, so the bytes
 * appear as they are in the file), with an optional eXIf chunk and an optional XMP iTXt chunk.
 */
export function pngWith(pixels: Buffer, opts: { exif?: Buffer; xmp?: string } = {}): Buffer {
  const width = Math.max(16, pixels.length);
  const rows: Buffer[] = [];
  for (let y = 0; y < 8; y++) {
    const row = Buffer.alloc(width + 1);
    pixels.copy(row, 1);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.exif ? [chunk('eXIf', opts.exif)] : []),
    ...(opts.xmp ? [chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(opts.xmp, 'utf8')]))] : []),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A short PCM WAV (8 kHz mono) with RIFF INFO tags: title `title`, creation date `date`. */
export function wavWith(title: string, date = '2024-05-06', seconds = 1): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * 2 * seconds);
  for (let i = 0; i < rate * seconds; i++) samples.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * 2, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const sub = (id: string, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'latin1');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const z = (s: string) => Buffer.from(`${s}\0`, 'latin1');
  const info = Buffer.concat([Buffer.from('INFO', 'latin1'), sub('INAM', z(title)), sub('ICRD', z(date))]);
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), sub('fmt ', fmt), sub('LIST', info), sub('data', samples)]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/**
 * Small files made in the test, byte by byte, so every byte is known: a PNG whose pixel data spells a
 * canary (stored, not compressed, so the phrase is literally in the file), a JPEG with EXIF (GPS,
 * camera, capture time), a one-page PDF and a short WAV with a canary in its tags.
 */
import zlib from 'node:zlib';

/** The PNG chunk checksum (CRC-32, as zlib computes it). */
const crc32 = (b: Buffer): number => zlib.crc32(b);
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A PNG, `rows` high, whose every row's RGB bytes are the canary (padded): the phrase sits literally in
 * the file (deflate level 0 stores it), so a leaked copy of the file is found by a byte scan.
 */
export function canaryPng(canary: string, rows = 24): Buffer {
  const text = Buffer.from(canary, 'latin1');
  const width = Math.ceil(text.length / 3);
  const row = Buffer.concat([Buffer.from([0]), text, Buffer.alloc(width * 3 - text.length, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: rows }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(rows, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------- JPEG with EXIF
interface Tag {
  tag: number;
  type: 2 | 3 | 4 | 5; // ASCII, SHORT, LONG, RATIONAL
  value: string | number | number[];
}

/** A little-endian TIFF block: IFD0 (Make, Model, pointers), the EXIF IFD and the GPS IFD. */
function exifTiff(f: { make: string; model: string; serial: string; when: string; lat: number; lon: number }): Buffer {
  const dms = (v: number) => {
    const a = Math.abs(v);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 100);
    return [d, 1, m, 1, s, 100];
  };
  const ifds: Tag[][] = [
    [
      { tag: 0x010f, type: 2, value: f.make },
      { tag: 0x0110, type: 2, value: f.model },
      { tag: 0x8769, type: 4, value: 0 }, // EXIF IFD offset, filled below
      { tag: 0x8825, type: 4, value: 0 }, // GPS IFD offset, filled below
    ],
    [
      { tag: 0x9003, type: 2, value: f.when },
      { tag: 0xa431, type: 2, value: f.serial },
    ],
    [
      { tag: 0x0001, type: 2, value: f.lat >= 0 ? 'N' : 'S' },
      { tag: 0x0002, type: 5, value: dms(f.lat) },
      { tag: 0x0003, type: 2, value: f.lon >= 0 ? 'E' : 'W' },
      { tag: 0x0004, type: 5, value: dms(f.lon) },
    ],
  ];
  const size = (t: Tag) => (t.type === 2 ? String(t.value).length + 1 : t.type === 3 ? 2 : t.type === 4 ? 4 : 8 * ((t.value as number[]).length / 2));
  const ifdLen = (ifd: Tag[]) => 2 + ifd.length * 12 + 4;
  const extraLen = (ifd: Tag[]) => ifd.reduce((n, t) => n + (size(t) > 4 ? size(t) + (size(t) % 2) : 0), 0);
  const offsets: number[] = [];
  let at = 8;
  for (const ifd of ifds) {
    offsets.push(at);
    at += ifdLen(ifd) + extraLen(ifd);
  }
  ifds[0]![2]!.value = offsets[1]!;
  ifds[0]![3]!.value = offsets[2]!;
  const out = Buffer.alloc(at);
  out.write('II', 0, 'ascii');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  ifds.forEach((ifd, i) => {
    let p = offsets[i]!;
    let extra = p + ifdLen(ifd);
    out.writeUInt16LE(ifd.length, p);
    p += 2;
    for (const t of ifd) {
      const count = t.type === 2 ? String(t.value).length + 1 : t.type === 5 ? (t.value as number[]).length / 2 : 1;
      out.writeUInt16LE(t.tag, p);
      out.writeUInt16LE(t.type, p + 2);
      out.writeUInt32LE(count, p + 4);
      const bytes = Buffer.alloc(size(t));
      if (t.type === 2) bytes.write(String(t.value), 'latin1');
      else if (t.type === 3) bytes.writeUInt16LE(t.value as number);
      else if (t.type === 4) bytes.writeUInt32LE(t.value as number);
      else (t.value as number[]).forEach((v, k) => bytes.writeUInt32LE(v, k * 4));
      if (bytes.length <= 4) bytes.copy(out, p + 8);
      else {
        out.writeUInt32LE(extra, p + 8);
        bytes.copy(out, extra);
        extra += bytes.length + (bytes.length % 2);
      }
      p += 12;
    }
    out.writeUInt32LE(0, p);
  });
  return out;
}

/** `jpeg` (any baseline JPEG, e.g. from a canvas) with an EXIF APP1 segment put right after SOI. */
export function withExif(jpeg: Buffer, f: { make: string; model: string; serial: string; when: string; lat: number; lon: number }): Buffer {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(f)]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

// ---------------------------------------------------------------- PDF
/** A one-page PDF that says `text` in Helvetica, with a correct cross-reference table. */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 700 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// ---------------------------------------------------------------- WAV
/** `ms` of a quiet 440 Hz tone (8 kHz, 16-bit mono) with the canary as its title (RIFF INFO INAM). */
export function toneWav(ms: number, title: string): Buffer {
  const rate = 8000;
  const n = Math.round((rate * ms) / 1000);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) pcm.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * 2, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const sub = (id: string, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'ascii');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const name = Buffer.concat([Buffer.from(title, 'latin1'), Buffer.alloc(1)]);
  const info = Buffer.concat([Buffer.from('INFO', 'ascii'), sub('INAM', name)]);
  const riff = Buffer.concat([Buffer.from('WAVE', 'ascii'), sub('fmt ', fmt), sub('data', pcm), sub('LIST', info)]);
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), (() => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(riff.length);
    return b;
  })(), riff]);
}

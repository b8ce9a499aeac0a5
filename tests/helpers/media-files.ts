/**
 * PDFs and sound files made in memory for the metadata tests, each carrying a chosen phrase in the
 * metadata a shared copy must lose (author, artist, comments, place, device) and another in its
 * content (page text, audio bytes) that the shared copy must keep.
 */
import { PDFDocument, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';

const latin = (s: string) => Buffer.from(s, 'latin1');
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** A one-page PDF whose information dictionary (literal strings) and XMP stream carry `meta`. */
export async function pdfWith(meta: string, content = 'Page text'): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([300, 200]);
  page.drawText(content, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  const info = doc.context.obj({});
  info.set(PDFName.of('Author'), PDFString.of(`${meta} author`));
  info.set(PDFName.of('Creator'), PDFString.of(`${meta} creator`));
  info.set(PDFName.of('Producer'), PDFString.of(`${meta} producer`));
  info.set(PDFName.of('Title'), PDFString.of(`${meta} title`));
  doc.context.trailerInfo.Info = doc.context.register(info);
  const xmp = doc.context.stream(`<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/">${meta} xmp</x:xmpmeta><?xpacket end="w"?>`, {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz) whose padding spells `audio`. */
function mp3Frames(audio: string, count = 40): Buffer {
  const frames: Buffer[] = [];
  for (let k = 0; k < count; k++) {
    const f = Buffer.alloc(417);
    f.set([0xff, 0xfb, 0x90, 0x64]);
    latin(audio).copy(f, 40);
    frames.push(f);
  }
  return Buffer.concat(frames);
}

/** An MP3 with an ID3v2.3 tag (artist, comment, encoder) and an ID3v1 tag, all carrying `meta`. */
export function mp3With(meta: string, audio = 'AUDIOFRAMES'): Buffer {
  const frame = (id: string, body: Buffer) => Buffer.concat([latin(id), u32be(body.length), Buffer.from([0, 0]), body]);
  const text = (s: string) => Buffer.concat([Buffer.from([0]), latin(s)]);
  const frames = Buffer.concat([
    frame('TPE1', text(`${meta} artist`)),
    frame('COMM', Buffer.concat([Buffer.from([0]), latin('eng'), Buffer.from([0]), latin(`${meta} comment`)])),
    frame('TSSE', text(`${meta} encoder`)),
  ]);
  const size = frames.length;
  const syncsafe = Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
  const id3v1 = Buffer.alloc(128);
  latin('TAG').copy(id3v1);
  latin(`${meta} v1`.slice(0, 30)).copy(id3v1, 3);
  return Buffer.concat([latin('ID3'), Buffer.from([3, 0, 0]), syncsafe, frames, mp3Frames(audio), id3v1]);
}

const box = (type: string, ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  return Buffer.concat([u32be(b.length + 8), latin(type), b]);
};
const fullBox = (type: string, ...body: Buffer[]) => box(type, Buffer.alloc(4), ...body);

/**
 * An M4A (AAC in MP4) with iTunes tags (artist, comment, encoding tool, ©xyz place) in moov/udta, and
 * a QuickTime location in moov/meta; `audio` is in mdat, which the sample table points to.
 */
export function m4aWith(meta: string, audio = 'AUDIOSAMPLES'): Buffer {
  const ftyp = box('ftyp', latin('M4A '), u32be(0), latin('M4A isomiso2'));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(2000, 16); // duration: 2 s
  mvhd.writeUInt32BE(0x00010000, 20);
  mvhd.writeUInt16BE(0x0100, 24);
  const data = (s: string) => box('data', u32be(1), u32be(0), latin(s));
  const ilst = box('ilst', box('\xa9ART', data(`${meta} artist`)), box('\xa9cmt', data(`${meta} comment`)), box('\xa9too', data(`${meta} encoder`)));
  const udta = box('udta', box('\xa9xyz', Buffer.from([0, 18, 0x15, 0xc7]), latin('+52.5200+013.4050/')), fullBox('meta', fullBox('hdlr', u32be(0), latin('mdir'), latin('appl'), Buffer.alloc(9)), ilst));
  const samples = Buffer.concat([latin(audio), Buffer.alloc(64)]);
  const moovWith = (offset: number) =>
    box(
      'moov',
      box('mvhd', Buffer.alloc(0), mvhd),
      box(
        'trak',
        fullBox('tkhd', u32be(0), u32be(0), u32be(1), u32be(0), u32be(2000), Buffer.alloc(60)),
        box(
          'mdia',
          fullBox('mdhd', u32be(0), u32be(0), u32be(44100), u32be(88200), Buffer.from([0x55, 0xc4, 0, 0])),
          fullBox('hdlr', u32be(0), latin('soun'), Buffer.alloc(13)),
          box(
            'minf',
            box(
              'stbl',
              fullBox('stsd', u32be(1), box('mp4a', Buffer.alloc(6), Buffer.from([0, 1]), Buffer.alloc(8), Buffer.from([0, 1, 0, 16]), Buffer.alloc(4), u32be(44100 * 65536))),
              fullBox('stts', u32be(1), u32be(1), u32be(88200)),
              fullBox('stsc', u32be(1), u32be(1), u32be(1), u32be(1)),
              fullBox('stsz', u32be(0), u32be(1), u32be(samples.length)),
              fullBox('stco', u32be(1), u32be(offset)),
            ),
          ),
        ),
      ),
      udta,
    );
  const before = ftyp.length + moovWith(0).length + 8;
  return Buffer.concat([ftyp, moovWith(before), box('mdat', samples)]);
}

/** Ogg's page checksum (polynomial 0x04c11db7, not reflected, from 0). */
export function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (const v of page) {
    crc ^= v << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc >>> 0;
}

function oggPage(flags: number, granule: number, seq: number, lacing: number[], body: Buffer): Buffer {
  const h = Buffer.alloc(27);
  latin('OggS').copy(h);
  h[5] = flags;
  h.writeUInt32LE(granule, 6);
  h.writeUInt32LE(0x5eed, 14);
  h.writeUInt32LE(seq, 18);
  h[26] = lacing.length;
  const page = Buffer.concat([h, Buffer.from(lacing), body]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** The pages of an Ogg stream, each page's number and checksum checked. */
export function oggPages(b: Buffer): { seq: number; crcOk: boolean; body: Buffer }[] {
  const out: { seq: number; crcOk: boolean; body: Buffer }[] = [];
  for (let at = 0; at < b.length; ) {
    if (b.toString('latin1', at, at + 4) !== 'OggS') throw new Error(`no page at ${at}`);
    const n = b[at + 26]!;
    const len = [...b.subarray(at + 27, at + 27 + n)].reduce((a, v) => a + v, 0);
    const page = Buffer.from(b.subarray(at, at + 27 + n + len));
    const stored = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    out.push({ seq: page.readUInt32LE(18), crcOk: oggCrc(page) === stored, body: page.subarray(27 + n) });
    at += 27 + n + len;
  }
  return out;
}

/**
 * An Ogg Opus file whose comment header (vendor, ARTIST, COMMENT, LOCATION) carries `meta`; with
 * `padding` bytes of comment it spans more pages than the stripped one needs. Three audio pages hold `audio`.
 */
export function opusWith(meta: string, audio = 'OPUSPACKETS', padding = 0): Buffer {
  const head = Buffer.concat([latin('OpusHead'), Buffer.from([1, 1]), Buffer.from([0x38, 0x01]), u32le(48000), Buffer.from([0, 0, 0])]);
  const comments = [`ARTIST=${meta} artist`, `COMMENT=${meta} comment${'.'.repeat(padding)}`, `LOCATION=${meta} place`].map(latin);
  const tags = Buffer.concat([latin('OpusTags'), u32le(latin(`${meta} vendor`).length), latin(`${meta} vendor`), u32le(comments.length), ...comments.flatMap((c) => [u32le(c.length), c])]);
  const lacing: number[] = [];
  for (let n = tags.length; n >= 255; n -= 255) lacing.push(255);
  lacing.push(tags.length % 255);
  const pages = [oggPage(2, 0, 0, [head.length], head)];
  let used = 0;
  for (let k = 0; k < lacing.length; k += 255) {
    const segs = lacing.slice(k, k + 255);
    const len = segs.reduce((a, v) => a + v, 0);
    pages.push(oggPage(k === 0 ? 0 : 1, 0, pages.length, segs, tags.subarray(used, used + len)));
    used += len;
  }
  for (let k = 0; k < 3; k++) {
    const packet = Buffer.concat([Buffer.from([0xfc]), latin(`${audio}${k}`), Buffer.alloc(40)]);
    pages.push(oggPage(k === 2 ? 4 : 0, 960 * (k + 1) * 10, pages.length, [packet.length], packet));
  }
  return Buffer.concat(pages);
}

const ebml = (id: number[], ...body: Buffer[]) => {
  const b = Buffer.concat(body);
  const size = Buffer.alloc(8);
  size[0] = 0x01;
  size.writeUIntBE(b.length, 2, 6);
  return Buffer.concat([Buffer.from(id), size, b]);
};
const uint = (n: number) => Buffer.from([n]);

/** A WebM (Opus) with a Tags element (ARTIST, COMMENT) and a segment title carrying `meta`; a block holds `audio`. */
export function webmWith(meta: string, audio = 'WEBMBLOCK'): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x86], uint(1)), ebml([0x42, 0x82], latin('webm')), ebml([0x42, 0x87], uint(4)), ebml([0x42, 0x85], uint(2)));
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])),
    ebml([0x4d, 0x80], latin('Fulcrum tests')),
    ebml([0x57, 0x41], latin('Fulcrum tests')),
    ebml([0x7b, 0xa9], latin(`${meta} title`)),
  );
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], ebml([0xae], ebml([0xd7], uint(1)), ebml([0x73, 0xc5], uint(1)), ebml([0x83], uint(2)), ebml([0x86], latin('A_OPUS')), ebml([0xe1], ebml([0xb5], Buffer.from([0x47, 0x3b, 0x80, 0x00])), ebml([0x9f], uint(1)))));
  const simpleTag = (name: string, value: string) => ebml([0x67, 0xc8], ebml([0x45, 0xa3], latin(name)), ebml([0x44, 0x87], latin(value)));
  const tags = ebml([0x12, 0x54, 0xc3, 0x67], ebml([0x73, 0x73], ebml([0x63, 0xc0]), simpleTag('ARTIST', `${meta} artist`), simpleTag('COMMENT', `${meta} comment`)));
  const block = Buffer.concat([Buffer.from([0x81, 0, 0, 0x80]), latin(audio)]);
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], ebml([0xe7], uint(0)), ebml([0xa3], block));
  return Buffer.concat([header, ebml([0x18, 0x53, 0x80, 0x67], info, tracks, tags, cluster)]);
}

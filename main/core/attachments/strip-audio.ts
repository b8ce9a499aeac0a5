/**
 * The copy of a sound file that leaves the journal: the same audio without its tags (artist,
 * comments, title, the place it was recorded, the device or encoder). Works on the container and never
 * re-encodes; the audio data is copied as it is.
 * - MP3: drops ID3v2 at the start, ID3v1 and APE tags at the end.
 * - WAV: drops the LIST (INFO), id3, bext, iXML and XMP chunks.
 * - MP4/M4A: turns udta, meta and XMP uuid boxes into `free` boxes of the same size, zeroed, so every
 *   offset into the audio stays right.
 * - Ogg (Vorbis, Opus): rewrites the comment header with no comments and an empty vendor string,
 *   then renumbers and re-checksums the pages after it if their count changed.
 * - WebM: turns Tags, Attachments and the segment Title into EBML Void elements of the same size.
 * Each returns null when there is nothing to remove (or the container is not as expected).
 */
import type { SharedCopy } from './strip.js';
import { ascii, concat, copyOf, u32be, u32le } from './bytes.js';

function stripMp3(b: Uint8Array): SharedCopy | null {
  let start = 0;
  while (start + 10 <= b.length && ascii(b, start, 3) === 'ID3') {
    const size = ((b[start + 6]! & 0x7f) << 21) | ((b[start + 7]! & 0x7f) << 14) | ((b[start + 8]! & 0x7f) << 7) | (b[start + 9]! & 0x7f);
    const footer = b[start + 5]! & 0x10 ? 10 : 0;
    start = Math.min(b.length, start + 10 + size + footer);
  }
  let end = b.length;
  for (let again = true; again; ) {
    again = false;
    if (end - start >= 128 && ascii(b, end - 128, 3) === 'TAG') {
      end -= 128;
      again = true;
    }
    if (end - start >= 32 && ascii(b, end - 32, 8) === 'APETAGEX') {
      const size = u32le(b, end - 32 + 12);
      const header = u32le(b, end - 32 + 20) & 0x80000000 ? 32 : 0;
      end = Math.max(start, end - size - header);
      again = true;
    }
  }
  if (start === 0 && end === b.length) return null;
  // Only the start changed: the shared copy is the original from the audio on.
  if (end === b.length) return { head: new Uint8Array(0), tailFrom: start };
  return { head: copyOf(b, start, end), tailFrom: b.length };
}

const WAV_DROP = new Set(['LIST', 'id3 ', 'ID3 ', 'bext', 'iXML', '_PMX', 'XMP ', 'axml']);
function stripWav(b: Uint8Array): SharedCopy | null {
  const parts: Uint8Array[] = [];
  let dropped = false;
  let i = 12;
  while (i + 8 <= b.length) {
    const id = ascii(b, i, 4);
    const len = u32le(b, i + 4);
    const end = Math.min(b.length, i + 8 + len + (len & 1));
    if (WAV_DROP.has(id)) dropped = true;
    else parts.push(b.subarray(i, end));
    i = end;
  }
  if (!dropped) return null;
  const body = concat(parts);
  const header = copyOf(b, 0, 12);
  new DataView(header.buffer).setUint32(4, body.byteLength + 4, true);
  return { head: concat([header, body]), tailFrom: b.length };
}

/** XMP's uuid box (BE7ACFCB-97A9-42E8-9C71-999491E3AFAC). */
const XMP_UUID = [0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac];
const MP4_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

function stripMp4(b: Uint8Array): SharedCopy | null {
  const freed: [number, number][] = [];
  const scan = (from: number, to: number) => {
    let i = from;
    while (i + 8 <= to) {
      let size = u32be(b, i);
      const type = ascii(b, i + 4, 4);
      let header = 8;
      if (size === 1) {
        if (i + 16 > to) return;
        size = u32be(b, i + 8) * 2 ** 32 + u32be(b, i + 12);
        header = 16;
      } else if (size === 0) size = to - i;
      if (size < header || i + size > to) return;
      const xmp = type === 'uuid' && i + header + 16 <= to && XMP_UUID.every((v, k) => b[i + header + k] === v);
      if (type === 'udta' || type === 'meta' || xmp) freed.push([i, size]);
      else if (MP4_CONTAINERS.has(type)) scan(i + header, i + size);
      i += size;
    }
  };
  scan(0, b.length);
  if (freed.length === 0) return null;
  const last = Math.max(...freed.map(([at, size]) => at + size));
  const head = copyOf(b, 0, last);
  for (const [at, size] of freed) {
    const header = u32be(b, at) === 1 ? 16 : 8;
    head.fill(0, at + header, at + size);
    head.set([0x66, 0x72, 0x65, 0x65], at + 4); // 'free'
  }
  return { head, tailFrom: last };
}

/** Ogg's page checksum: CRC-32 with polynomial 0x04c11db7, not reflected, starting at 0. */
const OGG_CRC = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();
export function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (const v of page) crc = ((crc << 8) ^ OGG_CRC[((crc >>> 24) ^ v) & 0xff]!) >>> 0;
  return crc;
}

interface OggPage {
  at: number;
  end: number;
  flags: number;
  serial: number;
  seq: number;
  /** The packet pieces of this page: [start, end, completes-a-packet]. */
  pieces: [number, number, boolean][];
}

function readOggPage(b: Uint8Array, at: number): OggPage | null {
  if (at + 27 > b.length || ascii(b, at, 4) !== 'OggS') return null;
  const n = b[at + 26]!;
  let data = at + 27 + n;
  const pieces: [number, number, boolean][] = [];
  let start = data;
  for (let k = 0; k < n; k++) {
    const lace = b[at + 27 + k]!;
    data += lace;
    if (lace < 255) {
      pieces.push([start, data, true]);
      start = data;
    }
  }
  if (start < data) pieces.push([start, data, false]);
  if (data > b.length) return null;
  return { at, end: data, flags: b[at + 5]!, serial: u32le(b, at + 14), seq: u32le(b, at + 18), pieces };
}

function oggPage(template: Uint8Array, flags: number, seq: number, segments: number[], body: Uint8Array): Uint8Array {
  const page = new Uint8Array(27 + segments.length + body.byteLength);
  page.set(template.subarray(0, 27));
  page[5] = flags;
  const dv = new DataView(page.buffer);
  dv.setUint32(18, seq, true);
  dv.setUint32(22, 0, true);
  page[26] = segments.length;
  page.set(segments, 27);
  page.set(body, 27 + segments.length);
  dv.setUint32(22, oggCrc(page), true);
  return page;
}

/** Header packets laid out in pages (granule 0) as the format asks: each page at most 255 segments. */
function paginate(template: Uint8Array, packets: Uint8Array[], firstSeq: number): Uint8Array[] {
  const lacing: number[] = [];
  for (const p of packets) {
    for (let n = p.byteLength; n >= 255; n -= 255) lacing.push(255);
    lacing.push(p.byteLength % 255);
  }
  const data = concat(packets);
  const pages: Uint8Array[] = [];
  let used = 0;
  let continued = false;
  for (let k = 0; k < lacing.length; k += 255) {
    const segs = lacing.slice(k, k + 255);
    const len = segs.reduce((a, v) => a + v, 0);
    pages.push(oggPage(template, continued ? 1 : 0, firstSeq + pages.length, segs, data.subarray(used, used + len)));
    used += len;
    continued = segs.at(-1) === 255;
  }
  return pages;
}

function stripOgg(b: Uint8Array): SharedCopy | null {
  const first = readOggPage(b, 0);
  if (!first || first.pieces.length !== 1) return null;
  const id = b.subarray(first.pieces[0]![0], first.pieces[0]![1]);
  const vorbis = id[0] === 1 && ascii(id, 1, 6) === 'vorbis';
  const opus = ascii(id, 0, 8) === 'OpusHead';
  if (!vorbis && !opus) return null;
  // The header packets after the identification one: Vorbis has a comment and a setup header, Opus a comment header.
  const wanted = vorbis ? 2 : 1;
  const packets: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  let at = first.end;
  let oldPages = 0;
  while (packets.length < wanted) {
    const page = readOggPage(b, at);
    if (!page || page.serial !== first.serial) return null;
    for (const [s, e, done] of page.pieces) {
      current.push(b.subarray(s, e));
      if (done) {
        packets.push(concat(current));
        current = [];
      }
    }
    at = page.end;
    oldPages++;
  }
  // The audio starts on a fresh page; anything else is not a file this can rewrite safely.
  if (packets.length !== wanted || current.length) return null;
  const comment = packets[0]!;
  const magic = vorbis ? 7 : 8;
  if (comment.byteLength < magic + 8) return null;
  const vendorLen = u32le(comment, magic);
  const countAt = magic + 4 + vendorLen;
  if (countAt + 4 > comment.byteLength) return null;
  if (vendorLen === 0 && u32le(comment, countAt) === 0 && comment.byteLength <= countAt + 4 + (vorbis ? 1 : 0)) return null;
  const empty = new Uint8Array(magic + 8 + (vorbis ? 1 : 0));
  empty.set(comment.subarray(0, magic));
  if (vorbis) empty[empty.length - 1] = 1; // the framing bit
  const pages = paginate(b.subarray(first.at, first.at + 27), [empty, ...packets.slice(1)], 1);
  const shift = pages.length - oldPages;
  if (shift === 0) return { head: concat([b.subarray(0, first.end), ...pages]), tailFrom: at };
  // Fewer (or more) header pages: every later page of this stream gets its new number and checksum.
  const rest: Uint8Array[] = [];
  for (let p = readOggPage(b, at); p; p = readOggPage(b, p.end)) {
    const copy = copyOf(b, p.at, p.end);
    if (p.serial === first.serial) {
      const dv = new DataView(copy.buffer);
      dv.setUint32(18, p.seq + shift, true);
      dv.setUint32(22, 0, true);
      dv.setUint32(22, oggCrc(copy), true);
    }
    rest.push(copy);
    at = p.end;
  }
  return { head: concat([b.subarray(0, first.end), ...pages, ...rest, b.subarray(at)]), tailFrom: b.length };
}

/** An EBML variable-length number at `i`: its value and length in bytes. */
function vint(b: Uint8Array, i: number, keepMarker: boolean): { value: number; len: number } | null {
  const first = b[i];
  if (first === undefined || first === 0) return null;
  const len = Math.clz32(first) - 23;
  if (i + len > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> len);
  let allOnes = value === (0xff >> len);
  for (let k = 1; k < len; k++) {
    value = value * 256 + b[i + k]!;
    if (b[i + k] !== 0xff) allOnes = false;
  }
  return { value: allOnes && !keepMarker ? -1 : value, len };
}

const EBML_SEGMENT = 0x18538067;
const EBML_INFO = 0x1549a966;
const EBML_VOIDED = new Set([0x1254c367 /* Tags */, 0x1941a469 /* Attachments */]);
const EBML_TITLE = 0x7ba9;

/** Overwrites [at, at+size) with one Void element (ID 0xEC) of exactly that size. */
function voidOut(out: Uint8Array, at: number, size: number): void {
  out.fill(0, at, at + size);
  out[at] = 0xec;
  if (size >= 9) {
    out[at + 1] = 0x01;
    let rest = size - 9;
    for (let k = 8; k >= 2; k--, rest = Math.floor(rest / 256)) out[at + k] = rest % 256;
  } else {
    out[at + 1] = 0x80 >> (size - 2);
  }
}

function stripWebm(b: Uint8Array): SharedCopy | null {
  const voided: [number, number][] = [];
  const element = (i: number) => {
    const id = vint(b, i, true);
    if (!id) return null;
    const size = vint(b, i + id.len, false);
    if (!size) return null;
    return { id: id.value, data: i + id.len + size.len, size: size.value };
  };
  const scan = (from: number, to: number, inInfo: boolean) => {
    for (let i = from; i < to; ) {
      const e = element(i);
      if (!e) return;
      // An element of unknown size (a live recording's cluster) cannot be skipped over.
      if (e.size < 0) {
        if (e.id === EBML_SEGMENT) scan(e.data, b.length, false);
        return;
      }
      const end = e.data + e.size;
      if (end > to) return;
      if (EBML_VOIDED.has(e.id) || (inInfo && e.id === EBML_TITLE)) voided.push([i, end - i]);
      else if (e.id === EBML_SEGMENT) scan(e.data, end, false);
      else if (e.id === EBML_INFO) scan(e.data, end, true);
      i = end;
    }
  };
  scan(0, b.length, false);
  if (voided.length === 0) return null;
  const last = Math.max(...voided.map(([at, size]) => at + size));
  const head = copyOf(b, 0, last);
  for (const [at, size] of voided) voidOut(head, at, size);
  return { head, tailFrom: last };
}

/** The shared copy of an audio file of type `mime`, or null when it carries no tags to remove. */
export function strippedAudio(bytes: Uint8Array, mime: string): SharedCopy | null {
  switch (mime) {
    case 'audio/mpeg':
      return stripMp3(bytes);
    case 'audio/wav':
      return stripWav(bytes);
    case 'audio/mp4':
      return stripMp4(bytes);
    case 'audio/ogg':
      return stripOgg(bytes);
    case 'audio/webm':
      return stripWebm(bytes);
    default:
      return null;
  }
}

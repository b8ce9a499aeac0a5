/**
 * The copy of an image that leaves the journal (report, exports): the same pixels without the
 * metadata that can say where and with what it was taken. Works on the container, never re-encodes:
 * - JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) and COM segments; the image data is untouched.
 * - PNG: drops eXIf, tEXt, zTXt and iTXt chunks (EXIF and XMP live there).
 * - WebP: drops EXIF and XMP chunks and clears their flags in VP8X.
 * - GIF: drops application extensions carrying XMP.
 * Other formats come back unchanged (null: the original is the shared copy).
 */
import type { SensitiveMetadata } from '../../../shared/attachments.js';
import { hasSensitive, type Sniffed } from './content.js';
import { strippedAudio } from './strip-audio.js';
import { strippedPdf } from './strip-pdf.js';
import { ascii, concat, copyOf, u32be, u32le } from './bytes.js';

/** The JPEG's header without the dropped segments, and where its image data starts (kept as is). */
function stripJpeg(b: Uint8Array): SharedCopy {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1]!;
    // Start of scan: the rest is image data (and the end marker).
    if (marker === 0xda) break;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    const end = i + 2 + len;
    if (len < 2 || end > b.length) break;
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) parts.push(b.subarray(i, end));
    i = end;
  }
  return { head: concat(parts), tailFrom: i };
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);
function stripPng(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = u32be(b, i);
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + len;
    if (end > b.length) {
      parts.push(b.subarray(i));
      return concat(parts);
    }
    if (!PNG_DROP.has(type)) parts.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

function stripWebp(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = ascii(b, i, 4);
    const len = u32le(b, i + 4);
    const end = Math.min(b.length, i + 8 + len + (len & 1));
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = copyOf(b, i, end);
      // VP8X flags: bit 3 = EXIF present, bit 2 = XMP present.
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c;
      parts.push(chunk);
    }
    i = end;
  }
  const body = concat(parts);
  const header = copyOf(b, 0, 12);
  const size = body.byteLength + 4;
  header[4] = size & 0xff;
  header[5] = (size >>> 8) & 0xff;
  header[6] = (size >>> 16) & 0xff;
  header[7] = (size >>> 24) & 0xff;
  return concat([header, body]);
}

/** GIF: the XMP application extension ("XMP DataXMP") is removed; everything else is copied block by block. */
function stripGif(b: Uint8Array): Uint8Array {
  const xmp = new TextEncoder().encode('XMP DataXMP');
  for (let i = 13; i + 14 < b.length; i++) {
    if (b[i] === 0x21 && b[i + 1] === 0xff && b[i + 2] === 0x0b && b.subarray(i + 3, i + 14).every((v, k) => v === xmp[k])) {
      // Skip the sub-blocks up to the terminator.
      let j = i + 14;
      while (j < b.length && b[j] !== 0) j += b[j]! + 1;
      return concat([b.subarray(0, i), b.subarray(Math.min(b.length, j + 1))]);
    }
  }
  return b;
}

/**
 * The shared copy is `head` followed by the original from `tailFrom` on. A JPEG's metadata sits in
 * its header, so only the stripped header is stored and the image data is read from the original:
 * attaching a large photo writes its bytes once, not twice.
 */
export interface SharedCopy {
  head: Uint8Array;
  tailFrom: number;
}

/** The shared copy of `bytes` (a `mime` image), or null when it has nothing to strip. */
export function strippedCopy(bytes: Uint8Array, mime: string): SharedCopy | null {
  let out: SharedCopy;
  if (mime === 'image/jpeg') out = stripJpeg(bytes);
  else if (mime === 'image/png') out = { head: stripPng(bytes), tailFrom: bytes.byteLength };
  else if (mime === 'image/webp') out = { head: stripWebp(bytes), tailFrom: bytes.byteLength };
  else if (mime === 'image/gif') out = { head: stripGif(bytes), tailFrom: bytes.byteLength };
  else return null;
  return out.head.byteLength + (bytes.byteLength - out.tailFrom) === bytes.byteLength ? null : out;
}

/**
 * The shared copy of any attached file, and what the person is told it carries. Images and PDFs get
 * one when their metadata says something about where, with what or by whom they were made
 * (`hasSensitive`); a PDF that cannot be read or rewritten (damaged, password-protected) has none, so
 * the original is what leaves, and the evidence said nothing was found. Audio is always looked at by
 * its container, since a tag parser can fail on a file whose tags are still plain to see: tags found
 * only that way are reported as `details`.
 */
export async function sharedCopyFor(bytes: Uint8Array, type: Sniffed, sensitive: SensitiveMetadata): Promise<{ shared: SharedCopy | null; sensitive: SensitiveMetadata }> {
  const found = hasSensitive(sensitive);
  if (type.kind === 'audio') {
    const shared = strippedAudio(bytes, type.mime);
    return { shared, sensitive: shared && !found ? { ...sensitive, details: true } : sensitive };
  }
  if (!found) return { shared: null, sensitive };
  if (type.kind === 'image') return { shared: strippedCopy(bytes, type.mime), sensitive };
  if (type.kind === 'pdf') {
    const pdf = await strippedPdf(bytes);
    return { shared: pdf ? { head: pdf, tailFrom: bytes.byteLength } : null, sensitive };
  }
  return { shared: null, sensitive };
}

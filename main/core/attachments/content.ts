/**
 * What an attached file is, judged by its content: its type (the name's extension must agree), its
 * evidence metadata (capture time, size, length) and the metadata that could say where the person was
 * or which device they used. Pure functions over bytes in memory: nothing here touches the disk.
 */
import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import { parseBuffer, type IAudioMetadata } from 'music-metadata';
import { FulcrumError, type ErrorReason } from '../../../shared/errors.js';
import { ATTACHMENT_LIMITS, type AttachmentKind, type SensitiveMetadata } from '../../../shared/attachments.js';
import { pdfMetadata } from './strip-pdf.js';

export interface Sniffed {
  mime: string;
  kind: AttachmentKind;
}

/** A detected type (file-type's extension) → what Fulcrum stores it as. */
const BY_DETECTED: Readonly<Record<string, Sniffed>> = {
  png: { mime: 'image/png', kind: 'image' },
  jpg: { mime: 'image/jpeg', kind: 'image' },
  webp: { mime: 'image/webp', kind: 'image' },
  gif: { mime: 'image/gif', kind: 'image' },
  pdf: { mime: 'application/pdf', kind: 'pdf' },
  m4a: { mime: 'audio/mp4', kind: 'audio' },
  mp4: { mime: 'audio/mp4', kind: 'audio' },
  mp3: { mime: 'audio/mpeg', kind: 'audio' },
  ogg: { mime: 'audio/ogg', kind: 'audio' },
  oga: { mime: 'audio/ogg', kind: 'audio' },
  opus: { mime: 'audio/ogg', kind: 'audio' },
  wav: { mime: 'audio/wav', kind: 'audio' },
  webm: { mime: 'audio/webm', kind: 'audio' },
};

/** A name's extension → the detected types it may hold. */
const BY_NAME: Readonly<Record<string, readonly string[]>> = {
  png: ['png'],
  jpg: ['jpg'],
  jpeg: ['jpg'],
  jfif: ['jpg'],
  webp: ['webp'],
  gif: ['gif'],
  pdf: ['pdf'],
  m4a: ['m4a', 'mp4'],
  mp3: ['mp3'],
  ogg: ['ogg', 'oga', 'opus'],
  oga: ['ogg', 'oga', 'opus'],
  opus: ['ogg', 'oga', 'opus'],
  wav: ['wav'],
  webm: ['webm'],
  weba: ['webm'],
  txt: ['text'],
  text: ['text'],
};

const HEIF = new Set(['heic', 'heif', 'avif']);

const LABEL: Readonly<Record<string, string>> = {
  text: 'plain text',
  jpg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  gif: 'a GIF image',
  pdf: 'a PDF',
};

export const NOT_ACCEPTED =
  'Fulcrum cannot keep this kind of file. It keeps images (PNG, JPEG, WebP, GIF), PDFs, audio (m4a, mp3, ogg, wav, webm) and plain text (.txt).';

export const HEIC_NOT_SUPPORTED =
  'HEIC/HEIF photos are not supported yet: this copy of Fulcrum has no maintained decoder for them. Save the photo as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible, or share it as JPEG) and attach that.';

/** A refusal with its reason (shared/errors.ts), so the screen words it in the person's language. */
const refuse = (message: string, detail: { reason: ErrorReason } & Record<string, string | number>) => new FulcrumError('VALIDATION', message, detail);

export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's type by its content. Refused, with a message for the person: an empty or too large file,
 * a type Fulcrum does not keep, HEIC, and a file whose content is not what its extension says.
 */
export async function sniff(bytes: Uint8Array, name: string): Promise<Sniffed> {
  if (bytes.byteLength === 0) throw refuse('This file is empty, so there is nothing to attach.', { reason: 'attachmentEmpty' });
  if (bytes.byteLength > ATTACHMENT_LIMITS.fileBytes) {
    const megabytes = ATTACHMENT_LIMITS.fileBytes / 1024 / 1024;
    throw refuse(`This file is larger than ${megabytes} MB, the most one attachment can be. Nothing was attached.`, { reason: 'attachmentTooLarge', megabytes });
  }
  const found = await fileTypeFromBuffer(bytes);
  const detected = found ? found.ext : isPlainText(bytes) ? 'text' : null;
  if (detected !== null && HEIF.has(detected)) throw refuse(HEIC_NOT_SUPPORTED, { reason: 'attachmentHeic' });
  const ext = extensionOf(name);
  if (ext !== null && HEIF.has(ext)) throw refuse(HEIC_NOT_SUPPORTED, { reason: 'attachmentHeic' });
  const type = detected === 'text' ? ({ mime: 'text/plain', kind: 'text' } as const) : detected ? BY_DETECTED[detected] : undefined;
  if (!type || detected === null) throw refuse(NOT_ACCEPTED, { reason: 'attachmentType' });
  // A name without an extension (a pasted screenshot, a recording) has nothing to contradict.
  const allowed = ext === null ? null : BY_NAME[ext];
  if (ext !== null && !allowed) throw refuse(NOT_ACCEPTED, { reason: 'attachmentType' });
  if (allowed && !allowed.includes(detected)) {
    throw refuse(
      `This file's name ends in .${ext}, but its content is ${LABEL[detected] ?? `a .${detected} file`}. It was not attached: Fulcrum goes by what a file holds, not its name. Save it again in the format its name says, or rename it to match.`,
      { reason: 'attachmentMismatch', extension: ext ?? '', content: detected },
    );
  }
  return type;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface Evidence {
  capturedAt: string | null;
  width?: number;
  height?: number;
  durationMs?: number;
  sensitive: SensitiveMetadata;
}

const NONE: SensitiveMetadata = { gps: null, device: null, xmp: false };

/** "2024:03:02 19:10:00" (+ "+01:00") → "2024-03-02T19:10:00+01:00"; null when it is not a real time. */
function exifTime(raw: unknown, offset: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  if (Number.isNaN(Date.parse(`${iso}Z`)) || m[1] === '0000') return null;
  return typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? `${iso}${offset}` : iso;
}

const clean = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 120) : typeof v === 'number' ? String(v) : null);

/** Does the file carry an XMP packet? (Its marker is plain ASCII in every format that embeds one.) */
const XMP_MARKERS = [Buffer.from('http://ns.adobe.com/xap/1.0/'), Buffer.from('<x:xmpmeta'), Buffer.from('XML:com.adobe.xmp')];
const hasXmp = (bytes: Uint8Array): boolean => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4 * 1024 * 1024));
  return XMP_MARKERS.some((m) => b.includes(m));
};

async function imageEvidence(bytes: Uint8Array): Promise<Evidence> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      reviveValues: false,
      translateValues: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    // A damaged EXIF block is not a reason to refuse the image; it just tells nothing.
    tags = undefined;
  }
  const t = tags ?? {};
  const lat = t.latitude;
  const lon = t.longitude;
  const gps = typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) ? `${lat.toFixed(4)}, ${lon.toFixed(4)}` : null;
  const deviceParts = [clean(t.Make), clean(t.Model), clean(t.BodySerialNumber ?? t.SerialNumber ?? t.CameraSerialNumber), clean(t.LensSerialNumber)].filter(
    (x): x is string => x !== null,
  );
  const size = imageSize(bytes);
  return {
    capturedAt: exifTime(t.DateTimeOriginal ?? t.CreateDate, t.OffsetTimeOriginal),
    ...(size ?? {}),
    sensitive: { gps, device: deviceParts.length ? deviceParts.join(' · ') : null, xmp: hasXmp(bytes) },
  };
}

/** Width and height from the header of a PNG, GIF, JPEG or WebP (no decoding). */
export function imageSize(b: Uint8Array): { width: number; height: number } | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ok = (w: number, h: number) => (w > 0 && h > 0 ? { width: w, height: h } : null);
  try {
    if (b[0] === 0x89 && b[1] === 0x50) return ok(dv.getUint32(16), dv.getUint32(20));
    if (b[0] === 0x47 && b[1] === 0x49) return ok(dv.getUint16(6, true), dv.getUint16(8, true));
    if (b[0] === 0xff && b[1] === 0xd8) {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return null;
        const marker = b[i + 1]!;
        const len = dv.getUint16(i + 2);
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return ok(dv.getUint16(i + 7), dv.getUint16(i + 5));
        i += 2 + len;
      }
      return null;
    }
    if (String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') {
      const chunk = String.fromCharCode(...b.subarray(12, 16));
      if (chunk === 'VP8X') return ok(1 + (dv.getUint32(24, true) & 0xffffff), 1 + (dv.getUint32(27, true) & 0xffffff));
      if (chunk === 'VP8 ') return ok(dv.getUint16(26, true) & 0x3fff, dv.getUint16(28, true) & 0x3fff);
      if (chunk === 'VP8L') {
        const bits = dv.getUint32(21, true);
        return ok((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** Tags that name a place (MP4 ©xyz, QuickTime ISO 6709 location, a GPS tag in any format). */
const PLACE_TAG = /(?:^|[^a-z])(?:©xyz|xyz|location|iso6709|gps)/i;
/** Tags that name the recording device or the software that encoded it. */
const DEVICE_TAG = /^(?:©mak|©mod|©too|©enc|©swr|com\.apple\.quicktime\.(?:make|model|software)|encoder|encoded_?by|encoding|tsse|tenc|isft|tool)$/i;
/** Tags that name a person. */
const PERSON_TAG = /^(?:artist|albumartist|album_?artist|©art|aart|©wrt|composer|performer|tpe[1-4]|tcom|text|iart|ieng|author)$/i;

const MP4_EPOCH_MS = Date.UTC(1904, 0, 2);

/** A QuickTime ©xyz user-data item ("+52.5200+013.4050/"), which tag parsers skip outside iTunes lists. */
function mp4Place(b: Uint8Array): string | null {
  const at = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 8 * 1024 * 1024)).indexOf(Buffer.from([0xa9, 0x78, 0x79, 0x7a]));
  if (at < 4 || at + 8 > b.byteLength) return null;
  const len = (b[at + 4]! << 8) | b[at + 5]!;
  const text = Buffer.from(b.subarray(at + 8, Math.min(b.byteLength, at + 8 + len))).toString('latin1');
  return /^[+-]\d/.test(text) ? text.replace(/\/$/, '').slice(0, 40) : null;
}

/** What an audio file's tags say about where, with what and by whom it was recorded. */
function audioSensitive(meta: IAudioMetadata, place: string | null): SensitiveMetadata {
  let gps = place;
  const device: string[] = [];
  const people: string[] = [];
  let details = false;
  for (const tags of Object.values(meta.native)) {
    for (const tag of tags) {
      // Matroska names a tag by its target ("track:ARTIST").
      const id = tag.id.replace(/^[a-z]+:/i, '');
      const v = typeof tag.value === 'string' || typeof tag.value === 'number' ? clean(tag.value) : null;
      if (PLACE_TAG.test(id)) gps ??= v ?? '';
      else if (DEVICE_TAG.test(id)) {
        if (v && !device.includes(v)) device.push(v);
      } else if (PERSON_TAG.test(id)) {
        if (v && !people.includes(v)) people.push(v);
      } else if (id.toLowerCase() !== 'vendor') details = true;
    }
  }
  return {
    gps: gps === null ? null : gps || 'a place',
    device: device.length ? device.join(' · ') : null,
    xmp: false,
    ...(people.length ? { author: people.join(' · ') } : {}),
    ...(details ? { details } : {}),
  };
}

async function pdfEvidence(bytes: Uint8Array): Promise<Evidence> {
  const m = await pdfMetadata(bytes);
  if (!m) return { capturedAt: null, sensitive: NONE };
  return {
    capturedAt: null,
    sensitive: { gps: null, device: m.software, xmp: m.xmp, ...(m.author ? { author: m.author } : {}), ...(m.details ? { details: true } : {}) },
  };
}

async function audioEvidence(bytes: Uint8Array, mime: string): Promise<Evidence> {
  try {
    const meta = await parseBuffer(bytes, { mimeType: mime }, { duration: true, skipCovers: true });
    // An MP4 creation time of 0 is 1904-01-01, the format's epoch: a recorder that wrote none.
    const created = meta.format.creationTime && meta.format.creationTime.getTime() > MP4_EPOCH_MS ? meta.format.creationTime : undefined;
    const date = meta.common.date ?? created?.toISOString();
    const capturedAt = date && !Number.isNaN(Date.parse(date)) ? date : null;
    const seconds = meta.format.duration;
    return {
      capturedAt,
      ...(typeof seconds === 'number' && Number.isFinite(seconds) ? { durationMs: Math.round(seconds * 1000) } : {}),
      sensitive: audioSensitive(meta, mime === 'audio/mp4' ? mp4Place(bytes) : null),
    };
  } catch {
    return { capturedAt: null, sensitive: NONE };
  }
}

/**
 * Capture time, size/length and sensitive metadata, as far as the format says (what the shared copy
 * strips): images' EXIF and XMP, a PDF's information dictionary and XMP, audio tags. Text is not inspected.
 */
export async function evidenceOf(bytes: Uint8Array, type: Sniffed): Promise<Evidence> {
  if (type.kind === 'image') return imageEvidence(bytes);
  if (type.kind === 'audio') return audioEvidence(bytes, type.mime);
  if (type.kind === 'pdf') return pdfEvidence(bytes);
  return { capturedAt: null, sensitive: NONE };
}

export const hasSensitive = (s: SensitiveMetadata): boolean => s.gps !== null || s.device !== null || s.xmp || Boolean(s.author) || s.details === true;

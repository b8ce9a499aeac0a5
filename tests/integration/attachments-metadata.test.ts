import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { unzipSync } from 'fflate';
import { parseBuffer } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import type { AttachmentBytes, AttachmentMeta } from '../../shared/attachments.js';
import type { Reply } from '../../shared/errors.js';
import type { ExportZipFile, ZipManifest } from '../../shared/portability.js';
import { oggCrc as coreOggCrc, strippedAudio } from '../../main/core/attachments/strip-audio.js';
import { strippedCopy } from '../../main/core/attachments/strip.js';
import { createdService } from '../helpers/journal.js';
import { wavWith } from '../helpers/attachments.js';
import { m4aWith, mp3With, oggCrc, oggPages, opusWith, pdfWith, webmWith } from '../helpers/media-files.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const DAY = Date.UTC(2025, 4, 1, 12);
/** Joined at run time, so this source never holds the phrase the files carry. */
const CANARY = ['Metacan', 'ary-Quokka-', '6617'].join('');

async function setup() {
  const s = await createdService();
  const entry = await s.call<{ id: number }>('entries.create', { occurredAt: DAY, timeZone: 'UTC', title: 'a day', body: 'what happened' });
  const upload = async (data: Uint8Array, name: string) => {
    const r = (await s.service.dispatch('attachments.upload', { data, name, options: { owner: { kind: 'entry', id: entry.id } } })) as Reply<AttachmentMeta>;
    if (!r.ok) throw new Error(`upload failed: ${r.error.message}`);
    return r.value;
  };
  const bytes = async (id: number, variant: 'original' | 'shared') => {
    const r = (await s.service.dispatch('attachments.bytes', { id, variant })) as Reply<AttachmentBytes>;
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    return Buffer.from(r.value.data);
  };
  const exported = async () => {
    const built = await s.call<ExportZipFile>('export.buildZip', { format: 'json', scope: {} });
    const files = unzipSync(Buffer.from(built.base64, 'base64'));
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
    return { files, manifest };
  };
  return { ...s, entry, upload, bytes, exported };
}

const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

/**
 * For each kind: the metadata is shown on attaching, the shared copy (what a report and an export
 * carry) lacks the canary but keeps the content, the original still hashes the same, and "keep" keeps it.
 */
async function checkStripped(file: Buffer, name: string, content: string | null) {
  const { upload, bytes, call, exported } = await setup();
  const pristine = Buffer.from(file);
  expect(has(file, CANARY)).toBe(true);
  const a = await upload(file, name);
  // Making the shared copy never writes into the bytes it was given.
  expect(file.equals(pristine)).toBe(true);
  expect(a.sha256).toBe(sha(pristine));
  const original = await bytes(a.id, 'original');
  expect(original.equals(pristine)).toBe(true);
  const shared = await bytes(a.id, 'shared');
  expect(has(shared, CANARY)).toBe(false);
  if (content !== null) expect(has(shared, content)).toBe(true);

  const { files, manifest } = await exported();
  const listed = manifest.files.find((f) => f.originalSha256 === a.sha256)!;
  expect(listed).toMatchObject({ metadataRemoved: true });
  const left = Buffer.from(files[listed.path]!);
  expect(left.equals(shared)).toBe(true);
  expect(has(left, CANARY)).toBe(false);
  // The original in the journal is untouched by all this.
  expect(sha(await bytes(a.id, 'original'))).toBe(a.sha256);

  await call('attachments.update', { id: a.id, patch: { keepSensitive: true } });
  expect((await bytes(a.id, 'shared')).equals(file)).toBe(true);
  const kept = await exported();
  const keptFile = Buffer.from(kept.files[kept.manifest.files.find((f) => f.originalSha256 === a.sha256)!.path]!);
  expect(keptFile.equals(file)).toBe(true);
  return { meta: a, shared };
}

describe('PDF metadata: shown on attaching, removed from the copies that leave', () => {
  it('drops the information dictionary and the XMP stream; the page and its text stay', async () => {
    const pdf = await pdfWith(CANARY, 'PAGETEXT-PDF');
    const { meta, shared } = await checkStripped(pdf, 'letter.pdf', null);
    expect(meta.sensitive).toMatchObject({ author: `${CANARY} author`, device: `${CANARY} creator · ${CANARY} producer`, xmp: true, details: true });
    const doc = await PDFDocument.load(shared, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 300, height: 200 });
    expect(doc.getAuthor()).toBeUndefined();
    expect(doc.getProducer()).toBeUndefined();
    expect(has(shared, 'xmpmeta')).toBe(false);
  });

  it('a PDF it cannot read is kept and leaves as it is (nothing to rewrite), without refusing the file', async () => {
    const { upload, bytes } = await setup();
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.from(`garbage ${CANARY}`, 'latin1')]);
    const a = await upload(broken, 'broken.pdf');
    expect(a.sensitive).toEqual({ gps: null, device: null, xmp: false });
    expect((await bytes(a.id, 'shared')).equals(broken)).toBe(true);
  });
});

describe('audio tags: shown on attaching, removed from the copies that leave', () => {
  it('MP3: ID3v2 and ID3v1 go, the frames stay', async () => {
    const { meta, shared } = await checkStripped(mp3With(CANARY, 'MP3FRAMES-KEPT'), 'voice.mp3', 'MP3FRAMES-KEPT');
    expect(meta.sensitive).toMatchObject({ author: `${CANARY} artist`, device: `${CANARY} encoder`, details: true });
    expect(shared.subarray(0, 2).equals(Buffer.from([0xff, 0xfb]))).toBe(true);
    expect(shared.length).toBe(40 * 417);
  });

  it('WAV: the INFO list goes, the samples stay', async () => {
    const wav = wavWith(CANARY);
    const { meta, shared } = await checkStripped(wav, 'voice.wav', 'data');
    expect(meta.sensitive).toMatchObject({ details: true });
    const samples = (b: Buffer) => b.subarray(b.indexOf(Buffer.from('data', 'latin1')));
    expect(samples(shared).equals(samples(wav))).toBe(true);
    expect(shared.readUInt32LE(4)).toBe(shared.length - 8);
    expect((await parseBuffer(shared, { mimeType: 'audio/wav' })).format.duration).toBeCloseTo(1, 2);
  });

  it('M4A: udta and meta become free boxes of the same size, so the sample offsets still point at the audio', async () => {
    const m4a = m4aWith(CANARY, 'M4ASAMPLES-KEPT');
    const { meta, shared } = await checkStripped(m4a, 'voice.m4a', 'M4ASAMPLES-KEPT');
    expect(meta.sensitive).toMatchObject({ author: `${CANARY} artist`, device: `${CANARY} encoder`, details: true });
    expect(shared.length).toBe(m4a.length);
    const stco = shared.indexOf(Buffer.from('stco', 'latin1'));
    const offset = shared.readUInt32BE(stco + 12);
    expect(shared.toString('latin1', offset, offset + 15)).toBe('M4ASAMPLES-KEPT');
    expect(has(shared, '+52.5200')).toBe(false);
    const tags = await parseBuffer(shared, { mimeType: 'audio/mp4' });
    expect(tags.common.artist).toBeUndefined();
  });

  it('Ogg Opus: the comment header is rewritten empty; pages keep valid numbers and checksums', async () => {
    const ogg = opusWith(CANARY, 'OPUSAUDIO-KEPT');
    const { meta, shared } = await checkStripped(ogg, 'voice.ogg', 'OPUSAUDIO-KEPT');
    expect(meta.sensitive).toMatchObject({ author: `${CANARY} artist`, details: true });
    expect(meta.sensitive.gps).not.toBeNull();
    const pages = oggPages(shared);
    expect(pages.map((p) => p.seq)).toEqual(pages.map((_, i) => i));
    expect(pages.every((p) => p.crcOk)).toBe(true);
    const tags = await parseBuffer(shared, { mimeType: 'audio/ogg' });
    expect(tags.common.artist).toBeUndefined();
    expect(tags.format.codec).toMatch(/opus/i);
  });

  it('Ogg Opus with a comment header over two pages: later pages are renumbered and re-checksummed', async () => {
    const ogg = opusWith(CANARY, 'OPUSAUDIO-KEPT', 70_000);
    expect(oggPages(ogg).length).toBe(6);
    const copy = strippedAudio(ogg, 'audio/ogg')!;
    const shared = Buffer.concat([copy.head, ogg.subarray(copy.tailFrom)]);
    const pages = oggPages(shared);
    expect(pages.length).toBe(5);
    expect(pages.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(pages.every((p) => p.crcOk)).toBe(true);
    expect(has(shared, CANARY)).toBe(false);
    expect(has(shared, 'OPUSAUDIO-KEPT2')).toBe(true);
  });

  it("WebM: Tags and the segment title become Void elements; the blocks stay where they were", async () => {
    const webm = webmWith(CANARY, 'WEBMBLOCK-KEPT');
    const { meta, shared } = await checkStripped(webm, 'voice.webm', 'WEBMBLOCK-KEPT');
    expect(meta.sensitive).toMatchObject({ author: `${CANARY} artist` });
    expect(shared.length).toBe(webm.length);
    expect(shared.indexOf(Buffer.from('WEBMBLOCK-KEPT'))).toBe(webm.indexOf(Buffer.from('WEBMBLOCK-KEPT')));
    const tags = await parseBuffer(shared, { mimeType: 'audio/webm' });
    expect(tags.common.artist).toBeUndefined();
  });

  it("a file with no tags has no shared copy of its own: the original leaves", () => {
    const plain = Buffer.concat([Buffer.alloc(0), mp3With('x').subarray(0, 0)]);
    expect(strippedAudio(plain, 'audio/mpeg')).toBeNull();
    const frames = mp3With(CANARY);
    const noTags = frames.subarray(frames.indexOf(Buffer.from([0xff, 0xfb])), frames.length - 128);
    expect(strippedAudio(noTags, 'audio/mpeg')).toBeNull();
  });

  it("Ogg's checksum is CRC-32 with polynomial 0x04c11db7 from 0, unreflected (check value of '123456789')", () => {
    expect(coreOggCrc(Buffer.from('123456789'))).toBe(0x89a1897f);
    expect(oggCrc(Buffer.from('123456789'))).toBe(0x89a1897f);
  });
});

describe('making a shared copy leaves the given bytes alone', () => {
  it('a WebP handed over as a Buffer keeps its RIFF size and VP8X flags (a Buffer slice is a view, not a copy)', () => {
    const chunk = (type: string, data: Buffer) => {
      const h = Buffer.alloc(8);
      h.write(type, 0, 'latin1');
      h.writeUInt32LE(data.length, 4);
      return Buffer.concat([h, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08; // EXIF present
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunk('VP8X', vp8x), chunk('EXIF', Buffer.from(`${CANARY} exif`)), chunk('VP8L', Buffer.alloc(20, 7))]);
    const riff = Buffer.alloc(8);
    riff.write('RIFF', 0, 'latin1');
    riff.writeUInt32LE(body.length, 4);
    const webp = Buffer.concat([riff, body]);
    const pristine = Buffer.from(webp);
    const copy = strippedCopy(webp, 'image/webp')!;
    expect(webp.equals(pristine)).toBe(true);
    const shared = Buffer.from(copy.head);
    expect(has(shared, CANARY)).toBe(false);
    expect(shared.readUInt32LE(4)).toBe(shared.length - 8);
    expect(shared[20]! & 0x08).toBe(0);
  });
});

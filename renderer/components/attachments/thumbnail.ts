/**
 * Drawing an image's thumbnail in the page, in memory (decode → canvas → WebP/JPEG Blob). Apart from
 * client.ts so the attach logic there runs without a DOM.
 */
import { ATTACHMENT_LIMITS } from '../../../shared/attachments.js';
import { jpegReduction, jpegSize, THUMB_PX } from './preview-size.js';

export { THUMB_PX } from './preview-size.js';

/**
 * The part of WebCodecs' ImageDecoder used here (Chromium has it; TypeScript's DOM library does not
 * describe it yet). Its frames are VideoFrames that carry the EXIF orientation (`displayWidth`,
 * `displayHeight`, rotation), which drawImage applies.
 */
interface Decoder {
  decode(): Promise<{ image: VideoFrame }>;
  close(): void;
}
interface DecoderClass {
  new (init: { data: ReadableStream<Uint8Array> | ArrayBuffer; type: string; desiredWidth?: number; desiredHeight?: number }): Decoder;
  isTypeSupported(type: string): Promise<boolean>;
}
const imageDecoder = (): DecoderClass | null => (globalThis as { ImageDecoder?: DecoderClass }).ImageDecoder ?? null;

/** How much of a JPEG is read to find its size: its metadata segments come first (64 KB each at most). */
const HEADER_BYTES = 512 * 1024;

/**
 * A JPEG decoded straight at a fraction of its size (ImageDecoder's desired size: the decoder skips
 * most of the inverse DCT), which for a 20-megapixel photo is about half the time of a full decode.
 * Null where ImageDecoder is missing or cannot do it; the caller then decodes it fully.
 */
async function reducedJpeg(file: Blob): Promise<VideoFrame | null> {
  const Decoder = imageDecoder();
  if (!Decoder) return null;
  // The file's content decides, not its type (a pasted image may come without one).
  const size = jpegSize(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  if (!size || !(await Decoder.isTypeSupported('image/jpeg'))) return null;
  const k = jpegReduction(size.width, size.height);
  const decoder = new Decoder({
    data: await file.arrayBuffer(),
    type: 'image/jpeg',
    desiredWidth: Math.ceil(size.width / k),
    desiredHeight: Math.ceil(size.height / k),
  });
  try {
    return (await decoder.decode()).image;
  } catch {
    return null;
  } finally {
    decoder.close();
  }
}

/** The image source, its size as shown (EXIF orientation applied) and how to let it go. */
interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function decode(file: Blob): Promise<Decoded | null> {
  const frame = await reducedJpeg(file).catch(() => null);
  if (frame) return { source: frame, width: frame.displayWidth, height: frame.displayHeight, close: () => frame.close() };
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    return null;
  }
}

/**
 * Draws an image's thumbnail in memory (decode → canvas → WebP/JPEG Blob); null when the browser
 * cannot decode it. EXIF orientation is applied by the decoder; no metadata is copied into it.
 * Nothing is written anywhere: the file is read from memory, and so is every step after.
 */
export async function drawThumbnail(file: Blob): Promise<Blob | null> {
  const image = await decode(file);
  if (!image) return null;
  try {
    const scale = Math.min(1, THUMB_PX / Math.max(image.width, image.height));
    const w = Math.max(1, Math.round(image.width * scale));
    const h = Math.max(1, Math.round(image.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image.source, 0, 0, w, h);
    for (const type of ['image/webp', 'image/jpeg']) {
      const blob = await canvas.convertToBlob({ type, quality: 0.8 });
      if (blob.type === type && blob.size <= ATTACHMENT_LIMITS.thumbnailBytes) return blob;
    }
    return null;
  } finally {
    image.close();
  }
}

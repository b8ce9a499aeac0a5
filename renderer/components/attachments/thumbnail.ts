/**
 * Drawing an image's thumbnail in the page, in memory (decode → canvas → WebP/JPEG Blob). Apart from
 * client.ts so the attach logic there runs without a DOM.
 */
import { ATTACHMENT_LIMITS } from '../../../shared/attachments.js';

/** The longest side of a stored thumbnail, in pixels (sharp on a high-density screen at 160 px). */
export const THUMB_PX = 320;

/**
 * Draws an image's thumbnail in memory (decode → canvas → WebP/JPEG Blob); null when the browser
 * cannot decode it. EXIF orientation is applied by the decoder; no metadata is copied into it.
 */
export async function drawThumbnail(file: Blob): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, THUMB_PX / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0, w, h);
    for (const type of ['image/webp', 'image/jpeg']) {
      const blob = await canvas.convertToBlob({ type, quality: 0.8 });
      if (blob.type === type && blob.size <= ATTACHMENT_LIMITS.thumbnailBytes) return blob;
    }
    return null;
  } finally {
    bitmap.close();
  }
}

/**
 * The attachment calls the renderer makes, over the bridge's byte methods (shared/attachments.ts):
 * each answers with its value or throws an ApiError with core's plain-language message, like `call`.
 * Bytes come back as Blobs held in memory only.
 */
import type { AttachmentMeta, AttachmentVariant, UploadOptions } from '../../../shared/attachments.js';
import { ATTACHMENT_LIMITS } from '../../../shared/attachments.js';

import { bridge, messageOf, unwrap } from '../../api.js';
import { translate } from '../../i18n/translate.js';
import { formatBytes } from '../../lib/format.js';

/** A file refused here, before any byte was sent; its message is already in the person's language. */
export class Refused extends Error {
  override name = 'Refused';
}

/** Why a file was not attached, in the interface's language (core's refusals are worded by their reason). */
export const whyNotAttached = (e: unknown): string => (e instanceof Refused ? e.message : messageOf(e));

/** Refused here, before any byte is sent, when it is sure to be refused anyway. */
export function precheck(file: File): string | null {
  if (file.size === 0) return translate('attachments.precheckEmpty', { name: file.name });
  if (file.size > ATTACHMENT_LIMITS.fileBytes)
    return translate('attachments.precheckTooLarge', { name: file.name, size: formatBytes(file.size), limit: formatBytes(ATTACHMENT_LIMITS.fileBytes) });
  return null;
}

export function upload(file: Blob, name: string, options?: UploadOptions): Promise<AttachmentMeta> {
  return unwrap(() => bridge().attachmentUpload(file, name, options));
}

export function bytesOf(id: number, variant: AttachmentVariant): Promise<Blob> {
  return unwrap(() => bridge().attachmentBytes(id, variant));
}

export function storeThumbnail(id: number, png: Blob): Promise<AttachmentMeta> {
  return unwrap(() => bridge().attachmentThumbnail(id, png));
}

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

/** Uploads, then stores a thumbnail for an image (a thumbnail that fails only means none is shown). */
export async function attach(file: File, options?: UploadOptions): Promise<AttachmentMeta> {
  const refused = precheck(file);
  if (refused) throw new Refused(refused);
  const meta = await upload(file, file.name, options);
  if (meta.kind !== 'image') return meta;
  const thumb = await drawThumbnail(file);
  if (!thumb) return meta;
  return storeThumbnail(meta.id, thumb).catch(() => meta);
}


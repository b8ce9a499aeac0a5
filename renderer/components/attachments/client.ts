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

/**
 * Uploads, and stores a thumbnail for an image (a thumbnail that fails only means none is shown). The
 * thumbnail is drawn while the upload is on its way (the page decodes, the core checks and writes),
 * so attaching a large photo takes the longer of the two, not both one after the other. `draw` is
 * drawThumbnail (thumbnail.ts; a stand-in in tests).
 */
export async function attach(file: File, draw: (f: Blob) => Promise<Blob | null>, options?: UploadOptions): Promise<AttachmentMeta> {
  const refused = precheck(file);
  if (refused) throw new Refused(refused);
  // Started only for what the browser calls an image; the core's verdict by content still decides.
  const drawing = file.type.startsWith('image/') ? draw(file).catch(() => null) : null;
  const meta = await upload(file, file.name, options);
  if (meta.kind !== 'image') return meta;
  const thumb = await (drawing ?? draw(file).catch(() => null));
  if (!thumb) return meta;
  return storeThumbnail(meta.id, thumb).catch(() => meta);
}


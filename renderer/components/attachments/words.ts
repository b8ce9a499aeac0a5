/**
 * How attachments are put into words (no page needed, so tested on its own).
 */
import type { AttachmentMeta } from '../../../shared/attachments.js';

export type AttachmentKind = 'image' | 'audio' | 'pdf' | 'text' | 'other';

export function kindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType.startsWith('text/')) return 'text';
  return 'other';
}

/** What a screen reader hears for an attachment: its caption, or what it is. */
export function altOf(item: { caption: string; name: string; mimeType: string }): string {
  if (item.caption.trim()) return item.caption.trim();
  const k = kindOf(item.mimeType);
  return k === 'image' ? `Image: ${item.name}` : k === 'audio' ? `Audio: ${item.name}` : k === 'pdf' ? `PDF: ${item.name}` : item.name;
}

/** What a file says about where it was made and with what, in words. */
export function sensitiveWords(m: Pick<AttachmentMeta, 'sensitive'>): string[] {
  const found: string[] = [];
  if (m.sensitive.gps) found.push(`the place it was taken (${m.sensitive.gps})`);
  if (m.sensitive.device) found.push(`the device (${m.sensitive.device})`);
  if (m.sensitive.xmp) found.push('editing details (XMP)');
  return found;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

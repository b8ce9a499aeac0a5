/**
 * How attachments are put into words (no page needed, so tested on its own).
 */
import type { AttachmentMeta } from '../../../shared/attachments.js';
import { translate } from '../../i18n/translate.js';
import { listFormat } from '../../lib/format.js';

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
  const name = item.name;
  return k === 'image' ? translate('attachments.altImage', { name }) : k === 'audio' ? translate('attachments.altAudio', { name }) : k === 'pdf' ? translate('attachments.altPdf', { name }) : name;
}

/** What a file says about where it was made, with what and by whom, in words. */
export function sensitiveWords(m: Pick<AttachmentMeta, 'sensitive'>): string[] {
  const found: string[] = [];
  if (m.sensitive.gps) found.push(translate('attachments.sensitivePlace', { gps: m.sensitive.gps }));
  if (m.sensitive.device) found.push(translate('attachments.sensitiveDevice', { device: m.sensitive.device }));
  if (m.sensitive.xmp) found.push(translate('attachments.sensitiveXmp'));
  if (m.sensitive.author) found.push(translate('attach2.sensitiveAuthor', { author: m.sensitive.author }));
  if (m.sensitive.details) found.push(translate('attach2.sensitiveDetails'));
  return found;
}

/** "a", "a and b", "a, b, and c", "a, b y c", "a, b und c": joined as the interface's language joins a list. */
export const listWords = (items: readonly string[]): string => listFormat(items, 'conjunction', 'long');

/**
 * Files the person hands to the editor: from the file picker, dropped on it, or pasted (a screenshot
 * on the clipboard). Everything stays in memory as File objects until it is uploaded; nothing here
 * writes anywhere.
 */
import { translate } from '../../i18n/translate.js';

export { formatBytes } from '../../lib/format.js';

// The parts of a DataTransfer used here, so this file also runs (and is tested) outside a page.
interface TypesOf {
  readonly types: ArrayLike<string>;
}
interface FilesOf {
  readonly files: ArrayLike<File>;
}
interface ItemsOf {
  readonly items: ArrayLike<{ readonly kind: string; getAsFile(): File | null }>;
}

/** Whether a drag carries files (and not text being moved inside a field). */
export function carriesFiles(dt: TypesOf | null): boolean {
  return Boolean(dt && Array.from(dt.types).includes('Files'));
}

/** The files of a drop, in the order given. */
export function filesOfDrop(dt: FilesOf | null): File[] {
  return dt ? Array.from(dt.files) : [];
}

const EXTENSION: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * The files of a paste. A screenshot arrives as an image item with a generic name ("image.png") or
 * none, so it is named after the moment it was pasted. Text on the clipboard is left to the field.
 */
export function filesOfPaste(dt: ItemsOf | null, now = new Date()): File[] {
  if (!dt) return [];
  const files: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const f = item.getAsFile();
    if (!f) continue;
    if (f.type.startsWith('image/') && (!f.name || /^image\.\w+$/i.test(f.name))) {
      const ext = EXTENSION[f.type] ?? 'png';
      files.push(new File([f], `${translate('attachments.pastedName', { stamp: stamp(now) })}.${ext}`, { type: f.type, lastModified: now.getTime() }));
    } else files.push(f);
  }
  return files;
}

/** `2026-12-07 14.05.09`: sortable, and safe in a file name on every system. */
export function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}.${p(d.getMinutes())}.${p(d.getSeconds())}`;
}

/**
 * The sizes a preview is drawn at, decided before anything is decoded (no DOM here, so it is tested
 * under plain Node): a JPEG's stored size from its frame header, and how far its decoder may reduce it.
 */

/** The longest side of a stored thumbnail, in pixels (sharp on a high-density screen at 160 px). */
export const THUMB_PX = 320;

/** A JPEG's stored width and height (before EXIF orientation), from its frame header; null when not found. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // A start-of-frame marker (not DHT, JPG or DAC, which share the range).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda || len < 2) return null;
    i += 2 + len;
  }
  return null;
}

/**
 * The power-of-two reduction (1, 2, 4 or 8: what a JPEG decoder can apply while decoding) that still
 * leaves the longest side at least THUMB_PX.
 */
export function jpegReduction(width: number, height: number): number {
  let k = 1;
  while (k < 8 && Math.max(width, height) / (k * 2) >= THUMB_PX) k *= 2;
  return k;
}


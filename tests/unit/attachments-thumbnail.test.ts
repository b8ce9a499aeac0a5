/**
 * The sizes the page's preview drawing decides on before decoding (preview-size.ts beside
 * thumbnail.ts): a JPEG's stored size from its frame header, and how far the decoder may reduce it
 * while the longest side stays at least THUMB_PX.
 */
import { describe, expect, it } from 'vitest';
import { jpegReduction, jpegSize, THUMB_PX } from '../../renderer/components/attachments/preview-size.js';
import { photoWithGps, pngWith } from '../helpers/attachments.js';

describe('preview sizes', () => {
  it('reads a JPEG’s size from its frame header, past its EXIF segment and fill bytes', () => {
    const photo = photoWithGps();
    expect(jpegSize(photo)).toEqual({ width: 320, height: 240 });
    // Fill bytes (0xFF) may come before any marker.
    const filled = Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xff]), photo.subarray(2)]);
    expect(jpegSize(filled)).toEqual({ width: 320, height: 240 });
  });

  it('says nothing for what is not a JPEG, or a header cut off before its frame', () => {
    expect(jpegSize(pngWith(Buffer.alloc(64, 1)))).toBeNull();
    expect(jpegSize(photoWithGps().subarray(0, 40))).toBeNull();
    expect(jpegSize(new Uint8Array(0))).toBeNull();
  });

  it('reduces by 1, 2, 4 or 8, never below THUMB_PX on the longest side', () => {
    expect(jpegReduction(5472, 3648)).toBe(8);
    expect(jpegReduction(3648, 5472)).toBe(8);
    expect(jpegReduction(2000, 1000)).toBe(4);
    expect(jpegReduction(1280, 640)).toBe(4);
    expect(jpegReduction(1279, 640)).toBe(2);
    expect(jpegReduction(640, 480)).toBe(2);
    expect(jpegReduction(639, 480)).toBe(1);
    expect(jpegReduction(THUMB_PX, 10)).toBe(1);
    expect(jpegReduction(100, 100)).toBe(1);
    expect(jpegReduction(40_000, 30_000)).toBe(8);
  });
});

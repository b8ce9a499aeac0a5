import { exifOf, photoWithDescription, pngWith, wavWith } from '../helpers/attachments.js';

/**
 * Unique byte patterns: in an image's pixel rows, in its EXIF, in a JPEG's EXIF, in an audio file's
 * tags. Joined at run time, so this source (and the compiled copy a TypeScript loader caches in the
 * temp folder) never holds them whole.
 */
const joined = (...parts: string[]) => parts.join('');
export const CANARIES = {
  pixels: joined('Pxlcan', 'ary-Wombat-83hf2'),
  exif: joined('Exifcan', 'ary-Narwhal-1174'),
  jpeg: joined('Jpgcan', 'ary-Okapi-5521'),
  audio: joined('Audiocan', 'ary Axolotl 9043'),
} as const;

export function canaryFiles(): { name: string; data: Buffer }[] {
  return [
    { name: 'screenshot.png', data: pngWith(Buffer.from(CANARIES.pixels), { exif: exifOf(photoWithDescription(CANARIES.exif)) }) },
    { name: 'photo.jpg', data: photoWithDescription(CANARIES.jpeg) },
    { name: 'voice.wav', data: wavWith(CANARIES.audio) },
  ];
}

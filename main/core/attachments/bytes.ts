/** Reading and joining file bytes, for the metadata strippers of images and audio. */

/** `n` bytes from `i` as Latin-1 characters (a chunk's or a box's four-letter name). */
export const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
export const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
export const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

/** A copy of b[start, end) in a buffer of its own (a Buffer's `slice` would be a view on the original). */
export const copyOf = (b: Uint8Array, start: number, end: number) => new Uint8Array(b.subarray(start, end));

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

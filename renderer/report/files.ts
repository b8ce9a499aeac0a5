/**
 * Files leaving the app in browser mode: a Blob download (no journal data in any URL but a
 * short-lived object URL, revoked right after the click) and base64 for uploads.
 */

/** Starts a download of `data` as `filename`. */
export function downloadBlob(data: BlobPart, filename: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the Blob to the download; the URL is not needed any more.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A file chosen in an <input type="file">, as base64 (the API's upload form). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const FORMAT_NAMES = { pdf: 'PDF', markdown: 'Markdown', csv: 'CSV', json: 'JSON' } as const;
export type PlainFormat = keyof typeof FORMAT_NAMES;

/**
 * Bytes of an imported file → text, refusing what is not text before any parser sees it: an empty
 * file, binary data (NUL bytes, invalid UTF-8). A byte-order mark is removed (UTF-8, and UTF-16 as
 * some spreadsheet programs save "Unicode text").
 */
import { FulcrumError } from '../../../../shared/errors.js';

export const invalid = (message: string, detail?: Record<string, unknown>) =>
  new FulcrumError('IMPORT_INVALID', `${message} Nothing was imported.`, detail);

/** 1-based line of a character offset (counted only when a message needs it). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function decodeText(bytes: Buffer): string {
  if (bytes.length === 0) throw invalid('The file is empty.');
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16be', bytes.subarray(2));
  else {
    // NUL bytes in the first part mean binary data (or UTF-16 without a mark): not something we read.
    const head = bytes.subarray(0, 8192);
    if (head.includes(0)) throw invalid('This file looks like binary data, not a JSON or CSV export.');
    text = decode('utf-8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
  }
  // A test, not trim(): trimming a large file would copy all of it.
  if (!/\S/.test(text)) throw invalid('The file is empty (it holds only spaces or line breaks).');
  return text;
}

function decode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Buffer): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Find the first bad byte for the message (only on failure).
    let offset = -1;
    if (encoding === 'utf-8') {
      let lo = 0;
      let hi = bytes.length;
      // Binary search on prefixes: a prefix that decodes cleanly (allowing a cut-off last character) has no bad byte.
      while (hi - lo > 4) {
        const mid = (lo + hi) >> 1;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
          lo = mid;
        } catch {
          hi = mid;
        }
      }
      offset = lo;
    }
    const line = offset >= 0 ? lineAt(bytes.subarray(0, offset).toString('latin1'), offset) : null;
    throw invalid(
      `This file is not readable text${line ? ` (an invalid character on line ${line})` : ''}: it may be binary data, or text in an encoding other than UTF-8. Export it again as UTF-8.`,
      line ? { line } : undefined,
    );
  }
}

/** Unpaired UTF-16 surrogates (only a JSON "\ud800" escape can make one): they cannot be stored as text. */
export const hasBrokenUnicode = (s: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

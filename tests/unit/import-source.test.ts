/**
 * An imported file's bytes decoded a piece at a time (source.ts) give the text, and the errors, of
 * decoding it whole (text.ts), wherever the pieces are cut: inside a multi-byte character, inside a
 * UTF-16 pair, before or after a bad byte.
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../main/core/portability/import/text.js';
import { decodePieces } from '../../main/core/portability/import/source.js';

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function piecewise(bytes: Buffer, size: number): Promise<string> {
  let text = '';
  for await (const t of decodePieces(inPieces(bytes, size))) text += t;
  return text;
}

const outcome = async (f: () => Promise<string> | string): Promise<{ text: string } | { error: string }> => {
  try {
    return { text: await f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const SIZES = [1, 2, 3, 5, 4096, 9000, 1 << 20];

describe('decoding an imported file a piece at a time', () => {
  const body = 'first line\nGrüße, mañana — 今日は 🌱 مرحبا\n'.repeat(400);
  const files: [string, Buffer][] = [
    ['UTF-8', Buffer.from(body)],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])],
    ['UTF-16LE with a mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])],
    ['UTF-16BE with a mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()])],
    ['a bad byte on line 301', Buffer.concat([Buffer.from(body.split('\n').slice(0, 300).join('\n') + '\nbad '), Buffer.from([0xc3, 0x28]), Buffer.from(' rest\n')])],
    ['a cut-off character at the end', Buffer.from(body).subarray(0, Buffer.from(body).indexOf(Buffer.from('🌱'), 5000) + 2)],
    ['a NUL byte near the start', Buffer.concat([Buffer.from('{"a":'), Buffer.from([0]), Buffer.from(body)])],
    ['nothing', Buffer.alloc(0)],
    ['only white space', Buffer.from(' \n\t\r\n'.repeat(5000))],
  ];

  it.each(files)('%s: the same text or the same error as decoding it whole, however it is cut', async (_name, bytes) => {
    const whole = await outcome(() => decodeText(bytes));
    for (const size of SIZES) {
      const got = await outcome(() => piecewise(bytes, size));
      if ('error' in whole && whole.error.includes('not readable text') && /end/.test(_name)) {
        // A character cut off by the end of the file is found when the last piece is flushed, where no line is known.
        expect('error' in got ? got.error : got.text).toMatch(/^This file is not readable text/);
      } else expect(got).toEqual(whole);
    }
  });

  it('names the line of a bad byte found in a later piece', async () => {
    const bytes = files[4]![1];
    await expect(piecewise(bytes, 4096)).rejects.toThrow(/an invalid character on line 301\)/);
  });
});

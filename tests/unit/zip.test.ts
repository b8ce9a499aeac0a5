import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FulcrumError } from '../../shared/errors.js';
import { safeZipPath, unzipOne, zipIndex, ZipWriter } from '../../main/core/portability/zip.js';

describe('ZIP archives', () => {
  it('writes files one after another and reads them back through the checked index', () => {
    const parts: Uint8Array[] = [];
    const w = new ZipWriter((c) => void parts.push(c));
    const t = w.text('a.json');
    t.push('{"a":');
    t.push('1}');
    t.end();
    w.stored('files/b.bin', new Uint8Array([1, 2, 3]));
    w.end();
    const zip = Buffer.concat(parts);
    const index = zipIndex(zip);
    expect([...index.values()]).toEqual([
      { name: 'a.json', size: 7 },
      { name: 'files/b.bin', size: 3 },
    ]);
    expect(Buffer.from(unzipOne(zip, index.get('a.json')!)).toString()).toBe('{"a":1}');
    expect(unzipSync(zip)['files/b.bin']).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('stops with a plain message before the archive passes what 32-bit offsets can address', () => {
    const w = new ZipWriter(() => {}, 1024 * 1024);
    const err = (() => {
      try {
        w.stored('big.bin', new Uint8Array(2 * 1024 * 1024));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FulcrumError);
    expect((err as FulcrumError).message).toMatch(/larger than 4 GB/);
  });

  it('knows which paths stay inside their folder', () => {
    for (const ok of ['a.json', 'photos/x.jpeg', 'attachments/1/1-kitchen photo.jpg']) expect(safeZipPath(ok), ok).toBe(true);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', './x', '', 'a\u0000b']) expect(safeZipPath(bad), bad).toBe(false);
  });

  it('refuses by the limits given, and a file that is not the size it declares', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'b.txt': strToU8('world') });
    expect(() => zipIndex(zip, { maxFiles: 1, maxFileBytes: 100, maxTotalBytes: 100 })).toThrow(/more than 1 files/);
    expect(() => zipIndex(zip, { maxFiles: 10, maxFileBytes: 100, maxTotalBytes: 8 })).toThrow(/in all/);
    expect(() => unzipOne(zip, { name: 'a.txt', size: 4 })).toThrow(/not the size the archive says/);
  });
});

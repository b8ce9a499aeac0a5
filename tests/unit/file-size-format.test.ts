/** File sizes on the data screens are written in the interface's locale: its digits, separators and unit words. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, setDateLocale } from '../../renderer/lib/format.js';

describe('formatBytes', () => {
  afterEach(() => setDateLocale(undefined));

  it('writes bytes, kilobytes (rounded up) and megabytes (one decimal) as the locale does', () => {
    setDateLocale('en-GB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1025)).toBe('2 kB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
    setDateLocale('de-DE');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3,5 MB');
    setDateLocale('ar');
    expect(formatBytes(512)).toMatch(/بايت/);
  });
});

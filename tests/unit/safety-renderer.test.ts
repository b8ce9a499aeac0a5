import { describe, expect, it } from 'vitest';
import { attemptTime, clearSensitiveClipboard, copySensitive, describeAttempts, stepsToFirstEntry, type ClipboardLike } from '../../renderer/lib/safety-core.js';

function fakeClipboard(opts: { readable?: boolean } = {}) {
  let text = '';
  const board: ClipboardLike & { text: () => string; set: (t: string) => void } = {
    writeText: async (t) => void (text = t),
    readText: async () => {
      if (opts.readable === false) throw new Error('NotAllowedError');
      return text;
    },
    text: () => text,
    set: (t) => (text = t),
  };
  return board;
}

describe('the clipboard the app filled', () => {
  it('is emptied on lock while it still holds the recovery key', async () => {
    const board = fakeClipboard();
    await copySensitive('ABCD-EFGH-JKLM', board);
    expect(board.text()).toBe('ABCD-EFGH-JKLM');
    expect(await clearSensitiveClipboard(board)).toBe(true);
    expect(board.text()).toBe('');
  });

  it('is left alone when the person copied something else since', async () => {
    const board = fakeClipboard();
    await copySensitive('ABCD-EFGH-JKLM', board);
    board.set('a shopping list');
    expect(await clearSensitiveClipboard(board)).toBe(false);
    expect(board.text()).toBe('a shopping list');
  });

  it('is emptied anyway when the page may not read it (the desktop app refuses clipboard-read)', async () => {
    const board = fakeClipboard({ readable: false });
    await copySensitive('ABCD-EFGH-JKLM', board);
    expect(await clearSensitiveClipboard(board)).toBe(true);
    expect(board.text()).toBe('');
  });

  it('is not touched when the app put nothing there', async () => {
    const board = fakeClipboard();
    board.set('their own text');
    expect(await clearSensitiveClipboard(board)).toBe(false);
    expect(board.text()).toBe('their own text');
  });
});

describe('leaving for the neutral page', () => {
  it('steps back over this page’s own (same-document) history entries only', () => {
    const e = (sameDocument: boolean) => ({ sameDocument });
    // An earlier document of the same origin, then this page: its first entry and three hash routes.
    expect(stepsToFirstEntry([e(false), e(true), e(true), e(true), e(true)], 4)).toBe(3);
    expect(stepsToFirstEntry([e(true)], 0)).toBe(0);
    expect(stepsToFirstEntry([e(false), e(false), e(true)], 2)).toBe(0);
  });
});

describe('failed attempts, in words', () => {
  const now = new Date(2025, 2, 6, 12, 0).getTime(); // a Thursday
  it('says how many and when, in the person’s own clock', () => {
    const tue = new Date(2025, 2, 4, 21, 40).getTime();
    expect(describeAttempts([tue], now)).toMatch(/^1 failed attempt to unlock since your last visit: \S+ \d{1,2}:40\b/);
    expect(describeAttempts([tue, tue + 60_000, tue + 120_000], now)).toMatch(/^3 failed attempts to unlock since your last visit: (.+, ){2}.+\.$/);
  });

  it('lists the first five, then how many more', () => {
    const times = Array.from({ length: 8 }, (_, i) => now - 3600_000 * (8 - i));
    const text = describeAttempts(times, now);
    expect(text).toMatch(/^8 failed attempts/);
    expect(text).toMatch(/, and 3 more\.$/);
    expect(text.split(',').length).toBe(6);
  });

  it('gives the date for older attempts, and the year when it is not this year', () => {
    expect(attemptTime(new Date(2025, 0, 2, 9, 5).getTime(), now)).toMatch(/2/);
    expect(attemptTime(new Date(2024, 11, 30, 9, 5).getTime(), now)).toMatch(/2024/);
  });
});

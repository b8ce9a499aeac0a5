/** The report's change words (arrows and numbers against the previous period) and its dates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDateLocale } from '../../renderer/lib/format.js';
import { change, decimal, entryDate, localToday, longDate, percent, signedNumber } from '../../renderer/report/format.js';

// The report writes dates and numbers in the interface's locale (the one formatting module): British English here.
beforeAll(() => setDateLocale('en-GB'));
afterAll(() => setDateLocale(undefined));

describe('the change against the previous period', () => {
  it('says up or down with an arrow, the difference and the old value, for counts', () => {
    expect(change({ value: 5, previous: 2 }, 'count')).toEqual({ arrow: '↑', delta: '+3', was: 'was 2', spoken: 'up 3 from 2' });
    expect(change({ value: 1, previous: 4 }, 'count')).toEqual({ arrow: '↓', delta: '−3', was: 'was 4', spoken: 'down 3 from 4' });
    expect(change({ value: 3, previous: 3 }, 'count')).toEqual({ arrow: '→', delta: '±0', was: 'was 3', spoken: 'the same as before (3)' });
  });

  it('rounds means to one decimal before comparing, so a shown "−1.0 was −1.0" never has an arrow', () => {
    expect(change({ value: -1.04, previous: -0.96 }, 'mean')).toMatchObject({ arrow: '→', delta: '±0.0', was: 'was −1.0' });
    expect(change({ value: -1.14, previous: -0.96 }, 'mean')).toMatchObject({ arrow: '↓', delta: '−0.1', was: 'was −1.0' });
    expect(change({ value: 0.4, previous: -0.2 }, 'mean')).toMatchObject({ arrow: '↑', delta: '+0.6', was: 'was −0.2' });
  });

  it('compares shares in percentage points of the rounded percentages', () => {
    expect(change({ value: 0.4, previous: 0.25 }, 'share')).toEqual({ arrow: '↑', delta: '+15 pts', was: 'was 25%', spoken: 'up 15 points from 25%' });
    expect(change({ value: 0.501, previous: 0.499 }, 'share')).toMatchObject({ arrow: '→', delta: '±0 pts' });
  });

  it('has nothing to say without a previous value', () => {
    expect(change({ value: 3, previous: null }, 'count')).toBeNull();
    expect(change({ value: null, previous: 2 }, 'mean')).toBeNull();
  });
});

describe('numbers and days in the report', () => {
  it('prints a real minus sign and one decimal', () => {
    expect(decimal(-1.25)).toBe('−1.3');
    expect(decimal(-0.04)).toBe('0.0');
    expect(signedNumber(0.55)).toBe('+0.6');
    expect(signedNumber(-2)).toBe('−2.0');
  });

  it('reads a day the same in every time zone', () => {
    expect(longDate('2024-04-01')).toBe('1 April 2024');
    expect(entryDate('2024-04-03')).toBe('Wed, 3 Apr 2024');
    expect(localToday(new Date(2024, 1, 29, 23, 59))).toBe('2024-02-29');
  });

  it('writes them as the interface’s locale does, on the one formatting module', () => {
    setDateLocale('de-DE');
    expect(longDate('2024-04-01')).toBe('1. April 2024');
    expect(decimal(-1.25)).toBe('−1,3');
    expect(percent(0.4)).toBe('40\u00a0%');
    setDateLocale('en-US');
    expect(longDate('2024-04-01')).toBe('April 1, 2024');
    setDateLocale('en-GB');
  });
});

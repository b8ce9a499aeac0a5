/** The prompt of the day and how a template meets text already written. */
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../renderer/i18n/translate.js';
import { BUILTIN_TEMPLATES, bodyFromHeadings, withTemplate } from '../../renderer/components/writing/builtins.js';
import { DAILY_PROMPTS, localDayNumber, promptIndexFor, promptOfTheDay } from '../../renderer/components/writing/prompts.js';

describe('the prompt of the day', () => {
  it('is the same all day, morning to night, by the local calendar', () => {
    const morning = new Date(2025, 2, 14, 0, 0, 1);
    const night = new Date(2025, 2, 14, 23, 59, 59);
    expect(promptOfTheDay(morning)).toBe(promptOfTheDay(night));
    expect(localDayNumber(morning)).toBe(localDayNumber(night));
    expect(promptOfTheDay(new Date(2025, 2, 15, 0, 0, 1))).not.toBe(promptOfTheDay(night));
  });

  it('counts days across a daylight-saving change without skipping or repeating one', () => {
    // Whatever the test machine's zone, consecutive local days are consecutive numbers.
    let day = localDayNumber(new Date(2025, 0, 1, 12));
    for (let d = 2; d <= 366; d++) {
      const next = localDayNumber(new Date(2025, 0, d, 12));
      expect(next).toBe(day + 1);
      day = next;
    }
  });

  it('goes through every prompt before any comes back', () => {
    for (const count of [1, 7, 20, 24, 49]) {
      for (const start of [0, 1, 20_000, -3]) {
        const seen = new Set(Array.from({ length: count }, (_, i) => promptIndexFor(start + i, count)));
        expect(seen.size).toBe(count);
        for (const i of seen) expect(i >= 0 && i < count).toBe(true);
      }
    }
    expect(() => promptIndexFor(3, 0)).toThrow(RangeError);
  });

  it('does not simply walk down the list', () => {
    const order = Array.from({ length: 5 }, (_, i) => promptIndexFor(i, DAILY_PROMPTS.length));
    expect(order).not.toEqual([0, 1, 2, 3, 4]);
  });

  it('has at least twenty prompts, each worded in every language and none twice', () => {
    expect(DAILY_PROMPTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(DAILY_PROMPTS).size).toBe(DAILY_PROMPTS.length);
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const words = DAILY_PROMPTS.map((id) => catalogue[id]);
      for (const w of words) expect(w, language).toMatch(/\S/);
      expect(new Set(words).size, language).toBe(words.length);
    }
  });
});

describe('templates', () => {
  it('give headings with room to write under each, and nothing else', () => {
    expect(bodyFromHeadings(['What happened', 'Who was involved'])).toBe('What happened\n\n\nWho was involved\n\n');
  });

  it('fill an empty body, replace when asked, or go below the words already there', () => {
    const tpl = 'A\n\n';
    expect(withTemplate('', tpl, 'below')).toBe(tpl);
    expect(withTemplate('  \n', tpl, 'below')).toBe(tpl);
    expect(withTemplate('I wrote this.\n\n', tpl, 'below')).toBe('I wrote this.\n\nA\n\n');
    expect(withTemplate('I wrote this.', tpl, 'replace')).toBe(tpl);
  });

  it('include the incident and the six practices, each with headings in every language', () => {
    expect(BUILTIN_TEMPLATES.map((b) => b.id)).toEqual(['incident', 'open', 'boundaries', 'empathy', 'shared', 'checkins', 'strengths']);
    expect(BUILTIN_TEMPLATES[0]!.headings).toHaveLength(7);
    for (const catalogue of Object.values(CATALOGUES)) {
      for (const b of BUILTIN_TEMPLATES) for (const id of [b.name, ...b.headings]) expect(catalogue[id]).toMatch(/\S/);
    }
  });
});

/**
 * An import's problems and notes: the core names each by a code (never a sentence for the screen),
 * and the screen words the code in the person's language, with plurals and the picker's field names.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translateIn } from '../../renderer/i18n/translate.js';
import { wordImportIssue, wordImportNote } from '../../renderer/data/importWords.js';
import { invalidIssue, issueMessage, noteMessage } from '../../main/core/portability/import/words.js';
import type { Language } from '../../shared/locales.js';
import type { ImportIssue, ImportNoteCode } from '../../shared/portability.js';

const tIn = (language: Language) => (id: Parameters<typeof translateIn>[1], values?: Parameters<typeof translateIn>[2]) => translateIn(language, id, values);

describe('import problems and notes in the person’s language', () => {
  it('words a note in German with its count and the zone’s name, not the English sentence', () => {
    const de = tIn('de');
    expect(wordImportNote(de, { code: 'no-time', count: 1 })).toBe('1 Zeile hat keine Uhrzeit; 12:00 Uhr wurde verwendet.');
    expect(wordImportNote(de, { code: 'no-time', count: 3 })).toBe('3 Zeilen haben keine Uhrzeit; 12:00 Uhr wurde verwendet.');
    const zone = wordImportNote(de, { code: 'zone-assumed', zone: 'America/New_York' });
    expect(zone).toContain('(America/New York)');
    expect(zone).not.toMatch(/The times/);
  });

  it('names a CSV field by the label the column picker shows, in that language', () => {
    const issue: ImportIssue = { code: 'column-missing', field: 'body', column: 7, columns: 3 };
    const en = wordImportIssue(tIn('en'), issue);
    const es = wordImportIssue(tIn('es'), issue);
    expect(en).toContain(translateIn('en', 'data.import.field.body'));
    expect(en).toContain('3 columns');
    expect(es).toContain(translateIn('es', 'data.import.field.body'));
    expect(es).not.toBe(en);
  });

  it('has words for every issue and note in every language (no key shown raw)', () => {
    const issues: ImportIssue[] = [
      { code: 'not-fulcrum-format' },
      { code: 'duplicate-id', of: 'journal.entries[2]' },
      { code: 'unknown-person', id: '9' },
      { code: 'no-date-column' },
      { code: 'year-day-not-real' },
      { code: 'time-not-real', example: '10:00 pm' },
      { code: 'number-range', field: 'intensity', min: 1, max: 5 },
      { code: 'invalid', kind: 'too-long', limit: 20000 },
      { code: 'invalid', kind: 'nul-byte', limit: null },
    ];
    const notes: ImportNoteCode[] = [
      { code: 'daylio-old-layout' },
      { code: 'dayone-zone-assumed', count: 2, zone: 'Europe/Berlin' },
      { code: 'unknown-areas', count: 5 },
      { code: 'unmapped-columns', count: 0 },
    ];
    for (const language of ['en', 'es', 'de', 'ar'] as const) {
      const t = tIn(language);
      for (const i of issues) expect(wordImportIssue(t, i)).not.toMatch(/imports\.|\{|\}/);
      for (const n of notes) expect(wordImportNote(t, n)).not.toMatch(/imports\.|\{|\}/);
    }
    // The limit is a number in the person's own digits and grouping.
    expect(wordImportIssue(tIn('de'), { code: 'invalid', kind: 'too-long', limit: 20000 })).toContain('20.000');
  });

  it('words a time that is not a time as core does in English, by the clock the file writes', () => {
    expect(wordImportIssue(tIn('en'), { code: 'time-not-real', example: '10:00 pm' })).toBe(issueMessage({ code: 'time-not-real', example: '10:00 pm' }));
    expect(wordImportIssue(tIn('en'), { code: 'time-not-real', example: '20:15' })).toBe(issueMessage({ code: 'time-not-real', example: '20:15' }));
    expect(wordImportIssue(tIn('de'), { code: 'time-not-real', example: '10:00 pm' })).toContain('keine Uhrzeit');
  });

  it('keeps an English sentence beside each code for logs, matching the code', () => {
    expect(issueMessage({ code: 'no-date-column' })).toBe('choose the column that holds the date');
    expect(noteMessage({ code: 'unmapped-columns', count: 1 })).toBe('1 column is not imported.');
  });

  it('reads a schema misfit as a kind and a limit, never the value that did not fit', () => {
    const secret = 'SECRET-VALUE-'.repeat(4);
    const tooLong = z.object({ title: z.string().max(10) }).safeParse({ title: secret });
    const wrongType = z.object({ n: z.number() }).safeParse({ n: secret });
    const extra = z.strictObject({ a: z.string() }).safeParse({ a: 'x', [secret]: 1 });
    const [long] = tooLong.error!.issues.map(invalidIssue);
    const [type] = wrongType.error!.issues.map(invalidIssue);
    const [unknown] = extra.error!.issues.map(invalidIssue);
    expect(long!.issue).toEqual({ code: 'invalid', kind: 'too-long', limit: 10 });
    expect(type!.issue).toEqual({ code: 'invalid', kind: 'type', limit: null });
    expect(unknown!.issue).toMatchObject({ code: 'invalid', kind: 'unknown-field' });
    for (const r of [long!, type!]) expect(JSON.stringify(r)).not.toContain('SECRET-VALUE');
  });
});

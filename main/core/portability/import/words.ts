/**
 * The English wording of an import's problems and notes, for logs, error messages and tests. The
 * screen never shows these: it words each code in the person's language (renderer/data/importWords.ts).
 */
import type { z } from 'zod';
import { DATE_PROBLEMS, DAY_PROBLEMS } from '../../../../shared/schemas.js';
import type { ImportIssue, ImportNote, ImportNoteCode, InvalidKind } from '../../../../shared/portability.js';

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export function issueMessage(issue: ImportIssue): string {
  switch (issue.code) {
    case 'not-fulcrum-format':
      return 'does not match the Fulcrum export format';
    case 'duplicate-id':
      return `the same id as ${issue.of} (duplicate ids)`;
    case 'duplicate-entry':
      return `the same source reference as ${issue.of} (duplicate entries)`;
    case 'broken-character':
      return 'contains a broken character (an unpaired UTF-16 surrogate)';
    case 'unknown-person':
      return `names person ${issue.id}, who is not in the file`;
    case 'unknown-pattern':
      return `names pattern ${issue.id}, which is not in the file`;
    case 'second-checkin':
      return 'a second check-in for the same person and week';
    case 'column-missing':
      return `${issue.field} is mapped to column ${issue.column}, but the file has ${issue.columns} columns`;
    case 'no-date-column':
      return 'choose the column that holds the date';
    case 'mixed-date-order':
      return 'some dates put the day first and others the month first; choose the date order';
    case 'date-empty':
      return 'the date is empty';
    case 'date-not-real':
      return issue.example ? `full_date is not a real date like ${issue.example}` : 'the date is not a real date';
    case 'year-day-not-real':
      return 'year and date are not a real day like 2018 and 18 May';
    case 'date-time-not-real':
      return 'not a real date and time';
    case 'time-not-real':
      return issue.example === '10:00 pm' ? 'time is not a time like 10:00 pm or 22:00' : 'the time is not a time like 20:15 or 8:15 pm';
    case 'number-range':
      return `${issue.field} must be a whole number from ${issue.min} to ${issue.max}`;
    case 'invalid':
      return `does not fit (${issue.kind}${issue.limit === null ? '' : ` ${issue.limit}`})`;
  }
}

export function noteMessage(note: ImportNoteCode): string {
  switch (note.code) {
    case 'daylio-old-layout':
      return 'This is an older Daylio export (the year in a column of its own); its dates were read from the year and the day and month.';
    case 'zone-assumed':
      return `The times in this file do not say which time zone they are in, so they were read as times on your computer's clock (${note.zone.replace(/_/g, ' ')}). An entry written at 10:00 pm stays at 10:00 pm.`;
    case 'dayone-zone-assumed': {
      const one = note.count === 1;
      return `${plural(note.count, 'entry does', 'entries do')} not say which time zone ${one ? 'it was' : 'they were'} written in. Day One keeps the moment itself, so ${one ? 'it is' : 'they are'} shown on your computer's clock (${note.zone.replace(/_/g, ' ')}).`;
    }
    case 'no-entries':
      return 'The file has no entries.';
    case 'pseudonymised':
      return 'This export uses pseudonyms: the people are imported under those names.';
    case 'without-text':
      return 'This export was made without the entries’ text: titles, text and notes are empty.';
    case 'day-first':
      return 'Dates like 03/04/2024 were read day first (3 April). Choose "month first" if that is wrong.';
    case 'no-time':
      return `${plural(note.count, 'row has', 'rows have')} no time; 12:00 was used.`;
    case 'unknown-areas':
      return `${plural(note.count, 'area was', 'areas were')} not one of Fulcrum's and ${note.count === 1 ? 'was' : 'were'} left out.`;
    case 'unmapped-columns':
      return `${plural(note.count, 'column is', 'columns are')} not imported.`;
  }
}

/** A note with its English words beside its code. */
export const note = (code: ImportNoteCode): ImportNote => ({ ...code, message: noteMessage(code) });

const CUSTOM_KINDS = new Map<string, InvalidKind>([
  [DAY_PROBLEMS.DAY_FORMAT, 'day-format'],
  [DAY_PROBLEMS.DAY_NOT_REAL, 'day-not-real'],
  [DATE_PROBLEMS.DATE_NOT_A_MOMENT, 'date-not-a-moment'],
  [DATE_PROBLEMS.DATE_OUT_OF_RANGE, 'date-out-of-range'],
  ['contains a NUL byte', 'nul-byte'],
  ['not a real date', 'day-not-real'],
]);

/** A zod issue as a code: what kind of misfit, and the limit when it has one. Never the value. */
export function invalidIssue(i: z.core.$ZodIssue): { issue: ImportIssue; message: string } {
  const limit = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
  let kind: InvalidKind = 'other';
  let bound: number | null = null;
  const plain = CUSTOM_KINDS.get(i.message);
  if (plain) return { issue: { code: 'invalid', kind: plain, limit: null }, message: i.message };
  switch (i.code) {
    case 'invalid_type':
      kind = 'type';
      break;
    case 'too_big':
      kind = i.origin === 'string' ? 'too-long' : 'too-big';
      bound = limit(i.maximum);
      break;
    case 'too_small':
      kind = i.origin === 'string' ? 'too-short' : 'too-small';
      bound = limit(i.minimum);
      break;
    case 'invalid_value':
    case 'invalid_union':
      kind = 'value';
      break;
    case 'invalid_format':
      kind = 'format';
      break;
    case 'unrecognized_keys':
      kind = 'unknown-field';
      break;
    default:
      kind = 'other';
  }
  // zod's own English stays the message for logs and tests (it never echoes the value).
  return { issue: { code: 'invalid', kind, limit: bound }, message: i.message };
}

/**
 * An import's problems and notes in the person's language: core sends codes and numbers
 * (shared/portability.ts `ImportIssue`, `ImportNoteCode`), never a sentence for the screen.
 */
import { CSV_FIELDS, type CsvField, type ImportIssue, type ImportNoteCode, type InvalidKind } from '../../shared/portability.js';
import type { MessageId, MessageValues } from '../i18n/index.js';

type T = (id: MessageId, values?: MessageValues) => string;

const isCsvField = (f: string): f is CsvField => (CSV_FIELDS as readonly string[]).includes(f);

/** A CSV field by the label the column picker shows it with ("Entry text", "Heard (1–5)"). */
function fieldLabel(t: T, field: string): string {
  return isCsvField(field) ? t(`data.import.field.${field}`) : field;
}

/** Every code's message, spelt out so the catalogue test sees each key in use. */
const ISSUE: Record<ImportIssue['code'], MessageId> = {
  'not-fulcrum-format': 'imports.issue.not-fulcrum-format',
  'duplicate-id': 'imports.issue.duplicate-id',
  'duplicate-entry': 'imports.issue.duplicate-entry',
  'broken-character': 'imports.issue.broken-character',
  'unknown-person': 'imports.issue.unknown-person',
  'unknown-pattern': 'imports.issue.unknown-pattern',
  'second-checkin': 'imports.issue.second-checkin',
  'column-missing': 'imports.issue.column-missing',
  'no-date-column': 'imports.issue.no-date-column',
  'mixed-date-order': 'imports.issue.mixed-date-order',
  'date-empty': 'imports.issue.date-empty',
  'date-not-real': 'imports.issue.date-not-real',
  'year-day-not-real': 'imports.issue.year-day-not-real',
  'date-time-not-real': 'imports.issue.date-time-not-real',
  'time-not-real': 'imports.issue.time-not-real',
  'number-range': 'imports.issue.number-range',
  invalid: 'imports.invalid.other',
};

const INVALID: Record<InvalidKind, MessageId> = {
  type: 'imports.invalid.type',
  'too-long': 'imports.invalid.too-long',
  'too-short': 'imports.invalid.too-short',
  'too-big': 'imports.invalid.too-big',
  'too-small': 'imports.invalid.too-small',
  value: 'imports.invalid.value',
  format: 'imports.invalid.format',
  'unknown-field': 'imports.invalid.unknown-field',
  'nul-byte': 'imports.invalid.nul-byte',
  'day-format': 'imports.invalid.day-format',
  'day-not-real': 'imports.invalid.day-not-real',
  'date-not-a-moment': 'imports.invalid.date-not-a-moment',
  'date-out-of-range': 'imports.invalid.date-out-of-range',
  other: 'imports.invalid.other',
};

const NOTE: Record<ImportNoteCode['code'], MessageId> = {
  'daylio-old-layout': 'imports.note.daylio-old-layout',
  'zone-assumed': 'imports.note.zone-assumed',
  'dayone-zone-assumed': 'imports.note.dayone-zone-assumed',
  'no-entries': 'imports.note.no-entries',
  pseudonymised: 'imports.note.pseudonymised',
  'without-text': 'imports.note.without-text',
  'day-first': 'imports.note.day-first',
  'no-time': 'imports.note.no-time',
  'unknown-areas': 'imports.note.unknown-areas',
  'unmapped-columns': 'imports.note.unmapped-columns',
};

export function wordImportIssue(t: T, issue: ImportIssue): string {
  switch (issue.code) {
    case 'duplicate-id':
    case 'duplicate-entry':
      return t(ISSUE[issue.code], { of: issue.of });
    case 'unknown-person':
    case 'unknown-pattern':
      return t(ISSUE[issue.code], { id: issue.id });
    case 'column-missing':
      return t('imports.issue.column-missing', { field: fieldLabel(t, issue.field), column: issue.column, columns: issue.columns });
    case 'date-not-real':
      return issue.example ? t('imports.issue.date-not-real-like', { example: issue.example }) : t('imports.issue.date-not-real');
    case 'time-not-real':
      return t('imports.issue.time-not-real', { clock: issue.example === '10:00 pm' ? 'h12' : 'h24' });
    case 'number-range':
      return t('imports.issue.number-range', { field: fieldLabel(t, issue.field), min: issue.min, max: issue.max });
    case 'invalid':
      return t(INVALID[issue.kind], { limit: issue.limit ?? 0 });
    default:
      return t(ISSUE[issue.code]);
  }
}

export function wordImportNote(t: T, note: ImportNoteCode): string {
  switch (note.code) {
    case 'zone-assumed':
      return t('imports.note.zone-assumed', { zone: note.zone.replace(/_/g, ' ') });
    case 'dayone-zone-assumed':
      return t('imports.note.dayone-zone-assumed', { count: note.count, zone: note.zone.replace(/_/g, ' ') });
    case 'no-time':
    case 'unknown-areas':
    case 'unmapped-columns':
      return t(NOTE[note.code], { count: note.count });
    default:
      return t(NOTE[note.code]);
  }
}

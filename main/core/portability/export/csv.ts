/**
 * CSV export: one row per entry, for a spreadsheet. Every cell that a spreadsheet could run as a
 * formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading single
 * quote (OWASP "CSV injection"); plain numbers such as a balance of -2 are not formulas and stay
 * numbers. UTF-8 with a byte-order mark and CRLF line ends, which is what Excel expects.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportData, ExportEntryRow } from './collect.js';
import { balanceWords, domainsOf, flagsOf, localTime, lookup, peopleOf, polarityCounts, tagsOf, type Lookup } from './fields.js';

export const CSV_COLUMNS = [
  'date',
  'time',
  'people',
  'domains',
  'patterns',
  'imbalance patterns',
  'healthy patterns',
  'neutral patterns',
  'balance',
  'balance meaning',
  'intensity',
  'heard',
  'respected',
  'valued',
  'involved',
  'outcome',
  'flags',
  'title',
  'text',
] as const;

const NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will show as text, never evaluate. */
export function neutraliseCell(value: string): string {
  if (NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const list = (xs: readonly string[]) => xs.join('; ');
const num = (n: number | null) => (n === null ? '' : String(n));

export function toCsv(data: ExportData): string {
  const l = lookup(data);
  return csvHead() + data.entries.map((e) => csvRow(e, l)).join('');
}

const cells = (rows: string[][]) => stringify(rows.map((r) => r.map(neutraliseCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/ });

/** The byte-order mark and the header row. */
export const csvHead = (): string => '\uFEFF' + cells([[...CSV_COLUMNS]]);

/** One entry's row, with its line end (every row ends with CRLF, so rows simply follow each other). */
export function csvRow(e: ExportEntryRow, l: Lookup): string {
  const counts = polarityCounts(e, l);
  return cells([
    [
      e.day,
      localTime(e.occurredAt, e.timeZone),
      list(peopleOf(e, l)),
      list(domainsOf(e)),
      list(tagsOf(e, l).map((t) => t.label)),
      String(counts.imbalance),
      String(counts.healthy),
      String(counts.neutral),
      num(e.balance),
      balanceWords(e.balance),
      num(e.intensity),
      num(e.heard),
      num(e.respected),
      num(e.valued),
      num(e.involved),
      e.outcome,
      list(flagsOf(e)),
      e.title,
      e.body,
    ],
  ]);
}

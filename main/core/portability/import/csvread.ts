/**
 * Reading CSV (csv-parse) into rows with their line numbers, with the delimiter detected from the
 * header line, and csv-parse's errors turned into messages that name the line — never the content.
 */
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { FulcrumError } from '../../../../shared/errors.js';
import type { ImportLimits } from '../../../../shared/portability.js';
import { invalid } from './text.js';

export interface CsvRows {
  delimiter: string;
  header: string[];
  /** Data rows, with the (1-based) line each starts on. */
  rows: { cells: string[]; line: number }[];
}

/** The delimiter that splits the header line into the most columns, counting outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

interface CsvError {
  code?: string;
  lines?: number;
}

const options = (delimiter: string, limits: Pick<ImportLimits, 'maxStringChars' | 'maxEntries'>) => ({
  delimiter,
  bom: true,
  info: true,
  skip_empty_lines: true,
  // Spaces around values (and before an opening quote) are not part of the value.
  trim: true,
  // As spreadsheets write it: a quote inside a field that does not start with one is a literal
  // character (a formula such as =UPPER("x"), 5" screen), not the start of a quoted value.
  relax_quotes: true,
  max_record_size: limits.maxStringChars,
  // Stop reading a file with far too many rows rather than building them all.
  to: limits.maxEntries + 2,
});

export interface CsvRow {
  cells: string[];
  line: number;
  /** Found on the header line (see detectDelimiter). */
  delimiter: string;
}

/**
 * The same reading as `readCsv`, one row at a time, over text that arrives in pieces (an imported
 * file read a piece at a time): the pieces are fed to csv-parse's stream and each row is handed on
 * before the next is read, so no list of the file's rows is ever built. The first row yielded is the
 * header (line 1). The delimiter is found once the header line has arrived. An error from the pieces
 * themselves (text that is not UTF-8 further on) ends the reading with that error.
 */
export async function* streamCsvPieces(pieces: AsyncIterable<string>, limits: Pick<ImportLimits, 'maxStringChars' | 'maxEntries'>): AsyncGenerator<CsvRow> {
  const it = pieces[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (!/[\r\n]/.test(head)) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  const delimiter = detectDelimiter(head);
  const parser = parseStream(options(delimiter, limits));
  const input = Readable.from(
    (async function* rest() {
      try {
        if (head) yield head;
        head = '';
        if (ended) return;
        for (;;) {
          const next = await it.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await it.return?.(undefined);
      }
    })(),
    { objectMode: false },
  );
  // An error in reading the text ends the parser's own iterator below with it.
  input.on('error', (e) => parser.destroy(e)).pipe(parser);
  let count = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      count++;
      if (count > limits.maxEntries + 1) {
        throw invalid(`The file has more than ${limits.maxEntries.toLocaleString('en')} rows; that is more than can be imported at once.`);
      }
      yield { cells: count === 1 ? r.record.map((h) => h.replace(/^\uFEFF/, '').trim()) : r.record, line: r.info.lines - countBreaks(r.record), delimiter };
    }
  } catch (e) {
    if (e instanceof FulcrumError) throw e;
    throw csvError(e as CsvError);
  } finally {
    parser.destroy();
    // Stops the reading of the file too (its handle is closed), also when the caller stopped early.
    input.destroy();
  }
  if (count === 0) throw invalid('The file has no rows.');
}

export function readCsv(text: string, limits: Pick<ImportLimits, 'maxStringChars' | 'maxEntries'>): CsvRows {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, options(delimiter, limits)) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw csvError(e as CsvError);
  }
  if (records.length === 0) throw invalid('The file has no rows.');
  if (records.length > limits.maxEntries + 1) {
    throw invalid(`The file has more than ${limits.maxEntries.toLocaleString('en')} rows; that is more than can be imported at once.`);
  }
  const [head, ...rest] = records;
  return {
    delimiter,
    header: head!.record.map((h) => h.replace(/^\uFEFF/, '').trim()),
    // `info.lines` is the line a record ends on; a record with line breaks in a quoted field starts earlier.
    rows: rest.map((r) => ({ cells: r.record, line: r.info.lines - countBreaks(r.record) })),
  };
}

const countBreaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);

function csvError(e: CsvError): Error {
  const line = e.lines ?? null;
  const at = line ? ` on line ${line}` : '';
  const detail = line ? { line } : undefined;
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH':
      return invalid(`The row${at} has a different number of columns than the header (a ragged row). Check that row, or export the file again.`, detail);
    case 'CSV_QUOTE_NOT_CLOSED':
      return invalid(`A quoted value that starts${at} is never closed: the file looks cut off or damaged.`, detail);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return invalid(`A quote is in the wrong place${at}: the file is not valid CSV there.`, detail);
    case 'CSV_MAX_RECORD_SIZE':
      return invalid(`The row${at} is too long: the file is not a journal export, or it is damaged.`, detail);
    default:
      return invalid(`The file is not valid CSV${at}.`, detail);
  }
}

/** A spreadsheet's formula guard ("'=…") is not part of the value. */
export const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

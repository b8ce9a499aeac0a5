/**
 * Imports. Every import goes: bytes → limits (size) → text (encoding, binary) → format
 * (detected or chosen) → syntax with limits (JSON depth and string length before JSON.parse; CSV
 * record size and row count inside csv-parse) → a plan validated with zod → a preview (counts,
 * problems with their line or path, duplicates) → commit, all or nothing, in one transaction.
 *
 * The plan of the last preview is kept in memory (one per service, for 15 minutes), so a commit does
 * not send a large file twice; it is bound to the journal it was made for. For a Daylio or generic
 * CSV and a Fulcrum export that is the file's text and a summary, not its entries: both the preview
 * and the commit read it a row (an entry) at a time. Day One JSON is read whole. Foreign tags go where
 * the user mapped them; records with a problem can be left out.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { FulcrumError } from '../../../../shared/errors.js';
import {
  IMPORT_LIMITS,
  ImportCommitInput,
  ImportPreviewInput,
  type CsvMappingParsed,
  type ImportFormat,
  type ImportLimits,
  type ImportPreview,
  type ImportResult,
} from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { dayIn } from '../../db/repos/index.js';
import { decodeBase64, pickedPath, readLimited, tooLarge, type PickedFiles } from '../files.js';
import { commitPlan, duplicateChecker, resolvePlan } from './apply.js';
import { detectDelimiter, eachCsvRow, readCsv, readCsvHeader, streamCsv, type CsvRows } from './csvread.js';
import { daylioPlanner, isDaylio, planDaylio } from './daylio.js';
import { cooperate } from '../../jobs/cooperate.js';
import { isDayOne, planDayOne } from './dayone.js';
import { fulcrumStream, isFulcrumExport, planFulcrum } from './fulcrum.js';
import { genericPlanner, planGenericCsv } from './generic.js';
import { countTags, foreignTagsFrom, tagMapper } from './mapping.js';
import { checkJson, parseCheckedJson } from './jsonscan.js';
import { recordOf, type ImportPlan, type PlannedEntry } from './plan.js';
import { decodeText, invalid } from './text.js';

export { checkJson } from './jsonscan.js';
export { decodeText } from './text.js';
export { proposeMapping } from './generic.js';
export { IMPORT_LIMITS };
export type { ImportPlan } from './plan.js';

const PLAN_TTL_MS = 15 * 60 * 1000;
const MAX_LISTED_PROBLEMS = 100;

interface Pending {
  id: string;
  journalId: string;
  /** The open database it was previewed against: a lock in between (a new handle) expires the plan. */
  db: DB;
  at: number;
  plan: ImportPlan;
  /** Generic CSV: the rows, to apply another mapping at commit. */
  csv: CsvRows | null;
  timeZone: string;
  /**
   * A Daylio or generic CSV or a Fulcrum export is read an entry at a time, twice (preview, then commit), and
   * never held as a list of rows or entries: `plan` has no entries, and this reads them again from
   * the file's text (kept) at commit, in the same order.
   */
  reread: (() => AsyncGenerator<PlannedEntry>) | null;
  /** A generic CSV read a row at a time: its text, to read again with another mapping at commit. */
  genericText: string | null;
  summary: EntrySummary;
}

/** What the preview says about the entries, gathered one entry at a time. */
interface EntrySummary {
  count: number;
  duplicates: number;
  from: string | null;
  to: string | null;
  /** Foreign tag key → entries that carry it. */
  uses: Map<string, number>;
}

function summariser(db: DB, plan: Pick<ImportPlan, 'originJournalId'>, journalId: string) {
  const isDuplicate = duplicateChecker(db, plan, journalId);
  const summary: EntrySummary = { count: 0, duplicates: 0, from: null, to: null, uses: new Map() };
  const add = (e: PlannedEntry) => {
    summary.count++;
    if (isDuplicate(e)) summary.duplicates++;
    const day = dayIn(e.occurredAt, e.timeZone);
    if (summary.from === null || day < summary.from) summary.from = day;
    if (summary.to === null || day > summary.to) summary.to = day;
    countTags(summary.uses, e);
  };
  return { summary, add };
}

/** Reads a Daylio CSV a row at a time, handing each entry to `onEntry`, and pausing (for a lock) as it goes. */
async function streamDaylio(
  text: string,
  opts: { timeZone: string; limits: ImportLimits; signal: AbortSignal | undefined },
  onEntry: (e: PlannedEntry) => void,
): Promise<ImportPlan> {
  const pause = cooperate(opts.signal ?? new AbortController().signal);
  let planner: ReturnType<typeof daylioPlanner> | null = null;
  for await (const { cells, line } of streamCsv(text, opts.limits)) {
    if (!planner) {
      planner = daylioPlanner(cells, opts.timeZone);
      continue;
    }
    const e = planner.row(cells, line);
    if (e) onEntry(e);
    await pause();
  }
  return planner!.finish();
}

/**
 * The file's text, decoded once for the readings that go an entry at a time; null when the whole-file
 * reading is to refuse it first (too large, a ZIP archive). Decoding errors are the whole-file ones.
 */
function decodedText(bytes: Buffer, limits: ImportLimits): string | null {
  if (bytes.length > limits.maxBytes || bytes.subarray(0, 4).equals(ZIP)) return null;
  return decodeText(bytes);
}

const looksJson = (text: string) => /^\s*[[{]/.test(text);

/** True when the text should be read as a Daylio CSV a row at a time. */
function isDaylioText(text: string, format: ImportFormat | 'auto', limits: ImportLimits): boolean {
  if (format !== 'auto' && format !== 'daylio-csv') return false;
  if (looksJson(text)) return false;
  return format === 'daylio-csv' || isDaylio(readCsvHeader(text, limits));
}

/**
 * True when the text may be a Fulcrum export to read an entry at a time; it is checked as JSON here,
 * with the same messages the whole-file reading gives.
 */
function isFulcrumText(text: string, format: ImportFormat | 'auto', limits: ImportLimits): boolean {
  if (format !== 'auto' && format !== 'fulcrum-json') return false;
  if (!looksJson(text)) return false;
  checkJson(text, limits);
  return true;
}

/** True when the text is a generic CSV (not a Daylio one: that is decided before). */
const isGenericText = (text: string, format: ImportFormat | 'auto') => (format === 'auto' || format === 'csv') && !looksJson(text);

/**
 * A generic CSV's first pass: the header, a sample of five rows, and every row's date (for the
 * date order), without keeping the rows.
 */
function genericFirstPass(text: string, mapping: CsvMappingParsed | null, timeZone: string, limits: ImportLimits) {
  const delimiter = detectDelimiter(text);
  const held: { planner: ReturnType<typeof genericPlanner> | null } = { planner: null };
  eachCsvRow(text, limits, (cells) => {
    if (!held.planner) {
      held.planner = genericPlanner(cells, delimiter, mapping, timeZone);
      return;
    }
    const sample = held.planner.plan.csv!.sample;
    if (sample.length < 5) sample.push(cells);
    held.planner.observe(cells);
  });
  const planner = held.planner!;
  planner.decide();
  return planner;
}

/** Plans a generic CSV a row at a time (two passes), handing each entry to `onEntry`; the plan has no entries. */
export function planGenericText(text: string, mapping: CsvMappingParsed | null, timeZone: string, limits: ImportLimits, onEntry: (e: PlannedEntry) => void): ImportPlan {
  const planner = genericFirstPass(text, mapping, timeZone, limits);
  if (!planner.state.reading) return planner.plan;
  let header = true;
  eachCsvRow(text, limits, (cells, line) => {
    if (header) {
      header = false;
      return;
    }
    const e = planner.row(cells, line);
    if (e) onEntry(e);
  });
  return planner.finish();
}

/** The entries of a generic CSV read again at commit: the first pass at once, then the rows with pauses. */
function genericRows(text: string, mapping: CsvMappingParsed, timeZone: string, limits: ImportLimits) {
  return async function* (): AsyncGenerator<PlannedEntry> {
    const planner = genericFirstPass(text, mapping, timeZone, limits);
    if (!planner.state.reading) return;
    const rows = streamCsv(text, limits);
    await rows.next(); // the header
    for await (const { cells, line } of rows) {
      const e = planner.row(cells, line);
      if (e) yield e;
    }
  };
}

/**
 * A Fulcrum export summarised an entry at a time, with pauses (for a lock). Null when an entry does
 * not match the format: the whole-file reading then gives the file's problems.
 */
async function previewFulcrum(stream: NonNullable<ReturnType<typeof fulcrumStream>>, c: ImportContext): Promise<Pick<Pending, 'plan' | 'reread' | 'summary'> | null> {  const pause = cooperate(c.signal ?? new AbortController().signal);
  const s = summariser(c.db, stream.head, c.journalId);
  const entries = stream.entries();
  for (;;) {
    const next = entries.next();
    if (next.done) {
      if (!next.value) return null;
      break;
    }
    s.add(next.value);
    await pause();
  }
  const reread = async function* (): AsyncGenerator<PlannedEntry> {
    const again = stream.entries();
    for (;;) {
      const next = again.next();
      if (next.done) {
        // The text is the one the preview read: it cannot have changed.
        if (!next.value) throw invalid('The file could not be read again the way the preview read it. Nothing was imported.');
        return;
      }
      yield next.value;
    }
  };
  return { plan: stream.head, reread, summary: s.summary };
}

/**
 * The one import preview a session keeps for its commit (a new preview replaces it). Owned by the
 * Session and dropped when the journal locks: the plan holds what was read from the file.
 */
export class PendingImports {
  private pending: Pending | null = null;

  get current(): Pending | null {
    return this.pending;
  }

  set(p: Pending): void {
    this.pending = p;
  }

  /** Forgets the kept plan; with an id, only if it is that one. */
  clear(importId?: string): void {
    if (importId === undefined || this.pending?.id === importId) this.pending = null;
  }
}

/** Where a session keeps the files it picked and its pending import (the Session). */
export interface ImportOwner {
  readonly files: PickedFiles;
  readonly imports: PendingImports;
}

export type ImportProgress = (phase: 'reading' | 'checking' | 'saving', done: number, total: number) => void;

export interface ImportContext {
  db: DB;
  journalId: string;
  now: number;
  /** The session: its picked-file tokens and its pending import. */
  owner: ImportOwner;
  /** The zone to use when the file has none: the renderer's, or the computer's. */
  timeZone: string;
  limits?: ImportLimits;
  progress?: ImportProgress;
  /** The vault's lock signal: a commit stops (CANCELLED, nothing written) when the journal locks. */
  signal?: AbortSignal;
}

type PreviewInput = z.output<typeof ImportPreviewInput>;
type CommitInput = z.output<typeof ImportCommitInput>;

function sourceBytes(src: PreviewInput['source'], c: ImportContext, limits: ImportLimits): Buffer {
  if ('token' in src) return readLimited(pickedPath(c.owner.files, src.token, 'import', c.now), limits.maxBytes, 'The file');
  if ('base64' in src) return decodeBase64(src.base64, limits.maxBytes, 'The file');
  const bytes = Buffer.from(src.text, 'utf8');
  if (bytes.length > limits.maxBytes) throw tooLarge(bytes.length, limits.maxBytes, 'The file');
  return bytes;
}

const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');

/** The plan for a file, in the chosen format or the one detected. */
export function planFile(
  bytes: Buffer,
  opts: { format: ImportFormat | 'auto'; mapping?: CsvMappingParsed; timeZone: string; limits: ImportLimits },
): { plan: ImportPlan; csv: CsvRows | null } {
  if (bytes.length > opts.limits.maxBytes) throw tooLarge(bytes.length, opts.limits.maxBytes, 'The file');
  if (bytes.subarray(0, 4).equals(ZIP)) throw invalid('This is a ZIP archive. Unzip it first, then choose the .json or .csv file inside.');
  const text = decodeText(bytes);
  const looksJson = /^\s*[[{]/.test(text);
  const wantsJson = opts.format === 'fulcrum-json' || opts.format === 'dayone-json';
  const wantsCsv = opts.format === 'daylio-csv' || opts.format === 'csv';

  if (wantsJson || (opts.format === 'auto' && looksJson)) {
    const json = parseCheckedJson(text, opts.limits);
    if (opts.format !== 'dayone-json' && isFulcrumExport(json)) return { plan: planFulcrum(json), csv: null };
    if (opts.format !== 'fulcrum-json' && isDayOne(json)) return { plan: planDayOne(json, opts.timeZone, opts.limits.maxEntries), csv: null };
    throw invalid(
      opts.format === 'fulcrum-json'
        ? 'This JSON file is not a Fulcrum export (its "format" is not "fulcrum-export").'
        : opts.format === 'dayone-json'
          ? 'This JSON file is not a Day One export (it has no list of "entries").'
          : 'This JSON file is neither a Fulcrum export nor a Day One export.',
    );
  }
  if (!wantsCsv && opts.format !== 'auto') throw invalid('Unknown import format.');
  if (looksJson && opts.format !== 'auto') throw invalid('This file holds JSON, not CSV. Choose the matching format.');
  const csv = readCsv(text, opts.limits);
  if (opts.format === 'daylio-csv' || (opts.format === 'auto' && isDaylio(csv.header))) {
    return { plan: planDaylio(csv, opts.timeZone), csv: null };
  }
  return { plan: planGenericCsv(csv, opts.mapping ?? null, opts.timeZone), csv };
}

/**
 * Records with problems that leaving out would let the rest import: the distinct records named, or
 * 0 when any problem is about the file as a whole.
 */
function skippableRecords(plan: ImportPlan): number {
  const records = plan.problems.map((x) => recordOf(x.where));
  if (records.includes(null)) return 0;
  return new Set(records).size;
}

function previewOf(db: DB, p: Pending): ImportPreview {
  const foreignTags = foreignTagsFrom(db, p.plan.tags, p.summary.uses);
  // The patterns and people as the proposed mapping makes them; the entries are summarised already.
  const plan = tagMapper(db, p.plan, foreignTags).plan;
  const r = resolvePlan(db, plan, p.journalId);
  const dup = p.summary.duplicates;
  const { from, to } = p.summary;
  const created = (m: Map<string, number | null>) => [...m.values()].filter((v) => v === null).length;
  const checkDup = r.checkinDuplicate.filter(Boolean).length;
  const strDup = r.strengthDuplicate.filter(Boolean).length;
  return {
    importId: p.id,
    format: plan.format,
    canCommit: plan.problems.length === 0,
    skippable: skippableRecords(plan),
    foreignTags,
    counts: {
      entries: p.summary.count,
      newEntries: p.summary.count - dup,
      duplicates: dup,
      people: { new: created(r.people), matched: r.people.size - created(r.people) },
      tags: { new: new Set(plan.tags.filter((t) => r.tags.get(t.key) === null).map((t) => t.label.toLocaleLowerCase())).size, matched: r.tags.size - created(r.tags) },
      checkins: { new: plan.checkins.length - checkDup, duplicates: checkDup },
      strengths: { new: plan.strengths.length - strDup, duplicates: strDup },
    },
    range: from && to ? { from, to } : null,
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS).map((x) => ({ where: x.where, line: x.line, message: x.message })),
    problemCount: plan.problems.length,
    notes: plan.notes,
    csv: plan.csv,
  };
}

/**
 * Reads, checks and plans a file, and says what importing it would do. Writes nothing. A Daylio CSV
 * and a Fulcrum export are read an entry at a time with pauses (so the answer is a promise); a
 * generic CSV a row at a time without pauses, and anything else whole, at once.
 */
export function previewImport(input: PreviewInput, c: ImportContext): ImportPreview | Promise<ImportPreview> {
  const limits = c.limits ?? IMPORT_LIMITS;
  c.progress?.('reading', 0, 1);
  const bytes = sourceBytes(input.source, c, limits);
  c.progress?.('checking', 0, 1);
  const timeZone = input.timeZone ?? c.timeZone;
  const base = { id: randomBytes(18).toString('base64url'), journalId: c.journalId, db: c.db, at: c.now, timeZone };
  const done = (p: Pending) => {
    c.owner.imports.set(p);
    c.progress?.('checking', 1, 1);
    return previewOf(c.db, p);
  };
  const decoded = decodedText(bytes, limits);
  const text = decoded !== null && isDaylioText(decoded, input.format, limits) ? decoded : null;
  if (text !== null) {
    const s = summariser(c.db, { originJournalId: null }, c.journalId);
    const reread = async function* (): AsyncGenerator<PlannedEntry> {
      const rows = streamCsv(text, limits);
      const header = await rows.next();
      if (header.done) return;
      const planner = daylioPlanner(header.value.cells, timeZone);
      for await (const { cells, line } of rows) {
        const e = planner.row(cells, line);
        if (e) yield e;
      }
    };
    return streamDaylio(text, { timeZone, limits, signal: c.signal }, s.add).then((plan) => done({ ...base, plan, csv: null, reread, genericText: null, summary: s.summary }));
  }
  const json = decoded !== null && isFulcrumText(decoded, input.format, limits) ? decoded : null;
  // Decided here, at once: anything that is not a Fulcrum export is read whole, as before.
  const stream = json === null ? null : fulcrumStream(json);
  if (stream) {
    // The file's bytes are not kept while the entries are read: the text is all that is needed.
    return previewFulcrum(stream, c).then((streamed) => {
      if (streamed) return done({ ...base, ...streamed, csv: null, genericText: null });
      // Something in it does not match the format: read whole for the problems (the text passed the size limit already).
      return whole(Buffer.from(json!, 'utf8'), { ...limits, maxBytes: Number.MAX_SAFE_INTEGER });
    });
  }
  if (decoded !== null && isGenericText(decoded, input.format)) {
    const s = summariser(c.db, { originJournalId: null }, c.journalId);
    const plan = planGenericText(decoded, input.mapping ?? null, timeZone, limits, s.add);
    const reread = genericRows(decoded, plan.csv!.mapping, timeZone, limits);
    return done({ ...base, plan, csv: null, reread, genericText: decoded, summary: s.summary });
  }
  return whole(bytes, limits);

  function whole(bytes: Buffer, limits: ImportLimits): ImportPreview {
    const { plan, csv } = planFile(bytes, { format: input.format, mapping: input.mapping, timeZone, limits });
    const s = summariser(c.db, plan, c.journalId);
    for (const e of plan.entries) s.add(e);
    return done({ ...base, plan, csv, reread: null, genericText: null, summary: s.summary });
  }
}

/** Imports what the preview showed (re-checked against the journal as it is now), all or nothing. */
export async function commitImport(input: CommitInput, c: ImportContext): Promise<ImportResult> {
  const p = c.owner.imports.current;
  if (!p || p.id !== input.importId || c.now - p.at > PLAN_TTL_MS || p.journalId !== c.journalId || p.db !== c.db) {
    c.owner.imports.clear();
    throw new FulcrumError('NOT_FOUND', 'This import preview has expired. Choose the file again to see a fresh preview.');
  }
  let plan = p.plan;
  let summary = p.summary;
  let reread = p.reread;
  if (input.mapping) {
    if (p.genericText !== null) {
      // The rows read again with the new mapping: its problems and counts, then the entries at commit.
      const uses = new Map<string, number>();
      let count = 0;
      plan = planGenericText(p.genericText, input.mapping, p.timeZone, c.limits ?? IMPORT_LIMITS, (e) => {
        count++;
        countTags(uses, e);
      });
      summary = { ...summary, count, uses };
      reread = genericRows(p.genericText, input.mapping, p.timeZone, c.limits ?? IMPORT_LIMITS);
    } else {
      if (!p.csv) throw new FulcrumError('VALIDATION', 'A column mapping applies only to a generic CSV import.');
      plan = planGenericCsv(p.csv, input.mapping, p.timeZone);
      summary = { ...summary, count: plan.entries.length, uses: new Map() };
      for (const e of plan.entries) countTags(summary.uses, e);
    }
  }
  const skipped = input.skipProblems ? skippableRecords(plan) : 0;
  if (plan.problems.length > 0 && skipped === 0) {
    const first = plan.problems.slice(0, 3).map((x) => `${x.where}: ${x.message}`).join('; ');
    throw new FulcrumError(
      'IMPORT_INVALID',
      `The file has ${plan.problems.length} ${plan.problems.length === 1 ? 'problem' : 'problems'} (${first}). Nothing was imported. Fix the file, or choose another.`,
      { problems: plan.problems.length },
    );
  }
  const m = tagMapper(c.db, plan, foreignTagsFrom(c.db, plan.tags, summary.uses), input.tagMapping);
  const options = {
    journalId: c.journalId,
    now: c.now,
    progress: (done: number, total: number) => c.progress?.('saving', done, total),
    ...(c.signal ? { signal: c.signal } : {}),
  };
  let result: ImportResult;
  if (reread === null) {
    result = await commitPlan(c.db, { ...m.plan, entries: plan.entries.map(m.entry) }, options);
  } else {
    // The same file read again, an entry at a time: the entries the preview counted, in the same order.
    const entries = async function* (): AsyncGenerator<PlannedEntry> {
      for await (const e of reread()) yield m.entry(e);
    };
    result = await commitPlan(c.db, m.plan, { ...options, stream: { total: summary.count, entries: entries() } });
  }
  if (skipped > 0) result.skipped.problems = skipped;
  c.owner.imports.clear();
  return result;
}

/** Forgets the kept plan (the preview was closed). */
export function cancelImport(owner: ImportOwner, importId: string): void {
  owner.imports.clear(importId);
}

/**
 * Imports. Every import goes: bytes → limits (size) → text (encoding, binary) → format
 * (detected or chosen) → syntax with limits (JSON depth and string length before JSON.parse; CSV
 * record size and row count inside csv-parse) → a plan validated with zod → a preview (counts,
 * problems with their line or path, duplicates) → commit, all or nothing, in one transaction.
 *
 * The plan of the last preview is kept in memory (one per service, for 15 minutes), so a commit does
 * not send a large file twice; it is bound to the journal it was made for. That is a summary, not the
 * entries, and not the file: the file is read from its source a piece at a time (source.ts) — a file
 * chosen on disk is read again from disk, checked to be the same — a row (an entry) at a time, once
 * for the preview and again at commit. Foreign tags go where the user mapped them; records with a
 * problem can be left out.
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
import { pickedPath, tooLarge, type PickedFiles } from '../files.js';
import { commitPlan, duplicateChecker, resolvePlan, SLICE_MS } from './apply.js';
import { readCsv, streamCsvPieces, type CsvRows } from './csvread.js';
import { daylioPlanner, isDaylio, planDaylio } from './daylio.js';
import { throwIfCancelled } from '../../jobs/cooperate.js';
import { stepPauses, type ImportStep, type StepPause } from './steps.js';
import { dayOnePlanner, isDayOne, planDayOne, tooManyDayOne } from './dayone.js';
import { fulcrumStream, isFulcrumExport, planFulcrum } from './fulcrum.js';
import { genericPlanner, planGenericCsv } from './generic.js';
import { countTags, foreignTagsFrom, tagMapper } from './mapping.js';
import { parseCheckedJson } from './jsonscan.js';
import { jsonElements, scanJsonFile, type JsonSkeleton } from './jsonstream.js';
import { bufferSource, decodePieces, fileSource, partsSource, readAll, watched, type ByteSource, type Seen } from './source.js';
import { recordOf, type ImportPlan, type PlannedEntry } from './plan.js';
import { decodeText, invalid } from './text.js';
import type { AttachStep } from '../../attachments/steps.js';
import { attachImported, readImportZip, type ZipImport } from './zip.js';

export { checkJson } from './jsonscan.js';
export { decodeText } from './text.js';
export { proposeMapping } from './generic.js';
export { IMPORT_LIMITS };
export type { ImportPlan } from './plan.js';
export { IMPORT_STEPS, type ImportStep } from './steps.js';

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
   * A file read an entry at a time, twice (preview, then commit), and never held as a list of rows
   * or entries: `plan` has no entries, and this reads them again from the file at commit, in the
   * same order. Null when the file was read whole (then `plan` has its entries).
   */
  reread: ((at: StepPause) => AsyncGenerator<PlannedEntry>) | null;
  /** A generic CSV read a row at a time: its text, to read again with another mapping at commit. */
  genericRead: TextReader | null;
  summary: EntrySummary;
  /** A ZIP archive: its files, attached to their entries at commit. */
  zip?: ZipImport;
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

/** The text of an imported file, read from the start each time it is called. */
type TextReader = () => AsyncGenerator<string>;

/**
 * The source's text, read again as often as needed (source.ts); every reading after the first
 * complete one checks that the file is still the one that reading saw.
 */
function textReader(source: ByteSource): TextReader {
  let seen: Seen | null = null;
  return async function* () {
    const box = { value: null as Seen | null };
    yield* decodePieces(watched(source, box, seen ?? undefined));
    seen ??= box.value;
  };
}

/** Text already in memory, as a TextReader (tests, and what does not come from a file). */
export const textOf =
  (text: string): TextReader =>
  async function* () {
    yield text;
  };

/** No pause: for callers that have no lock to listen for (tests, a plan made whole). */
const noPause: StepPause = () => Promise.resolve();

/** Reads a Daylio CSV a row at a time, handing each entry to `onEntry`, and pausing (for a lock) as it goes. */
async function streamDaylio(
  read: TextReader,
  opts: { timeZone: string; limits: ImportLimits; at: StepPause },
  onEntry: (e: PlannedEntry) => void,
): Promise<ImportPlan> {
  let planner: ReturnType<typeof daylioPlanner> | null = null;
  for await (const { cells, line } of streamCsvPieces(read(), opts.limits)) {
    if (!planner) {
      planner = daylioPlanner(cells, opts.timeZone);
      continue;
    }
    const e = planner.row(cells, line);
    if (e) onEntry(e);
    await opts.at('entries');
  }
  return planner!.finish();
}

/** The header row of a CSV (the first record), reading no further than it. */
async function csvHeader(read: TextReader, limits: ImportLimits): Promise<string[]> {
  const rows = streamCsvPieces(read(), limits);
  try {
    const first = await rows.next();
    return first.done ? [] : first.value.cells;
  } finally {
    await rows.return(undefined);
  }
}

/**
 * A generic CSV's first pass: the header, a sample of five rows, and every row's date (for the
 * date order), without keeping the rows.
 */
async function genericFirstPass(read: TextReader, mapping: CsvMappingParsed | null, timeZone: string, limits: ImportLimits, at: StepPause) {
  let planner: ReturnType<typeof genericPlanner> | null = null;
  for await (const { cells, delimiter } of streamCsvPieces(read(), limits)) {
    await at('check');
    if (!planner) {
      planner = genericPlanner(cells, delimiter, mapping, timeZone);
      continue;
    }
    const sample = planner.plan.csv!.sample;
    if (sample.length < 5) sample.push(cells);
    planner.observe(cells);
  }
  planner!.decide();
  return planner!;
}

/** Plans a generic CSV a row at a time (two passes), handing each entry to `onEntry`; the plan has no entries. */
export async function planGenericText(
  read: TextReader,
  mapping: CsvMappingParsed | null,
  timeZone: string,
  limits: ImportLimits,
  onEntry: (e: PlannedEntry) => void,
  at: StepPause = noPause,
): Promise<ImportPlan> {
  const planner = await genericFirstPass(read, mapping, timeZone, limits, at);
  if (!planner.state.reading) return planner.plan;
  let header = true;
  for await (const { cells, line } of streamCsvPieces(read(), limits)) {
    await at('entries');
    if (header) {
      header = false;
      continue;
    }
    const e = planner.row(cells, line);
    if (e) onEntry(e);
  }
  return planner.finish();
}

/** The entries of a generic CSV read again at commit: the first pass, then the rows. */
function genericRows(read: TextReader, mapping: CsvMappingParsed, timeZone: string, limits: ImportLimits) {
  return async function* (at: StepPause): AsyncGenerator<PlannedEntry> {
    const planner = await genericFirstPass(read, mapping, timeZone, limits, () => at('reread'));
    if (!planner.state.reading) return;
    const rows = streamCsvPieces(read(), limits);
    await rows.next(); // the header
    for await (const { cells, line } of rows) {
      const e = planner.row(cells, line);
      if (e) yield e;
      else await at('reread');
    }
  };
}

/** The entries of a streamed JSON file, planned: null from `plan` hands the file to the whole-file reading. */
interface JsonEntries {
  plan: ImportPlan;
  path: 'journal.entries' | 'entries';
  /** A fresh planner for one reading of the entries (preview, commit). */
  planner: () => (raw: unknown, i: number) => PlannedEntry | null | 'skip';
  /** Once the preview has read every entry: what the plan gathers along the way (Day One's tags and notes). */
  finish?: () => void;
}

/**
 * A JSON file read a piece at a time (jsonstream.ts): checked whole first, then a Fulcrum or Day One
 * export summarised an entry at a time, with pauses (for a lock), and read again the same way at
 * commit. Null when the file is not JSON, or is a kind of JSON this reading leaves to the whole-file
 * one (a repeated name, a Fulcrum export with a problem: there, its problems are listed as before).
 */
async function previewJson(
  source: ByteSource,
  format: ImportFormat | 'auto',
  timeZone: string,
  c: ImportContext,
  limits: ImportLimits,
  at: StepPause,
): Promise<Pick<Pending, 'plan' | 'reread' | 'summary'> | null> {
  if (format !== 'auto' && format !== 'fulcrum-json' && format !== 'dayone-json') return null;
  const scan = await scanJsonFile(source, limits, () => at('check'));
  if (!scan) return null;
  // The scan's last read (the file's end) is followed by the entries' first: a turn between them.
  await at('check');
  const json = scan.skeleton;
  let entries: JsonEntries | null;
  if (format !== 'dayone-json' && isFulcrumExport(json)) entries = fulcrumEntries(scan);
  else if (format !== 'fulcrum-json' && isDayOne(json)) entries = dayOneEntries(scan, timeZone, limits);
  else throw notThisJson(format);
  if (!entries) return null;
  const { plan, path, planner } = entries;

  const s = summariser(c.db, plan, c.journalId);
  const preview = planner();
  let i = 0;
  for await (const raw of jsonElements(source, limits, path, scan.seen)) {
    const e = preview(raw, i++);
    if (e === null) return null;
    if (e !== 'skip') s.add(e);
    await at('entries');
  }
  entries.finish?.();
  const reread = async function* (): AsyncGenerator<PlannedEntry> {
    const again = planner();
    let j = 0;
    for await (const raw of jsonElements(source, limits, path, scan.seen)) {
      const e = again(raw, j++);
      // The bytes are the ones the preview read (checked as they are read): this cannot happen.
      if (e === null) throw invalid('The file could not be read again the way the preview read it.');
      if (e !== 'skip') yield e;
    }
  };
  return { plan, reread, summary: s.summary };
}

function fulcrumEntries(scan: JsonSkeleton): JsonEntries | null {
  if (scan.lists['journal.entries'] === null) return null;
  const stream = fulcrumStream(scan.skeleton); // a newer version's file is refused here
  if (!stream) return null;
  return { plan: stream.head, path: 'journal.entries', planner: stream.entries };
}

/**
 * A Day One export planned an entry at a time: its problems are each entry's own (an entry with
 * one is left out), gathered in the preview's plan as the whole-file reading gathers them.
 */
function dayOneEntries(scan: JsonSkeleton, timeZone: string, limits: ImportLimits): JsonEntries | null {
  const count = scan.lists.entries;
  if (count === null) return null;
  if (count > limits.maxEntries) throw tooManyDayOne(count, limits.maxEntries);
  // The preview's reading gathers the problems, tags and notes in the plan; a reading at commit uses a scratch planner.
  const first = dayOnePlanner(timeZone);
  let used = false;
  return {
    plan: first.plan,
    path: 'entries',
    planner: () => {
      const p = used ? dayOnePlanner(timeZone) : first;
      used = true;
      return (raw, i) => p.entry(raw, i) ?? 'skip';
    },
    finish: () => void first.finish(count),
  };
}

/** The first character of the file's text that is not white space (the errors of decoding it, if any). */
async function firstCharacter(source: ByteSource): Promise<string> {
  for await (const text of decodePieces(source.pieces())) {
    const m = /\S/.exec(text);
    if (m) return m[0];
  }
  return '';
}

async function startsWith(source: ByteSource, bytes: Buffer): Promise<boolean> {
  for await (const p of source.pieces()) return p.subarray(0, bytes.length).equals(bytes);
  return false;
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
  /** Tests only: called at each step of storing an imported attachment (see Ports.attachCrashAt). */
  attachCrashAt?: (step: AttachStep) => void;
  /** Tests only: awaited the first time the import reaches each of its steps (see Ports.importStepAt). */
  stepAt?: (step: ImportStep) => void | Promise<void>;
  /** Gives the call queue up between two slices of the commit, and now and then in the preview (ServiceContext.turn). */
  turn?: () => Promise<void>;
  /** Tests only: called after each committed slice of the commit (see Ports.importSliceAt). */
  sliceAt?: (slice: number) => void | Promise<void>;
  /** Milliseconds of writing per slice of the commit, and of the preview's work between two turns (apply.ts SLICE_MS by default). */
  sliceMs?: number;
}

type PreviewInput = z.output<typeof ImportPreviewInput>;
type CommitInput = z.output<typeof ImportCommitInput>;

/** Characters of a sent file turned into bytes between two pauses (a few milliseconds of work). */
const SLICE_CHARS = 1 << 20;

/**
 * The bytes of a file sent in the call (browser mode), turned into bytes a slice at a time with a
 * pause between slices: tens of megabytes at once would hold the thread for a few hundred
 * milliseconds, and with it a lock asked for meanwhile.
 */
async function sentBytes(src: { base64: string } | { text: string }, limits: ImportLimits, at: StepPause): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  if ('base64' in src) {
    const estimate = Math.floor((src.base64.length * 3) / 4);
    if (estimate > limits.maxBytes + 2) throw tooLarge(estimate, limits.maxBytes, 'The file');
    // The contract allows only base64's letters with the padding at the end, so slices of a multiple
    // of four characters decode to exactly the bytes of the whole.
    for (let i = 0; i < src.base64.length; i += SLICE_CHARS) {
      parts.push(Buffer.from(src.base64.slice(i, i + SLICE_CHARS), 'base64'));
      await at('source');
    }
    return parts;
  }
  const size = Buffer.byteLength(src.text, 'utf8');
  if (size > limits.maxBytes) throw tooLarge(size, limits.maxBytes, 'The file');
  for (let i = 0; i < src.text.length; ) {
    let end = Math.min(i + SLICE_CHARS, src.text.length);
    // Never between the two halves of a character outside the BMP.
    const last = src.text.charCodeAt(end - 1);
    if (end < src.text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(Buffer.from(src.text.slice(i, end), 'utf8'));
    i = end;
    await at('source');
  }
  return parts;
}

async function sourceOf(src: PreviewInput['source'], c: ImportContext, limits: ImportLimits, at: StepPause): Promise<ByteSource> {
  if ('token' in src) return fileSource(pickedPath(c.owner.files, src.token, 'import', c.now), limits.maxBytes, 'The file');
  return partsSource(await sentBytes(src, limits, at));
}

const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');

const notThisJson = (format: ImportFormat | 'auto') =>
  invalid(
    format === 'fulcrum-json'
      ? 'This JSON file is not a Fulcrum export (its "format" is not "fulcrum-export").'
      : format === 'dayone-json'
        ? 'This JSON file is not a Day One export (it has no list of "entries").'
        : 'This JSON file is neither a Fulcrum export nor a Day One export.',
  );

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
    throw notThisJson(opts.format);
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
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS).map((x) => ({ where: x.where, line: x.line, issue: x.issue, message: x.message })),
    problemCount: plan.problems.length,
    notes: plan.notes,
    csv: plan.csv,
    ...(p.zip ? { attachments: { files: p.zip.count, bytes: p.zip.totalBytes } } : {}),
  };
}

/**
 * Reads, checks and plans a file, and says what importing it would do. Writes nothing. A Daylio CSV
 * and a Fulcrum export are read an entry at a time with pauses (so the answer is a promise); a
 * generic CSV a row at a time without pauses, and anything else whole, at once.
 */
export async function previewImport(input: PreviewInput, c: ImportContext): Promise<ImportPreview> {
  const limits = c.limits ?? IMPORT_LIMITS;
  // Every phase gives way at least every ~20 ms and stops at once when the journal locks (steps.ts);
  // it writes nothing, so it also lets the calls queued meanwhile (saves) run every SLICE_MS.
  const at = stepPauses(c.signal, c.stepAt, c.turn ? { turn: c.turn, turnMs: c.sliceMs ?? SLICE_MS } : undefined);
  await at('source');
  c.progress?.('reading', 0, 1);
  const source = await sourceOf(input.source, c, limits, at);
  c.progress?.('checking', 0, 1);
  const timeZone = input.timeZone ?? c.timeZone;
  const base = { id: randomBytes(18).toString('base64url'), journalId: c.journalId, db: c.db, at: c.now, timeZone };
  const done = async (p: Pending) => {
    await at('match');
    const preview = previewOf(c.db, p);
    // Kept for the commit only if the journal is still open (a lock during the preview forgets it).
    if (c.signal) throwIfCancelled(c.signal);
    c.owner.imports.set(p);
    c.progress?.('checking', 1, 1);
    return preview;
  };
  const summarise = async (plan: ImportPlan) => {
    const s = summariser(c.db, plan, c.journalId);
    for (const e of plan.entries) {
      s.add(e);
      await at('entries');
    }
    return s.summary;
  };
  // Each look at the file's start is a file read of its own: the queue is given up between them
  // (steps.ts), so a save is never held behind more than one read.
  const zipped = await startsWith(source, ZIP);
  await at('source');
  if (zipped) {
    // An archive is held whole (within the import's size limit) until the commit; its files are checked one at a time.
    if (input.format === 'daylio-csv' || input.format === 'csv') throw invalid('This is a ZIP archive, not a CSV file. Choose the matching format.');
    const zip = await readImportZip(await readAll(source), limits, () => at('check'));
    if (input.format !== 'auto' && input.format !== zip.format) throw notThisJson(input.format);
    const inner = bufferSource(zip.inner);
    const streamed = await previewJson(inner, zip.format, timeZone, c, limits, at);
    if (streamed) return done({ ...base, ...streamed, csv: null, genericRead: null, zip });
    await at('check');
    const { plan } = planFile(zip.inner, { format: zip.format, timeZone, limits });
    return done({ ...base, plan, csv: null, reread: null, genericRead: null, summary: await summarise(plan), zip });
  }
  // A journal export is read from the file a piece at a time, never held whole. What is left to the
  // whole-file reading below: a ZIP archive, and a JSON file with something the piecewise reading
  // leaves to it (a repeated name; a Fulcrum export with a problem, whose problems are listed as before).
  {
    const first = await firstCharacter(source);
    await at('source');
    if (first === '{' || first === '[') {
      const streamed = await previewJson(source, input.format, timeZone, c, limits, at);
      if (streamed) return done({ ...base, ...streamed, csv: null, genericRead: null });
    } else if (input.format === 'auto' || input.format === 'daylio-csv' || input.format === 'csv') {
      const read = textReader(source);
      const s = summariser(c.db, { originJournalId: null }, c.journalId);
      if (input.format === 'daylio-csv' || (input.format === 'auto' && isDaylio(await csvHeader(read, limits)))) {
        const reread = async function* (): AsyncGenerator<PlannedEntry> {
          let planner: ReturnType<typeof daylioPlanner> | null = null;
          for await (const { cells, line } of streamCsvPieces(read(), limits)) {
            if (!planner) {
              planner = daylioPlanner(cells, timeZone);
              continue;
            }
            const e = planner.row(cells, line);
            if (e) yield e;
          }
        };
        const plan = await streamDaylio(read, { timeZone, limits, at }, s.add);
        return done({ ...base, plan, csv: null, reread, genericRead: null, summary: s.summary });
      }
      const plan = await planGenericText(read, input.mapping ?? null, timeZone, limits, s.add, at);
      const reread = genericRows(read, plan.csv!.mapping, timeZone, limits);
      return done({ ...base, plan, csv: null, reread, genericRead: read, summary: s.summary });
    }
  }
  const bytes = await readAll(source);
  await at('check');
  const { plan, csv } = planFile(bytes, { format: input.format, mapping: input.mapping, timeZone, limits });
  return done({ ...base, plan, csv, reread: null, genericRead: null, summary: await summarise(plan) });
}

/** Imports what the preview showed (re-checked against the journal as it is now), all or nothing. */
export async function commitImport(input: CommitInput, c: ImportContext): Promise<ImportResult> {
  const at = stepPauses(c.signal, c.stepAt);
  const p = c.owner.imports.current;
  if (!p || p.id !== input.importId || c.now - p.at > PLAN_TTL_MS || p.journalId !== c.journalId || p.db !== c.db) {
    c.owner.imports.clear();
    throw new FulcrumError('NOT_FOUND', 'This import preview has expired. Choose the file again to see a fresh preview.');
  }
  let plan = p.plan;
  let summary = p.summary;
  let reread = p.reread;
  if (input.mapping) {
    if (p.genericRead !== null) {
      // The rows read again with the new mapping: its problems and counts, then the entries at commit.
      const uses = new Map<string, number>();
      let count = 0;
      plan = await planGenericText(
        p.genericRead,
        input.mapping,
        p.timeZone,
        c.limits ?? IMPORT_LIMITS,
        (e) => {
          count++;
          countTags(uses, e);
        },
        (step) => at(step === 'entries' ? 'reread' : step),
      );
      summary = { ...summary, count, uses };
      reread = genericRows(p.genericRead, input.mapping, p.timeZone, c.limits ?? IMPORT_LIMITS);
    } else {
      if (!p.csv) throw new FulcrumError('VALIDATION', 'A column mapping applies only to a generic CSV import.');
      plan = planGenericCsv(p.csv, input.mapping, p.timeZone);
      summary = { ...summary, count: plan.entries.length, uses: new Map() };
      for (const e of plan.entries) countTags(summary.uses, e);
    }
  }
  await at('reread');
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
    pause: at,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.turn ? { turn: c.turn } : {}),
    ...(c.sliceAt ? { afterSlice: c.sliceAt } : {}),
    ...(c.sliceMs !== undefined ? { sliceMs: c.sliceMs } : {}),
    ...(p.zip ? attachTo(c.db, p.zip, c.now, at, c.attachCrashAt) : {}),
  };
  let result: ImportResult;
  if (reread === null) {
    result = await commitPlan(c.db, { ...m.plan, entries: plan.entries.map(m.entry) }, options);
  } else {
    // The same file read again, an entry at a time: the entries the preview counted, in the same order.
    const entries = async function* (): AsyncGenerator<PlannedEntry> {
      for await (const e of reread(at)) yield m.entry(e);
    };
    result = await commitPlan(c.db, m.plan, { ...options, stream: { total: summary.count, entries: entries() } });
  }
  if (skipped > 0) result.skipped.problems = skipped;
  c.owner.imports.clear();
  return result;
}

const attachTo = (db: DB, zip: ZipImport, now: number, at: StepPause, crashAt?: (step: AttachStep) => void) => ({
  afterEntry: (entry: PlannedEntry, id: number) => attachImported(db, zip, entry.where, { kind: 'entry', id }, now, { at, crashAt }),
  afterCheckIn: (where: string, id: number) => attachImported(db, zip, where, { kind: 'checkin', id }, now, { at, crashAt }),
});

/** Forgets the kept plan (the preview was closed). */
export function cancelImport(owner: ImportOwner, importId: string): void {
  owner.imports.clear(importId);
}

/**
 * Imports (issue 6 §4). Every import goes: bytes → limits (size) → text (encoding, binary) → format
 * (detected or chosen) → syntax with limits (JSON depth and string length before JSON.parse; CSV
 * record size and row count inside csv-parse) → a plan validated with zod → a preview (counts,
 * problems with their line or path, duplicates) → commit, all or nothing, in one transaction.
 *
 * The plan of the last preview is kept in memory (one per service, for 15 minutes), so a commit does
 * not send a large file twice; it is bound to the journal it was made for.
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
import { decodeBase64, pickedPath, readLimited, tooLarge } from '../files.js';
import { commitPlan, resolvePlan } from './apply.js';
import { readCsv, type CsvRows } from './csvread.js';
import { isDaylio, planDaylio } from './daylio.js';
import { isDayOne, planDayOne } from './dayone.js';
import { isFulcrumExport, planFulcrum } from './fulcrum.js';
import { planGenericCsv } from './generic.js';
import { applyTagMapping, foreignTagsOf } from './mapping.js';
import { parseCheckedJson } from './jsonscan.js';
import { recordOf, type ImportPlan } from './plan.js';
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
}

const pending = new WeakMap<object, Pending>();

export type ImportProgress = (phase: 'reading' | 'checking' | 'saving', done: number, total: number) => void;

export interface ImportContext {
  db: DB;
  journalId: string;
  now: number;
  /** The file chooser's owner (the service context): tokens and plans are kept per service. */
  owner: object;
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
  if ('token' in src) return readLimited(pickedPath(c.owner, src.token, 'import', c.now), limits.maxBytes, 'The file');
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
  const foreignTags = foreignTagsOf(db, p.plan);
  const plan = applyTagMapping(db, p.plan, foreignTags);
  const r = resolvePlan(db, plan, p.journalId);
  const dup = r.entryDuplicate.filter(Boolean).length;
  let from: string | null = null;
  let to: string | null = null;
  for (const e of plan.entries) {
    const day = dayIn(e.occurredAt, e.timeZone);
    if (from === null || day < from) from = day;
    if (to === null || day > to) to = day;
  }
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
      entries: plan.entries.length,
      newEntries: plan.entries.length - dup,
      duplicates: dup,
      people: { new: created(r.people), matched: r.people.size - created(r.people) },
      tags: { new: new Set(plan.tags.filter((t) => r.tags.get(t.key) === null).map((t) => t.label.toLocaleLowerCase())).size, matched: r.tags.size - created(r.tags) },
      checkins: { new: plan.checkins.length - checkDup, duplicates: checkDup },
      strengths: { new: plan.strengths.length - strDup, duplicates: strDup },
    },
    range: from && to ? { from, to } : null,
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: plan.problems.length,
    notes: plan.notes,
    csv: plan.csv,
  };
}

/** Reads, checks and plans a file, and says what importing it would do. Writes nothing. */
export function previewImport(input: PreviewInput, c: ImportContext): ImportPreview {
  const limits = c.limits ?? IMPORT_LIMITS;
  c.progress?.('reading', 0, 1);
  const bytes = sourceBytes(input.source, c, limits);
  c.progress?.('checking', 0, 1);
  const timeZone = input.timeZone ?? c.timeZone;
  const { plan, csv } = planFile(bytes, { format: input.format, mapping: input.mapping, timeZone, limits });
  const p: Pending = { id: randomBytes(18).toString('base64url'), journalId: c.journalId, db: c.db, at: c.now, plan, csv, timeZone };
  pending.set(c.owner, p);
  c.progress?.('checking', 1, 1);
  return previewOf(c.db, p);
}

/** Imports what the preview showed (re-checked against the journal as it is now), all or nothing. */
export async function commitImport(input: CommitInput, c: ImportContext): Promise<ImportResult> {
  const p = pending.get(c.owner);
  if (!p || p.id !== input.importId || c.now - p.at > PLAN_TTL_MS || p.journalId !== c.journalId || p.db !== c.db) {
    pending.delete(c.owner);
    throw new FulcrumError('NOT_FOUND', 'This import preview has expired. Choose the file again to see a fresh preview.');
  }
  let plan = p.plan;
  if (input.mapping) {
    if (!p.csv) throw new FulcrumError('VALIDATION', 'A column mapping applies only to a generic CSV import.');
    plan = planGenericCsv(p.csv, input.mapping, p.timeZone);
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
  plan = applyTagMapping(c.db, plan, foreignTagsOf(c.db, plan), input.tagMapping);
  const result = await commitPlan(c.db, plan, {
    journalId: c.journalId,
    now: c.now,
    progress: (done, total) => c.progress?.('saving', done, total),
    ...(c.signal ? { signal: c.signal } : {}),
  });
  if (skipped > 0) result.skipped.problems = skipped;
  pending.delete(c.owner);
  return result;
}

/** Forgets the kept plan (the preview was closed). */
export function cancelImport(owner: object, importId: string): void {
  if (pending.get(owner)?.id === importId) pending.delete(owner);
}

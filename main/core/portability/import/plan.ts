/**
 * What every importer produces from a file: an ImportPlan, the file's content in Fulcrum's terms,
 * with people and patterns named by keys local to the file (the database ids are decided at commit).
 * Problems are collected with their place in the file, never with the file's content.
 */
import type { z } from 'zod';
import type { CsvMappingParsed, ImportFormat, ImportIssue, ImportNote, ImportProblem } from '../../../../shared/portability.js';
import { invalidIssue, issueMessage } from './words.js';
import { EntryInput, type Category, type PersonKind, type Polarity } from '../../../../shared/schemas.js';
import { hasBrokenUnicode } from './text.js';

export interface PlannedPerson {
  key: string;
  name: string;
  kind: z.infer<typeof PersonKind>;
  color: string;
  notes: string;
  archivedAt: number | null;
  createdAt: number | null;
  /** Fulcrum JSON: the id in the journal it came from (matched by id when re-imported into that journal). */
  originId?: number;
  /** The user mapped the foreign tag this person comes from onto this existing person. */
  mapTo?: number;
}

export interface PlannedTag {
  key: string;
  label: string;
  polarity: z.infer<typeof Polarity>;
  category: z.infer<typeof Category>;
  color: string | null;
  /** A built-in pattern, recognised by its slug. */
  builtinSlug: string | null;
  archivedAt: number | null;
  originId?: number;
  /**
   * A tag from another app (a Day One tag, a Daylio activity or mood, a CSV tag): the user may map
   * it to a person, a pattern, an area of life or nothing before importing. Absent for Fulcrum's own.
   */
  foreign?: 'tag' | 'activity' | 'mood';
  /** The user mapped it onto this existing pattern. */
  mapTo?: number;
}

type EntryFields = Omit<z.output<typeof EntryInput>, 'personIds' | 'tagIds'>;

export interface PlannedEntry extends EntryFields {
  where: string;
  line: number | null;
  personKeys: string[];
  tagKeys: string[];
  source: string;
  sourceRef: string;
  createdAt: number | null;
  updatedAt: number | null;
  /** Fulcrum JSON from this same journal: the entry's id here, if it was never re-imported. */
  originId?: number;
  /**
   * The reference is only the minute (Daylio has no ids): a duplicate must also have the same title
   * and text, and the commit numbers a second entry at that minute "#2", "#3" ….
   */
  refIsMinute?: boolean;
}

/**
 * What a journal from another app cannot say about an entry: no people, areas or power sources, no
 * ratings and no flags. Day One and Daylio entries start from this and add what their files hold.
 */
export const FOREIGN_ENTRY_DEFAULTS = {
  balance: null,
  intensity: null,
  heard: null,
  respected: null,
  valued: null,
  involved: null,
  outcome: '',
  raiseWithTherapist: false,
  safetyConcern: false,
} as const satisfies Partial<PlannedEntry>;

export interface PlannedCheckIn {
  where: string;
  personKey: string;
  week: string;
  heard: number | null;
  respected: number | null;
  involved: number | null;
  fairShare: number | null;
  boundaries: number | null;
  safe: number | null;
  note: string;
  forTherapist: boolean;
  createdAt: number | null;
  updatedAt: number | null;
}

export interface PlannedStrength {
  personKey: string | null;
  text: string;
  createdAt: number | null;
  updatedAt: number | null;
}

export interface PlannedSession {
  day: string;
  note: string;
  createdAt: number | null;
}

export interface ImportPlan {
  format: ImportFormat;
  /** Fulcrum JSON: the journal the export came from. */
  originJournalId: string | null;
  people: PlannedPerson[];
  tags: PlannedTag[];
  entries: PlannedEntry[];
  checkins: PlannedCheckIn[];
  strengths: PlannedStrength[];
  sessions: PlannedSession[];
  problems: ImportProblem[];
  notes: ImportNote[];
  csv: { delimiter: string; columns: string[]; mapping: CsvMappingParsed; sample: string[][] } | null;
}

export const emptyPlan = (format: ImportFormat): ImportPlan => ({
  format,
  originJournalId: null,
  people: [],
  tags: [],
  entries: [],
  checkins: [],
  strengths: [],
  sessions: [],
  problems: [],
  notes: [],
  csv: null,
});

/**
 * A problem "line 4 …" or "entries[3] …" belongs to that one record: leaving the record out would
 * import the rest. Anything else (the mapping, the file as a whole, a Fulcrum export whose records
 * refer to each other) blocks the import.
 */
const RECORD = /^(line (\d+)|entries\[(\d+)\])/;

/** The record a problem is confined to ("line 4" → 4, "entries[3].text" → 3), or null. */
export function recordOf(where: string): number | null {
  const m = RECORD.exec(where);
  return m ? Number(m[2] ?? m[3]) : null;
}

export function problem(plan: ImportPlan, where: string, line: number | null, issue: ImportIssue, message = issueMessage(issue)): void {
  plan.problems.push({ where, line, issue, message });
}

/** zod issues as problems: "entries[3].occurredAt: not a real date". zod's messages never echo values. */
export function issuesAsProblems(plan: ImportPlan, prefix: string, line: number | null, issues: readonly z.core.$ZodIssue[]): void {
  for (const i of issues.slice(0, 200)) {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const { issue, message } = invalidIssue(i);
    problem(plan, `${prefix}${path}`.replace(/^\./, ''), line, issue, message);
  }
}

/**
 * Checks an entry's fields with the same schema the editor's saves go through, and its text for
 * unpaired surrogates (which SQLite would silently turn into U+FFFD). Adds problems; true when fine.
 */
export function checkEntry(plan: ImportPlan, e: PlannedEntry): boolean {
  const before = plan.problems.length;
  const { where, line, personKeys: _p, tagKeys: _t, source: _s, sourceRef: _r, createdAt: _c, updatedAt: _u, originId: _o, refIsMinute: _m, ...fields } = e;
  const parsed = EntryInput.safeParse({ ...fields, personIds: [], tagIds: [] });
  if (!parsed.success) issuesAsProblems(plan, where, line, parsed.error.issues);
  for (const f of ['title', 'body', 'outcome'] as const) {
    if (hasBrokenUnicode(e[f])) problem(plan, `${where}.${f}`, line, { code: 'broken-character' });
  }
  return plan.problems.length === before;
}

/** NFC, lower case: how labels and names are compared ("Work" = "work"). */
export const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase();

/**
 * The therapist report: what the user chooses in the builder
 * (`ReportConfig`, also what a saved template holds), therapy session dates for "since my last
 * session", and the report model the print view draws (`ReportModel`).
 *
 * Names: every name in a `ReportModel` is already the one to print — a person's pseudonym when the
 * user gave one, and every mention of that person's name in any text replaced by it. Core applies the
 * pseudonyms, so the real name of a pseudonymised person never reaches the print view, the PDF or a
 * file.
 */
import { z } from 'zod';
import type { Category, Domain, PersonKind, Polarity } from './catalogue.js';
import { Day, Id, LIMITS, Timestamp } from './schemas.js';
import { Language, RTL_LANGUAGES } from './locales.js';
import { nativeText } from './native-text.js';
import { Pseudonyms, ExportFormat } from './portability.js';
import type { BalanceTrend, CheckInMeasure, DomainBreakdown, HealthyShare, PatternCounts, ScoreTrends } from './insights.js';

const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'contains a NUL byte');
const nonEmpty = (max: number) => text(max).transform((s) => s.trim()).pipe(z.string().min(1, 'must not be empty'));

// ---------------------------------------------------------------- the builder's choices
/** The longest "last N days" range (ten years). */
export const MAX_RANGE_DAYS = 3660;
/** Hand-picked entries in one report. */
export const MAX_PICKED = 1_000;
/** The user's own questions for the session. */
export const QUESTIONS_MAX = 10_000;

export const ReportRange = z.discriminatedUnion('kind', [
  /** Fixed days, inclusive. */
  z
    .object({ kind: z.literal('dates'), from: Day, to: Day })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'The start of the range is after its end.', path: ['to'] }),
  /** The last `days` days up to today (a template keeps meaning "the last month"). */
  z.object({ kind: z.literal('last'), days: z.number().int().min(1).max(MAX_RANGE_DAYS) }).strict(),
  /** From the day of the latest marked therapy session up to today. */
  z.object({ kind: z.literal('sinceLastSession') }).strict(),
]);
export type ReportRange = z.infer<typeof ReportRange>;

export const REPORT_SECTIONS = ['summary', 'charts', 'patterns', 'checkins', 'entries', 'questions'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_LABELS: Record<ReportSection, string> = {
  summary: 'Summary numbers',
  charts: 'Charts',
  patterns: 'Patterns table (with change vs the previous period)',
  checkins: 'Check-in trends',
  entries: 'Entries',
  questions: 'Questions for my next session',
};

export const ENTRY_SELECTIONS = ['all', 'flagged', 'picked', 'none'] as const;
export const EntrySelection = z.enum(ENTRY_SELECTIONS);
export type EntrySelection = z.infer<typeof EntrySelection>;
export const ENTRY_SELECTION_LABELS: Record<EntrySelection, string> = {
  all: 'All entries in the range',
  flagged: 'Only entries flagged “raise with my therapist”',
  picked: 'Entries I pick',
  none: 'No entries',
};

export const ENTRY_DETAILS = ['full', 'summary'] as const;
export const EntryDetail = z.enum(ENTRY_DETAILS);
export type EntryDetail = z.infer<typeof EntryDetail>;

/**
 * How much of the included entries' own words is printed when they are in full: `first` (the
 * default) prints the first FULL_TEXT_ENTRIES entries whole and every later one as a one-line row
 * (date, people, patterns, first words), so a year of flagged entries stays a short document;
 * `all` prints every entry whole — a long print the person asks for.
 */
export const FULL_TEXT_CHOICES = ['first', 'all'] as const;
export const FullTextChoice = z.enum(FULL_TEXT_CHOICES);
export type FullTextChoice = z.infer<typeof FullTextChoice>;
/** Entries printed whole before the rest become one-line rows (unless every entry is asked for in full). */
export const FULL_TEXT_ENTRIES = 30;

export const PAGE_SIZES = ['a4', 'letter'] as const;
export const PageSize = z.enum(PAGE_SIZES);
export type PageSize = z.infer<typeof PageSize>;

const sectionFlag = z.boolean().default(true);

export const ReportConfig = z
  .object({
    range: ReportRange,
    /** Entries with any of these people (and their check-ins). Empty = everyone. */
    personIds: z.array(Id).max(LIMITS.listIds).default([]),
    /** personId → the name printed instead of theirs, everywhere in the report and its files. */
    pseudonyms: Pseudonyms.default({}),
    sections: z
      .object({
        summary: sectionFlag,
        charts: sectionFlag,
        patterns: sectionFlag,
        checkins: sectionFlag,
        entries: sectionFlag,
        questions: sectionFlag,
      })
      .strict()
      .default({ summary: true, charts: true, patterns: true, checkins: true, entries: true, questions: true }),
    entries: z
      .object({
        select: EntrySelection.default('flagged'),
        /** For `select: 'picked'`: the chosen entries (only those in the range and people count). */
        pickedIds: z.array(Id).max(MAX_PICKED).default([]),
        /** full: title, text and outcome; summary: date, people, patterns and balance only. */
        detail: EntryDetail.default('full'),
        /** With `detail: 'full'`: the first FULL_TEXT_ENTRIES whole and the rest as rows, or all whole. */
        fullText: FullTextChoice.default('first'),
      })
      .strict()
      .default({ select: 'flagged', pickedIds: [], detail: 'full', fullText: 'first' }),
    /** "Questions for my next session", typed by the user. */
    questions: text(QUESTIONS_MAX).default(''),
    pageSize: PageSize.default('a4'),
    /** Attachments chosen for the report (of entries in it); images print as their 'shared' copy. */
    attachmentIds: z.array(Id).max(200).default([]),
  })
  .strict();
export type ReportConfig = z.input<typeof ReportConfig>;
export type ReportConfigParsed = z.output<typeof ReportConfig>;

/** What a new report starts with: the last 30 days, every section, flagged entries in full. */
export const DEFAULT_REPORT_CONFIG: ReportConfigParsed = ReportConfig.parse({ range: { kind: 'last', days: 30 } });

/**
 * What a saved template keeps: the range, people and pseudonyms, sections, entry choice and page
 * size — not this session's questions nor hand-picked entries, which belong to one report.
 */
export function templateSettings(config: ReportConfigParsed): ReportConfigParsed {
  return { ...config, questions: '', entries: { ...config.entries, pickedIds: [] } };
}

/** How the included entry at `index` (oldest first) is printed: whole, as a summary, or as a one-line row. */
export function entryShownAs(entries: Pick<ReportConfigParsed['entries'], 'detail' | 'fullText'>, index: number): EntryShown {
  if (entries.detail !== 'full') return 'summary';
  return entries.fullText === 'all' || index < FULL_TEXT_ENTRIES ? 'full' : 'row';
}

export const ReportInput = z
  .object({
    config: ReportConfig,
    /** Today in the user's zone (the renderer's); defaults to the computer's clock and zone. */
    today: Day.optional(),
  })
  .strict();
export type ReportInput = z.input<typeof ReportInput>;

export const ReportExportInput = z.object({ config: ReportConfig, format: ExportFormat, today: Day.optional() }).strict();
export type ReportExportInput = z.input<typeof ReportExportInput>;

/** Generous: a year of long entries in full is a few MB of HTML. */
export const MAX_PRINT_HTML = 40 * 1024 * 1024;

/**
 * The print view's HTML (self-contained: inline CSS, SVG charts, no script) and what the page header
 * and footer show. The header/footer carry only dates — typed as days, so no name can get in.
 */
export const ReportPdfInput = z
  .object({
    html: z.string().min(1).max(MAX_PRINT_HTML),
    pageSize: PageSize,
    from: Day,
    to: Day,
    generatedOn: Day,
    /** The report's language (it may differ from the app's): the words of every page's header and footer. */
    language: Language.default('en'),
  })
  .strict();
export type ReportPdfInput = z.input<typeof ReportPdfInput>;

// ---------------------------------------------------------------- therapy sessions and templates
export const SessionInput = z.object({ day: Day, note: text(LIMITS.note).default('') }).strict();
export type SessionInput = z.input<typeof SessionInput>;

export const TherapySession = z.object({ id: Id, day: Day, note: z.string(), createdAt: Timestamp });
export type TherapySession = z.infer<typeof TherapySession>;

export const TEMPLATE_NAME_MAX = LIMITS.label;
export const TemplateInput = z
  .object({
    /** Update this template; omitted: a new one (or the one with the same name, replaced). */
    id: Id.optional(),
    name: nonEmpty(TEMPLATE_NAME_MAX),
    config: ReportConfig,
  })
  .strict();
export type TemplateInput = z.input<typeof TemplateInput>;

export interface ReportTemplate {
  id: number;
  name: string;
  config: ReportConfigParsed;
  createdAt: number;
  updatedAt: number;
}

// ---------------------------------------------------------------- the report model
export interface ReportPeriod {
  from: string;
  to: string;
  /** Days in the period, both ends included. */
  days: number;
}

export interface ReportPerson {
  id: number;
  /** The pseudonym when one was given, else the name. */
  name: string;
  kind: PersonKind;
  pseudonym: boolean;
  /** Entries about them in the range. */
  entries: number;
}

/** A number now and in the previous period of equal length (null when not comparable). */
export interface Compared {
  value: number | null;
  previous: number | null;
}

export interface ReportSummary {
  entries: Compared;
  daysWithEntries: number;
  /** Entries with at least one imbalance / healthy pattern. */
  imbalance: Compared;
  healthy: Compared;
  /** Healthy pattern tags ÷ (healthy + imbalance), 0…1. */
  healthyShare: Compared;
  /** Mean balance of power, −3 (they held far more) … +3 (I held far more). */
  balance: Compared;
  /** Mean intensity 1…5. */
  intensity: Compared;
  flagged: number;
  safety: number;
  checkins: number;
}

export interface ReportPattern {
  tagId: number;
  label: string;
  /** A built-in pattern's slug (null: the person's own): the report prints it in the report's language unless renamed. */
  slug: string | null;
  category: Category;
  polarity: Polarity;
  count: number;
  previousCount: number | null;
  change: number | null;
}

export interface ReportArea {
  domain: Domain;
  entries: number;
  previousEntries: number | null;
}

/** full: title, text and outcome; summary: the facts without the writer's words; row: one line with the first words. */
export type EntryShown = 'full' | 'summary' | 'row';

export interface ReportEntry {
  id: number;
  shown: EntryShown;
  day: string;
  /** "20:12" where it happened. */
  time: string;
  people: string[];
  patterns: { label: string; slug: string | null; polarity: Polarity }[];
  domains: Domain[];
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  flagged: boolean;
  safety: boolean;
  /** Null unless shown in full. */
  title: string | null;
  body: string | null;
  outcome: string | null;
  /** A row's first words (of its title, else of its text), pseudonyms applied; null unless shown as a row. */
  excerpt: string | null;
  /**
   * The length of the words a row leaves out, for the estimate of "every entry in full" (only when
   * the estimate asks for it; never the words themselves).
   */
  fullSize?: { title: number; body: number; bodyLines: number; outcome: number };
}

export interface ReportCheckInPerson {
  personId: number;
  name: string;
  count: number;
  values: Record<CheckInMeasure, (number | null)[]>;
  mean: Record<CheckInMeasure, number | null>;
  previousMean: Record<CheckInMeasure, number | null>;
}

export interface ReportCheckIns {
  weeks: string[];
  people: ReportCheckInPerson[];
  /** Check-ins the user marked "for my therapist", with their note. */
  notes: { week: string; name: string; note: string }[];
}

export interface ReportCharts {
  patterns: PatternCounts;
  balance: BalanceTrend;
  /** Names for the balance chart's people (pseudonyms applied), by person id. */
  names: Record<string, string>;
  scores: ScoreTrends;
  healthyShare: HealthyShare;
  domains: DomainBreakdown;
}

export interface ReportModel {
  generatedAt: number;
  generatedOn: string;
  pageSize: PageSize;
  range: ReportPeriod;
  previous: ReportPeriod;
  /** The day of the journal's first entry (not counting the trash), else null (no entries yet). */
  journalStart: string | null;
  /**
   * Whether the previous period lies wholly inside the journal, so a change against it means something.
   * When false (the journal began after the previous period started) every previous value in the
   * model is null, and the report says when the journal started instead of "↑ +4 (was 0)".
   */
  compared: boolean;
  /** The session day the range starts from ("since my last session"), else null. */
  sinceSession: string | null;
  /** The latest marked session on or before today (shown in the builder), else null. */
  lastSession: string | null;
  /** The people the report is about; `everyone`: no person was chosen. */
  people: ReportPerson[];
  everyone: boolean;
  sections: ReportConfigParsed['sections'];
  detail: EntryDetail;
  /** Whether every included entry is printed whole, or the first FULL_TEXT_ENTRIES (see `entryShownAs`). */
  fullText: FullTextChoice;
  selection: EntrySelection;
  summary: ReportSummary | null;
  /** The most frequent patterns (first page). */
  topPatterns: ReportPattern[];
  /** The areas of life the entries were in, most first (first page). */
  areas: ReportArea[];
  /** Every pattern seen in the range or the previous period (the patterns table). */
  patterns: ReportPattern[] | null;
  charts: ReportCharts | null;
  checkins: ReportCheckIns | null;
  questions: string | null;
  /**
   * Entries marked as a safety concern in the range: `total` counts all of them, `items` are those
   * among the included entries (the others are counted, never shown: only what the user chose leaves).
   */
  safety: { total: number; items: ReportEntry[] };
  /** Entries flagged "raise with my therapist" among the included ones; `total` counts all flagged in the range. */
  flagged: { total: number; items: ReportEntry[] };
  /** The included entries, oldest first; null when the entries section is off. */
  entries: ReportEntry[] | null;
  /**
   * The attachments chosen for the report (`config.attachmentIds`) of included entries, in the
   * entries' order. Images print as their 'shared' copy (`attachmentBytes(id, 'shared')`).
   */
  attachments: ReportAttachment[];
  /** Revisions in the journal's history: the printed proofs' length follows from it (the estimate needs it). */
  ledgerRevisions: number;
}

/** An attachment as the report lists it. Pseudonyms apply to its name and caption, never to pixels or voices. */
export interface ReportAttachment {
  id: number;
  entryId: number;
  name: string;
  caption: string;
  mime: string;
  kind: 'image' | 'pdf' | 'audio' | 'text';
  bytes: number;
  /** SHA-256 of the original as attached (the printed copy may lack its location/device metadata). */
  sha256: string;
  capturedAt: string | null;
  attachedAt: string;
  /** The copy that leaves the journal has its location/device metadata removed. */
  metadataRemoved: boolean;
}

// ---------------------------------------------------------------- how long it will be
/** Page one stays one page: at most this many flagged entries and safety concerns are listed there (the rest are under Entries). */
export const FIRST_PAGE_LISTED = 5;
/**
 * How many flagged entries and safety concerns page one lists once `cut` of them were left off to
 * keep it one page: one flagged entry, then one safety concern, in turn, never fewer than one of each.
 */
export const pageOneListed = (cut: number): { flagged: number; safety: number } => ({
  flagged: Math.max(1, FIRST_PAGE_LISTED - Math.ceil(cut / 2)),
  safety: Math.max(1, FIRST_PAGE_LISTED - Math.floor(cut / 2)),
});

/** Past this many pages the builder suggests entries as summaries (or fewer entries). */
export const SUGGEST_SUMMARY_PAGES = 20;

/** The builder's estimate of the printed report, before it is printed. */
export interface ReportEstimate {
  /** Pages with the current settings. */
  pages: number;
  /** Pages if the included entries were summaries; null when they already are, or none are included. */
  summaryPages: number | null;
  /** Entries the report includes. */
  entries: number;
  /** Entries printed as one-line rows with the current settings. */
  rows: number;
  /** Pages if every included entry were printed in full; null when none is a row. */
  fullPages: number | null;
}

// ---------------------------------------------------------------- PDF page header and footer
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Chromium's print header and footer (Electron `printToPDF`, Playwright `page.pdf()`): the range and
 * the generation date at the top, "Page n of N" at the bottom of every page, in the report's
 * language (right to left in Arabic). Only days go in — a name cannot, by type and by check. Days stay
 * in their ISO form (2026-03-01) in every language, so a reader cannot take the 3rd of January for the
 * 1st of March; the report's own pages write them as the language does.
 */
export function pdfHeaderFooter(p: { from: string; to: string; generatedOn: string; language?: Language }): { headerTemplate: string; footerTemplate: string } {
  for (const d of [p.from, p.to, p.generatedOn]) if (!DAY_RE.test(d)) throw new Error('pdfHeaderFooter takes days (YYYY-MM-DD) only');
  const language = p.language ?? 'en';
  const t = nativeText(language);
  // Chromium fills these spans with the page numbers; markers keep them out of the message's escaping.
  const PAGE = '\u0000page\u0000';
  const TOTAL = '\u0000total\u0000';
  const page = esc(t('pdf.page', { page: PAGE, total: TOTAL }))
    .replace(esc(PAGE), '<span class="pageNumber"></span>')
    .replace(esc(TOTAL), '<span class="totalPages"></span>');
  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  // Templates render at a tiny default size; the font size and margins are set here explicitly.
  const style = 'font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 8pt; color: #555; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;';
  const open = `<div lang='${language}' dir='${dir}' style='${style}'>`;
  return {
    headerTemplate: `${open}<span>${esc(t('pdf.header', { from: p.from, to: p.to }))}</span><span>${esc(t('pdf.generated', { date: p.generatedOn }))}</span></div>`,
    footerTemplate: `${open}<span>${esc(t('pdf.range', { from: p.from, to: p.to }))}</span><span>${page}</span></div>`,
  };
}

/** Page margins for the PDF (room for the header and footer), in millimetres. */
export const PDF_MARGINS_MM = { top: 18, bottom: 18, left: 16, right: 16 } as const;
/** The paper sizes, in mm. */
export const PAPER_MM = { a4: { w: 210, h: 297 }, letter: { w: 215.9, h: 279.4 } } as const;
/** The printed area of a page inside the PDF's margins, in mm. */
export const printAreaMm = (size: keyof typeof PAPER_MM): { w: number; h: number } => ({
  w: PAPER_MM[size].w - PDF_MARGINS_MM.left - PDF_MARGINS_MM.right,
  h: PAPER_MM[size].h - PDF_MARGINS_MM.top - PDF_MARGINS_MM.bottom,
});

// ---------------------------------------------------------------- the evidence package
/** The print view's HTML and header data (as for the PDF) and the settings it was made with: the evidence is built from the same settings. */
export const EvidencePackageInput = ReportPdfInput.extend({ config: ReportConfig, today: Day.optional() }).strict();
export type EvidencePackageInput = z.input<typeof EvidencePackageInput>;

/** Browser mode: the package's bytes, to download. */
export interface EvidencePackageFile {
  filename: string;
  mimeType: 'application/zip';
  /** The zip, base64. */
  base64: string;
  entries: number;
  withheld: number;
}

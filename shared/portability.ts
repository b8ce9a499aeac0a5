/**
 * Exports, encrypted backups and imports: the shapes that cross the contract, and the
 * versioned Fulcrum JSON export format. The exporter writes exactly what `FulcrumExport` accepts and
 * the importer parses with the same schema, so a round trip cannot drift between the two.
 */
import { z } from 'zod';
import {
  Category,
  Color,
  Day,
  DomainSchema,
  Id,
  LIMITS,
  Passphrase,
  PersonKind,
  Polarity,
  PowerSourceSchema,
  RecoveryKeyText,
  Score,
  Balance,
  TimeZone,
  Timestamp,
} from './schemas.js';

/**
 * Limits checked before any heavy work on an imported file. They are far above an honest journal
 * (years of daily entries) and keep a hostile file from exhausting memory or the stack.
 */
export const IMPORT_LIMITS = {
  /** Bytes of the file itself. */
  maxBytes: 100 * 1024 * 1024,
  /** Entries (or CSV rows) in one file. */
  maxEntries: 200_000,
  /** Nesting of arrays/objects in a JSON file (a Day One or Fulcrum export needs 5). */
  maxDepth: 64,
  /** Characters of any single JSON string or CSV field (an entry's text is limited to 200 000). */
  maxStringChars: 1_000_000,
} as const;
export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };

/** Free text with a length limit and no NUL byte (as in schemas.ts). */
const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'contains a NUL byte');
const nonEmpty = (max: number) => text(max).transform((s) => s.trim()).pipe(z.string().min(1, 'must not be empty'));

// ---------------------------------------------------------------- export scope
/** personId (as a string: JSON object keys are strings) → the name to print instead of theirs. */
export const Pseudonyms = z
  .record(z.string().regex(/^[1-9]\d{0,14}$/, 'a person id'), nonEmpty(LIMITS.name))
  .refine((r) => Object.keys(r).length <= LIMITS.listIds, 'too many pseudonyms');
export type Pseudonyms = z.output<typeof Pseudonyms>;

export const ExportScope = z
  .object({
    /** Inclusive calendar days (the entry's own day). Omitted = from the first / to the last entry. */
    from: Day.optional(),
    to: Day.optional(),
    /** Only entries with any of these people (and their check-ins and strengths). Omitted or empty = everyone. */
    personIds: z.array(Id).max(LIMITS.listIds).optional(),
    /**
     * false: titles, entry text, outcomes, notes and strengths are left out; dates, people, patterns
     * and scores stay.
     */
    includeText: z.boolean().default(true),
    /** Applied everywhere in the output: names, and every whole-word mention of the name in any text. */
    pseudonyms: Pseudonyms.default({}),
  })
  .strict()
  .refine((s) => !s.from || !s.to || s.from <= s.to, 'the start of the range is after its end');
export type ExportScope = z.input<typeof ExportScope>;

export const EXPORT_FORMATS = ['markdown', 'csv', 'json'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = z.object({ format: ExportFormat, scope: ExportScope.default({ includeText: true, pseudonyms: {} }) }).strict();
export type ExportRequest = z.input<typeof ExportRequest>;

export interface ExportCounts {
  entries: number;
  people: number;
  checkins: number;
  strengths: number;
}

/** A built export. `plaintext: true`: the UI says the file will not be encrypted before saving it. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
  plaintext: true;
  counts: ExportCounts;
}

export type SaveResult<Extra> = { saved: false } | ({ saved: true; path: string } & Extra);

// ---------------------------------------------------------------- the JSON export format
export const EXPORT_FORMAT_NAME = 'fulcrum-export';
export const EXPORT_VERSION = 1;

/** ISO 8601 with a zone ("2024-03-02T19:12:44.000Z") in the file; milliseconds once parsed. */
export const IsoTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'not a date and time like 2024-03-02T19:12:44Z')
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    const day = s.slice(0, 10);
    // Date.parse rolls 2024-02-30 over to March: a date that is not on the calendar is refused.
    if (Number.isNaN(ms) || !Day.safeParse(day).success) {
      ctx.addIssue({ code: 'custom', message: 'not a real date' });
      return z.NEVER;
    }
    return ms;
  })
  .pipe(Timestamp);

const Score0 = Score.nullable();

export const ExportPerson = z.object({
  id: Id,
  name: nonEmpty(LIMITS.name),
  kind: PersonKind,
  color: Color,
  notes: text(LIMITS.note),
  archivedAt: IsoTime.nullable(),
  createdAt: IsoTime,
});

export const ExportTag = z.object({
  id: Id,
  /** Built-in patterns are recognised by their slug; the user's own by their label. */
  slug: z.string().min(1).max(80),
  label: nonEmpty(LIMITS.label),
  polarity: Polarity,
  category: Category,
  color: Color.nullable(),
  builtin: z.boolean(),
  archivedAt: IsoTime.nullable(),
});

export const ExportEntry = z.object({
  id: Id,
  occurredAt: IsoTime,
  timeZone: TimeZone,
  /** The entry's calendar day in its zone, for readers of the file; recomputed on import. */
  day: z.string().max(10).optional(),
  title: text(LIMITS.title),
  body: text(LIMITS.body),
  people: z.array(Id).max(50),
  tags: z.array(Id).max(100),
  domains: z.array(DomainSchema).max(20),
  powerSources: z.array(PowerSourceSchema).max(20),
  balance: Balance.nullable(),
  intensity: Score0,
  heard: Score0,
  respected: Score0,
  valued: Score0,
  involved: Score0,
  outcome: text(LIMITS.note),
  raiseWithTherapist: z.boolean(),
  safetyConcern: z.boolean(),
  /** Where the entry was first written ('fulcrum', 'dayone', 'daylio', 'csv') and that source's id. */
  source: z.string().min(1).max(40),
  sourceRef: z.string().min(1).max(200).nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});

export const ExportCheckIn = z.object({
  id: Id,
  personId: Id,
  week: Day,
  heard: Score0,
  respected: Score0,
  involved: Score0,
  fairShare: Score0,
  boundaries: Score0,
  safe: Score0,
  note: text(LIMITS.note),
  forTherapist: z.boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});

export const ExportStrength = z.object({
  id: Id,
  /** null = the user themself. */
  personId: Id.nullable(),
  text: nonEmpty(LIMITS.label * 10),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});

export const ExportSession = z.object({
  id: Id,
  day: Day,
  note: text(LIMITS.note),
  createdAt: IsoTime,
});

export const FulcrumExport = z.object({
  format: z.literal(EXPORT_FORMAT_NAME),
  version: z.literal(EXPORT_VERSION),
  exportedAt: IsoTime,
  /** The journal it came from: re-importing the same export into it finds every entry a duplicate. */
  origin: z.object({ journalId: z.string().uuid() }),
  scope: z.object({
    from: Day.nullable(),
    to: Day.nullable(),
    personIds: z.array(Id).max(LIMITS.listIds).nullable(),
    includeText: z.boolean(),
    pseudonymised: z.boolean(),
  }),
  journal: z.object({
    people: z.array(ExportPerson).max(IMPORT_LIMITS.maxEntries),
    tags: z.array(ExportTag).max(IMPORT_LIMITS.maxEntries),
    entries: z.array(ExportEntry).max(IMPORT_LIMITS.maxEntries),
    checkins: z.array(ExportCheckIn).max(IMPORT_LIMITS.maxEntries),
    strengths: z.array(ExportStrength).max(IMPORT_LIMITS.maxEntries),
    sessions: z.array(ExportSession).max(IMPORT_LIMITS.maxEntries).default([]),
  }),
});
/** The file as written (ISO strings). */
export type FulcrumExportFile = z.input<typeof FulcrumExport>;
/** The file as parsed (milliseconds). */
export type FulcrumExportParsed = z.output<typeof FulcrumExport>;

// ---------------------------------------------------------------- files in and out
/**
 * Where a file to read comes from. Desktop: a `token` from `backup.pick` / `import.pick` (the native
 * dialog's path stays in main; the renderer never sends paths). Browser mode: the file's bytes as
 * base64 (or, for imports, its text). `automatic`: one of the rotating backups in the data folder.
 */
const Token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a file token');
const Base64 = z.string().max(Math.ceil((IMPORT_LIMITS.maxBytes * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const AUTOMATIC_BACKUP_NAME = /^auto-\d{8}T\d{6}Z\.fulcrum$/;

export const ImportSource = z.union([
  z.object({ token: Token }).strict(),
  z.object({ base64: Base64 }).strict(),
  z.object({ text: z.string().max(IMPORT_LIMITS.maxBytes) }).strict(),
]);
export type ImportSource = z.input<typeof ImportSource>;

export const BackupSource = z.union([
  z.object({ token: Token }).strict(),
  z.object({ base64: Base64 }).strict(),
  z.object({ automatic: z.string().regex(AUTOMATIC_BACKUP_NAME, 'an automatic backup name') }).strict(),
]);
export type BackupSource = z.input<typeof BackupSource>;

/** A file chosen in a native dialog: a token to pass back, and what to show. Null = cancelled. */
export interface PickedFile {
  token: string;
  name: string;
  bytes: number;
}

// ---------------------------------------------------------------- backups
export const BackupSecret = z.union([
  z.object({ passphrase: Passphrase }).strict(),
  z.object({ recoveryKey: RecoveryKeyText }).strict(),
]);

export const BackupOpen = z.object({ file: BackupSource, secret: BackupSecret }).strict();
export type BackupOpen = z.input<typeof BackupOpen>;

/** What a backup holds, shown before anything is replaced (read from inside the encrypted part). */
export interface BackupPreview {
  createdAt: string;
  kind: 'manual' | 'automatic';
  entries: number;
  /** First and last day with an entry, or null when there are none. */
  firstDay: string | null;
  lastDay: string | null;
  people: number;
  checkins: number;
  /** Is it a backup of the journal in this data folder (the same journal id)? */
  sameJournal: boolean;
}

/** A built backup for the browser to download: `base64` of the `.fulcrum` file. */
export interface BackupFile {
  filename: string;
  mimeType: string;
  base64: string;
  bytes: number;
  plaintext: false;
  preview: BackupPreview;
}

export interface AutomaticBackup {
  name: string;
  createdAt: string;
  bytes: number;
}

/** The journal that a restore moved aside, kept until the user discards it (or 14 days pass). */
export interface PreviousJournal {
  id: string;
  movedAsideAt: string;
  /** When Fulcrum deletes it by itself. */
  keptUntil: string;
}

export interface RestoreResult {
  preview: BackupPreview;
  /** The journal that was replaced, kept aside; null when there was none. */
  previous: PreviousJournal | null;
}

// ---------------------------------------------------------------- imports
export const IMPORT_FORMATS = ['fulcrum-json', 'dayone-json', 'daylio-csv', 'csv'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** A column index of the file, or null for "not in this file". */
const Column = z.number().int().min(0).max(999).nullable().default(null);

/** Generic CSV: which column holds what. `date` is required; it may hold a date and time. */
export const CsvMapping = z
  .object({
    date: Column,
    time: Column,
    title: Column,
    body: Column,
    tags: Column,
    people: Column,
    domains: Column,
    balance: Column,
    intensity: Column,
    heard: Column,
    respected: Column,
    valued: Column,
    involved: Column,
    outcome: Column,
    flags: Column,
    /** How to read 03/04/2024: day first (dmy) or month first (mdy); 'auto' decides from the data. */
    dateOrder: z.enum(['auto', 'ymd', 'dmy', 'mdy']).default('auto'),
    /** Separator between several tags or people in one cell. */
    listSeparator: z.enum([';', ',', '|']).default(';'),
  })
  .strict();
export type CsvMapping = z.input<typeof CsvMapping>;
export type CsvMappingParsed = z.output<typeof CsvMapping>;
export const CSV_FIELDS = [
  'date',
  'time',
  'title',
  'body',
  'tags',
  'people',
  'domains',
  'balance',
  'intensity',
  'heard',
  'respected',
  'valued',
  'involved',
  'outcome',
  'flags',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export const ImportPreviewInput = z
  .object({
    source: ImportSource,
    format: z.enum(['auto', ...IMPORT_FORMATS]).default('auto'),
    mapping: CsvMapping.optional(),
    /** Zone for files whose times carry none (Daylio, CSV), and Day One entries without one. The renderer's zone. */
    timeZone: TimeZone.optional(),
  })
  .strict();
export type ImportPreviewInput = z.input<typeof ImportPreviewInput>;

/**
 * Where a foreign tag (a Day One tag, a Daylio activity or mood, a CSV tag) goes: a pattern (by
 * default one with the tag's name, new or already here; or the existing pattern `tagId`), an existing
 * person, an area of life, or nothing.
 */
export const TagTarget = z.discriminatedUnion('to', [
  z.object({ to: z.literal('pattern'), tagId: Id.optional() }).strict(),
  z.object({ to: z.literal('person'), personId: Id }).strict(),
  z.object({ to: z.literal('area'), area: DomainSchema }).strict(),
  z.object({ to: z.literal('nothing') }).strict(),
]);
export type TagTarget = z.output<typeof TagTarget>;

/** Foreign tag key (from the preview) → its target. Keys left out keep the preview's default. */
export const TagMapping = z
  .record(z.string().min(1).max(400), TagTarget)
  .refine((r) => Object.keys(r).length <= 20_000, 'too many tags in the mapping');

export const ImportCommitInput = z
  .object({
    importId: Token,
    mapping: CsvMapping.optional(),
    tagMapping: TagMapping.optional(),
    /** Leave out the records the preview listed as problems and import the rest. */
    skipProblems: z.boolean().default(false),
  })
  .strict();
export type ImportCommitInput = z.input<typeof ImportCommitInput>;

/**
 * What is wrong with (part of) an imported file, as a code and its numbers: the renderer words it in
 * the person's language. Never the file's content: ids and places only.
 */
export type ImportIssue =
  | { code: 'not-fulcrum-format' }
  | { code: 'duplicate-id'; of: string }
  | { code: 'duplicate-entry'; of: string }
  | { code: 'broken-character' }
  | { code: 'unknown-person'; id: string }
  | { code: 'unknown-pattern'; id: string }
  | { code: 'second-checkin' }
  | { code: 'column-missing'; field: CsvField; column: number; columns: number }
  | { code: 'no-date-column' }
  | { code: 'mixed-date-order' }
  | { code: 'date-empty' }
  /** A date that is not a real day; `example` shows how the file's format writes one. */
  | { code: 'date-not-real'; example: string | null }
  | { code: 'year-day-not-real' }
  | { code: 'date-time-not-real' }
  | { code: 'time-not-real'; example: string }
  | { code: 'number-range'; field: string; min: number; max: number }
  /** A field that does not fit the schema (zod): what kind of misfit, and the limit when there is one. */
  | { code: 'invalid'; kind: InvalidKind; limit: number | null };

export const INVALID_KINDS = [
  'type',
  'too-long',
  'too-short',
  'too-big',
  'too-small',
  'value',
  'format',
  'unknown-field',
  'nul-byte',
  'day-format',
  'day-not-real',
  'date-not-a-moment',
  'date-out-of-range',
  'other',
] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

/** Something wrong in the file, by place: never the file's content. */
export interface ImportProblem {
  /** "line 4", "entries[3].creationDate" … */
  where: string;
  line: number | null;
  /** What is wrong, for the screen to word. */
  issue: ImportIssue;
  /** The same in English, for logs and tests (the screen words `issue`). */
  message: string;
}

/** Something done on the person's behalf while reading the file, as a code and its numbers. */
export type ImportNoteCode =
  | { code: 'daylio-old-layout' }
  | { code: 'zone-assumed'; zone: string }
  | { code: 'dayone-zone-assumed'; count: number; zone: string }
  | { code: 'no-entries' }
  | { code: 'pseudonymised' }
  | { code: 'without-text' }
  | { code: 'day-first' }
  | { code: 'no-time'; count: number }
  | { code: 'unknown-areas'; count: number }
  | { code: 'unmapped-columns'; count: number };
/** A note with its English wording, for logs and tests (the screen words the code). */
export type ImportNote = ImportNoteCode & { message: string };

/** A tag from another app, and where the preview proposes it should go. */
export interface ForeignTag {
  key: string;
  label: string;
  kind: 'tag' | 'activity' | 'mood';
  /** Entries that carry it. */
  entries: number;
  target: TagTarget;
  /** No pattern with this name is in the journal yet: mapping it to a pattern creates one. */
  newPattern: boolean;
}

export interface ImportPreview {
  importId: string;
  format: ImportFormat;
  /** False while there are problems: an import is all or nothing, unless the user leaves the bad records out. */
  canCommit: boolean;
  /**
   * Records with problems that can be left out (`skipProblems`) so the rest is imported; 0 when
   * there are none, or when some problem concerns the whole file (then nothing can be imported).
   */
  skippable: number;
  /** The file's tags, activities and moods with their proposed targets (none for a Fulcrum export). */
  foreignTags: ForeignTag[];
  counts: {
    entries: number;
    newEntries: number;
    duplicates: number;
    people: { new: number; matched: number };
    tags: { new: number; matched: number };
    checkins: { new: number; duplicates: number };
    strengths: { new: number; duplicates: number };
  };
  range: { from: string; to: string } | null;
  problems: ImportProblem[];
  /** All problems, when more than the listed first ones. */
  problemCount: number;
  /** Things done on the user's behalf (a default time zone, ignored columns). */
  notes: ImportNote[];
  /** Generic CSV only: the columns, the mapping in use (proposed or given) and a few rows to show. */
  csv: { delimiter: string; columns: string[]; mapping: CsvMappingParsed; sample: string[][] } | null;
  /** A ZIP archive: the files that come with its entries (each checked already), and their bytes. */
  attachments?: { files: number; bytes: number };
}

export interface ImportResult {
  imported: { entries: number; people: number; tags: number; checkins: number; strengths: number; sessions: number; attachments?: number };
  /** `entries`: already in the journal; `problems` (only when some were): records left out because of a problem in them. */
  skipped: { entries: number; checkins: number; strengths: number; problems?: number };
}

/**
 * Browser mode sends a file's bytes as base64 in one request (at most LARGE_BODY_LIMIT, 64 MB), so a
 * file can be at most three quarters of that, less the request's own few bytes.
 */
export const BROWSER_IMPORT_MAX_BYTES = 47 * 1024 * 1024;
export const browserImportTooLarge = (bytes: number | null) =>
  `This file${bytes === null ? '' : ` (${Math.ceil(bytes / (1024 * 1024))} MB)`} is larger than ${BROWSER_IMPORT_MAX_BYTES / (1024 * 1024)} MB, the most Fulcrum can import at once in browser mode. Nothing was imported. Split it into smaller files (by year, for example), or import it in the desktop app.`;

// ---------------------------------------------------------------- progress
/** Pushed as an AppEvent while a long export, backup, restore or import runs. No content. */
export interface ProgressEvent {
  type: 'progress';
  task: 'export' | 'backup' | 'restore' | 'import' | 'passphrase' | 'history';
  phase: string;
  done: number;
  total: number;
}

// ---------------------------------------------------------------- exports as a ZIP archive (with attachments)
/**
 * An export with the entries' attachments: one ZIP archive holding the entries (`fulcrum-export.json`
 * or `fulcrum-export.md`, which links each file by its path in the archive), the files under
 * `attachments/`, and `manifest.json` naming every file with its size and SHA-256. The archive is
 * plaintext like every export: the UI says so before it is written.
 */
export const EXPORT_ZIP_FORMATS = ['json', 'markdown'] as const;
export const ExportZipRequest = z
  .object({ format: z.enum(EXPORT_ZIP_FORMATS), scope: ExportScope.default({ includeText: true, pseudonyms: {} }) })
  .strict();
export type ExportZipRequest = z.input<typeof ExportZipRequest>;

export interface ExportZipCounts extends ExportCounts {
  /** Attachments written into the archive. */
  files: number;
}

/** A built archive for the browser to download (`base64` of the .zip). */
export interface ExportZipFile {
  filename: string;
  mimeType: 'application/zip';
  base64: string;
  bytes: number;
  plaintext: true;
  counts: ExportZipCounts;
}

export const EXPORT_ZIP_FORMAT_NAME = 'fulcrum-export-zip';
export const ZipPath = z.string().min(1).max(1024);
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/** One attachment in the archive: where it is, what it is, which entry it belongs to. */
export const ZipManifestFile = z.object({
  path: ZipPath,
  /** The entry's id in the export (`journal.entries[].id`), or null for a check-in's file. */
  entryId: Id.nullable(),
  /** The check-in's id in the export (`journal.checkins[].id`) when the file belongs to one, else null. */
  checkinId: Id.nullable(),
  position: z.number().int().min(0).max(10_000),
  name: z.string().min(1).max(255),
  mime: z.string().min(1).max(100),
  caption: z.string().max(1_000),
  /** Size and SHA-256 of the file as it is in the archive. */
  bytes: z.number().int().min(0),
  sha256: Sha256Hex,
  /** SHA-256 of the original kept in the journal (differs when location/device metadata was removed). */
  originalSha256: Sha256Hex,
  metadataRemoved: z.boolean(),
  capturedAt: z.string().max(40).nullable(),
  attachedAt: z.string().max(40),
}).refine((f) => (f.entryId === null) !== (f.checkinId === null), 'a file belongs to one entry or one check-in');
export type ZipManifestFile = z.infer<typeof ZipManifestFile>;

export const ZipManifest = z.object({
  format: z.literal(EXPORT_ZIP_FORMAT_NAME),
  version: z.literal(1),
  /** The entries' file in the archive. */
  entries: ZipPath,
  files: z.array(ZipManifestFile).max(10_000),
});
export type ZipManifest = z.infer<typeof ZipManifest>;

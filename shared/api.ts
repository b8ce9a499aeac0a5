/**
 * The one API contract between the renderer and main (docs/architecture.md).
 *
 * Each row: a call name, the zod schema of its input, the type of its result, and whether it may run
 * while the journal is locked. The Electron preload, the browser-mode client and the handlers in
 * main/core/service all derive from this table. Adding a call = one row here + one handler + tests.
 */
import { z } from 'zod';
import type { ApiErrorShape, Reply } from './errors.js';
import { LanguageChoice } from './locales.js';
import {
  CheckIn,
  CheckInInput,
  Day,
  Draft,
  DraftInput,
  DraftKey,
  Entry,
  EntryInput,
  EntryPatch,
  Id,
  Passphrase,
  Person,
  PersonInput,
  PersonPatch,
  RecoveryKeyText,
  SearchInput,
  SearchPage,
  StrengthReport,
  Tag,
  TagInput,
  TagPatch,
  VaultStatus,
} from './schemas.js';
import {
  CheckInTrendsQuery,
  InsightQuery,
  ReminderKind,
  SettingsPatch,
  StrengthInput,
  StrengthListInput,
  StrengthPatch,
  TodayInput,
  TopPatternsQuery,
  type BalanceTrend,
  type CheckInsDue,
  type CheckInTrends,
  type DomainBreakdown,
  type HealthyShare,
  type HeatMap,
  type InsightsOverview,
  type PatternCounts,
  type PatternHistory,
  type PeopleComparison,
  type ReminderStatus,
  type ScoreTrends,
  type Settings,
  type Strength,
  type TopPatterns,
} from './insights.js';
import { DeleteJournalInput, SafetyPreferencesPatch, type SafetyPreferences } from './safety.js';
import {
  ItemRef,
  RevisionRef,
  SinceReceiptInput,
  type LedgerCheck,
  type LedgerStatus,
  type Receipt,
  type Revision,
  type RevisionSummary,
  type SinceReceipt,
} from './ledger.js';
import type { Evidence, PrintedProofs } from './evidence.js';
import {
  EvidencePackageInput,
  ReportExportInput,
  ReportInput,
  ReportPdfInput,
  SessionInput,
  TemplateInput,
  type EvidencePackageFile,
  type ReportModel,
  type ReportEstimate,
  type ReportTemplate,
  type TherapySession,
} from './report.js';
import {
  BackupOpen,
  ExportRequest,
  ExportZipRequest,
  type ExportZipCounts,
  type ExportZipFile,
  ImportCommitInput,
  ImportPreviewInput,
  type AutomaticBackup,
  type BackupFile,
  type BackupPreview,
  type ExportCounts,
  type ExportFile,
  type ImportPreview,
  type ImportResult,
  type PickedFile,
  type PreviousJournal,
  type ProgressEvent,
  type RestoreResult,
  type SaveResult,
} from './portability.js';
import {
  AttachmentCountsInput,
  AttachmentListInput,
  AttachmentName,
  AttachmentPatch,
  AttachmentReorderInput,
  AttachmentVariant,
  UploadOptions,
  type AttachmentBytes,
  type AttachmentCounts,
  type AttachmentMeta,
  type AttachmentStatus,
} from './attachments.js';
import {
  WritingPreferencesPatch,
  WritingTemplateInput,
  WritingTemplateOrder,
  WritingTemplateUpdate,
  type WritingPreferences,
  type WritingTemplate,
} from './writing.js';

export interface CallDef<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I;
  /** May this call run while the journal is locked? Only a handful can. */
  readonly whileLocked: boolean;
  /** Phantom: carries the result type. Never read at run time. */
  readonly _result?: R;
}

/** `call<Result>()(inputSchema)`: curried so the result type is explicit and the input inferred. */
export const call =
  <R>() =>
  <I extends z.ZodType>(input: I, opts: { whileLocked?: boolean } = {}): CallDef<I, R> => ({
    input,
    whileLocked: opts.whileLocked ?? false,
  });

const none = z.object({}).strict().default({});
const byId = z.object({ id: Id }).strict();

export const CreatedJournal = z.object({
  /** Shown once; the only way back in if the passphrase is forgotten. */
  recoveryKey: z.string(),
});
export type CreatedJournal = z.infer<typeof CreatedJournal>;

export interface UnlockResult {
  /** Failed unlock attempts recorded while locked, since the last successful unlock. */
  failedAttempts: number[];
  /** Opened with the recovery key: ask for a new passphrase before the journal opens. */
  usedRecoveryKey: boolean;
  /** A recovery key awaits confirmation that it was written down: show it again (vault.pendingRecoveryKey). */
  pendingRecoveryKey: boolean;
}

/** One group of the recovery key, typed back to show it was written down (groups count from 1). */
export const RecoveryKeyConfirmation = z
  .object({ group: z.number().int().min(1).max(8), typed: z.string().max(40) })
  .strict();

export const vaultCalls = {
  'vault.status': call<VaultStatus>()(none, { whileLocked: true }),
  'vault.checkStrength': call<StrengthReport>()(
    z.object({ passphrase: Passphrase, userInputs: z.array(z.string().max(200)).max(20).default([]) }).strict(),
    { whileLocked: true },
  ),
  'vault.create': call<CreatedJournal>()(z.object({ passphrase: Passphrase }).strict(), { whileLocked: true }),
  'vault.unlock': call<UnlockResult>()(
    z.union([
      z.object({ passphrase: Passphrase }).strict(),
      z.object({ recoveryKey: RecoveryKeyText }).strict(),
    ]),
    { whileLocked: true },
  ),
  'vault.lock': call<null>()(none, { whileLocked: true }),
  /** Rotates the data key: the database is re-encrypted and a new recovery key is issued. */
  'vault.changePassphrase': call<CreatedJournal>()(
    z.union([
      z.object({ current: Passphrase, next: Passphrase }).strict(),
      z.object({ recoveryKey: RecoveryKeyText, next: Passphrase }).strict(),
    ]),
  ),
  /** A new recovery key (the old one stops working); the data key is rotated as for a passphrase change. */
  'vault.newRecoveryKey': call<CreatedJournal>()(z.object({ passphrase: Passphrase }).strict()),
  /**
   * The recovery key not yet confirmed as written down (sealed in the vault until then), or null; and
   * whether this session was opened with the recovery key and still needs a new passphrase (a reload
   * must not skip that step).
   */
  'vault.pendingRecoveryKey': call<{ recoveryKey: string | null; mustChangePassphrase: boolean }>()(none),
  /** Confirms the pending recovery key by one of its groups; a wrong group is a VALIDATION error. */
  'vault.confirmRecoveryKey': call<null>()(RecoveryKeyConfirmation),
} as const;

export const peopleCalls = {
  'people.list': call<Person[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict().default({ includeArchived: false })),
  'people.get': call<Person>()(byId),
  'people.create': call<Person>()(PersonInput),
  'people.update': call<Person>()(z.object({ id: Id, patch: PersonPatch }).strict()),
} as const;

export const tagCalls = {
  'tags.list': call<Tag[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict().default({ includeArchived: false })),
  'tags.create': call<Tag>()(TagInput),
  'tags.update': call<Tag>()(z.object({ id: Id, patch: TagPatch }).strict()),
  /** Moves every link of `from` to `into`, then removes `from`. */
  'tags.merge': call<Tag>()(z.object({ from: Id, into: Id }).strict().refine((v) => v.from !== v.into, 'cannot merge a tag into itself')),
} as const;

export const entryCalls = {
  'entries.create': call<Entry>()(EntryInput),
  'entries.get': call<Entry>()(byId),
  'entries.update': call<Entry>()(z.object({ id: Id, patch: EntryPatch }).strict()),
  /** Moves to the trash (restorable for 30 days). */
  'entries.delete': call<null>()(byId),
  'entries.restore': call<Entry>()(byId),
  'entries.search': call<SearchPage>()(SearchInput),
  'entries.trash': call<SearchPage>()(SearchInput),
  /** Hard-deletes trashed entries: one by id, or all (emptying the trash). */
  'entries.purge': call<{ purged: number }>()(z.union([byId, z.object({ all: z.literal(true) }).strict()])),
} as const;

export const checkInCalls = {
  /** One check-in per person per week: saving again replaces it. */
  'checkins.save': call<CheckIn>()(CheckInInput),
  'checkins.list': call<CheckIn[]>()(
    z.object({ personId: Id.optional(), from: Day.optional(), to: Day.optional() }).strict().default({}),
  ),
  'checkins.delete': call<null>()(byId),
} as const;

export const draftCalls = {
  'drafts.get': call<Draft | null>()(z.object({ key: DraftKey }).strict()),
  'drafts.list': call<Draft[]>()(none),
  'drafts.save': call<Draft>()(DraftInput),
  'drafts.discard': call<null>()(z.object({ key: DraftKey }).strict()),
} as const;

/** Insights (shared/insights.ts has the result shapes and `drillFilter` for chart clicks). */
export const insightCalls = {
  /** Everything the insights page draws, in one call. */
  'insights.overview': call<InsightsOverview>()(TopPatternsQuery),
  'insights.patterns': call<PatternCounts>()(InsightQuery),
  'insights.balance': call<BalanceTrend>()(InsightQuery),
  'insights.scores': call<ScoreTrends>()(InsightQuery),
  'insights.healthyShare': call<HealthyShare>()(InsightQuery),
  'insights.topPatterns': call<TopPatterns>()(TopPatternsQuery),
  'insights.patternHistory': call<PatternHistory>()(InsightQuery),
  'insights.heatmap': call<HeatMap>()(InsightQuery),
  'insights.domains': call<DomainBreakdown>()(InsightQuery),
  'insights.people': call<PeopleComparison>()(InsightQuery),
  'insights.checkinTrends': call<CheckInTrends>()(CheckInTrendsQuery),
  /** Which people have no check-in for the current week (home screen). */
  'insights.checkinsDue': call<CheckInsDue>()(TodayInput),
} as const;

export const settingsCalls = {
  'settings.get': call<Settings>()(none),
  'settings.update': call<Settings>()(SettingsPatch),
} as const;

export const strengthCalls = {
  'strengths.list': call<Strength[]>()(StrengthListInput),
  'strengths.create': call<Strength>()(StrengthInput),
  'strengths.update': call<Strength>()(StrengthPatch),
  'strengths.delete': call<null>()(byId),
} as const;

export const reminderCalls = {
  'reminders.status': call<ReminderStatus[]>()(none),
  /** "Remind me later": the reminder comes back after the snooze time in settings. */
  'reminders.snooze': call<ReminderStatus[]>()(z.object({ kind: ReminderKind }).strict()),
} as const;

/** Safety: auto-lock, quick exit, the access log, deleting the journal. */
export const safetyCalls = {
  /** "The person is here": user input in the window (throttled by the renderer). Resets the idle timer. */
  'session.activity': call<null>()(none),
  /** Locks at once and hides the window (desktop); works on every screen, locked or not. */
  'session.quickExit': call<null>()(none, { whileLocked: true }),
  /** Lock timeout and quick-exit shortcut: needed on the unlock screen, so readable while locked. */
  'safety.preferences': call<SafetyPreferences>()(none, { whileLocked: true }),
  'safety.setPreferences': call<SafetyPreferences>()(SafetyPreferencesPatch),
  /** Failed unlock attempts not yet acknowledged (also returned by vault.unlock). */
  'safety.failedAttempts': call<number[]>()(none),
  /** "Dismiss": the attempts shown up to `upTo` are not shown again. */
  'safety.acknowledgeFailedAttempts': call<null>()(z.object({ upTo: z.number().int().min(0).max(8.64e15) }).strict()),
  /** Deletes every file of the journal (typed confirmation); the app returns to first run. */
  'safety.deleteJournal': call<null>()(DeleteJournalInput),
} as const;

/** The host's handle on one streamed download (a call id of the core's thread). */
export const DownloadSinkId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** What a streamed download says at its end (the bytes went to the sink). */
export interface DownloadDone {
  filename: string;
  bytes: number;
}

/** A download browser mode's page asks a one-time link for (`POST /api/download`). */
export const DownloadRequest = z.discriminatedUnion('call', [
  z.object({ call: z.literal('export.download'), input: ExportRequest }).strict(),
  z.object({ call: z.literal('export.downloadZip'), input: ExportZipRequest }).strict(),
  z.object({ call: z.literal('backup.download'), input: z.object({}).strict() }).strict(),
]);
export type DownloadRequest = z.input<typeof DownloadRequest>;

/** The one-time link the host answers: good once, for this page's session, until the journal locks. */
export interface DownloadLink {
  url: string;
}

/**
 * Exports, backups, imports (shapes in shared/portability.ts). Desktop: `*.save` and
 * `*.pick` use native dialogs (the path stays in main; a pick returns a token). Browser mode has no
 * native dialogs: its page downloads exports and backups through one-time links the host streams
 * (`export.download`, `export.downloadZip`, `backup.download`, below; `export.build` / `backup.build`
 * still return the whole file), and files to read are sent as base64 (or text). Long runs push `{ type: 'progress' }` events.
 */
export const portabilityCalls = {
  /** A plaintext export's content (`plaintext: true`: warn before saving). */
  'export.build': call<ExportFile>()(ExportRequest),
  /** Builds, asks where to save (native dialog), writes. `{ saved: false }` = cancelled. */
  'export.save': call<SaveResult<{ plaintext: true; counts: ExportCounts }>>()(ExportRequest),
  /** An encrypted `.fulcrum` backup of the open journal, as base64 (browser download). */
  'backup.build': call<BackupFile>()(none),
  /** Makes a backup and writes it where a native dialog says. */
  'backup.save': call<SaveResult<{ bytes: number; preview: BackupPreview }>>()(none),
  /** Native open dialog for a `.fulcrum` file; null = cancelled. Works while locked (restore). */
  'backup.pick': call<PickedFile | null>()(none, { whileLocked: true }),
  /** The rotating automatic backups in the data folder, newest first. */
  'backup.list': call<AutomaticBackup[]>()(none, { whileLocked: true }),
  /** Opens a backup with its passphrase or recovery key and says what is in it. Changes nothing. */
  'backup.inspect': call<BackupPreview>()(BackupOpen, { whileLocked: true }),
  /**
   * Replaces the journal with the backup (the current one is kept aside). Leaves the journal LOCKED:
   * unlock with the same secret next (`vault.unlock`).
   */
  'backup.restore': call<RestoreResult>()(BackupOpen, { whileLocked: true }),
  /** Journals that restores moved aside (kept 14 days, or until discarded or the passphrase changes). */
  'backup.previous': call<PreviousJournal[]>()(none),
  'backup.discardPrevious': call<null>()(z.object({ id: z.string().regex(/^\d{8}T\d{6}Z$/) }).strict()),
  /** Native open dialog for a file to import; null = cancelled. */
  'import.pick': call<PickedFile | null>()(none),
  /** Reads and checks a file; counts, problems, duplicates and (generic CSV) a proposed column mapping. */
  'import.preview': call<ImportPreview>()(ImportPreviewInput),
  /** Imports the previewed file, all or nothing. `mapping` re-reads a generic CSV with another mapping. */
  'import.commit': call<ImportResult>()(ImportCommitInput),
  'import.cancel': call<null>()(z.object({ importId: z.string().max(64) }).strict()),
  /** The export as a ZIP archive with the entries' attachments and a manifest of hashes, as base64 (browser download). */
  'export.buildZip': call<ExportZipFile>()(ExportZipRequest),
  /** The same archive written where a native dialog says. `{ saved: false }` = cancelled. */
  'export.saveZip': call<SaveResult<{ plaintext: true; counts: ExportZipCounts }>>()(ExportZipRequest),
  /**
   * Browser mode's downloads: the same files as `export.build`, `export.buildZip` and `backup.build`,
   * written piece by piece into the host's stream `sink` (an HTTP download, main/web/downloads.ts)
   * instead of returned whole. Only the host starts them, from a one-time download link
   * (`DownloadRequest`); called any other way there is no sink, and they refuse.
   */
  'export.download': call<DownloadDone>()(ExportRequest.extend({ sink: DownloadSinkId })),
  'export.downloadZip': call<DownloadDone>()(ExportZipRequest.extend({ sink: DownloadSinkId })),
  'backup.download': call<DownloadDone>()(z.object({ sink: DownloadSinkId }).strict()),
} as const;

/**
 * The therapist report (shapes in shared/report.ts). `report.build` returns the model the
 * print view draws, with pseudonyms already applied. Desktop saves through native dialogs (`*.save*`);
 * browser mode downloads `report.export`'s content and prints the print view with the browser.
 */
export const reportCalls = {
  'report.build': call<ReportModel>()(ReportInput),
  /** The report's scope (range, people, entry selection, pseudonyms) as Markdown, CSV or JSON (`plaintext: true`). */
  'report.export': call<ExportFile>()(ReportExportInput),
  'report.saveExport': call<SaveResult<{ plaintext: true; counts: ExportCounts }>>()(ReportExportInput),
  /** Desktop: the print view's HTML to PDF (page numbers, range, date on every page), saved where a native dialog says. */
  'report.savePdf': call<SaveResult<{ bytes: number; ms: number }>>()(ReportPdfInput),
  /** The printed length of the report these settings make, estimated before printing (the builder shows it). */
  'report.estimate': call<ReportEstimate>()(ReportInput),
  /** What the report discloses, with the proofs that it is in the history (shared/evidence.ts). */
  'report.evidence': call<Evidence>()(ReportInput),
  /** What the printed report's verification appendix shows of that evidence (the preview's proofs). */
  'report.printedProofs': call<PrintedProofs>()(ReportInput),
  /** Browser mode: the evidence package (report HTML, evidence.json, the standalone verifier) as a zip to download. */
  'report.evidencePackage': call<EvidencePackageFile>()(EvidencePackageInput),
  /** Desktop: the evidence package with the report as PDF, saved where a native dialog says. */
  'report.saveEvidencePackage': call<SaveResult<{ bytes: number }>>()(EvidencePackageInput),
  /** Therapy session days ("since my last session"), newest first. */
  'sessions.list': call<TherapySession[]>()(none),
  'sessions.add': call<TherapySession>()(SessionInput),
  'sessions.delete': call<null>()(byId),
  /** Saved report settings. Saving under an existing name replaces that template. */
  'templates.list': call<ReportTemplate[]>()(none),
  'templates.save': call<ReportTemplate>()(TemplateInput),
  'templates.delete': call<null>()(byId),
} as const;

/** Revision history and the tamper-evident ledger (shapes in shared/ledger.ts). */
export const historyCalls = {
  /** Every kept version of an entry or check-in, oldest first (content not included). */
  'history.list': call<RevisionSummary[]>()(ItemRef),
  'history.get': call<Revision>()(RevisionRef),
  /** Saves that earlier version again, as a new revision (the versions in between stay in the history). */
  'history.restore': call<RevisionSummary>()(RevisionRef),
  /** How many revisions, the chain head, and the last check's result. */
  'ledger.status': call<LedgerStatus>()(none),
  /** Re-hashes the whole history now and reports every revision that does not check out. */
  'ledger.verify': call<LedgerCheck>()(none),
  /**
   * Stops the whole-history checks running now at their next step (they end CANCELLED and record
   * nothing; the last check stands). `stopped`: whether one was running.
   */
  'ledger.stopCheck': call<{ stopped: boolean }>()(none),
  'ledger.takeReceipt': call<Receipt>()(none),
  /** Receipts issued, newest first. */
  'ledger.receipts': call<Receipt[]>()(none),
  /** Whether an entry or check-in existed at a receipt and which of its revisions came after it. */
  'ledger.sinceReceipt': call<SinceReceipt>()(SinceReceiptInput),
} as const;

/**
 * Attachments (shapes and how the renderer uses them in shared/attachments.ts). The bytes travel
 * through the bridge's own methods (`attachmentUpload`, `attachmentThumbnail`, `attachmentBytes`),
 * never through these JSON calls.
 */
export const attachmentCalls = {
  /** An entry's or check-in's attachments in their order. */
  'attachments.list': call<AttachmentMeta[]>()(AttachmentListInput),
  'attachments.get': call<AttachmentMeta>()(byId),
  /** Caption (alt text) and whether copies that leave the journal keep the location/device metadata. */
  'attachments.update': call<AttachmentMeta>()(z.object({ id: Id, patch: AttachmentPatch }).strict()),
  /** The owner's attachments in the new order (every shown attachment, each once). */
  'attachments.reorder': call<AttachmentMeta[]>()(AttachmentReorderInput),
  /** To the trash: hidden from the entry, restorable (undo) until its entry's trash is emptied. */
  'attachments.remove': call<AttachmentMeta>()(byId),
  'attachments.restore': call<AttachmentMeta>()(byId),
  /** Timeline cards: the count and first image of each entry's attachments. */
  'attachments.counts': call<AttachmentCounts>()(AttachmentCountsInput),
  /** How much the attachments weigh, the limits, and a warning past the size the person should know about. */
  'attachments.status': call<AttachmentStatus>()(none),
} as const;

/**
 * The calls that carry bytes. Not part of `api`: no JSON route or IPC channel exists for them. Each
 * host reads the bytes its own way (a binary HTTP body, a Uint8Array over IPC) and hands them to the
 * same dispatcher, which validates them here like any other input.
 */
const Bytes = z.instanceof(Uint8Array);
export const byteCalls = {
  'attachments.upload': call<AttachmentMeta>()(z.object({ data: Bytes, name: AttachmentName, options: UploadOptions.default({}) }).strict()),
  'attachments.thumbnail': call<AttachmentMeta>()(z.object({ id: Id, data: Bytes }).strict()),
  'attachments.bytes': call<AttachmentBytes>()(z.object({ id: Id, variant: AttachmentVariant }).strict()),
} as const;
export type ByteCalls = typeof byteCalls;
export type ByteChannel = keyof ByteCalls;
export const isByteChannel = (name: string): name is ByteChannel => Object.hasOwn(byteCalls, name);

/** The interface language (a preference outside the journal, like the quick-exit shortcut). */
export const uiCalls = {
  /** Readable while locked: the welcome and unlock screens speak the chosen language too. */
  'ui.language': call<LanguageChoice>()(none, { whileLocked: true }),
  'ui.setLanguage': call<LanguageChoice>()(z.object({ language: LanguageChoice }).strict()),
} as const;

/** Guided writing: the writer's own entry templates (in their order) and the prompt of the day. */
export const writingCalls = {
  'writing.list': call<WritingTemplate[]>()(none),
  'writing.create': call<WritingTemplate>()(WritingTemplateInput),
  'writing.update': call<WritingTemplate>()(WritingTemplateUpdate),
  'writing.delete': call<null>()(byId),
  /** Names every template once, in the new order; anything else is refused and nothing moves. */
  'writing.reorder': call<WritingTemplate[]>()(WritingTemplateOrder),
  'writing.preferences': call<WritingPreferences>()(none),
  'writing.setPreferences': call<WritingPreferences>()(WritingPreferencesPatch),
} as const;

export const api = {
  ...vaultCalls,
  ...peopleCalls,
  ...tagCalls,
  ...entryCalls,
  ...checkInCalls,
  ...draftCalls,
  ...insightCalls,
  ...settingsCalls,
  ...strengthCalls,
  ...reminderCalls,
  ...safetyCalls,
  ...portabilityCalls,
  ...reportCalls,
  ...historyCalls,
  ...attachmentCalls,
  ...uiCalls,
  ...writingCalls,
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export const CHANNELS = Object.keys(api) as Channel[];
export type InputOf<C extends Channel> = z.input<Api[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Api[C]['input']>;
export type ResultOf<C extends Channel> = Api[C] extends CallDef<z.ZodType, infer R> ? R : never;

export const isChannel = (name: string): name is Channel => Object.hasOwn(api, name);

/** What both transports give the renderer as `window.fulcrum`. */
export type FulcrumBridge = {
  readonly [C in Channel]: (input: InputOf<C>) => Promise<Reply<ResultOf<C>>>;
} & {
  /** Events pushed from main (auto-lock, reminders). Returns an unsubscribe function. */
  readonly subscribe: (listener: (event: AppEvent) => void) => () => void;
  /** 'electron' or 'browser': the browser mode shows a visible label. */
  readonly transport: 'electron' | 'browser';
  /** Stores a file (checked by its content) in the journal; see shared/attachments.ts. */
  readonly attachmentUpload: (data: Blob | Uint8Array, name: string, options?: UploadOptions) => Promise<Reply<AttachmentMeta>>;
  /** Stores the small preview the renderer drew (PNG, JPEG or WebP, at most 512 KB). */
  readonly attachmentThumbnail: (id: number, data: Blob | Uint8Array) => Promise<Reply<AttachmentMeta>>;
  /** The bytes of one variant, from memory (nothing is written to disk or cached). */
  readonly attachmentBytes: (id: number, variant: AttachmentVariant) => Promise<Reply<Blob>>;
  /**
   * Call in the click handler of "Record", right before getUserMedia({ audio: true }): the desktop app
   * lets the microphone through only while armed; release when the recording stops (or is cancelled).
   * Browser mode: the browser asks the person itself, so these do nothing.
   */
  readonly armMicrophone: () => Promise<void>;
  readonly releaseMicrophone: () => Promise<void>;
  /** Browser mode only: a one-time link that streams an export or a backup as a download. */
  readonly prepareDownload?: (request: DownloadRequest) => Promise<Reply<DownloadLink>>;
};

export type AppEvent =
  | { type: 'locked'; reason: 'idle' | 'suspend' | 'screen-lock' | 'user' | 'quick-exit' }
  /** The journal locks in `graceMs` (idle, suspend, screen lock): save drafts now, then clear the screen. */
  | { type: 'lock-pending'; reason: 'idle' | 'suspend' | 'screen-lock'; graceMs: number }
  | { type: 'reminder'; kind: 'journal' | 'checkin' }
  /** A menu accelerator in the desktop app (Ctrl/Cmd+N, F, L); the renderer acts on it as on its own shortcut. */
  | { type: 'command'; command: 'new-entry' | 'search' | 'lock' }
  /** A long export, backup, restore or import moving on (no content). */
  | ProgressEvent;

export type { ApiErrorShape, Reply };

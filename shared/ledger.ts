/**
 * Revision history and the tamper-evident ledger: the shapes the history panel and the Safety page
 * read. The encoding that is hashed is specified in docs/ledger-encoding.md.
 */
import { z } from 'zod';
import { DomainSchema, Id, PowerSourceSchema } from './schemas.js';

export const ItemType = z.enum(['entry', 'checkin']);
export type ItemType = z.infer<typeof ItemType>;

const Int = z.number().int();
const Score = Int.min(1).max(5).nullable();

/** One saved version of an entry, as stored (version 1 or 2 of the encoding). */
export const EntryRevisionContent = z
  .object({
    v: z.union([z.literal(1), z.literal(2)]),
    type: z.literal('entry'),
    event: z.literal('saved'),
    id: Id,
    rev: Int.positive(),
    savedAt: Int,
    restoredFrom: Int.positive().nullable(),
    occurredAt: Int,
    timeZone: z.string(),
    createdAt: Int,
    title: z.string(),
    body: z.string(),
    people: z.array(Id),
    patterns: z.array(Id),
    domains: z.array(DomainSchema),
    powerSources: z.array(PowerSourceSchema),
    balance: Int.min(-3).max(3).nullable(),
    intensity: Score,
    heard: Score,
    respected: Score,
    valued: Score,
    involved: Score,
    outcome: z.string(),
    raiseWithTherapist: z.boolean(),
    safetyConcern: z.boolean(),
    source: z.string(),
    attachments: z.array(z.string()),
    /** Version 2: the revision's secret its fields' salts come from (never sent to the renderer). */
    salt: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();
export type EntryRevisionContent = z.infer<typeof EntryRevisionContent>;

export const CheckInRevisionContent = z
  .object({
    v: z.union([z.literal(1), z.literal(2)]),
    type: z.literal('checkin'),
    event: z.literal('saved'),
    id: Id,
    rev: Int.positive(),
    savedAt: Int,
    restoredFrom: Int.positive().nullable(),
    personId: Id,
    week: z.string(),
    createdAt: Int,
    heard: Score,
    respected: Score,
    involved: Score,
    fairShare: Score,
    boundaries: Score,
    safe: Score,
    note: z.string(),
    forTherapist: z.boolean(),
    salt: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();
export type CheckInRevisionContent = z.infer<typeof CheckInRevisionContent>;

/** A revision in a list: no content, so a long history is cheap to show. */
export interface RevisionSummary {
  /** Position in the whole journal's chain (1 = the first revision ever kept). */
  seq: number;
  type: ItemType;
  itemId: number;
  /** 1 = first written; each save adds one. */
  rev: number;
  /** 'deleted' = the record that the item was deleted for good (it has no content). */
  event: 'saved' | 'deleted';
  savedAt: number;
  /** SHA-256 of this revision chained to the one before it, hex. */
  hash: string;
  /** The content is gone (the item was deleted for good); the hash stays as a tombstone. */
  purged: boolean;
  /** This version was restored from that earlier revision. */
  restoredFrom: number | null;
}

export type Revision = RevisionSummary & { content: EntryRevisionContent | CheckInRevisionContent };

export const RevisionRef = z.object({ type: ItemType, id: Id, rev: Id }).strict();
export const ItemRef = z.object({ type: ItemType, id: Id }).strict();

/**
 * Why a revision (or the history around it) did not check out. The screen words the code in the
 * person's language; `unknown` is a check recorded before codes existed (its English `problem` stays).
 */
export const LEDGER_FAILURES = [
  'out-of-order',
  'content-changed',
  'labels-mismatch',
  'hash-mismatch',
  'tree-changed',
  'newest-missing',
  'no-revision',
  'changed-without-revision',
  'unknown',
] as const;
export type LedgerFailureCode = (typeof LEDGER_FAILURES)[number];

/** One revision that did not check out, and why: a code, with an English sentence for logs. */
export interface LedgerFailure {
  seq: number;
  type: string;
  itemId: number;
  rev: number;
  code: LedgerFailureCode;
  problem: string;
}

export interface LedgerCheck {
  kind: 'incremental' | 'full';
  at: number;
  /** Revisions in the chain when the check ran (an incremental check hashes only the new ones). */
  revisions: number;
  ok: boolean;
  failures: LedgerFailure[];
}

export interface LedgerStatus {
  revisions: number;
  head: { seq: number; hash: string; code: string } | null;
  lastCheck: LedgerCheck | null;
}

export interface Receipt {
  id: number;
  takenAt: number;
  /** The chain head when the receipt was taken: its position and hash. */
  seq: number;
  head: string;
  /** The first 80 bits of the head, grouped for writing down. */
  code: string;
  /** What the QR code holds: `FULCRUM-RECEIPT:1:<head>:<seq>:<time, ISO 8601 UTC>`. */
  payload: string;
  /** The QR code of `payload`, as an SVG document. */
  qrSvg: string;
}

export const SinceReceiptInput = z.object({ receiptId: Id, type: ItemType, id: Id }).strict();

/** "What changed since this receipt" for one entry or check-in. */
export interface SinceReceipt {
  receipt: Omit<Receipt, 'qrSvg'>;
  /** The journal's chain still holds the receipt's head at the receipt's position. */
  headMatches: boolean;
  /** The item had a revision at or before the receipt. */
  existed: boolean;
  /** Revisions of the item kept after the receipt (none = unchanged since). */
  after: RevisionSummary[];
}

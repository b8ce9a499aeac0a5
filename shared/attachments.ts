/**
 * Attachments: files kept with an entry or a check-in (screenshots, photos, voice notes, PDFs, text).
 *
 * The bytes live only inside the encrypted journal database (chunked BLOBs, see
 * docs/journal-format.md), so backups, passphrase changes and secure delete cover them like text.
 *
 * How the renderer uses them (`window.fulcrum`, both transports):
 * - Bytes never travel through the JSON calls. `attachmentUpload(data, name, { owner })` sends a file
 *   (a Blob/File from the picker, a drop or the clipboard, or a recorded Blob) and answers with its
 *   {@link AttachmentMeta}. Without an owner the attachment waits, unlinked, until an entry save names it
 *   in `attachments: [ids]` (EntryInput / EntryPatch); that is how a new, not yet saved entry gets files.
 *   With an owner it is linked at once (and the entry's history records it).
 * - `attachmentThumbnail(id, png)` stores a small preview the renderer drew with a canvas (in memory,
 *   from an object URL of the original's Blob); the core keeps it encrypted like the original.
 * - `attachmentBytes(id, variant)` answers with a Blob: 'original' (byte-identical, for the viewer and
 *   the player), 'thumbnail' (NOT_FOUND if none was stored) or 'shared' (what leaves the journal: the
 *   original without its location/device metadata unless the person kept them). Make an object URL
 *   with `URL.createObjectURL(blob)` and revoke it when the view closes; never write it anywhere.
 * - Everything else is an ordinary call (`attachments.*` in shared/api.ts).
 */
import { z } from 'zod';
import { Id, LIMITS, Timestamp } from './schemas.js';

/** What Fulcrum accepts, by content (the extension must agree with it). */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'audio', 'text'] as const;
export const AttachmentKind = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** MIME types accepted, by kind. HEIC is refused with its own message (no maintained decoder here). */
export const ACCEPTED_MIME: Readonly<Record<string, AttachmentKind>> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'application/pdf': 'pdf',
  'audio/mp4': 'audio',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/wav': 'audio',
  'audio/webm': 'audio',
  'text/plain': 'text',
};

/** Limits, with the messages that name them. */
export const ATTACHMENT_LIMITS = {
  /** One file. */
  fileBytes: 100 * 1024 * 1024,
  /** All the files of one entry or check-in. */
  ownerBytes: 500 * 1024 * 1024,
  ownerFiles: 50,
  /** Past this the status call warns (backups and exports grow with it). */
  journalWarnBytes: 2 * 1024 * 1024 * 1024,
  /** A thumbnail the renderer made. */
  thumbnailBytes: 512 * 1024,
  name: 255,
  caption: 1_000,
} as const;

export const AttachmentOwner = z.object({ kind: z.enum(['entry', 'checkin']), id: Id }).strict();
export type AttachmentOwner = z.infer<typeof AttachmentOwner>;

/** Metadata that could say where the person was or which device they used. */
export const SensitiveMetadata = z.object({
  /** "52.5200, 13.4050" when the file carries a GPS position, else null. */
  gps: z.string().nullable(),
  /** Camera/phone make, model and serial, as one line, else null. */
  device: z.string().nullable(),
  /** The file carries an XMP packet (editing history, sometimes names and places). */
  xmp: z.boolean(),
  /** A PDF's Author, an audio file's artist or composer, else absent. */
  author: z.string().nullable().optional(),
  /** Other descriptive tags (a title, comments, an album, keywords) that the shared copy drops too. */
  details: z.boolean().optional(),
});
export type SensitiveMetadata = z.infer<typeof SensitiveMetadata>;

export const AttachmentMeta = z.object({
  id: Id,
  /** null: uploaded but not yet linked to an entry (a new entry not yet saved). */
  owner: AttachmentOwner.nullable(),
  name: z.string(),
  mime: z.string(),
  kind: AttachmentKind,
  /** Size of the original in bytes. */
  bytes: z.number().int().min(0),
  /** SHA-256 of the original bytes, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the file says it was taken/recorded (EXIF DateTimeOriginal, audio tags), ISO 8601, else null. */
  capturedAt: z.string().nullable(),
  /** When it was attached, ISO 8601 (UTC). */
  attachedAt: z.string(),
  /** Alt text for images; shown under every kind. */
  caption: z.string(),
  /** Order among its owner's attachments, from 0. */
  position: z.number().int().min(0),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  durationMs: z.number().int().min(0).optional(),
  hasThumbnail: z.boolean(),
  sensitive: SensitiveMetadata,
  /** The person chose to keep the sensitive metadata in copies that leave the journal. */
  keepSensitive: z.boolean(),
  /** Removed (in the trash with its entry's undo) since; null while shown. */
  removedAt: Timestamp.nullable(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const AttachmentVariant = z.enum(['original', 'thumbnail', 'shared']);
export type AttachmentVariant = z.infer<typeof AttachmentVariant>;

/** Options of an upload (the bytes and the file name travel beside them). */
export const UploadOptions = z.object({ owner: AttachmentOwner.optional() }).strict();
export type UploadOptions = z.infer<typeof UploadOptions>;

/** A file name as the person's computer gave it (no path). */
export const AttachmentName = z
  .string()
  .min(1, 'A file needs a name.')
  .max(ATTACHMENT_LIMITS.name, 'That file name is too long (255 characters at most).')
  .refine((s) => !s.includes('/') && !s.includes('\\') && !s.includes('\0'), 'A file name cannot contain slashes.');

export const AttachmentPatch = z
  .object({
    caption: z.string().max(ATTACHMENT_LIMITS.caption).optional(),
    keepSensitive: z.boolean().optional(),
  })
  .strict();
export type AttachmentPatch = z.infer<typeof AttachmentPatch>;

export const AttachmentListInput = z
  .object({ owner: AttachmentOwner, includeRemoved: z.boolean().default(false) })
  .strict();

export const AttachmentReorderInput = z.object({ owner: AttachmentOwner, ids: z.array(Id).max(ATTACHMENT_LIMITS.ownerFiles) }).strict();

/** For timeline cards: how many attachments each entry has and its first image (for a thumbnail). */
export const AttachmentCountsInput = z.object({ entryIds: z.array(Id).max(LIMITS.listIds) }).strict();
export type AttachmentCounts = Record<string, { count: number; firstImageId: number | null }>;

/** One variant's bytes as the core hands them to a host (which sends them on as a binary body). */
export interface AttachmentBytes {
  mime: string;
  name: string;
  data: Uint8Array;
}

export interface AttachmentStatus {
  count: number;
  /** Originals' bytes, all attachments (removed ones included until purged). */
  bytes: number;
  warnAtBytes: number;
  /** Shown to the person: the journal passed the warning size. */
  warning: string | null;
  limits: typeof ATTACHMENT_LIMITS;
}

/** The wire names of the byte routes in browser mode (the app protocol mirrors them in Electron). */
export const ATTACHMENT_ROUTES = {
  upload: '/api/attachment/upload',
  thumbnail: '/api/attachment/thumbnail',
  bytes: '/api/attachment/bytes',
} as const;

import { FulcrumError } from '../../../../shared/errors.js';
import {
  ATTACHMENT_LIMITS,
  type AttachmentCounts,
  type AttachmentKind,
  type AttachmentMeta,
  type AttachmentOwner,
  type AttachmentPatch,
  type AttachmentVariant,
  type SensitiveMetadata,
} from '../../../../shared/attachments.js';
import type { DB } from '../open.js';
import type { AttachStep } from '../../attachments/steps.js';
import type { SharedCopy } from '../../attachments/strip.js';
import { all, bit, column, get, jsonList, run, value } from './sql.js';

/**
 * Attachments: metadata rows and their bytes in chunks (migration 007). Bytes are written and read a
 * chunk at a time; all of one attachment's writes are one transaction, so a crash leaves either the
 * whole attachment or none of it.
 */
export const CHUNK_BYTES = 1024 * 1024;
/** Removed attachments and ones never linked to an entry are deleted for good after this long. */
export const ATTACHMENT_TRASH_DAYS = 30;
const DAY_MS = 86_400_000;


interface Row {
  id: number;
  owner_kind: 'entry' | 'checkin' | null;
  owner_id: number | null;
  position: number;
  name: string;
  mime: string;
  kind: AttachmentKind;
  bytes: number;
  sha256: string;
  captured_at: string | null;
  attached_at: number;
  caption: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  sensitive: string;
  keep_sensitive: 0 | 1;
  removed_at: number | null;
  has_thumbnail: 0 | 1;
}

const COLUMNS = `a.id, a.owner_kind, a.owner_id, a.position, a.name, a.mime, a.kind, a.bytes, a.sha256, a.captured_at, a.attached_at,
  a.caption, a.width, a.height, a.duration_ms, a.sensitive, a.keep_sensitive, a.removed_at,
  EXISTS (SELECT 1 FROM attachment_chunks c WHERE c.attachment_id = a.id AND c.variant = 'thumbnail') AS has_thumbnail`;

function toMeta(r: Row): AttachmentMeta {
  return {
    id: r.id,
    owner: r.owner_kind && r.owner_id !== null ? { kind: r.owner_kind, id: r.owner_id } : null,
    name: r.name,
    mime: r.mime,
    kind: r.kind,
    bytes: r.bytes,
    sha256: r.sha256,
    capturedAt: r.captured_at,
    attachedAt: new Date(r.attached_at).toISOString(),
    caption: r.caption,
    position: r.position,
    ...(r.width !== null ? { width: r.width } : {}),
    ...(r.height !== null ? { height: r.height } : {}),
    ...(r.duration_ms !== null ? { durationMs: r.duration_ms } : {}),
    hasThumbnail: r.has_thumbnail === 1,
    sensitive: JSON.parse(r.sensitive) as SensitiveMetadata,
    keepSensitive: r.keep_sensitive === 1,
    removedAt: r.removed_at,
  };
}

export const attachmentNotFound = () =>
  new FulcrumError('NOT_FOUND', 'That attachment is not in the journal (it may have been deleted for good). Reload and try again.');

export function getAttachment(db: DB, id: number): AttachmentMeta | null {
  const r = get<Row>(db, `SELECT ${COLUMNS} FROM attachments a WHERE a.id = ?`, id);
  return r ? toMeta(r) : null;
}

export function requireAttachment(db: DB, id: number): AttachmentMeta {
  const a = getAttachment(db, id);
  if (!a) throw attachmentNotFound();
  return a;
}

export function listAttachments(db: DB, owner: AttachmentOwner, includeRemoved = false): AttachmentMeta[] {
  return all<Row>(
    db,
    `SELECT ${COLUMNS} FROM attachments a WHERE a.owner_kind = ? AND a.owner_id = ? AND (? OR a.removed_at IS NULL) ORDER BY a.position, a.id`,
    owner.kind,
    owner.id,
    bit(includeRemoved),
  ).map(toMeta);
}

/** SHA-256 of each shown attachment of an item, in order (what its revision records). */
export const attachmentHashes = (db: DB, kind: 'entry' | 'checkin', id: number): string[] =>
  column<string>(db, 'SELECT sha256 FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL ORDER BY position, id', kind, id);

/** The same for many entries in one query (the whole-history check reads a thousand at a time). */
export function attachmentHashesOf(db: DB, entryIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const rows = all<{ owner_id: number; sha256: string }>(
    db,
    "SELECT owner_id, sha256 FROM attachments WHERE owner_kind = 'entry' AND owner_id IN (SELECT value FROM json_each(?)) AND removed_at IS NULL ORDER BY owner_id, position, id",
    jsonList(entryIds),
  );
  for (const r of rows) {
    const list = out.get(r.owner_id);
    if (list) list.push(r.sha256);
    else out.set(r.owner_id, [r.sha256]);
  }
  return out;
}

function ownerExists(db: DB, owner: AttachmentOwner): boolean {
  const table = owner.kind === 'entry' ? 'entries' : 'checkins';
  return value<number>(db, `SELECT count(*) FROM ${table} WHERE id = ?`, owner.id) === 1;
}

/** Whether an owner exists and, for an entry, whether it is in the trash. */
export function ownerState(db: DB, owner: AttachmentOwner): 'missing' | 'trashed' | 'live' {
  if (owner.kind === 'checkin') return ownerExists(db, owner) ? 'live' : 'missing';
  const row = get<{ deleted_at: number | null }>(db, 'SELECT deleted_at FROM entries WHERE id = ?', owner.id);
  return !row ? 'missing' : row.deleted_at !== null ? 'trashed' : 'live';
}

const ownerNotFound = (owner: AttachmentOwner) =>
  new FulcrumError('NOT_FOUND', `That ${owner.kind === 'entry' ? 'entry' : 'check-in'} is not in the journal (it may have been deleted). Reload and try again.`);

/** Refuses one more file (of `adding` bytes) past the per-entry limits, in words. */
function checkOwnerLimits(db: DB, owner: AttachmentOwner, ids: readonly number[]): void {
  const row = get<{ n: number; total: number | null }>(
    db,
    'SELECT count(*) AS n, sum(bytes) AS total FROM attachments WHERE id IN (SELECT value FROM json_each(?))',
    jsonList(ids),
  )!;
  if (row.n > ATTACHMENT_LIMITS.ownerFiles) {
    throw new FulcrumError(
      'VALIDATION',
      `An ${owner.kind === 'entry' ? 'entry' : 'check-in'} can have at most ${ATTACHMENT_LIMITS.ownerFiles} attachments. Remove one first, or put this file in another entry.`,
      { reason: 'attachmentOwnerFiles', owner: owner.kind, files: ATTACHMENT_LIMITS.ownerFiles },
    );
  }
  if ((row.total ?? 0) > ATTACHMENT_LIMITS.ownerBytes) {
    throw new FulcrumError(
      'VALIDATION',
      `The attachments of one ${owner.kind === 'entry' ? 'entry' : 'check-in'} can be ${ATTACHMENT_LIMITS.ownerBytes / 1024 / 1024} MB in all; this file would pass that. Put it in another entry.`,
      { reason: 'attachmentOwnerBytes', owner: owner.kind, megabytes: ATTACHMENT_LIMITS.ownerBytes / 1024 / 1024 },
    );
  }
}

export interface NewAttachment {
  name: string;
  mime: string;
  kind: AttachmentKind;
  sha256: string;
  capturedAt: string | null;
  width?: number;
  height?: number;
  durationMs?: number;
  sensitive: SensitiveMetadata;
}

function writeChunks(db: DB, id: number, variant: AttachmentVariant, bytes: Uint8Array, after?: () => void): void {
  run(db, 'DELETE FROM attachment_chunks WHERE attachment_id = ? AND variant = ?', id, variant);
  for (let seq = 0, at = 0; at < bytes.byteLength || seq === 0; seq++, at += CHUNK_BYTES) {
    const part = bytes.subarray(at, Math.min(bytes.byteLength, at + CHUNK_BYTES));
    run(db, 'INSERT INTO attachment_chunks (attachment_id, variant, seq, data) VALUES (?, ?, ?, ?)', id, variant, seq, Buffer.from(part.buffer, part.byteOffset, part.byteLength));
    if (seq === 0) after?.();
  }
}

/**
 * Stores a new attachment: its row, the original's chunks and (when it has metadata to strip) the
 * shared copy's, linked to `owner` at the end of its list, in one transaction. `onLinked` runs inside
 * it (the owner's new revision). `crashAt` marks each step for the crash tests.
 */
export function insertAttachment(
  db: DB,
  meta: NewAttachment,
  original: Uint8Array,
  shared: SharedCopy | null,
  owner: AttachmentOwner | null,
  now: number,
  hooks: { crashAt?: (step: AttachStep) => void; onLinked?: (owner: AttachmentOwner) => void } = {},
): AttachmentMeta {
  const crashAt = hooks.crashAt ?? (() => {});
  return db.transaction(() => {
    if (owner && !ownerExists(db, owner)) throw ownerNotFound(owner);
    const position = owner
      ? (value<number | null>(db, 'SELECT max(position) + 1 FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL', owner.kind, owner.id) ?? 0)
      : 0;
    const id = Number(
      run(
        db,
        `INSERT INTO attachments (owner_kind, owner_id, position, name, mime, kind, bytes, sha256, captured_at, attached_at, width, height, duration_ms, sensitive, shared_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        owner?.kind ?? null,
        owner?.id ?? null,
        position,
        meta.name,
        meta.mime,
        meta.kind,
        original.byteLength,
        meta.sha256,
        meta.capturedAt,
        now,
        meta.width ?? null,
        meta.height ?? null,
        meta.durationMs ?? null,
        JSON.stringify(meta.sensitive),
        shared?.tailFrom ?? null,
      ).lastInsertRowid,
    );
    crashAt('row-written');
    writeChunks(db, id, 'original', original, () => crashAt('chunk-written'));
    if (shared) {
      writeChunks(db, id, 'shared', shared.head);
      crashAt('shared-written');
    }
    if (owner) {
      checkOwnerLimits(db, owner, column<number>(db, 'SELECT id FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL', owner.kind, owner.id));
      hooks.onLinked?.(owner);
    }
    crashAt('linked');
    return getAttachment(db, id)!;
  })();
}

/**
 * One variant's bytes; 'shared' falls back to the original when there was nothing to strip (or it is
 * kept). The chunks are joined once, straight into the buffer returned (a 20 MB original is copied
 * once, not joined and then copied again; the shared copy is its head and the original's tail joined
 * in the same single pass).
 */
export function readAttachmentBytes(db: DB, id: number, variant: AttachmentVariant): Uint8Array {
  const meta = requireAttachment(db, id);
  const chunksOf = (v: AttachmentVariant): Buffer[] => {
    const chunks = column<Buffer>(db, 'SELECT data FROM attachment_chunks WHERE attachment_id = ? AND variant = ? ORDER BY seq', id, v);
    if (chunks.length === 0) {
      if (v === 'thumbnail') throw new FulcrumError('NOT_FOUND', 'This attachment has no preview yet.');
      throw new FulcrumError('CORRUPT', 'The bytes of this attachment are missing from the journal. Restore it from a backup.');
    }
    return chunks;
  };
  const joined = (parts: Buffer[]): Buffer => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  if (variant !== 'shared') return joined(chunksOf(variant));
  const from = value<number | null>(db, 'SELECT shared_from FROM attachments WHERE id = ?', id) ?? null;
  const original = chunksOf('original');
  if (meta.keepSensitive || from === null) return joined(original);
  // The original's chunks from byte `from` on: the image data after the stripped header.
  const tail: Buffer[] = [];
  let at = 0;
  for (const c of original) {
    if (at + c.byteLength > from) tail.push(at >= from ? c : c.subarray(from - at));
    at += c.byteLength;
  }
  return Buffer.concat([...chunksOf('shared'), ...tail]);
}

export function writeThumbnail(db: DB, id: number, bytes: Uint8Array): AttachmentMeta {
  return db.transaction(() => {
    requireAttachment(db, id);
    writeChunks(db, id, 'thumbnail', bytes);
    return getAttachment(db, id)!;
  })();
}

export function updateAttachment(db: DB, id: number, patch: AttachmentPatch): AttachmentMeta {
  requireAttachment(db, id);
  if (patch.caption !== undefined) run(db, 'UPDATE attachments SET caption = ? WHERE id = ?', patch.caption, id);
  if (patch.keepSensitive !== undefined) run(db, 'UPDATE attachments SET keep_sensitive = ? WHERE id = ?', bit(patch.keepSensitive), id);
  return getAttachment(db, id)!;
}

/** Sets the order of an owner's shown attachments: `ids` must be each of them once. */
export function reorderAttachments(db: DB, owner: AttachmentOwner, ids: readonly number[]): void {
  const shown = column<number>(db, 'SELECT id FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL', owner.kind, owner.id);
  if (ids.length !== shown.length || new Set(ids).size !== ids.length || !ids.every((id) => shown.includes(id))) {
    throw new FulcrumError('CONFLICT', 'The attachments changed while you were reordering them. Reload and try again.');
  }
  ids.forEach((id, i) => run(db, 'UPDATE attachments SET position = ? WHERE id = ?', i, id));
}

/** Removed (to the trash) or brought back. */
export function setAttachmentRemoved(db: DB, id: number, removedAt: number | null): AttachmentMeta {
  const a = requireAttachment(db, id);
  if (removedAt === null && a.removedAt !== null && a.owner) {
    const last = value<number | null>(db, 'SELECT max(position) + 1 FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL', a.owner.kind, a.owner.id) ?? 0;
    run(db, 'UPDATE attachments SET removed_at = NULL, position = ? WHERE id = ?', Math.max(a.position, last), id);
    checkOwnerLimits(db, a.owner, column<number>(db, 'SELECT id FROM attachments WHERE owner_kind = ? AND owner_id = ? AND removed_at IS NULL', a.owner.kind, a.owner.id));
  } else if (removedAt !== null) {
    run(db, 'UPDATE attachments SET removed_at = coalesce(removed_at, ?) WHERE id = ?', removedAt, id);
  }
  return getAttachment(db, id)!;
}

/**
 * An entry's attachments become exactly `ids`, in that order: unlinked uploads are linked, removed
 * ones named again come back, and the ones left out go to the trash. Inside the entry's save.
 */
export function setEntryAttachments(db: DB, entryId: number, ids: readonly number[], now: number): void {
  const list = [...new Set(ids)];
  const rows = all<{ id: number; owner_kind: string | null; owner_id: number | null }>(
    db,
    'SELECT id, owner_kind, owner_id FROM attachments WHERE id IN (SELECT value FROM json_each(?))',
    jsonList(list),
  );
  if (rows.length !== list.length) throw attachmentNotFound();
  if (rows.some((r) => r.owner_kind !== null && !(r.owner_kind === 'entry' && r.owner_id === entryId))) {
    throw new FulcrumError('CONFLICT', 'One of these attachments belongs to another entry or check-in. Attach the file again here instead.');
  }
  run(
    db,
    "UPDATE attachments SET removed_at = ? WHERE owner_kind = 'entry' AND owner_id = ? AND removed_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))",
    now,
    entryId,
    jsonList(list),
  );
  list.forEach((id, i) => run(db, "UPDATE attachments SET owner_kind = 'entry', owner_id = ?, position = ?, removed_at = NULL WHERE id = ?", entryId, i, id));
  checkOwnerLimits(db, { kind: 'entry', id: entryId }, list);
}

/**
 * The entry's attachments that match `hashes` (a revision's list of SHA-256), one for each hash in
 * that order: shown ones first, then ones in the trash (not yet deleted for good). A hash none of the
 * entry's files has any more (deleted for good since) is left out and returned in `missing`.
 */
export function entryAttachmentsByHash(db: DB, entryId: number, hashes: readonly string[]): { ids: number[]; missing: string[] } {
  const rows = all<{ id: number; sha256: string }>(
    db,
    "SELECT id, sha256 FROM attachments WHERE owner_kind = 'entry' AND owner_id = ? ORDER BY removed_at IS NOT NULL, position, id",
    entryId,
  );
  const used = new Set<number>();
  const ids: number[] = [];
  const missing: string[] = [];
  for (const hash of hashes) {
    const match = rows.find((r) => r.sha256 === hash && !used.has(r.id));
    if (match) {
      used.add(match.id);
      ids.push(match.id);
    } else missing.push(hash);
  }
  return { ids, missing };
}

export function attachmentCounts(db: DB, entryIds: readonly number[]): AttachmentCounts {
  const out: AttachmentCounts = {};
  const rows = all<{ owner_id: number; n: number; first_image: number | null }>(
    db,
    `SELECT owner_id, count(*) AS n,
       (SELECT i.id FROM attachments i WHERE i.owner_kind = 'entry' AND i.owner_id = a.owner_id AND i.removed_at IS NULL AND i.kind = 'image' ORDER BY i.position, i.id LIMIT 1) AS first_image
     FROM attachments a WHERE owner_kind = 'entry' AND owner_id IN (SELECT value FROM json_each(?)) AND removed_at IS NULL GROUP BY owner_id`,
    jsonList(entryIds),
  );
  for (const r of rows) out[String(r.owner_id)] = { count: r.n, firstImageId: r.first_image };
  return out;
}

/** The chosen attachments that belong to the given (shown) entries, in the entries' order, then their own. */
export function attachmentsOfEntries(db: DB, attachmentIds: readonly number[], entryIds: readonly number[]): AttachmentMeta[] {
  if (attachmentIds.length === 0 || entryIds.length === 0) return [];
  const order = new Map(entryIds.map((id, i) => [id, i]));
  return all<Row>(
    db,
    `SELECT ${COLUMNS} FROM attachments a WHERE a.id IN (SELECT value FROM json_each(?)) AND a.owner_kind = 'entry'
       AND a.owner_id IN (SELECT value FROM json_each(?)) AND a.removed_at IS NULL ORDER BY a.position, a.id`,
    jsonList(attachmentIds),
    jsonList(entryIds),
  )
    .map(toMeta)
    .sort((x, y) => order.get(x.owner!.id)! - order.get(y.owner!.id)!);
}

export const attachmentTotals = (db: DB): { count: number; bytes: number } =>
  get<{ count: number; bytes: number }>(db, 'SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM attachments')!;

/**
 * How many bytes of files one idle step deletes for good (at least one file, whatever its size).
 * secure_delete overwrites every freed page, and each overwritten page goes through the WAL: deleting
 * a gigabyte of expired files in one statement held the core's thread for seconds and left a WAL of
 * that size for the next checkpoint (a backup's snapshot starts with one) to copy in one go.
 */
export const PURGE_STEP_BYTES = 4 * 1024 * 1024;

/** Attachments whose entry or check-in is leaving for good: in the trash past its time, or hidden by an import that never finished. */
const OWNER_LEAVING = `((owner_kind = 'entry' AND owner_id IN (SELECT id FROM entries WHERE (deleted_at IS NOT NULL AND deleted_at <= ? AND import_batch IS NULL)
  OR import_batch IN (SELECT id FROM import_batches WHERE abandoned = 1)))
  OR (owner_kind = 'checkin' AND owner_id IN (SELECT id FROM checkins WHERE import_batch IN (SELECT id FROM import_batches WHERE abandoned = 1))))`;

/**
 * Deletes for good (secure_delete overwrites the freed pages): attachments removed or never linked for
 * more than ATTACHMENT_TRASH_DAYS, and with `all` (emptying the trash) every removed one. With
 * `entryExpiredBefore`, also the files of entries trashed before then or left by an unfinished
 * import, ahead of the entries themselves (their purge then has no file left to delete). At most
 * `maxBytes` of files go in one call (the oldest first, at least one). Returns the count.
 */
export function purgeAttachments(db: DB, now: number, all = false, opts: { maxBytes?: number; entryExpiredBefore?: number } = {}): number {
  const expired = now - ATTACHMENT_TRASH_DAYS * DAY_MS;
  // Unlinked uploads may belong to an entry still being written (its draft names them): only age removes them.
  const where = '(removed_at IS NOT NULL AND removed_at <= ?) OR (owner_kind IS NULL AND attached_at <= ?)';
  const params: unknown[] = [all ? Number.MAX_SAFE_INTEGER : expired, expired];
  const leaving = opts.entryExpiredBefore !== undefined;
  const cond = leaving ? `${where} OR ${OWNER_LEAVING}` : where;
  if (leaving) params.push(opts.entryExpiredBefore);
  if (opts.maxBytes === undefined) return run(db, `DELETE FROM attachments WHERE ${cond}`, ...params).changes;
  const picked: number[] = [];
  let bytes = 0;
  for (const r of db.prepare(`SELECT id, bytes FROM attachments WHERE ${cond} ORDER BY id`).iterate(...params) as IterableIterator<{ id: number; bytes: number }>) {
    if (picked.length > 0 && bytes + r.bytes > opts.maxBytes) break;
    picked.push(r.id);
    bytes += r.bytes;
  }
  if (picked.length === 0) return 0;
  return run(db, 'DELETE FROM attachments WHERE id IN (SELECT value FROM json_each(?))', jsonList(picked)).changes;
}

/** The attachments of items being deleted for good go with them (their chunks by cascade). */
export const deleteAttachmentsOf = (db: DB, kind: 'entry' | 'checkin', ids: readonly number[]): number =>
  run(db, 'DELETE FROM attachments WHERE owner_kind = ? AND owner_id IN (SELECT value FROM json_each(?))', kind, jsonList(ids)).changes;

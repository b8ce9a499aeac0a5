import { ATTACHMENT_LIMITS, type AttachmentOwner } from '../../../shared/attachments.js';
import { FulcrumError } from '../../../shared/errors.js';
import { evidenceOf, sha256Hex, sniff } from '../attachments/content.js';
import { sharedCopyFor } from '../attachments/strip.js';
import {
  attachmentCounts,
  attachmentTotals,
  getAttachment,
  insertAttachment,
  keepRevision,
  listAttachments,
  ownerState,
  readAttachmentBytes,
  reorderAttachments,
  requireAttachment,
  setAttachmentRemoved,
  updateAttachment,
  writeThumbnail,
} from '../db/repos/index.js';
import type { DB } from '../db/open.js';
import type { ByteHandlers, HandlersFor } from './types.js';

/** A change to an entry's files is a change to the entry: its history records the new list of hashes. */
function touchOwner(db: DB, owner: AttachmentOwner | null, now: number): void {
  if (owner?.kind !== 'entry') return;
  const state = ownerState(db, owner);
  if (state === 'missing') return;
  if (state === 'trashed') throw new FulcrumError('CONFLICT', 'This entry is in the trash. Restore it first to change its attachments.', { reason: 'entryInTrash' });
  keepRevision(db, 'entry', owner.id, now);
}

const gb = (n: number) => `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;

export const attachmentHandlers: HandlersFor<'attachments'> = {
  'attachments.list': ({ owner, includeRemoved }, { vault }) => listAttachments(vault.database(), owner, includeRemoved),
  'attachments.get': ({ id }, { vault }) => requireAttachment(vault.database(), id),
  'attachments.update': ({ id, patch }, { vault }) => updateAttachment(vault.database(), id, patch),
  'attachments.reorder': ({ owner, ids }, { vault, ports }) => {
    const db = vault.database();
    db.transaction(() => {
      reorderAttachments(db, owner, ids);
      touchOwner(db, owner, ports.now());
    })();
    return listAttachments(db, owner);
  },
  'attachments.remove': ({ id }, { vault, ports }) => {
    const db = vault.database();
    return db.transaction(() => {
      const a = setAttachmentRemoved(db, id, ports.now());
      touchOwner(db, a.owner, ports.now());
      return a;
    })();
  },
  'attachments.restore': ({ id }, { vault, ports }) => {
    const db = vault.database();
    return db.transaction(() => {
      const a = setAttachmentRemoved(db, id, null);
      touchOwner(db, a.owner, ports.now());
      return a;
    })();
  },
  'attachments.counts': ({ entryIds }, { vault }) => attachmentCounts(vault.database(), entryIds),
  'attachments.status': (_input, { vault }) => {
    const { count, bytes } = attachmentTotals(vault.database());
    const over = bytes > ATTACHMENT_LIMITS.journalWarnBytes;
    return {
      count,
      bytes,
      warnAtBytes: ATTACHMENT_LIMITS.journalWarnBytes,
      warning: over
        ? `Your attachments now take ${gb(bytes)}. Everything still works, but each backup and export carries them all, so they take longer and need that much free space. Removing files you no longer need (and emptying the trash) makes them smaller.`
        : null,
      limits: ATTACHMENT_LIMITS,
    };
  },
};

export const attachmentByteHandlers: ByteHandlers = {
  'attachments.upload': async ({ data, name, options }, { vault, ports }) => {
    // Checked before anything is stored: the type by content, then what the file says about itself.
    const type = await sniff(data, name);
    const found = await evidenceOf(data, type);
    const { shared, sensitive } = await sharedCopyFor(data, type, found.sensitive);
    const evidence = { ...found, sensitive };
    ports.attachCrashAt?.('sniffed');
    const db = vault.database();
    const now = ports.now();
    const owner = options.owner ?? null;
    if (owner && ownerState(db, owner) === 'trashed') throw new FulcrumError('CONFLICT', 'This entry is in the trash. Restore it first to add files.', { reason: 'entryInTrash' });
    return insertAttachment(
      db,
      { name, mime: type.mime, kind: type.kind, sha256: sha256Hex(data), ...evidence },
      data,
      shared,
      owner,
      now,
      { crashAt: ports.attachCrashAt, onLinked: (o) => touchOwner(db, o, now) },
    );
  },
  'attachments.thumbnail': async ({ id, data }, { vault }) => {
    if (data.byteLength > ATTACHMENT_LIMITS.thumbnailBytes) {
      throw new FulcrumError('VALIDATION', 'That preview is too large (512 KB at most). Draw it smaller.');
    }
    const type = await sniff(data, 'thumbnail');
    if (type.kind !== 'image' || type.mime === 'image/gif') throw new FulcrumError('VALIDATION', 'A preview must be a PNG, JPEG or WebP image.');
    return writeThumbnail(vault.database(), id, data);
  },
  'attachments.bytes': async ({ id, variant }, { vault }) => {
    const db = vault.database();
    const meta = getAttachment(db, id);
    if (!meta) throw new FulcrumError('NOT_FOUND', 'That attachment is not in the journal (it may have been deleted for good). Reload and try again.');
    const data = readAttachmentBytes(db, id, variant);
    const mime = variant === 'thumbnail' ? ((await sniff(data, 'thumbnail')).mime) : meta.mime;
    return { mime, name: meta.name, data };
  },
};

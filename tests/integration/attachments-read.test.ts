/**
 * Reading an attachment back joins its chunks once: the original as it was attached, and the shared
 * copy as its stripped head followed by the original's bytes from `tailFrom` on, wherever that falls
 * among the chunks (in the first, on a boundary, inside a later one).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openDatabase } from '../../main/core/db/index.js';
import { CHUNK_BYTES, insertAttachment, readAttachmentBytes, updateAttachment } from '../../main/core/db/repos/attachments.js';
import { tempDir } from '../helpers/journal.js';

const META = { name: 'photo.jpg', mime: 'image/jpeg', kind: 'image' as const, sha256: '0'.repeat(64), capturedAt: null, sensitive: { gps: '1, 2', device: null, xmp: false } };

function journal() {
  const db = openDatabase(path.join(tempDir(), 'journal.db'), crypto.randomBytes(32), { create: true });
  migrate(db, MIGRATIONS);
  return db;
}

describe('reading attachment bytes', () => {
  const original = crypto.randomBytes(3 * CHUNK_BYTES + 12_345);
  const head = crypto.randomBytes(700);

  it.each([
    ['inside the first chunk', 1_000],
    ['on a chunk boundary', CHUNK_BYTES],
    ['inside a later chunk', 2 * CHUNK_BYTES + 77],
    ['at the very end', original.length],
  ])('the shared copy is the head and the original from tailFrom on (%s)', (_what, tailFrom) => {
    const db = journal();
    const a = insertAttachment(db, META, original, { head, tailFrom }, null, Date.UTC(2025, 0, 1));
    expect(Buffer.from(readAttachmentBytes(db, a.id, 'original')).equals(original)).toBe(true);
    const shared = Buffer.from(readAttachmentBytes(db, a.id, 'shared'));
    expect(shared.length).toBe(head.length + original.length - tailFrom);
    expect(shared.equals(Buffer.concat([head, original.subarray(tailFrom)]))).toBe(true);
    // Kept on purpose by the person: the original is what leaves.
    updateAttachment(db, a.id, { keepSensitive: true });
    expect(Buffer.from(readAttachmentBytes(db, a.id, 'shared')).equals(original)).toBe(true);
    db.close();
  });

  it('an attachment with nothing to strip shares its original; a one-chunk file comes back whole', () => {
    const db = journal();
    const small = crypto.randomBytes(5_000);
    const a = insertAttachment(db, META, small, null, null, Date.UTC(2025, 0, 1));
    expect(Buffer.from(readAttachmentBytes(db, a.id, 'shared')).equals(small)).toBe(true);
    expect(Buffer.from(readAttachmentBytes(db, a.id, 'original')).equals(small)).toBe(true);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import { addAttachments } from '../generator/attachments.js';
import { generateJournal } from '../generator/index.js';
import { createdService } from '../helpers/journal.js';

const MB = 1024 * 1024;

async function withFiles(seed: number, bytes: number) {
  let clock = Date.UTC(2016, 0, 1);
  const s = await createdService(undefined, { ports: { now: () => clock, log: () => {} } });
  const journal = await generateJournal({ seed: 7, entries: 120 }, s.service);
  clock = journal.now;
  const added = await addAttachments(s.service.vault.database(), { seed, bytes, now: journal.now, gallery: 3 });
  const hashes = s.service.vault.database().prepare('SELECT owner_id, name, sha256, bytes FROM attachments ORDER BY id').all();
  return { ...s, added, hashes };
}

describe('synthetic attachments for the benchmark journals', () => {
  it('adds photos, screenshots and voice notes up to the size asked for, the same for the same seed, kept like attached files', async () => {
    const a = await withFiles(5, 12 * MB);
    const b = await withFiles(5, 12 * MB);
    const c = await withFiles(6, 12 * MB);
    try {
      expect(a.added.bytes).toBeGreaterThanOrEqual(12 * MB);
      expect(a.added.bytes).toBeLessThan(12 * MB + 20 * MB);
      expect(a.added.files).toBe(a.added.photos + a.added.screenshots + a.added.voiceNotes);
      expect(a.hashes).toEqual(b.hashes);
      expect(c.hashes).not.toEqual(a.hashes);

      // The newest entry has its gallery, each photo with a stored preview the journal serves.
      const gallery = await a.call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: a.added.galleryEntryId } });
      expect(gallery.length).toBeGreaterThanOrEqual(3);
      expect(gallery.slice(0, 3).every((f) => f.kind === 'image' && f.mime === 'image/jpeg')).toBe(true);
      const thumb = await a.call<{ mime: string; data: Uint8Array }>('attachments.bytes', { id: gallery[0]!.id, variant: 'thumbnail' });
      expect(thumb.mime).toBe('image/jpeg');
      // Judged by content like an attached file: the photos' EXIF place and camera are found and
      // stripped from the shared copy; the original is byte for byte what was hashed.
      expect(gallery[0]!.sensitive.gps).not.toBeNull();
      const original = await a.call<{ data: Uint8Array }>('attachments.bytes', { id: gallery[0]!.id, variant: 'original' });
      const shared = await a.call<{ data: Uint8Array }>('attachments.bytes', { id: gallery[0]!.id, variant: 'shared' });
      expect(shared.data.byteLength).toBeLessThan(original.data.byteLength);
      // Each entry's history records its files, and the whole history still checks out.
      const verified = await a.call<{ ok: boolean }>('ledger.verify', {});
      expect(verified.ok).toBe(true);
    } finally {
      for (const s of [a, b, c]) s.service.vault.lock();
    }
  });
});

/**
 * attach() in the page, against a stand-in bridge: the preview of an image is drawn while its upload is
 * on its way (not after), and is stored once the core has taken the file as an image.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import { attach } from '../../renderer/components/attachments/client.js';

const meta = (kind: AttachmentMeta['kind'], mime: string): AttachmentMeta => ({
  id: 9,
  owner: null,
  name: 'f',
  mime,
  kind,
  bytes: 3,
  sha256: 'a'.repeat(64),
  capturedAt: null,
  attachedAt: new Date(0).toISOString(),
  caption: '',
  position: 0,
  hasThumbnail: false,
  sensitive: { gps: null, device: null, xmp: false },
  keepSensitive: false,
} as AttachmentMeta);

function standIn(reply: AttachmentMeta | null) {
  const events: string[] = [];
  const stored: Blob[] = [];
  (globalThis as { fulcrum?: unknown }).fulcrum = {
    attachmentUpload: async () => {
      events.push('upload');
      return reply ? { ok: true, value: reply } : { ok: false, error: { code: 'VALIDATION', message: 'That file is not what its name says.' } };
    },
    attachmentThumbnail: async (_id: number, data: Blob) => {
      events.push('thumbnail');
      stored.push(data);
      return { ok: true, value: { ...reply!, hasThumbnail: true } };
    },
  };
  const preview = new Blob([new Uint8Array([1])], { type: 'image/webp' });
  const draw = async () => {
    events.push('draw');
    return preview;
  };
  return { events, stored, draw, preview };
}

afterEach(() => {
  delete (globalThis as { fulcrum?: unknown }).fulcrum;
});

describe('attaching a file in the page', () => {
  it('starts drawing an image’s preview before the upload answers, then stores it', async () => {
    const s = standIn(meta('image', 'image/jpeg'));
    const got = await attach(new File([new Uint8Array([0xff, 0xd8, 0xff])], 'photo.jpg', { type: 'image/jpeg' }), s.draw);
    expect(s.events).toEqual(['draw', 'upload', 'thumbnail']);
    expect(s.stored).toEqual([s.preview]);
    expect(got.hasThumbnail).toBe(true);
  });

  it('draws nothing for a sound file, and stores no preview when the core refuses the file', async () => {
    const audio = standIn(meta('audio', 'audio/ogg'));
    await attach(new File([new Uint8Array([1, 2, 3])], 'note.ogg', { type: 'audio/ogg' }), audio.draw);
    expect(audio.events).toEqual(['upload']);

    const refused = standIn(null);
    await expect(attach(new File([new Uint8Array([1, 2, 3])], 'fake.png', { type: 'image/png' }), refused.draw)).rejects.toThrow('not what its name says');
    expect(refused.events).not.toContain('thumbnail');
  });

  it('an image the browser did not label is still drawn, once the core says it is one', async () => {
    const s = standIn(meta('image', 'image/png'));
    await attach(new File([new Uint8Array([0x89, 0x50])], 'screen', { type: '' }), s.draw);
    expect(s.events).toEqual(['upload', 'draw', 'thumbnail']);
  });
});

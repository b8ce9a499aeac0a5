import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import type { AttachmentBytes, AttachmentMeta } from '../../shared/attachments.js';
import type { Reply } from '../../shared/errors.js';
import { HEIC_NOT_SUPPORTED, NOT_ACCEPTED } from '../../main/core/attachments/content.js';
import { PASSPHRASE, OTHER_PASSPHRASE, createdService, tempDir, testService } from '../helpers/journal.js';
import { exifOf, photoWithGps, pngWith, wavWith } from '../helpers/attachments.js';
import { manualTimers } from '../helpers/idle.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const DAY = Date.UTC(2025, 4, 1, 12);

async function setup() {
  const s = await createdService();
  const upload = (data: Uint8Array, name: string, options: object = {}) =>
    s.service.dispatch('attachments.upload', { data, name, options }) as Promise<Reply<AttachmentMeta>>;
  const uploaded = async (data: Uint8Array, name: string, options: object = {}) => {
    const r = await upload(data, name, options);
    if (!r.ok) throw new Error(`upload failed: ${r.error.message}`);
    return r.value;
  };
  const bytes = async (id: number, variant: 'original' | 'thumbnail' | 'shared') => {
    const r = (await s.service.dispatch('attachments.bytes', { id, variant })) as Reply<AttachmentBytes>;
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    return Buffer.from(r.value.data);
  };
  const entry = (extra: object = {}) => s.call<{ id: number }>('entries.create', { occurredAt: DAY, timeZone: 'UTC', title: 'a day', body: 'what happened', ...extra });
  return { ...s, upload, uploaded, bytes, entry };
}

describe('attachments: evidence grade', () => {
  it('keeps the original byte-identical with its hash, capture time and sensitive metadata, and strips that metadata from the shared copy', async () => {
    const { uploaded, bytes, call } = await setup();
    const photo = photoWithGps();
    const a = await uploaded(photo, 'photo.jpg');
    expect(a).toMatchObject({ kind: 'image', mime: 'image/jpeg', bytes: photo.length, sha256: sha(photo), capturedAt: '2024-03-02T19:10:00', owner: null, width: 320, height: 240 });
    expect(a.sensitive).toEqual({ gps: '52.5200, 13.4050', device: 'FixtureCam · FC-1', xmp: false });
    expect(Date.parse(a.attachedAt)).toBeGreaterThan(0);

    const original = await bytes(a.id, 'original');
    expect(original.equals(photo)).toBe(true);
    const shared = await bytes(a.id, 'shared');
    expect(shared.length).toBeLessThan(photo.length);
    expect(await exifr.gps(shared).catch(() => undefined)).toBeUndefined();
    expect(shared.includes(Buffer.from('FixtureCam'))).toBe(false);
    // The image data itself is untouched: everything from the start of scan on is the same.
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(sos(shared).equals(sos(photo))).toBe(true);

    // Kept on purpose: the shared copy is the original.
    await call('attachments.update', { id: a.id, patch: { keepSensitive: true, caption: 'the kitchen' } });
    expect((await bytes(a.id, 'shared')).equals(photo)).toBe(true);
    expect((await call<AttachmentMeta>('attachments.get', { id: a.id })).caption).toBe('the kitchen');
  });

  it('reads PNG EXIF and XMP and removes both from the shared copy, pixels unchanged', async () => {
    const { uploaded, bytes } = await setup();
    const png = pngWith(Buffer.from('PIXELROWS-1234'), { exif: exifOf(photoWithGps()), xmp: '<x:xmpmeta>place</x:xmpmeta>' });
    const a = await uploaded(png, 'screen.png');
    expect(a.sensitive).toEqual({ gps: '52.5200, 13.4050', device: 'FixtureCam · FC-1', xmp: true });
    const shared = await bytes(a.id, 'shared');
    expect(shared.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(shared.includes(Buffer.from('FixtureCam'))).toBe(false);
    expect(shared.includes(Buffer.from('PIXELROWS-1234'))).toBe(true);
    expect((await bytes(a.id, 'original')).equals(png)).toBe(true);
  });

  it('reads the recording time and length of audio from its tags', async () => {
    const { uploaded } = await setup();
    const a = await uploaded(wavWith('voice note'), 'voice.wav');
    expect(a).toMatchObject({ kind: 'audio', mime: 'audio/wav', capturedAt: '2024-05-06', durationMs: 1000 });
    // Its title and date are tags too: shown as details, and dropped from the shared copy.
    expect(a.sensitive).toEqual({ gps: null, device: null, xmp: false, details: true });
  });
});

describe('attachments: refused by content, with a clear message', () => {
  it('refuses a file whose content is not what its name says, unknown kinds, HEIC, empty files', async () => {
    const { upload } = await setup();
    const png = pngWith(Buffer.from('x'));
    const named = await upload(png, 'holiday.jpg');
    expect(named.ok).toBe(false);
    if (!named.ok) {
      expect(named.error.code).toBe('VALIDATION');
      expect(named.error.message).toContain('.jpg');
      expect(named.error.message).toContain('PNG');
    }
    const exe = await upload(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff, 0, 0, 0xb8]), 'setup.pdf');
    expect(exe.ok || exe.error.message).toBe(NOT_ACCEPTED);
    const text = await upload(Buffer.from('just words'), 'notes.mp3');
    expect(text.ok).toBe(false);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(16)]);
    const h = await upload(heic, 'IMG_0001.HEIC');
    expect(h.ok || h.error.message).toBe(HEIC_NOT_SUPPORTED);
    const empty = await upload(new Uint8Array(0), 'a.txt');
    expect(empty.ok || empty.error.message).toMatch(/empty/);
    const txt = await upload(Buffer.from('plain words, nothing else'), 'notes.txt');
    expect(txt.ok && txt.value.kind).toBe('text');
  });

  it('refuses a file over 100 MB, and a 51st file on one entry, saying so', async () => {
    const { upload, entry } = await setup();
    const big = await upload(new Uint8Array(100 * 1024 * 1024 + 1), 'big.txt');
    expect(big.ok || big.error.message).toMatch(/larger than 100 MB/);
    const e = await entry();
    for (let i = 0; i < 50; i++) {
      const r = await upload(Buffer.from(`note ${i}`), `n${i}.txt`, { owner: { kind: 'entry', id: e.id } });
      expect(r.ok).toBe(true);
    }
    const over = await upload(Buffer.from('one more'), 'n50.txt', { owner: { kind: 'entry', id: e.id } });
    expect(over.ok || over.error.message).toMatch(/at most 50 attachments/);
  });
});

describe('attachments: linked to entries', () => {
  it('links uploads on save, in order; the revision records their hashes; reorder, remove and restore are recorded too', async () => {
    const { uploaded, entry, call } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    const b = await uploaded(wavWith('b'), 'b.wav');
    const e = await entry({ attachments: [b.id, a.id] });
    const list = await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id } });
    expect(list.map((x) => x.id)).toEqual([b.id, a.id]);
    const history = await call<{ rev: number }[]>('history.list', { type: 'entry', id: e.id });
    const first = await call<{ content: string | null }>('history.get', { type: 'entry', id: e.id, rev: history[0]!.rev });
    expect(JSON.stringify(first)).toContain(b.sha256);

    await call('attachments.reorder', { owner: { kind: 'entry', id: e.id }, ids: [a.id, b.id] });
    await call('attachments.remove', { id: b.id });
    expect((await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id } })).map((x) => x.id)).toEqual([a.id]);
    expect((await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id }, includeRemoved: true })).length).toBe(2);
    await call('attachments.restore', { id: b.id });
    expect((await call<{ rev: number }[]>('history.list', { type: 'entry', id: e.id })).length).toBe(4);
    expect((await call<{ ok: boolean }>('ledger.verify')).ok).toBe(true);

    // Saving the entry with a list moves the ones left out to the trash.
    await call('entries.update', { id: e.id, patch: { attachments: [a.id] } });
    expect((await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id } })).map((x) => x.id)).toEqual([a.id]);
    expect(await call('attachments.counts', { entryIds: [e.id] })).toEqual({ [String(e.id)]: { count: 1, firstImageId: a.id } });
  });

  it('restoring an earlier revision brings back its files as they were then, in that order; files added since go to the trash', async () => {
    const { uploaded, entry, call } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    const b = await uploaded(wavWith('b'), 'b.wav');
    const e = await entry({ attachments: [a.id, b.id] });
    const [first] = await call<{ rev: number }[]>('history.list', { type: 'entry', id: e.id });
    const shown = async () => (await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id } })).map((x) => x.id);

    // Later: the order swapped, the photo removed, a new file added.
    const c = await uploaded(pngWith(Buffer.from('LATER')), 'c.png');
    await call('entries.update', { id: e.id, patch: { title: 'changed', attachments: [b.id, c.id] } });
    expect(await shown()).toEqual([b.id, c.id]);

    await call('history.restore', { type: 'entry', id: e.id, rev: first!.rev });
    expect(await shown()).toEqual([a.id, b.id]);
    const all = await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id }, includeRemoved: true });
    expect(all.find((x) => x.id === c.id)!.removedAt).not.toBeNull();
    expect((await call<{ title: string }>('entries.get', { id: e.id })).title).toBe('a day');
    // The restore's own revision records the files it brought back, and the history still checks out.
    const history = await call<{ rev: number }[]>('history.list', { type: 'entry', id: e.id });
    const last = await call<{ content: { attachments: string[] } }>('history.get', { type: 'entry', id: e.id, rev: history.at(-1)!.rev });
    expect(last.content.attachments).toEqual([a.sha256, b.sha256]);
    expect((await call<{ ok: boolean }>('ledger.verify')).ok).toBe(true);
  });

  it('an attachment swapped in a decrypted copy without a revision is reported by the history check', async () => {
    const { uploaded, entry, call, service } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    const e = await entry({ attachments: [a.id] });
    expect((await call<{ ok: boolean }>('ledger.verify')).ok).toBe(true);
    service.vault.database().prepare('UPDATE attachments SET sha256 = ? WHERE id = ?').run('0'.repeat(64), a.id);
    const check = await call<{ ok: boolean; failures: { itemId: number }[] }>('ledger.verify');
    expect(check.ok).toBe(false);
    expect(check.failures.map((f) => f.itemId)).toContain(e.id);
  });

  it("refuses another entry's attachment and an unknown id", async () => {
    const { uploaded, entry, service } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    await entry({ attachments: [a.id] });
    const r = await service.dispatch('entries.create', { occurredAt: DAY, timeZone: 'UTC', attachments: [a.id] });
    expect(r.ok || r.error.code).toBe('CONFLICT');
    const u = await service.dispatch('entries.create', { occurredAt: DAY, timeZone: 'UTC', attachments: [999] });
    expect(u.ok || u.error.code).toBe('NOT_FOUND');
  });

  it('search finds an entry by the file name or caption of its attachment', async () => {
    const { uploaded, entry, call } = await setup();
    await entry({ title: 'unrelated' });
    const a = await uploaded(photoWithGps(), 'Wohnzimmer.jpg');
    const e = await entry({ title: 'a plain title', attachments: [a.id] });
    await call('attachments.update', { id: a.id, patch: { caption: 'screenshot of the messages' } });
    const byName = await call<{ items: { id: number }[] }>('entries.search', { filter: { text: 'wohnzimmer' } });
    expect(byName.items.map((i) => i.id)).toEqual([e.id]);
    const byCaption = await call<{ items: { id: number }[] }>('entries.search', { filter: { text: 'messages' } });
    expect(byCaption.items.map((i) => i.id)).toEqual([e.id]);
    await call('attachments.remove', { id: a.id });
    expect((await call<{ items: unknown[] }>('entries.search', { filter: { text: 'messages' } })).items).toEqual([]);
  });

  it('stores a thumbnail the renderer drew, and refuses one that is not an image', async () => {
    const { uploaded, bytes, service } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    expect(a.hasThumbnail).toBe(false);
    const none = await service.dispatch('attachments.bytes', { id: a.id, variant: 'thumbnail' });
    expect(none.ok || none.error.code).toBe('NOT_FOUND');
    const thumb = pngWith(Buffer.from('thumb'));
    const t = (await service.dispatch('attachments.thumbnail', { id: a.id, data: thumb })) as Reply<AttachmentMeta>;
    expect(t.ok && t.value.hasThumbnail).toBe(true);
    expect((await bytes(a.id, 'thumbnail')).equals(thumb)).toBe(true);
    const bad = await service.dispatch('attachments.thumbnail', { id: a.id, data: Buffer.from('<svg onload=alert(1)>') });
    expect(bad.ok).toBe(false);
  });
});

describe('attachments: purge, backup, passphrase change', () => {
  it('purging the entry deletes its attachments for good', async () => {
    const { uploaded, entry, call, service } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    const e = await entry({ attachments: [a.id] });
    await call('entries.delete', { id: e.id });
    await call('entries.purge', { id: e.id });
    const gone = await service.dispatch('attachments.bytes', { id: a.id, variant: 'original' });
    expect(gone.ok || gone.error.code).toBe('NOT_FOUND');
    const db = service.vault.database();
    expect(db.prepare('SELECT count(*) FROM attachment_chunks').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
  });

  it('a removed attachment goes for good when the trash is emptied', async () => {
    const { uploaded, entry, call, service } = await setup();
    const a = await uploaded(photoWithGps(), 'a.jpg');
    await entry({ attachments: [a.id] });
    await call('attachments.remove', { id: a.id });
    await call('entries.purge', { all: true });
    expect((await service.dispatch('attachments.get', { id: a.id })).ok).toBe(false);
  });

  it('an encrypted backup brings attachments back byte-identical; a passphrase change keeps them readable', async () => {
    const { uploaded, entry, call, bytes, service, dataDir } = await setup();
    const photo = photoWithGps();
    const voice = wavWith('remember this', '2024-01-02', 2);
    const a = await uploaded(photo, 'a.jpg');
    const b = await uploaded(voice, 'b.wav');
    await entry({ attachments: [a.id, b.id] });
    const backup = await call<{ base64: string }>('backup.build');

    await call('vault.changePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(sha(await bytes(a.id, 'original'))).toBe(a.sha256);
    await call('vault.lock');
    await call('vault.unlock', { passphrase: OTHER_PASSPHRASE });
    expect(sha(await bytes(b.id, 'original'))).toBe(sha(voice));

    // Restore into a fresh folder: the backup opens with the passphrase it was made with.
    const other = testService(tempDir());
    const restored = await other.dispatch('backup.restore', { file: { base64: backup.base64 }, secret: { passphrase: PASSPHRASE } });
    expect(restored.ok).toBe(true);
    expect((await other.dispatch('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    for (const [m, data] of [
      [a, photo],
      [b, voice],
    ] as const) {
      const r = (await other.dispatch('attachments.bytes', { id: m.id, variant: 'original' })) as Reply<AttachmentBytes>;
      expect(r.ok && sha(r.value.data)).toBe(sha(data));
    }
    other.vault.lock();
    service.vault.lock();
    expect(dataDir).toBeTruthy();
  });
});

describe('attachments in the report', () => {
  it('lists the chosen attachments of included entries with name, type, size, times and hash; pseudonyms apply to names and captions', async () => {
    const { uploaded, entry, call } = await setup();
    const person = await call<{ id: number }>('people.create', { name: 'Robin', kind: 'romantic', color: '#0072B2' });
    const a = await uploaded(photoWithGps(), 'Robin kitchen.jpg');
    const b = await uploaded(wavWith('x'), 'voice.wav');
    const e = await entry({ personIds: [person.id], attachments: [a.id, b.id] });
    const other = await uploaded(photoWithGps(), 'elsewhere.jpg');
    await entry({ occurredAt: Date.UTC(2020, 0, 1), attachments: [other.id] });
    await call('attachments.update', { id: a.id, patch: { caption: 'what Robin broke' } });
    const model = await call<{ attachments: Record<string, unknown>[] }>('report.build', {
      config: {
        range: { kind: 'dates', from: '2025-04-01', to: '2025-05-31' },
        entries: { select: 'all' },
        pseudonyms: { [String(person.id)]: 'P' },
        attachmentIds: [a.id, other.id],
      },
      today: '2025-06-01',
    });
    // `other` belongs to an entry outside the range and `b` was not chosen: neither is listed.
    expect(model.attachments).toEqual([
      {
        id: a.id,
        entryId: e.id,
        name: 'P kitchen.jpg',
        caption: 'what P broke',
        mime: 'image/jpeg',
        kind: 'image',
        bytes: photoWithGps().length,
        sha256: a.sha256,
        capturedAt: '2024-03-02T19:10:00',
        attachedAt: a.attachedAt,
        metadataRemoved: true,
      },
    ]);
  });
});

describe('attachments: check-ins and unlinked uploads', () => {
  it("a check-in's attachments are listed with it and deleted with it", async () => {
    const { uploaded, call, service } = await setup();
    const person = await call<{ id: number }>('people.create', { name: 'Sam', kind: 'family', color: '#0072B2' });
    const ci = await call<{ id: number }>('checkins.save', { personId: person.id, week: '2025-04-28', heard: 2 });
    const a = await uploaded(wavWith('after the call'), 'call.wav', { owner: { kind: 'checkin', id: ci.id } });
    expect(a.owner).toEqual({ kind: 'checkin', id: ci.id });
    expect((await call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'checkin', id: ci.id } })).map((x) => x.id)).toEqual([a.id]);
    await call('checkins.delete', { id: ci.id });
    expect((await service.dispatch('attachments.get', { id: a.id })).ok).toBe(false);
  });

  it('an upload never linked to an entry is deleted for good after 30 days (in idle time), not before', async () => {
    let now = Date.UTC(2025, 4, 1);
    const dataDir = tempDir();
    const idle = manualTimers();
    const s = await createdService(dataDir, { ports: { log: () => {}, now: () => now }, idleTimers: idle.timers });
    const r = (await s.service.dispatch('attachments.upload', { data: photoWithGps(), name: 'a.jpg', options: {} })) as Reply<AttachmentMeta>;
    const id = (r as { value: AttachmentMeta }).value.id;
    await s.call('vault.lock');
    now += 29 * 86_400_000;
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    idle.settle();
    expect((await s.service.dispatch('attachments.get', { id })).ok).toBe(true);
    await s.call('vault.lock');
    now += 2 * 86_400_000;
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    // Unlock itself deletes nothing; the quiet moment after it does.
    expect((await s.service.dispatch('attachments.get', { id })).ok).toBe(true);
    idle.settle();
    expect((await s.service.dispatch('attachments.get', { id })).ok).toBe(false);
    s.service.vault.lock();
  });

  it('attachments.status counts the originals and names the limits', async () => {
    const { uploaded, call } = await setup();
    const photo = photoWithGps();
    await uploaded(photo, 'a.jpg');
    const st = await call<{ count: number; bytes: number; warning: string | null; warnAtBytes: number }>('attachments.status');
    expect(st).toMatchObject({ count: 1, bytes: photo.length, warning: null, warnAtBytes: 2 * 1024 ** 3 });
  });
});

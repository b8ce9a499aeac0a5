import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import type { Reply } from '../../shared/errors.js';
import type { ExportZipFile, ImportPreview, ImportResult, SaveResult, ZipManifest } from '../../shared/portability.js';
import { ATTACH_STEPS, type AttachStep } from '../../main/core/attachments/steps.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { photoWithGps, wavWith } from '../helpers/attachments.js';
import { asUpload } from '../fixtures/portability/imports.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const DAY = Date.UTC(2025, 4, 1, 12);
const DAY_ONE_ZIP = path.join(import.meta.dirname, '..', 'fixtures', 'attachments', 'dayone-with-photos.zip');

async function journalWithFiles(extra: Parameters<typeof createdService>[1] = {}) {
  const s = await createdService(tempDir(), extra);
  const person = await s.call<{ id: number }>('people.create', { name: 'Alex', kind: 'romantic', color: '#0072B2' });
  const e1 = await s.call<{ id: number }>('entries.create', { occurredAt: DAY, timeZone: 'UTC', title: 'The message from Alex', body: 'Alex wrote after the meeting.', personIds: [person.id] });
  const e2 = await s.call<{ id: number }>('entries.create', { occurredAt: DAY + 86_400_000, timeZone: 'UTC', title: 'Quiet day', body: 'Nothing to attach.' });
  const upload = async (data: Uint8Array, name: string, id: number) => {
    const r = (await s.service.dispatch('attachments.upload', { data, name, options: { owner: { kind: 'entry', id } } })) as Reply<AttachmentMeta>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const photo = photoWithGps();
  const voice = wavWith('voice note');
  const a1 = await upload(photo, 'kitchen photo.jpg', e1.id);
  await s.call('attachments.update', { id: a1.id, patch: { caption: 'Alex in the kitchen' } });
  const a2 = await upload(voice, 'voice.wav', e1.id);
  return { ...s, person, e1, e2, photo, voice, a1, a2 };
}

/** What the journal holds, to compare before and after a refused import. */
async function snapshot(call: <T>(c: string, i?: unknown) => Promise<T>) {
  const status = await call<{ count: number; bytes: number }>('attachments.status', {});
  const json = await call<{ content: string }>('export.build', { format: 'json' });
  const body = JSON.parse(json.content) as { journal: { entries: unknown[]; people: unknown[]; tags: unknown[] } };
  return { files: status.count, bytes: status.bytes, entries: body.journal.entries.length, people: body.journal.people.length, tags: body.journal.tags.length };
}

const buildZip = async (call: <T>(c: string, i?: unknown) => Promise<T>, format: 'json' | 'markdown', scope: object = {}) => {
  const built = await call<ExportZipFile>('export.buildZip', { format, scope });
  return { built, zip: Buffer.from(built.base64, 'base64') };
};

describe('export as a ZIP archive with attachments', () => {
  it('holds the entries, each file (location and device metadata removed) and a manifest whose sizes and hashes match', async () => {
    const { call, e1, photo, voice, a1 } = await journalWithFiles();
    const { built, zip } = await buildZip(call, 'json');
    expect(built).toMatchObject({ mimeType: 'application/zip', plaintext: true, counts: { entries: 2, files: 2 } });
    expect(built.filename).toMatch(/^fulcrum-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(zip);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
    expect(manifest.entries).toBe('fulcrum-export.json');
    expect(Object.keys(files).sort()).toEqual(['fulcrum-export.json', 'manifest.json', ...manifest.files.map((f) => f.path)].sort());
    for (const f of manifest.files) {
      expect(files[f.path]!.byteLength).toBe(f.bytes);
      expect(sha(files[f.path]!)).toBe(f.sha256);
      expect(f.entryId).toBe(e1.id);
    }
    const [p, v] = manifest.files;
    expect(p).toMatchObject({ path: `attachments/${e1.id}/1-kitchen photo.jpg`, caption: 'Alex in the kitchen', originalSha256: sha(photo), metadataRemoved: true, mime: 'image/jpeg' });
    // The photo left without its GPS position and camera.
    const shared = Buffer.from(files[p!.path]!);
    expect(await exifr.gps(shared).catch(() => undefined)).toBeUndefined();
    expect(shared.includes(Buffer.from('FixtureCam'))).toBe(false);
    // The voice note left without its tags (title, date); the manifest still names the original's hash.
    expect(v).toMatchObject({ originalSha256: sha(voice), metadataRemoved: true });
    expect(Buffer.from(files[v!.path]!).includes(Buffer.from('voice note'))).toBe(false);
    const entries = JSON.parse(Buffer.from(files['fulcrum-export.json']!).toString('utf8')) as { journal: { entries: { id: number }[] } };
    expect(entries.journal.entries.map((e) => e.id)).toContain(e1.id);

    // Kept on purpose for this file: the original leaves byte for byte.
    await call('attachments.update', { id: a1.id, patch: { keepSensitive: true } });
    const again = unzipSync((await buildZip(call, 'json')).zip);
    expect(Buffer.from(again[p!.path]!).equals(photo)).toBe(true);
  });

  it('Markdown links each file by its path inside the same archive, with pseudonyms on names and captions', async () => {
    const { call, e1, person } = await journalWithFiles();
    const { zip } = await buildZip(call, 'markdown', { pseudonyms: { [String(person.id)]: 'Partner' } });
    const files = unzipSync(zip);
    const md = Buffer.from(files['fulcrum-export.md']!).toString('utf8');
    expect(md).toContain(`- [kitchen photo.jpg](attachments/${e1.id}/1-kitchen%20photo.jpg) — Partner in the kitchen`);
    expect(md).toContain(`(attachments/${e1.id}/2-voice.wav)`);
    expect(md).not.toContain('Alex');
    for (const link of md.matchAll(/\]\((attachments\/[^)]+)\)/g)) expect(files[decodeURIComponent(link[1]!)]).toBeDefined();
    expect(md).not.toMatch(/!\[[^\]]*\]\(attachments/);
  });

  it('"without text" leaves captions out and numbers the files instead of naming them', async () => {
    const { call, e1 } = await journalWithFiles();
    const files = unzipSync((await buildZip(call, 'json', { includeText: false })).zip);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
    expect(manifest.files.map((f) => [f.path, f.name, f.caption])).toEqual([
      [`attachments/${e1.id}/1-file-1.jpg`, 'file-1.jpg', ''],
      [`attachments/${e1.id}/2-file-2.wav`, 'file-2.wav', ''],
    ]);
    expect(JSON.stringify(manifest)).not.toMatch(/kitchen|Alex/);
  });

  it('desktop save writes the archive through a temporary file and leaves nothing else beside it', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.zip');
    const dialogs = { saveFile: async () => target, openFile: async () => null };
    const { call } = await journalWithFiles({ ports: { log: () => {}, dialogs } as never });
    const saved = await call<SaveResult<{ counts: { files: number } }>>('export.saveZip', { format: 'json' });
    expect(saved).toMatchObject({ saved: true, path: target, plaintext: true, counts: { entries: 2, files: 2 } });
    expect(fs.readdirSync(dir)).toEqual(['out.zip']);
    const files = unzipSync(fs.readFileSync(target));
    expect(Object.keys(files)).toHaveLength(4);
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe('600');
  });

  it('a lock while the archive is being saved stops it and leaves no file behind', async () => {
    const dir = tempDir();
    let lock: Promise<Reply<unknown>> | null = null;
    let service: { dispatch: (c: string, i: unknown) => Promise<Reply<unknown>> } | null = null;
    const ports = {
      log: () => {},
      dialogs: { saveFile: async () => path.join(dir, 'out.zip'), openFile: async () => null },
      // The first progress report of the export: the journal locks there.
      emit: (e: { type: string; task?: string }) => {
        if (e.type === 'progress' && e.task === 'export' && !lock && service) lock = service.dispatch('vault.lock', {});
      },
    };
    const s = await journalWithFiles({ ports } as never);
    service = s.service as never;
    const saved = await s.service.dispatch('export.saveZip', { format: 'json' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('importing archives', () => {
  it('a Fulcrum archive comes back into a new journal with every file byte for byte and its caption', async () => {
    const { call, a1 } = await journalWithFiles();
    const { zip } = await buildZip(call, 'json');
    const shared = unzipSync(zip);
    const other = await createdService();
    const preview = await other.call<ImportPreview>('import.preview', { source: asUpload(zip) });
    expect(preview).toMatchObject({ format: 'fulcrum-json', canCommit: true, counts: { entries: 2, newEntries: 2 }, attachments: { files: 2 } });
    const result = await other.call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported).toMatchObject({ entries: 2, attachments: 2 });
    const entries = await other.call<{ items: { id: number; title: string }[] }>('entries.search', {});
    const withFiles = entries.items.find((e) => e.title === 'The message from Alex')!;
    const list = await other.call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: withFiles.id } });
    expect(list.map((a) => [a.name, a.caption])).toEqual([
      ['kitchen photo.jpg', 'Alex in the kitchen'],
      ['voice.wav', ''],
    ]);
    const manifest = JSON.parse(Buffer.from(shared['manifest.json']!).toString('utf8')) as ZipManifest;
    expect(list.map((a) => a.sha256)).toEqual(manifest.files.map((f) => f.sha256));
    // What came in is the copy that left: no location in it.
    expect(list[0]!.sensitive.gps).toBeNull();
    expect(list[0]!.sha256).not.toBe(a1.sha256);
  });

  it('the same archive imported into the journal it came from adds neither entries nor files', async () => {
    const { call } = await journalWithFiles();
    const { zip } = await buildZip(call, 'json');
    const before = await snapshot(call);
    const preview = await call<ImportPreview>('import.preview', { source: asUpload(zip) });
    expect(preview.counts).toMatchObject({ newEntries: 0, duplicates: 2 });
    const result = await call<ImportResult>('import.commit', { importId: preview.importId });
    expect(result.imported.attachments ?? 0).toBe(0);
    expect(await snapshot(call)).toEqual(before);
  });

  it("a check-in's files travel with it, both ways", async () => {
    const { call, service, person } = await journalWithFiles();
    const ci = await call<{ id: number }>('checkins.save', { personId: person.id, week: '2025-04-28', heard: 2, note: 'hard week' });
    const note = wavWith('check-in voice');
    const r = (await service.dispatch('attachments.upload', { data: note, name: 'week.wav', options: { owner: { kind: 'checkin', id: ci.id } } })) as Reply<AttachmentMeta>;
    expect(r.ok).toBe(true);
    const { zip } = await buildZip(call, 'json');
    const files = unzipSync(zip);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
    const listed = manifest.files.find((f) => f.checkinId === ci.id)!;
    expect(listed).toMatchObject({ entryId: null, path: `attachments/checkin-${ci.id}/1-week.wav`, originalSha256: sha(note) });

    const other = await createdService();
    const preview = await other.call<ImportPreview>('import.preview', { source: asUpload(zip) });
    expect(preview.attachments?.files).toBe(3);
    expect((await other.call<ImportResult>('import.commit', { importId: preview.importId })).imported).toMatchObject({ checkins: 1, attachments: 3 });
    const [imported] = await other.call<{ id: number }[]>('checkins.list', {});
    const list = await other.call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'checkin', id: imported!.id } });
    // What travelled is the copy without its tags, so that is what the other journal keeps.
    expect(list.map((a) => [a.name, a.sha256])).toEqual([['week.wav', listed.sha256]]);
  });

  it("a Day One archive brings its photos, matched by their MD5 names (the shared fixture, and one built here)", async () => {
    const s = await createdService();
    const fixture = fs.readFileSync(DAY_ONE_ZIP);
    const p1 = await s.call<ImportPreview>('import.preview', { source: asUpload(fixture) });
    expect(p1).toMatchObject({ format: 'dayone-json', canCommit: true, counts: { entries: 1 }, attachments: { files: 1 } });
    expect((await s.call<ImportResult>('import.commit', { importId: p1.importId })).imported).toMatchObject({ entries: 1, attachments: 1 });

    const photo = photoWithGps();
    const voice = wavWith('day one audio');
    const journal = {
      metadata: { version: '1.0' },
      entries: [
        {
          uuid: 'AAAABBBBCCCCDDDDEEEEFFFF00001111',
          creationDate: '2024-05-01T10:00:00Z',
          timeZone: 'Europe/Berlin',
          text: '# Second photo\n\nand a voice note',
          photos: [{ identifier: 'X1', md5: md5(photo), type: 'jpeg', orderInEntry: 0 }],
          audios: [{ identifier: 'X2', md5: md5(voice), format: 'wav' }],
        },
      ],
    };
    const built = zipSync({
      'Journal.json': strToU8(JSON.stringify(journal)),
      [`photos/${md5(photo)}.jpeg`]: photo,
      [`audios/${md5(voice)}.wav`]: voice,
    });
    const p2 = await s.call<ImportPreview>('import.preview', { source: asUpload(Buffer.from(built)) });
    expect(p2.attachments).toEqual({ files: 2, bytes: photo.length + voice.length });
    await s.call('import.commit', { importId: p2.importId });
    const entries = await s.call<{ items: { id: number; title: string }[] }>('entries.search', {});
    const e = entries.items.find((x) => x.title === 'Second photo')!;
    const list = await s.call<AttachmentMeta[]>('attachments.list', { owner: { kind: 'entry', id: e.id } });
    expect(list.map((a) => [a.kind, a.sha256])).toEqual([
      ['image', sha(photo)],
      ['audio', sha(voice)],
    ]);
    // The original is kept (its hash matches); what leaves is stripped, as for a file attached by hand.
    expect(list[0]!.sensitive.gps).toBe('52.5200, 13.4050');
  });

  it('a failure while attaching at commit (at each step of storing a file) leaves the new journal as it was', async () => {
    const { call, a1 } = await journalWithFiles();
    // Location kept for the photo: the imported copy has metadata to strip, so every step is reached.
    await call('attachments.update', { id: a1.id, patch: { keepSensitive: true } });
    const { zip } = await buildZip(call, 'json');
    for (const step of ATTACH_STEPS) {
      let armed = false;
      const other = await createdService(tempDir(), {
        ports: {
          log: () => {},
          attachCrashAt: (at: AttachStep) => {
            if (armed && at === step) throw new Error(`injected at ${step}`);
          },
        } as never,
      });
      const before = await snapshot(other.call);
      const preview = await other.call<ImportPreview>('import.preview', { source: asUpload(zip) });
      armed = true;
      const reply = await other.service.dispatch('import.commit', { importId: preview.importId });
      expect(reply.ok, step).toBe(false);
      expect(await snapshot(other.call), step).toEqual(before);
    }
  });

  /** Every refusal below: a clear message, and the journal exactly as it was. */
  async function refused(zip: Uint8Array, expected: RegExp) {
    const { call, service } = await journalWithFiles();
    const before = await snapshot(call);
    const reply = (await service.dispatch('import.preview', { source: asUpload(Buffer.from(zip)) })) as Reply<ImportPreview>;
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('IMPORT_INVALID');
      expect(reply.error.message).toMatch(expected);
      expect(reply.error.message).toMatch(/Nothing was imported/);
    }
    expect(await snapshot(call)).toEqual(before);
  }

  const fulcrumZip = async () => {
    const { call } = await journalWithFiles();
    return unzipSync((await buildZip(call, 'json')).zip);
  };

  it('refuses a file whose bytes do not match the manifest', async () => {
    const files = await fulcrumZip();
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
    const target = files[manifest.files[1]!.path]!;
    target[target.length - 1] = target[target.length - 1]! ^ 0xff; // same size, other bytes
    await refused(zipSync(files), /does not match the SHA-256 in the manifest/);
  });

  it('refuses a file added to the archive after it was made, and a Day One photo whose bytes are not its MD5 name', async () => {
    const files = await fulcrumZip();
    await refused(zipSync({ ...files, 'attachments/extra.txt': strToU8('added later') }), /not in its manifest/);
    const photo = photoWithGps();
    const wrong = '0'.repeat(32);
    await refused(
      zipSync({
        'Journal.json': strToU8(JSON.stringify({ metadata: { version: '1.0' }, entries: [{ uuid: 'A'.repeat(32), creationDate: '2024-05-01T10:00:00Z', text: 'x', photos: [{ md5: wrong, type: 'jpeg' }] }] })),
        [`photos/${wrong}.jpeg`]: photo,
      }),
      /does not match its Day One name/,
    );
  });

  it('refuses a file that is not what it claims by content, like a hand-attached one', async () => {
    const text = strToU8('MZ\u0090\u0000 not really a photo');
    await refused(
      zipSync({
        'Journal.json': strToU8(JSON.stringify({ metadata: { version: '1.0' }, entries: [{ uuid: 'B'.repeat(32), creationDate: '2024-05-01T10:00:00Z', text: 'x', photos: [{ md5: md5(text), type: 'jpeg' }] }] })),
        [`photos/${md5(text)}.jpeg`]: text,
      }),
      /cannot be attached/,
    );
  });

  it('refuses a zip bomb by its declared sizes, before unpacking anything', async () => {
    const zip = Buffer.from(zipSync({ 'Journal.json': strToU8('{"entries":[]}'), 'photos/big.jpeg': new Uint8Array(100) }));
    // Declare 4 GB unpacked for the photo in the central directory (what a bomb does).
    let at = zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'));
    while (at >= 0) {
      const nameLen = zip.readUInt16LE(at + 28);
      if (zip.subarray(at + 46, at + 46 + nameLen).toString() === 'photos/big.jpeg') zip.writeUInt32LE(0xfffffff0, at + 24);
      at = zip.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'), at + 4);
    }
    await refused(zip, /unpacks to 4,096 MB, more than the 100 MB one file may be/);
  });

  it('refuses a path leading out of its folder, too many files, and a file that only looks like a ZIP', async () => {
    await refused(zipSync({ 'Journal.json': strToU8('{"entries":[]}'), '../outside.txt': strToU8('x') }), /path that leads outside its folder/);
    const many: Record<string, Uint8Array> = { 'Journal.json': strToU8('{"entries":[]}') };
    for (let i = 0; i < 10_001; i++) many[`photos/${i}.txt`] = new Uint8Array(0);
    await refused(zipSync(many, { level: 0 }), /more than 10,000 files/);
    await refused(Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('this is only named .zip')]), /not a ZIP archive that can be read/);
  });

  it('refuses a Markdown archive for import and says which one to use', async () => {
    const { call } = await journalWithFiles();
    const { zip } = await buildZip(call, 'markdown');
    await refused(zip, /Markdown export, which is made for reading/);
  });
});

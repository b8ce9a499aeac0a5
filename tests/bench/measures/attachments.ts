/**
 * Attachments: attaching a 20 MB photo (sniffing, EXIF, the stripped shared copy, SHA-256, chunked
 * writes in one transaction, then storing its 30 KB preview; drawing the preview is the page's work,
 * with a canvas, and not part of this) and reading
 * it back, on an encrypted journal and on a plain SQLite database through the same dispatcher. The
 * ratio is the cost of SQLCipher for attachment bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection, MIGRATIONS, PRAGMAS, migrate, openDatabase, type DB } from '../../../main/core/db/index.js';
import { photoWithGps } from '../../helpers/attachments.js';
import { summarise, timeIt } from '../stats.js';
import { dispatcherOn, type SizeResult } from './common.js';

const PHOTO_MB = 20;

/** The fixture JPEG (EXIF with GPS) followed by random bytes up to 20 MB, as a large camera photo is. */
function bigPhoto(): Buffer {
  const head = photoWithGps();
  return Buffer.concat([head, crypto.randomBytes(PHOTO_MB * 1024 * 1024 - head.length)]);
}

/** A 30 KB JPEG as the page's canvas makes one (JFIF header, scan data): the stored preview. */
const thumb = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  crypto.randomBytes(30 * 1024),
  Buffer.from([0xff, 0xd9]),
]);

async function run(db: DB, photo: Buffer, rounds: number) {
  const { dispatch } = dispatcherOn(db, () => Date.now());
  const write: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let id = 0;
    write.push(
      await timeIt(async () => {
        const r = await dispatch('attachments.upload', { data: photo, name: `photo-${i}.jpg`, options: {} });
        if (!r.ok) throw new Error(r.error.message);
        id = (r.value as { id: number }).id;
        // …and the preview the page drew from it, stored next to it (as the editor does right after).
        const t = await dispatch('attachments.thumbnail', { id, data: thumb });
        if (!t.ok) throw new Error(t.error.message);
      }),
    );
    read.push(
      await timeIt(async () => {
        const r = await dispatch('attachments.bytes', { id, variant: 'original' });
        if (!r.ok) throw new Error(r.error.message);
      }),
    );
  }
  return { write: summarise(write), read: summarise(read) };
}

/**
 * The timeline's first page and a text search on two encrypted journals of `entries` entries, one of
 * them with a 256 KB photo on every fifth entry: attachments should not slow either.
 */
export async function measureWithAttachments(entries = 2000, rounds = 30): Promise<{ timeline: SizeResult; search: SizeResult }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-bench-att-'));
  try {
    const photo = Buffer.concat([photoWithGps(), crypto.randomBytes(256 * 1024)]);
    const open = async (name: string, withFiles: boolean) => {
      const db = openDatabase(path.join(dir, name), crypto.randomBytes(32), { create: true });
      migrate(db, MIGRATIONS);
      const { call } = dispatcherOn(db, () => Date.UTC(2025, 5, 1));
      for (let i = 0; i < entries; i++) {
        const e = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2024, 0, 1) + i * 3_600_000, timeZone: 'UTC', title: `day ${i}`, body: `a walk by the river and a talk ${i}` });
        if (withFiles && i % 5 === 0) await call('attachments.upload', { data: photo, name: `photo ${i}.jpg`, options: { owner: { kind: 'entry', id: e.id } } });
      }
      return { db, call };
    };
    const plain = await open('without.db', false);
    const files = await open('with.db', true);
    const time = async (call: (c: string, i: unknown) => Promise<unknown>, input: unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) samples.push(await timeIt(() => call('entries.search', input)));
      return summarise(samples);
    };
    const page = { limit: 50 };
    const query = { filter: { text: 'river talk' }, limit: 50 };
    const tWith = await time(files.call, page);
    const tWithout = await time(plain.call, page);
    const sWith = await time(files.call, query);
    const sWithout = await time(plain.call, query);
    plain.db.close();
    files.db.close();
    return {
      timeline: { value: tWith, baseline: tWithout, ratio: tWith.p50 / tWithout.p50 },
      search: { value: sWith, baseline: sWithout, ratio: sWith.p50 / sWithout.p50 },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureAttachments(rounds = 5): Promise<{ write: SizeResult; read: SizeResult }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-bench-att-'));
  try {
    const photo = bigPhoto();
    const enc = openDatabase(path.join(dir, 'enc.db'), crypto.randomBytes(32), { create: true });
    migrate(enc, MIGRATIONS);
    // A Connection like the journal's (its statement cache included), without a key.
    const plain = new Connection(path.join(dir, 'plain.db'));
    for (const p of PRAGMAS) plain.pragma(p);
    migrate(plain, MIGRATIONS);
    const e = await run(enc, photo, rounds);
    const p = await run(plain as DB, photo, rounds);
    enc.close();
    plain.close();
    const mbps = (ms: number) => Math.round((PHOTO_MB / (ms / 1000)) * 10) / 10;
    return {
      write: { value: e.write, baseline: p.write, ratio: e.write.p50 / p.write.p50, extra: { encryptedMBps: mbps(e.write.p50), plainMBps: mbps(p.write.p50) } },
      read: { value: e.read, baseline: p.read, ratio: e.read.p50 / p.read.p50, extra: { encryptedMBps: mbps(e.read.p50), plainMBps: mbps(p.read.p50) } },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

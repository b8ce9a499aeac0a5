/**
 * Attachments keep Fulcrum's promises in the browser: an encrypted backup downloaded from the page
 * holds them, and restoring it brings each back byte-identical (its SHA-256 checked in the page); and
 * nothing of an attachment — the pixel canary of a pasted screenshot, the tag canary of an audio file —
 * reaches the browser's storage (localStorage, sessionStorage, IndexedDB, Cache Storage), its profile
 * or temp folder, or the data folder outside the encrypted database, while unlocked and after lock.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { encodings, snapshotDir } from '../helpers/files.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../playwright.config.js';
import { apiOf } from './api.js';
import { canaryPng, toneWav } from './attachment-files.js';
import { photoWithGps } from '../helpers/attachments.js';
import { expect, openHost, test } from './fixtures.js';
import { AttachmentsSection, EntryFiles } from './pages/attachments.js';
import { DataPage } from './pages/data.js';
import { Fulcrum } from './pages/index.js';
import type { ImageLike, InPage, MediaLike } from './in-page.js';

const PASSPHRASE = 'cobalt harbour lantern violet seven';
/** Unique per run, so nothing left from an earlier run is mistaken for a leak or hides one. */
const WORD = `Wombatpixel${crypto.randomInt(1e6).toString().padStart(6, '0')}`;
const PIXELS = `${WORD} screenshot pixels`;
const TAG = `${WORD} voicemail tag`;
const PHOTO_NOTE = `${WORD} camera comment`;

async function journal(host: { newLaunchUrl(): string | Promise<string> }): Promise<void> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
}

async function unlock(page: Page, url: string): Promise<Fulcrum> {
  const app = new Fulcrum(page);
  await page.goto(url);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return app;
}

async function pasteImage(page: Page, selector: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ selector, b64 }) => {
      const w = globalThis as unknown as InPage;
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
      w.document.querySelector(selector)!.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { selector, b64: bytes.toString('base64') },
  );
}

/** SHA-256 (hex) of an attachment's original bytes, fetched in the page through its bridge. */
function pageHash(page: Page, id: number): Promise<string> {
  return page.evaluate(async (id) => {
    const r = await (globalThis as unknown as InPage).fulcrum.attachmentBytes(id, 'original');
    if (!r.ok) throw new Error('no bytes');
    const digest = await globalThis.crypto.subtle.digest('SHA-256', await r.value.arrayBuffer());
    return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
  }, id);
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

test('an encrypted backup from the page holds the attachments, and restoring it brings them back byte-identical', async ({ page, host }) => {
  test.setTimeout(120_000);
  const shot = canaryPng(PIXELS);
  const voice = toneWav(400, TAG);
  await journal(host);
  const app = await unlock(page, await host.newLaunchUrl());
  const call = apiOf(host);
  const files = new AttachmentsSection(page);
  await app.shell.newEntry();
  await app.editor.fill({ title: 'Kept in the backup' });
  await pasteImage(page, '#entry-body', shot);
  await expect(files.list.getByRole('button', { name: /^View Pasted screenshot / })).toBeVisible();
  await files.attach({ name: 'voicemail.wav', mimeType: 'audio/wav', buffer: voice });
  await files.attached('voicemail.wav');
  await app.editor.save();

  const [entry] = (await call('entries.search', { filter: {}, cursor: null, limit: 5 })).items;
  const before = await call('attachments.list', { owner: { kind: 'entry', id: entry!.id } });
  expect(before.map((m) => m.sha256).sort()).toEqual([sha256(shot), sha256(voice)].sort());

  // ---- download the backup: encrypted, so neither canary is in it
  const data = new DataPage(page);
  await data.open();
  const downloading = page.waitForEvent('download');
  await data.backupSection.getByRole('button', { name: 'Download an encrypted backup' }).click();
  const backup = (await (await downloading).path())!;
  const bytes = fs.readFileSync(backup);
  for (const enc of [...encodings(WORD)]) expect(bytes.includes(enc)).toBe(false);

  // ---- a change after the backup: both files removed from the entry (to the trash, with the save)
  const again = app;
  await again.shell.goTo('Timeline');
  await again.timeline.entry('Kept in the backup').getByRole('link', { name: 'Kept in the backup' }).click();
  await again.entry.edit();
  for (const m of before) await files.remove(m.name).click();
  await again.editor.save();
  expect(await call('attachments.list', { owner: { kind: 'entry', id: entry!.id } })).toEqual([]);

  // The automatic backup runs shortly after unlock and tidies restore staging: restore once it has.
  await expect.poll(async () => (await call('backup.list', {})).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await data.open();
  await data.chooseBackupFile(backup);
  await data.restoreDialog.getByRole('textbox', { name: 'Passphrase' }).fill(PASSPHRASE);
  await data.restoreDialog.getByRole('button', { name: 'Show what is in it' }).click();
  await data.restoreDialog.getByRole('button', { name: 'Replace my journal with this backup' }).click();
  const restored = page.getByRole('dialog', { name: 'Your journal was restored' });
  await expect(restored.or(again.gate.unlockHeading)).toBeVisible();
  if (await restored.isVisible()) await restored.getByRole('button', { name: 'Go to unlock' }).click();
  await again.gate.unlock(PASSPHRASE);
  await expect(again.shell.heading('Timeline')).toBeVisible();

  // ---- the entry has its files again, and each original is the very bytes attached
  await again.timeline.entry('Kept in the backup').getByRole('link', { name: 'Kept in the backup' }).click();
  const entryFiles = new EntryFiles(page);
  await expect(entryFiles.section.getByRole('button', { name: /^View / })).toHaveCount(2);
  const after = await call('attachments.list', { owner: { kind: 'entry', id: entry!.id } });
  expect(after.map((m) => m.sha256).sort()).toEqual(before.map((m) => m.sha256).sort());
  for (const m of after) expect(await pageHash(page, m.id)).toBe(m.sha256);
  expect(await pageHash(page, after.find((m) => m.kind === 'image')!.id)).toBe(sha256(shot));
});

test('no attachment canary in the browser’s storage, profile or temp folder, nor outside the encrypted database', async () => {
  test.setTimeout(180_000);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-att-canary-'));
  const dataDir = path.join(base, 'data');
  const profile = path.join(base, 'chromium-profile');
  const chromeTmp = path.join(base, 'chromium-tmp');
  for (const d of [dataDir, profile, chromeTmp]) fs.mkdirSync(d, { recursive: true });
  const leaks = (dir: string) => [...snapshotDir(dir)].filter(([, b]) => encodings(WORD).some((e) => b.includes(e))).map(([n]) => n);
  const isDatabaseFile = (name: string) => /^journal\.db(-wal|-shm)?$/.test(name);
  const shot = canaryPng(PIXELS);
  const voice = toneWav(400, TAG);
  // A camera photo with the canary in a comment segment: its preview is drawn by the JPEG path
  // (ImageDecoder at a reduced size), which must leave nothing of it on disk either.
  const camera = photoWithGps();
  const comment = Buffer.from(PHOTO_NOTE, 'latin1');
  const com = Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]);
  const photo = Buffer.concat([camera.subarray(0, 2), com, comment, camera.subarray(2)]);
  // The canaries really are in the files handed over (so the scans look for something that is there).
  expect(shot.includes(Buffer.from(PIXELS))).toBe(true);
  expect(voice.includes(Buffer.from(TAG))).toBe(true);
  expect(photo.includes(Buffer.from(PHOTO_NOTE))).toBe(true);

  const host = await openHost(dataDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    env: { ...process.env, TMPDIR: chromeTmp, TMP: chromeTmp, TEMP: chromeTmp },
    headless: true,
  });
  try {
    await journal(host);
    const page = context.pages()[0] ?? (await context.newPage());
    const app = await unlock(page, await host.newLaunchUrl());
    const files = new AttachmentsSection(page);
    await app.shell.newEntry();
    await app.editor.fill({ title: 'Canary entry' });
    await pasteImage(page, '#entry-body', shot);
    const viewShot = files.list.getByRole('button', { name: /^View Pasted screenshot / });
    await expect(viewShot).toBeVisible();
    await files.attach({ name: 'voicemail.wav', mimeType: 'audio/wav', buffer: voice });
    await files.attached('voicemail.wav');
    await files.attach({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: photo });
    await files.attached('camera.jpg');
    await app.editor.save();
    // Its preview was drawn and stored, by the JPEG path: the app's page is a secure context with ImageDecoder.
    expect(await page.evaluate(() => 'ImageDecoder' in globalThis && (globalThis as unknown as { isSecureContext: boolean }).isSecureContext)).toBe(true);
    const call = apiOf(host);
    const entryId = (await call('entries.search', { filter: {}, cursor: null, limit: 5 })).items[0]!.id;
    await expect
      .poll(async () => (await call('attachments.list', { owner: { kind: 'entry', id: entryId } })).find((m) => m.name === 'camera.jpg')?.hasThumbnail)
      .toBe(true);
    // Shown every way the app shows them: thumbnail, card, viewer, player.
    await app.timeline.entry('Canary entry').getByRole('link', { name: 'Canary entry' }).click();
    const entryFiles = new EntryFiles(page);
    let viewer = await entryFiles.view('voicemail.wav');
    await expect.poll(() => viewer.audio.evaluate((a) => (a as unknown as MediaLike).readyState)).toBeGreaterThan(0);
    await viewer.close.click();
    const shotName = (await entryFiles.section.getByRole('button', { name: /^View Pasted screenshot / }).getAttribute('aria-label'))!.replace(/^View /, '');
    viewer = await entryFiles.view(shotName);
    await expect.poll(() => viewer.image.evaluate((i) => (i as unknown as ImageLike).naturalWidth)).toBeGreaterThan(0);
    await viewer.close.click();

    // ---- the page's own storage holds nothing of them
    const stored = await page.evaluate(async () => {
      const w = globalThis as unknown as InPage;
      const all = (s: InPage['localStorage']) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`).join('\n');
      return {
        local: all(w.localStorage),
        session: all(w.sessionStorage),
        databases: (await w.indexedDB.databases()).map((d) => d.name),
        caches: await w.caches.keys(),
      };
    });
    expect(stored.local).not.toContain(WORD);
    expect(stored.session).not.toContain(WORD);
    expect(stored.databases).toEqual([]);
    expect(stored.caches).toEqual([]);

    // ---- while unlocked: the database files hold ciphertext only, and the browser's folders nothing
    expect([...snapshotDir(dataDir).keys()].filter(isDatabaseFile)).toContain('journal.db');
    expect(leaks(dataDir)).toEqual([]);
    expect({ profile: leaks(profile), chromeTmp: leaks(chromeTmp) }).toEqual({ profile: [], chromeTmp: [] });

    // ---- after lock and with the browser closed (everything it had in memory flushed or gone)
    await app.shell.lock();
    await context.close();
    await host.close();
    expect({ data: leaks(dataDir), profile: leaks(profile), chromeTmp: leaks(chromeTmp) }).toEqual({ data: [], profile: [], chromeTmp: [] });
  } finally {
    await context.close().catch(() => undefined);
    await host.close().catch(() => undefined);
    fs.rmSync(base, { recursive: true, force: true });
  }
});

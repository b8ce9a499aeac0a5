/**
 * The page's half of attaching a photo: drawThumbnail (renderer/components/attachments/thumbnail.ts,
 * bundled as it is) on a 20-megapixel JPEG of about 20 MB, in Chromium — decoding, scaling to 320 px
 * and encoding the preview. The JPEG is made in the page from a seeded pattern with fine grain (about
 * 14 MB at quality 0.97: a camera's 20 MP photo is 8–20 MB). The page is served from 127.0.0.1, a
 * secure context as the app's own pages are (WebCodecs' ImageDecoder exists only there). Baseline, in
 * the same page and alternating with it: the full decode it replaced (createImageBitmap of the whole
 * photo, then scaled on the canvas).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { MIGRATIONS, migrate, openDatabase } from '../../../main/core/db/index.js';
import { summarise } from '../stats.js';
import { thumbnailBundle } from '../../helpers/thumbnail-bundle.js';
import { dispatcherOn, type SizeResult } from './common.js';
import { CHROMIUM_ARGS, chromiumBinary } from './scroll.js';


export async function measureThumbnailDraw(rounds = 5): Promise<SizeResult> {
  const executablePath = chromiumBinary();
  if (!executablePath) return { value: summarise([]), unavailable: 'no Chromium found (install chromium or set FULCRUM_CHROMIUM)' };
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const { page } = await photoPage(browser);
    // Run in the page as written here (a string: no compiler helpers, DOM types only there).
    const r = (await page.evaluate(`(async (rounds) => {
      const photo = globalThis.fulcrumPhoto;
      // The drawing it replaced: the whole photo decoded, then scaled on the canvas.
      const fullDecode = async (file) => {
        const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
        const scale = 320 / Math.max(bitmap.width, bitmap.height);
        const c = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
        c.getContext('2d').drawImage(bitmap, 0, 0, c.width, c.height);
        bitmap.close();
        return c.convertToBlob({ type: 'image/webp', quality: 0.8 });
      };
      const times = [];
      const baseline = [];
      let thumbBytes = 0;
      let thumbSize = '';
      for (let k = 0; k < rounds; k++) {
        const t0 = performance.now();
        const thumb = await fulcrumThumb.drawThumbnail(photo);
        times.push(performance.now() - t0);
        thumbBytes = thumb ? thumb.size : 0;
        if (thumb) {
          const b = await createImageBitmap(thumb);
          thumbSize = b.width + '×' + b.height;
          b.close();
        }
        const t1 = performance.now();
        await fullDecode(photo);
        baseline.push(performance.now() - t1);
      }
      return { times, baseline, photoMB: photo.size / (1024 * 1024), thumbKB: thumbBytes / 1024, thumbSize, imageDecoder: typeof ImageDecoder !== 'undefined' };
    })(${rounds})`)) as { times: number[]; baseline: number[]; photoMB: number; thumbKB: number; thumbSize: string; imageDecoder: boolean };
    const value = summarise(r.times);
    const baseline = summarise(r.baseline);
    return {
      value,
      baseline,
      ratio: value.p50 / baseline.p50,
      extra: { photoMB: Math.round(r.photoMB * 10) / 10, megapixels: 20, thumbKB: Math.round(r.thumbKB), thumb: r.thumbSize, imageDecoder: r.imageDecoder },
    };
  } finally {
    await browser.close();
  }
}

/**
 * A seeded 20 MP photo made in the page, kept as `globalThis.fulcrumPhoto` (its bytes returned in
 * base64): smooth colour fields with grain, so the JPEG is about as large as a camera's photo.
 */
const MAKE_PHOTO = `(async () => {
  const W = 5472;
  const H = 3648;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(W, H);
  let s = 42;
  const rnd = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 4294967296);
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i += 4) {
      img.data[i] = 120 + 80 * Math.sin(x / 300) + rnd() * 60;
      img.data[i + 1] = 110 + 70 * Math.cos(y / 250) + rnd() * 60;
      img.data[i + 2] = 100 + 60 * Math.sin((x + y) / 400) + rnd() * 60;
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  globalThis.fulcrumPhoto = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.97 });
  const bytes = new Uint8Array(await globalThis.fulcrumPhoto.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
})()`;

/**
 * A page served from 127.0.0.1 (a secure context, as the app's pages are: WebCodecs' ImageDecoder
 * exists only there) with the preview drawing loaded and the seeded photo made (MAKE_PHOTO).
 */
async function photoPage(browser: Browser): Promise<{ page: Page; photoBase64: string }> {
  const page = await browser.newPage();
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>preview</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  server.close();
  await page.addScriptTag({ content: await thumbnailBundle() });
  const photoBase64 = (await page.evaluate(MAKE_PHOTO)) as string;
  return { page, photoBase64 };
}

/**
 * Attaching a 20 MP photo as the editor does it, both halves at once: the core's upload (an encrypted
 * journal, through the dispatcher, in this process) while Chromium draws the preview
 * (drawThumbnail), then the preview stored. Timed from the start to the stored preview: what the
 * person waits for. The two halves share the machine's cores, as the app's renderer and core do.
 */
export async function measureAttachWhole(rounds = 5): Promise<SizeResult> {
  const executablePath = chromiumBinary();
  if (!executablePath) return { value: summarise([]), unavailable: 'no Chromium found (install chromium or set FULCRUM_CHROMIUM)' };
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-bench-attach-'));
  try {
    const { page, photoBase64 } = await photoPage(browser);
    const photo = Buffer.from(photoBase64, 'base64');
    const db = openDatabase(path.join(dir, 'journal.db'), crypto.randomBytes(32), { create: true });
    migrate(db, MIGRATIONS);
    const { call } = dispatcherOn(db, () => Date.now());
    const times: number[] = [];
    const coreOnly: number[] = [];
    const drawOnly: number[] = [];
    try {
      for (let k = 0; k < rounds; k++) {
        const t0 = performance.now();
        const drawing = (page.evaluate(`(async () => {
          const t = performance.now();
          const thumb = await fulcrumThumb.drawThumbnail(globalThis.fulcrumPhoto);
          const b = new Uint8Array(await thumb.arrayBuffer());
          return { ms: performance.now() - t, b64: btoa(String.fromCharCode(...b)) };
        })()`) as Promise<{ ms: number; b64: string }>).then((r) => ({ ...r, at: performance.now() }));
        const meta = await call<{ id: number }>('attachments.upload', { data: photo, name: `photo-${k}.jpg`, options: {} });
        coreOnly.push(performance.now() - t0);
        const drawn = await drawing;
        drawOnly.push(drawn.ms);
        await call('attachments.thumbnail', { id: meta.id, data: Buffer.from(drawn.b64, 'base64') });
        times.push(performance.now() - t0);
      }
    } finally {
      db.close();
    }
    return {
      value: summarise(times),
      extra: {
        photoMB: Math.round((photo.length / 1024 / 1024) * 10) / 10,
        uploadP50: Math.round(summarise(coreOnly).p50),
        drawP50: Math.round(summarise(drawOnly).p50),
      },
    };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

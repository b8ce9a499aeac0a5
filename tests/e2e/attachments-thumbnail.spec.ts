/**
 * The preview drawn in the page (renderer/components/attachments/thumbnail.ts, bundled as it is) in
 * Debian's Chromium: a large JPEG is decoded at a fraction of its size by ImageDecoder, and the
 * preview still stands the way the photo's EXIF orientation says; where ImageDecoder is missing, the
 * full decode gives the same picture. The page is served from 127.0.0.1, a secure context like the
 * app's own pages (ImageDecoder exists only there).
 */
import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { thumbnailBundle } from '../helpers/thumbnail-bundle.js';

let server: http.Server;
let url = '';
let bundle = '';

test.beforeAll(async () => {
  bundle = await thumbnailBundle();
  server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>preview</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Drawn {
  width: number;
  height: number;
  /** Red and blue of a pixel near the top middle and near the bottom middle. */
  top: [number, number];
  bottom: [number, number];
  /** Each ImageDecoder made: the size it was asked to decode to. */
  decoders: { desiredWidth?: number; desiredHeight?: number }[];
}

/**
 * Draws the preview of a `w`×`h` picture (left half red, right half blue) saved as `type`, with an
 * EXIF block saying `orientation` for a JPEG; `withoutDecoder` takes ImageDecoder away first.
 */
async function draw(page: Page, opts: { w: number; h: number; type: 'image/jpeg' | 'image/png'; orientation?: number; withoutDecoder?: boolean }): Promise<Drawn> {
  await page.goto(url);
  await page.addScriptTag({ content: bundle });
  return (await page.evaluate(`(async ({ w, h, type, orientation, withoutDecoder }) => {
    const decoders = [];
    if (withoutDecoder) delete globalThis.ImageDecoder;
    else {
      const Real = globalThis.ImageDecoder;
      globalThis.ImageDecoder = class extends Real {
        constructor(init) {
          super(init);
          decoders.push({ desiredWidth: init.desiredWidth, desiredHeight: init.desiredHeight });
        }
      };
    }
    const c = new OffscreenCanvas(w, h);
    const x = c.getContext('2d');
    x.fillStyle = '#ff0000';
    x.fillRect(0, 0, w / 2, h);
    x.fillStyle = '#0000ff';
    x.fillRect(w / 2, 0, w / 2, h);
    let bytes = new Uint8Array(await (await c.convertToBlob({ type, quality: 0.9 })).arrayBuffer());
    if (orientation) {
      // APP1 "Exif": a big-endian TIFF header and one IFD with the Orientation tag (0x0112, SHORT).
      const exif = [0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
      const out = new Uint8Array(bytes.length + exif.length);
      out.set(bytes.subarray(0, 2));
      out.set(exif, 2);
      out.set(bytes.subarray(2), 2 + exif.length);
      bytes = out;
    }
    const thumb = await fulcrumThumb.drawThumbnail(new Blob([bytes], { type }));
    if (!thumb) throw new Error('no preview was drawn');
    const b = await createImageBitmap(thumb);
    const cc = new OffscreenCanvas(b.width, b.height);
    const cx = cc.getContext('2d');
    cx.drawImage(b, 0, 0);
    const at = (px, py) => {
      const d = cx.getImageData(px, py, 1, 1).data;
      return [d[0], d[2]];
    };
    return { width: b.width, height: b.height, top: at(Math.floor(b.width / 2), 3), bottom: at(Math.floor(b.width / 2), b.height - 4), decoders };
  })(${JSON.stringify(opts)})`)) as Drawn;
}

const red = (p: [number, number]) => p[0] > 200 && p[1] < 60;
const blue = (p: [number, number]) => p[1] > 200 && p[0] < 60;

test('a large JPEG is decoded at a quarter of its size, and its preview stands as its EXIF orientation says', async ({ page }) => {
  // Orientation 6: the camera was turned a quarter clockwise; shown upright, the left edge is on top.
  const d = await draw(page, { w: 2000, h: 1000, type: 'image/jpeg', orientation: 6 });
  expect(d.decoders).toEqual([{ desiredWidth: 500, desiredHeight: 250 }]);
  expect([d.width, d.height]).toEqual([160, 320]);
  expect(red(d.top), `top pixel ${d.top}`).toBe(true);
  expect(blue(d.bottom), `bottom pixel ${d.bottom}`).toBe(true);
});

test('without ImageDecoder the full decode draws the same upright preview', async ({ page }) => {
  const d = await draw(page, { w: 2000, h: 1000, type: 'image/jpeg', orientation: 6, withoutDecoder: true });
  expect([d.width, d.height]).toEqual([160, 320]);
  expect(red(d.top)).toBe(true);
  expect(blue(d.bottom)).toBe(true);
});

test('a JPEG without orientation keeps its shape; a PNG is decoded as before', async ({ page }) => {
  const jpeg = await draw(page, { w: 1280, h: 640, type: 'image/jpeg' });
  expect(jpeg.decoders).toEqual([{ desiredWidth: 320, desiredHeight: 160 }]);
  expect([jpeg.width, jpeg.height]).toEqual([320, 160]);
  const png = await draw(page, { w: 1280, h: 640, type: 'image/png' });
  expect(png.decoders).toEqual([]);
  expect([png.width, png.height]).toEqual([320, 160]);
});

/**
 * The README's attachment screenshots: the editor with a pasted screenshot (its location and device
 * shown), a PDF and a voice note; the entry page's thumbnails; the image viewer. Light mode, 1280×800,
 * synthetic files drawn in the test. Every run takes them (into test-results/); only
 * `FULCRUM_UPDATE_SCREENSHOTS=1 npx playwright test attachments-screenshots` rewrites
 * tests/e2e/screenshots/attachments-*.png.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { apiOf } from './api.js';
import { minimalPdf, toneWav, withExif } from './attachment-files.js';
import { expect, ROOT, test } from './fixtures.js';
import type { InPage } from './in-page.js';
import { AttachmentsSection, EntryFiles } from './pages/attachments.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'lantern orchard pebble tuesday hum';
const UPDATE = process.env.FULCRUM_UPDATE_SCREENSHOTS === '1';
const DIR = path.join(ROOT, 'tests', 'e2e', 'screenshots');

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light', timezoneId: 'Europe/London', locale: 'en-GB' });

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = UPDATE ? path.join(DIR, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (!UPDATE) return;
  // Best effort, as for the other README pictures: a lossy palette, then lossless recompression.
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--speed', '1', '--quality', '80-98', '--ext', '.png', file]);
  spawnSync('optipng', ['-quiet', '-o2', file]);
}

/** A made-up message thread drawn on a canvas, as a phone screenshot would look (JPEG, so EXIF can go in). */
async function drawnThread(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = (globalThis as unknown as InPage).document.createElement('canvas') as unknown as {
      width: number;
      height: number;
      getContext(k: '2d'): { fillStyle: string; font: string; fillRect(x: number, y: number, w: number, h: number): void; fillText(t: string, x: number, y: number): void };
      toDataURL(t: string, q: number): string;
    };
    c.width = 360;
    c.height = 480;
    const x = c.getContext('2d');
    x.fillStyle = '#f2f2f7';
    x.fillRect(0, 0, 360, 480);
    const bubble = (text: string, mine: boolean, y: number) => {
      x.fillStyle = mine ? '#2c7be5' : '#ffffff';
      x.fillRect(mine ? 110 : 16, y, 234, 44);
      x.fillStyle = mine ? '#ffffff' : '#1d1f23';
      x.font = '15px sans-serif';
      x.fillText(text, (mine ? 110 : 16) + 12, y + 27);
    };
    bubble('Where were you tonight?', false, 30);
    bubble('At Mia’s, like I said', true, 90);
    bubble('You didn’t ask me first.', false, 150);
    bubble('I don’t need to ask.', true, 210);
    bubble('Answer your phone next time', false, 270);
    return c.toDataURL('image/jpeg', 0.92).split(',')[1]!;
  });
  return withExif(Buffer.from(b64, 'base64'), { make: 'Synthetic', model: 'Phone 1', serial: 'X0001', when: '2026:03:14 21:47:00', lat: 51.5072, lon: -0.1276 });
}

test('screenshots of attachments in the editor, on the entry page and in the viewer', async ({ page, host }, testInfo) => {
  test.setTimeout(90_000);
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('people.create', { name: 'Jordan', kind: 'romantic', color: '#0072B2' });
  await call('vault.lock', {});
  const app = new Fulcrum(page);
  await page.goto(await host.newLaunchUrl());
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();

  const files = new AttachmentsSection(page);
  await app.shell.newEntry();
  await app.editor.fill({ title: 'Messages about Friday', body: 'Jordan kept texting while I was at Mia’s. I kept the thread and the voicemail.', people: ['Jordan'] });
  await files.attach({ name: 'Thread with Jordan.jpg', mimeType: 'image/jpeg', buffer: await drawnThread(page) });
  await files.attached('Thread with Jordan.jpg');
  await files.setCaption('Thread with Jordan.jpg', 'Jordan’s messages on Friday night');
  await files.attach({ name: 'Voicemail.wav', mimeType: 'audio/wav', buffer: toneWav(2500, 'Voicemail') });
  await files.attached('Voicemail.wav');
  await files.attach({ name: 'Tenancy letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Notice about the tenancy') });
  await files.attached('Tenancy letter.pdf');
  await files.caption('Tenancy letter.pdf').blur();
  await files.section.evaluate((el) => (el as unknown as { scrollIntoView(o: { block: 'start' }): void }).scrollIntoView({ block: 'start' }));
  await expect(files.row('Thread with Jordan.jpg').getByRole('img')).toHaveCount(0); // decorative thumbnail inside a named button
  await expect(files.row('Thread with Jordan.jpg').locator('img')).toBeVisible();
  await shot(page, testInfo, 'attachments-editor');
  await app.editor.save();

  await app.timeline.entry('Messages about Friday').getByRole('link', { name: 'Messages about Friday' }).click();
  const entryFiles = new EntryFiles(page);
  await expect(entryFiles.section.getByRole('img', { name: 'Jordan’s messages on Friday night' })).toBeVisible();
  await entryFiles.section.evaluate((el) => (el as unknown as { scrollIntoView(o: { block: 'center' }): void }).scrollIntoView({ block: 'center' }));
  await shot(page, testInfo, 'attachments-entry');

  const viewer = await entryFiles.view('Thread with Jordan.jpg');
  await expect(viewer.dialog.getByRole('img', { name: 'Jordan’s messages on Friday night' })).toBeVisible();
  await shot(page, testInfo, 'attachments-viewer');
});

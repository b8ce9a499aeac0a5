/**
 * A voice note recorded in the app, with Chromium's fake microphone (a beep) and its fake "allow"
 * answer: the page asks only on the click of "Record a voice note", holds the microphone only until
 * "Stop recording", and attaches what was recorded as audio.
 */
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { AttachmentsSection } from './pages/attachments.js';
import type { InPage, TrackLike } from './in-page.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../playwright.config.js';

// A launch option forces a worker of its own, so it is set for this whole file.
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] } });

const PASSPHRASE = 'cobalt harbour lantern violet seven';

async function unlockedApp(page: Page, host: { newLaunchUrl(): string | Promise<string> }): Promise<Fulcrum> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
  const app = new Fulcrum(page);
  await page.goto(await host.newLaunchUrl());
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return app;
}

test('is recorded only between Record and Stop, the microphone released, and attached as audio', async ({ page, host }) => {
  const app = await unlockedApp(page, host);
  const files = new AttachmentsSection(page);
  // Count the live microphone tracks the page holds, as the recorder gets them.
  await page.evaluate(() => {
    const w = globalThis as unknown as InPage;
    const tracks: TrackLike[] = (w.__tracks = []);
    const devices = w.navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (c: unknown) => {
      const s = await original(c);
      tracks.push(...s.getTracks());
      return s;
    };
  });
  const live = () => page.evaluate(() => ((globalThis as unknown as InPage).__tracks ?? []).filter((t) => t.readyState === 'live').length);
  await app.shell.newEntry();
  await app.editor.fill({ title: 'What I wanted to say' });
  expect(await live()).toBe(0);
  await files.record.click();
  await expect(files.section.getByRole('status').filter({ hasText: /^Recording… \d+:\d\d/ })).toBeVisible();
  await expect(files.stopRecording).toBeFocused();
  expect(await live()).toBe(1);
  await expect(files.section.getByText(/^Recording… 0:0[1-9]/)).toBeVisible();
  await files.stopRecording.click();
  const row = files.list.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^View Voice note / }) });
  await expect(row).toBeVisible();
  expect(await live()).toBe(0);
  const name = (await row.getByRole('button', { name: /^View Voice note / }).getAttribute('aria-label'))!.replace(/^View /, '');
  expect(name).toMatch(/^Voice note .*\.(webm|ogg|m4a)$/);
  const viewer = await files.view(name);
  await expect(viewer.audio).toHaveAttribute('src', /^blob:/);
  await viewer.close.click();
});

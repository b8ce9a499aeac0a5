/**
 * The README's screenshots: each main screen over a small synthetic journal, in light mode at
 * 1280×800. Every run walks the screens and takes the pictures (into test-results/); only
 * `FULCRUM_UPDATE_SCREENSHOTS=1 npx playwright test screenshots` rewrites tests/e2e/screenshots/*.png
 * (shrunk with pngquant when it is installed).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, ROOT, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { seedSampleJournal } from './sample-journal.js';

const PASSPHRASE = 'lantern orchard pebble tuesday hum';
const UPDATE = process.env.FULCRUM_UPDATE_SCREENSHOTS === '1';
export const SCREENSHOT_DIR = path.join(ROOT, 'tests', 'e2e', 'screenshots');

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light', timezoneId: 'Europe/London', locale: 'en-GB' });

function optimise(file: string): void {
  // Best effort: a lossy palette (visually identical for flat UI) then lossless recompression.
  const quant = spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--speed', '1', '--quality', '80-98', '--ext', '.png', file]);
  if (quant.error) console.log('[screenshots] pngquant is not installed; keeping the PNGs as Chromium wrote them.');
  spawnSync('optipng', ['-quiet', '-o2', file]);
}

/** Scrolls the page so the element sits at the top of the window (this project type-checks tests without the DOM lib). */
async function scrollToTop(target: Locator): Promise<void> {
  await target.evaluate((el) => (el as unknown as { scrollIntoView(o: { block: 'start' }): void }).scrollIntoView({ block: 'start' }));
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = UPDATE ? path.join(SCREENSHOT_DIR, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  // No hover highlight, blinking caret or half-finished transition in a picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (UPDATE) optimise(file);
}

test('screenshots of each main screen over a sample journal', async ({ page, host }, testInfo) => {
  test.setTimeout(90_000);
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const { entryIds } = await seedSampleJournal(call, { timeZone: 'Europe/London' });
  expect(entryIds.size).toBeGreaterThanOrEqual(24);
  await call('vault.lock', {});
  const { gate, shell, timeline, editor, people, patterns } = new Fulcrum(page);

  await page.goto(host.url);
  await expect(gate.unlockHeading).toBeVisible();
  await gate.passphrase.fill(PASSPHRASE);
  await shot(page, testInfo, 'unlock');
  await gate.unlockButton.click();

  await expect(timeline.entry('Run with Sam')).toBeVisible();
  await expect(timeline.entry('We used the pause word')).toBeVisible();
  // Focus sits on the search box after unlock in some paths; move it off so no focus ring shows.
  await page.getByRole('heading', { name: 'Timeline', level: 1 }).click();
  await shot(page, testInfo, 'timeline');

  await timeline.open('We used the pause word');
  await expect(page.getByRole('heading', { name: 'Outcome' })).toBeVisible();
  await shot(page, testInfo, 'entry');

  await shell.newEntry();
  await editor.fill({
    title: 'Planning the weekend',
    body: 'Jordan asked what I would like to do this weekend before making any plans. We settled on a walk on Saturday and a quiet Sunday.',
    people: ['Jordan'],
  });
  await editor.body.blur();
  await shot(page, testInfo, 'editor');
  // Further down: the pattern picker and the balance slider.
  await editor.fill({ patterns: ['We decided together', 'Money decided together'], balance: 0, ratings: { Heard: 4 } });
  await scrollToTop(page.getByRole('group', { name: 'Patterns', exact: true }));
  await shot(page, testInfo, 'editor-patterns');
  await editor.cancelAndDiscard();

  await shell.goTo('People');
  await expect(people.list).toHaveCount(4);
  await shot(page, testInfo, 'people');

  await shell.goTo('Patterns');
  await expect(patterns.pattern('Plans announced in the group chat')).toBeAttached();
  await shot(page, testInfo, 'patterns');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar' });

  test('the timeline in Arabic, right to left', async ({ page, host }, testInfo) => {
    test.setTimeout(90_000);
    const call = apiOf(host);
    await call('vault.create', { passphrase: PASSPHRASE });
    await seedSampleJournal(call, { timeZone: 'Europe/London' });
    await call('vault.lock', {});
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('textbox', { name: 'عبارة المرور', exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'فتح القفل', exact: true }).click();
    await expect(page.getByRole('article', { name: 'Run with Sam' })).toBeVisible();
    await page.getByRole('heading', { name: 'الخط الزمني', level: 1 }).click();
    await shot(page, testInfo, 'timeline-ar');
  });
});

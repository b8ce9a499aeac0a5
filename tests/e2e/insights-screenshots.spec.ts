/**
 * The README's pictures of the Insights page, light and dark, over the small synthetic sample journal
 * (plus a few weeks of check-ins). Every run takes them (into test-results/); only
 * `FULCRUM_UPDATE_SCREENSHOTS=1 npx playwright test insights-screenshots` rewrites
 * tests/e2e/screenshots/insights-{light,dark}.png.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { addDays, weekStartOf } from '../../shared/insights.js';
import { apiOf } from './api.js';
import { expect, ROOT, test } from './fixtures.js';
import { ALL_CHARTS, Insights } from './pages/insights.js';
import { seedSampleJournal } from './sample-journal.js';
import { dayOf } from './insights-seed.js';

const UPDATE = process.env.FULCRUM_UPDATE_SCREENSHOTS === '1';
const DIR = path.join(ROOT, 'tests', 'e2e', 'screenshots');

test.use({ viewport: { width: 1280, height: 1720 }, deviceScaleFactor: 1, timezoneId: 'Europe/London', locale: 'en-GB', reducedMotion: 'reduce' });

test('screenshots of the insights page, light and dark', async ({ page, host }, testInfo) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: 'quiet harbour saffron kite eleven' });
  const { personIds } = await seedSampleJournal(call, { timeZone: 'Europe/London' });
  const { weekStart } = await call('settings.get', {});
  const thisWeek = weekStartOf(dayOf(Date.now(), 0), weekStart);
  // A few weeks of check-ins about Jordan and Priya, so that chart has something to show too.
  const answers = [
    [2, 2, 1, 2, 2, 4],
    [3, 2, 2, 3, 3, 4],
    [3, 3, 3, 3, 4, 4],
    [4, 4, 3, 3, 4, 5],
  ];
  for (const [name, shift] of [['Jordan', 0], ['Priya', 1]] as const) {
    for (let w = 0; w < answers.length; w++) {
      const [heard, respected, involved, fairShare, boundaries, safe] = answers[w]!.map((x) => Math.min(5, x + shift));
      await call('checkins.save', { personId: personIds.get(name)!, week: addDays(thisWeek, -7 * (answers.length - w)), heard, respected, involved, fairShare, boundaries, safe });
    }
  }

  await page.goto(host.url);
  const insights = new Insights(page);
  await insights.open();
  await insights.chooseRange('All time');
  for (const title of ALL_CHARTS.slice(0, 4)) await expect.poll(() => insights.marks(title).count(), { message: title }).toBeGreaterThan(0);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.mouse.move(0, 0);
    const file = UPDATE ? path.join(DIR, `insights-${scheme}.png`) : testInfo.outputPath(`insights-${scheme}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    if (UPDATE) {
      // Best effort, as for the other README pictures: a palette PNG, then lossless recompression.
      spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--speed', '1', '--quality', '80-98', '--ext', '.png', file]);
      spawnSync('optipng', ['-quiet', '-o2', file]);
    }
  }
});

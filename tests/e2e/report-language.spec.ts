/**
 * A report printed in another language than the app's (a therapist may read another language): the
 * app speaks English, the person chooses German — then Arabic — as the language of the report; the
 * preview draws the document in that language, its dates in that locale, its built-in pattern names
 * from that catalogue, with the document's own `lang` and `dir` (right to left for Arabic), while the
 * screen around it stays English. Axe finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import type { WebHost } from '../../main/web/index.js';
import { CATALOGUES } from '../../renderer/i18n/translate.js';
import { expect, ROOT, test } from './fixtures.js';
import { Gate } from './pages/gate.js';
import { ReportBuilder } from './pages/report.js';
import { RANGE, seedReportJournal } from '../fixtures/report/journal.js';

const PASSPHRASE = 'harbour lilac granite spindle forty';
const SCREENSHOT_DIR = path.join(ROOT, 'tests', 'e2e', 'screenshots');

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'UTC', locale: 'en-US' });

async function openJournal(page: Page, host: WebHost): Promise<void> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await seedReportJournal((c, i) => call(c as never, i as never));
  await call('vault.lock', {});
  await page.goto(host.url);
  await new Gate(page).unlock(PASSPHRASE);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const { language, name, dir, monthOfRange } of [
  { language: 'de', name: 'Deutsch', dir: 'ltr', monthOfRange: /1\. April 2024/ },
  { language: 'ar', name: 'العربية', dir: 'rtl', monthOfRange: /أبريل/ },
] as const) {
  test(`a report printed in ${name} while the app speaks English`, async ({ page, host }) => {
    test.setTimeout(120_000);
    const m = CATALOGUES[language];
    await openJournal(page, host);
    const builder = new ReportBuilder(page);
    await builder.open();
    // The app's language is the default.
    await expect(page.getByRole('combobox', { name: 'Language of the report' })).toHaveValue('en');
    await builder.chooseDates(RANGE.from, RANGE.to);
    await builder.entries('All entries in the range');
    await builder.language(name);
    expect(await seriousViolations(page)).toEqual([]);

    const doc = await builder.openPreviewOf(m['report.doc.label']);
    await expect(doc).toHaveAttribute('lang', language);
    await expect(doc).toHaveAttribute('dir', dir);
    // The page around it stays English and left to right.
    await expect(page.getByRole('heading', { name: 'Report preview', level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    // The report's words, dates and built-in pattern names in its language.
    await expect(doc.getByRole('heading', { name: m['report.doc.numbers'], level: 3 })).toBeVisible();
    await expect(doc.getByRole('heading', { level: 2 })).toHaveText(monthOfRange);
    await expect(doc.getByRole('rowheader', { name: m['pattern.decided-without-me'], exact: true }).first()).toBeVisible();
    await expect(doc.getByText('Decided without me', { exact: true })).toHaveCount(0);
    // The writer's own pattern keeps its own name.
    await expect(doc.getByRole('rowheader', { name: 'Arguments with Jordan' }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // The README's picture of a report in Arabic (only when asked to rewrite the screenshots).
    if (language === 'ar' && process.env.FULCRUM_UPDATE_SCREENSHOTS === '1') {
      await doc.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-ar.png'), animations: 'disabled', caret: 'hide' });
    }

    // Back in the builder the choice is kept; choosing English again follows the app.
    await page.getByRole('link', { name: 'Back to the builder' }).click();
    await expect(page.getByRole('combobox', { name: 'Language of the report' })).toHaveValue(language);
  });
}

/**
 * How long the report will be, said before printing: a year of a synthetic journal prints short by
 * default (the first entries in full, the rest one line each); every entry in full, chosen explicitly,
 * is estimated at well over the threshold, the builder suggests summaries and switches to them
 * in one click, and each estimate is compared with the page count of the real PDF (page.pdf() of the
 * print view, the same header, footer and margins as the desktop app).
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { SUGGEST_SUMMARY_PAGES } from '../../shared/report.js';
import { generateJournal } from '../generator/index.js';
import { expect, newDataDir, openHost, test } from './fixtures.js';
import { ReportBuilder } from './pages/report.js';
import { printReport } from './report-pdf.js';
import { writtenJournal } from './written.js';

const PASSPHRASE = 'copper lantern meadow ninety';
const LAST_DAY = '2026-06-30';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'UTC', locale: 'en-GB' });

/** An estimate is good enough when it is within two pages or a fifth of the real count, whichever is more. */
function closeEnough(estimate: number, real: number): boolean {
  return Math.abs(estimate - real) <= Math.max(2, Math.ceil(real * 0.2));
}

async function syntheticYear(dataDir: string): Promise<void> {
  await writtenJournal(dataDir, PASSPHRASE, (service) =>
    generateJournal({ seed: 2718, entries: 300, years: 1, people: 3, end: LAST_DAY, languages: { en: 1, de: 0, es: 0, ja: 0, ar: 0 }, drafts: 0, trashShare: 0, customPatterns: 0 }, service),
  );
}

test('a year of entries in full: the builder estimates the pages, suggests summaries, and the estimates match the printed PDFs', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = newDataDir();
  await syntheticYear(dataDir);
  const host = await openHost(dataDir);
  try {
    const builder = await ReportBuilder.unlockedAt(page, host.url, PASSPHRASE);
    await builder.chooseDates('2025-07-01', LAST_DAY);
    await builder.entries('All entries in the range');
    await builder.detail('full');
    // By default only the first few dozen entries are whole and the rest one line each: a short print.
    const short = await builder.estimatedPages();
    await expect(builder.estimate).toContainText('as one line each');
    // …and prints to about that: each row one line, however long its patterns and words.
    await builder.openPreview();
    const shortPdf = await printReport(page, testInfo.outputPath('year-short.pdf'));
    // Measured as printed (on screen, rows out of view are not laid out until scrolled to).
    await page.emulateMedia({ media: 'print' });
    const heights = await page.locator('.rp-row').evaluateAll((rows) => rows.map((r) => (r as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height));
    await page.emulateMedia({ media: null });
    expect(heights.length).toBeGreaterThan(100);
    expect(Math.max(...heights), 'a row took more than one line').toBeLessThan(Math.min(...heights) * 1.5);
    testInfo.annotations.push({ type: 'estimate', description: `short default: estimated ${short}, printed ${shortPdf.pages}` });
    expect(closeEnough(short, shortPdf.pages), `short default: estimated ${short}, printed ${shortPdf.pages}`).toBe(true);
    await page.getByRole('link', { name: 'Back to the builder' }).click();
    await expect(builder.heading).toBeVisible();
    // Every entry in full is the person's explicit choice, and its estimate says how long that is.
    await builder.everyEntryInFull.check();
    await expect(builder.estimate).not.toContainText('as one line each');

    const full = await builder.estimatedPages();
    expect(full).toBeGreaterThan(short);
    expect(full).toBeGreaterThan(SUGGEST_SUMMARY_PAGES);
    await expect(builder.foot).toContainText('That is a lot to read before a session.');
    await expect(builder.useSummaries).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const preview = await builder.openPreview();
    const fullPdf = await printReport(page, testInfo.outputPath('year-in-full.pdf'));
    testInfo.annotations.push({ type: 'estimate', description: `in full: estimated ${full}, printed ${fullPdf.pages}` });
    expect(closeEnough(full, fullPdf.pages), `in full: estimated ${full}, printed ${fullPdf.pages}`).toBe(true);

    // One click to summaries; the estimate drops and matches the PDF again.
    await page.getByRole('link', { name: 'Back to the builder' }).click();
    await expect(builder.heading).toBeVisible();
    await builder.useSummaries.click();
    await expect(page.getByRole('radio', { name: /^Summary only/ })).toBeChecked();
    await expect(builder.estimate).toContainText('as summaries');
    const summary = await builder.estimatedPages();
    expect(summary).toBeLessThan(full);
    await expect(builder.useSummaries).toHaveCount(0);
    await builder.openPreview();
    await expect(preview.document).toBeVisible();
    const summaryPdf = await printReport(page, testInfo.outputPath('year-summaries.pdf'));
    testInfo.annotations.push({ type: 'estimate', description: `summaries: estimated ${summary}, printed ${summaryPdf.pages}` });
    expect(closeEnough(summary, summaryPdf.pages), `summaries: estimated ${summary}, printed ${summaryPdf.pages}`).toBe(true);

    // US Letter: shorter, wider pages, estimated from their own size.
    await page.getByRole('link', { name: 'Back to the builder' }).click();
    await page.getByRole('radio', { name: 'US Letter' }).check();
    await expect(builder.estimate).toContainText('US Letter');
    const letter = await builder.estimatedPages();
    await builder.openPreview();
    const letterPdf = await printReport(page, testInfo.outputPath('year-summaries-letter.pdf'));
    expect(closeEnough(letter, letterPdf.pages), `letter: estimated ${letter}, printed ${letterPdf.pages}`).toBe(true);
    console.log(`[report-length] short default: estimated ${short}, printed ${shortPdf.pages}; in full: estimated ${full}, printed ${fullPdf.pages}; summaries: estimated ${summary}, printed ${summaryPdf.pages}; summaries on US Letter: estimated ${letter}, printed ${letterPdf.pages}`);
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

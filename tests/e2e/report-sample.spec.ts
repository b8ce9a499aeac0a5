/**
 * The README's sample report, and the time a one-year report takes to print: a seeded synthetic
 * journal (tests/generator, English only, three people, a year of entries) opened in browser mode,
 * a report built through the builder, and Playwright's page.pdf() of the print view. The first two
 * pages are rendered to PNG with `pdftoppm -png -r 60`; only
 * `FULCRUM_UPDATE_SCREENSHOTS=1 npx playwright test report-sample` writes them to
 * tests/e2e/screenshots/report-page-1.png and -2.png (otherwise into test-results/).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FULL_TEXT_ENTRIES } from '../../shared/report.js';
import type { Person } from '../../shared/schemas.js';
import { generateJournal } from '../generator/index.js';
import { expect, newDataDir, openHost, ROOT, test } from './fixtures.js';
import { Gate } from './pages/gate.js';
import { ReportBuilder } from './pages/report.js';
import { headerFooterProblems, printReport } from './report-pdf.js';
import { writtenJournal } from './written.js';

const PASSPHRASE = 'quiet harbour ledger maple seven';
const UPDATE = process.env.FULCRUM_UPDATE_SCREENSHOTS === '1';
const SCREENSHOT_DIR = path.join(ROOT, 'tests', 'e2e', 'screenshots');
const LAST_DAY = '2026-06-30';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'Europe/Berlin', locale: 'en-GB' });

/** A year of a synthetic journal, written through the core, then locked (the host opens it). */
async function syntheticJournal(dataDir: string): Promise<{ people: Person[]; entries: number }> {
  return writtenJournal(dataDir, PASSPHRASE, async (service) => {
    const j = await generateJournal({ seed: 1618, entries: 420, years: 1, people: 3, end: LAST_DAY, languages: { en: 1, de: 0, es: 0, ja: 0, ar: 0 }, drafts: 0, trashShare: 0, customPatterns: 0 }, service);
    await service.dispatch('sessions.add', { day: '2026-06-02' });
    const people = await service.dispatch('people.list', { includeArchived: true });
    if (!people.ok) throw new Error(people.error.message);
    return { people: people.value as Person[], entries: j.entries };
  });
}

function png(pdf: string, pageNo: number, out: string): void {
  // -singlefile: exactly `${out}.png`, whatever the page count.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pageNo), '-l', String(pageNo), '-singlefile', pdf, out]);
}

test('a sample report of a synthetic journal, and a one-year report printed in reasonable time', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const dataDir = newDataDir();
  const { people } = await syntheticJournal(dataDir);
  const host = await openHost(dataDir);
  try {
    await page.goto(host.url);
    await new Gate(page).unlock(PASSPHRASE);
    const partner = people.find((p) => p.kind === 'romantic')!;
    const family = people.find((p) => p.kind === 'family')!;

    // The README sample: the last quarter, flagged entries in full, two pseudonyms, the user's questions.
    const builder = new ReportBuilder(page);
    await builder.open();
    await builder.chooseDates('2026-04-01', LAST_DAY);
    await builder.pseudonym(partner.name, 'Partner');
    await builder.pseudonym(family.name, 'Mum');
    await builder.entries('Only entries flagged “raise with my therapist”');
    await builder.questions.fill(
      'Money: how do I bring up the joint account without it turning into a fight?\nWhy do I go quiet when plans are made for me — and what could I say instead?\nThe weeks after we agreed on check-ins felt better. How do we keep that going?',
    );
    await builder.openPreview();
    const sample = await printReport(page, testInfo.outputPath('sample-report.pdf'));
    expect(sample.text).toContain('Partner');
    for (const p of [partner, family]) expect(sample.text).not.toMatch(new RegExp(`\\b${p.name.split(' ')[0]}\\b`));
    expect(headerFooterProblems(sample)).toEqual([]);
    const dir = UPDATE ? SCREENSHOT_DIR : testInfo.outputDir;
    fs.mkdirSync(dir, { recursive: true });
    png(sample.file, 1, path.join(dir, 'report-page-1'));
    png(sample.file, 2, path.join(dir, 'report-page-2'));

    // One year of all entries, as printed by default: the first entries in full, the rest one line
    // each (a long print of every entry in full is the person's explicit choice). How long the print
    // view and the PDF take.
    await page.getByRole('link', { name: 'Back to the builder' }).click();
    await expect(builder.heading).toBeVisible();
    await builder.chooseDates('2025-07-01', LAST_DAY);
    await builder.entries('All entries in the range');
    const started = Date.now();
    await builder.openPreview();
    await expect(page.getByRole('heading', { name: /^Entries/ })).toBeVisible();
    const shown = Date.now() - started;
    const year = await printReport(page, testInfo.outputPath('one-year-report.pdf'));
    const entries = await page.locator('.rp-entry').count();
    const rows = await page.getByRole('list', { name: /, one line each$/ }).getByRole('listitem').count();
    const line = `one-year report: ${entries} entries in full and ${rows} as one line each, ${year.pages} pages, ${(fs.statSync(year.file).size / 1024).toFixed(0)} KB; preview built and shown in ${shown} ms, page.pdf() ${year.ms} ms`;
    console.log(`[report] ${line}`);
    testInfo.annotations.push({ type: 'timing', description: line });
    expect(entries).toBe(FULL_TEXT_ENTRIES);
    expect(entries + rows).toBeGreaterThan(300);
    expect(year.text.replace(/\s+/g, ' ')).toContain(`The first ${FULL_TEXT_ENTRIES} of these ${entries + rows} entries are printed in full above`);
    expect(year.pages).toBeGreaterThan(rows / 30);
    expect(year.pages).toBeLessThan(entries + rows / 5);
    expect(headerFooterProblems(year)).toEqual([]);
    // Generous bound for a slow CI machine; measured here in the report.
    expect(year.ms).toBeLessThan(60_000);
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * The therapist report for one year as a PDF, in browser mode: the builder (#/report) set to the
 * journal's last year with its defaults (every section; entries flagged "raise with my therapist", in
 * full), then "Preview the report" (report.build + the print view drawn) and Playwright's page.pdf()
 * of the print view with the app's header and footer (tests/e2e/report-pdf.ts, as the e2e suite does).
 * Timed: from the click on Preview to the PDF written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { addDays } from '../../../shared/insights.js';
import { startWebHost } from '../../../main/web/index.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { printReport } from '../../e2e/report-pdf.js';
import { Gate } from '../../e2e/pages/gate.js';
import { settleForToday, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';
import { CHROMIUM_ARGS, afterUnlockSettled, chromiumBinary } from './scroll.js';

/** What the page's own check uses of its globals (the bench is typed without the DOM's). */
interface PageGlobals {
  document: { querySelector(selector: string): unknown };
}

export const REPORT_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'main', 'core', 'report');
export const reportAvailable = () => fs.existsSync(REPORT_DIR);

export async function measurePdf(j: BenchJournal, staticDir: string | null, runs = 3): Promise<SizeResult> {
  if (!reportAvailable()) return { value: summarise([]), unavailable: 'not yet available: main/core/report does not exist in this checkout' };
  if (!staticDir) return { value: summarise([]), unavailable: 'the renderer could not be built' };
  const executablePath = chromiumBinary();
  if (!executablePath) return { value: summarise([]), unavailable: 'no Chromium found (install chromium or set FULCRUM_CHROMIUM)' };
  const copy = workCopy(j, 'pdf');
  await settleForToday(copy.dataDir);
  const host = await startWebHost({ dataDir: copy.dataDir, insecureTestKdf: true, staticDir });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: j.meta.timeZone, locale: 'en-GB' });
    page.setDefaultTimeout(120_000);
    await page.goto(host.url);
    const gate = new Gate(page);
    await gate.attemptUnlock(PASSPHRASE);
    const timeline = page.getByRole('heading', { name: 'Timeline', level: 1 });
    // A journal whose recovery key was never typed back offers it again after each unlock.
    await timeline.or(gate.recoveryHeading).waitFor();
    if (await gate.recoveryHeading.isVisible()) await gate.confirmRecoveryKeySaved();
    await timeline.waitFor();
    await afterUnlockSettled(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report', exact: true }).click();
    const builder = page.getByRole('heading', { name: 'Report for your therapist', level: 1 });
    await builder.waitFor();
    await page.getByRole('radio', { name: 'Dates I choose' }).check();
    await page.getByLabel('From', { exact: true }).fill(addDays(j.meta.lastDay, -364));
    await page.getByLabel('To', { exact: true }).fill(j.meta.lastDay);
    await page.getByRole('radio', { name: 'Only entries flagged “raise with my therapist”' }).check();

    const total: number[] = [];
    const preview: number[] = [];
    const pdf: number[] = [];
    let pages = 0;
    let entries = 0;
    let kb = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.getByRole('button', { name: 'Preview the report' }).click();
      // Shown means ready to print: every entry and chart drawn and the proofs come. Looked for at
      // every frame: a locator's wait backs off to half a second between looks, and that lag would
      // be counted as the preview's.
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.rp-sheet[aria-busy="false"]') !== null, undefined, { polling: 'raf' });
      const shown = performance.now() - t0;
      await page.getByRole('heading', { name: 'Report preview', level: 1 }).waitFor();
      await page.getByRole('article', { name: 'The report' }).waitFor();
      await page.getByRole('heading', { name: /^Entries/ }).waitFor();
      const file = path.join(path.dirname(copy.dbFile), `report-${i}.pdf`);
      const printed = await printReport(page, file);
      // Preview shown + page.pdf(); reading the PDF back (pdfinfo, pdftotext) is left out.
      total.push(shown + printed.ms);
      preview.push(shown);
      pdf.push(printed.ms);
      pages = printed.pages;
      entries = await page.locator('.rp-entry').count();
      kb = fs.statSync(file).size / 1024;
      await page.getByRole('link', { name: 'Back to the builder' }).click();
      await builder.waitFor();
    }
    const value = summarise(total);
    return { value, extra: { previewMs: summarise(preview), pdfMs: summarise(pdf), pages, entries, kb: Math.round(kb) } };
  } finally {
    await browser.close();
    await host.close();
  }
}

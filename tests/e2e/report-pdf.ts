/**
 * The report as a PDF in the test suite: Playwright `page.pdf()` of the print view (browser mode), with
 * the same page header and footer as the desktop app's printToPDF (shared/report.ts), then read back
 * with poppler's pdftotext/pdfinfo.
 */
import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { PDF_MARGINS_MM, pdfHeaderFooter } from '../../shared/report.js';

export interface PrintedReport {
  file: string;
  from: string;
  to: string;
  generatedOn: string;
  ms: number;
  pages: number;
  /** Text of each page (pdftotext -layout). */
  pageTexts: string[];
  text: string;
  title: string;
}

export async function printReport(page: Page, file: string): Promise<PrintedReport> {
  // In the app's preview the document is whole once its chosen files are drawn and its proofs have
  // come (the app's own print button waits for the same); a self-contained page is whole as loaded.
  const sheet = page.locator('.rp-sheet');
  if ((await sheet.count()) > 0) await expect(sheet).toHaveAttribute('aria-busy', 'false');
  const doc = page.locator('article.rp-doc');
  const [from, to, generatedOn, size] = await Promise.all(['data-from', 'data-to', 'data-generated', 'data-page-size'].map((a) => doc.getAttribute(a)));
  const mm = (n: number) => `${n}mm`;
  const started = Date.now();
  await page.pdf({
    path: file,
    format: size === 'letter' ? 'Letter' : 'A4',
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: true,
    ...pdfHeaderFooter({ from: from!, to: to!, generatedOn: generatedOn! }),
    margin: { top: mm(PDF_MARGINS_MM.top), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left), right: mm(PDF_MARGINS_MM.right) },
  });
  const ms = Date.now() - started;
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const title = /^Title:\s+(.*)$/m.exec(info)?.[1] ?? '';
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // pdftotext ends every page with a form feed.
  const pageTexts = text.split('\f').slice(0, pages);
  return { file, from: from!, to: to!, generatedOn: generatedOn!, ms, pages, pageTexts, text, title };
}

/** Every page carries the range and date in its header and "Page n of N" in its footer. */
export function headerFooterProblems(r: PrintedReport): string[] {
  const problems: string[] = [];
  r.pageTexts.forEach((t, i) => {
    if (!t.includes(`Fulcrum report · ${r.from} to ${r.to}`)) problems.push(`page ${i + 1}: no range in the header`);
    if (!t.includes(`Generated ${r.generatedOn}`)) problems.push(`page ${i + 1}: no generation date`);
    if (!new RegExp(`Page ${i + 1} of ${r.pages}\\b`).test(t)) problems.push(`page ${i + 1}: no "Page ${i + 1} of ${r.pages}"`);
  });
  return problems;
}

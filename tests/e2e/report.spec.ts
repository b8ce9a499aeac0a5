/**
 * The therapist report in browser mode: built through the builder as a person
 * would, previewed, printed to PDF with Playwright's page.pdf() of the print view (the same header
 * and footer as the desktop app), and saved as CSV, Markdown and JSON through real downloads. The
 * PDF's text (pdftotext) shows the chosen sections; pseudonymised names appear in no output; the
 * text of excluded entries appears nowhere.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { FulcrumExport } from '../../shared/portability.js';
import { apiOf, sessionOf } from './api.js';
import type { WebHost } from '../../main/web/index.js';
import { expect, test } from './fixtures.js';
import { Gate } from './pages/gate.js';
import { ReportBuilder, type ReportPreview } from './pages/report.js';
import { headerFooterProblems, printReport } from './report-pdf.js';
import { MANAGER, markersExcept, PARTNER, RANGE, realNamePattern, seedReportJournal, type ReportJournal } from '../fixtures/report/journal.js';

const PASSPHRASE = 'amber signal cobble winter pocket';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'UTC', locale: 'en-GB' });

/** Counts object URLs made and revoked by the page (a download must not leave one behind). */
async function countObjectUrls(page: Page): Promise<void> {
  // Runs in the page (this project type-checks tests without the DOM lib: the page's globals are typed here).
  await page.addInitScript(() => {
    type Urls = { createObjectURL(o: unknown): string; revokeObjectURL(u: string): void };
    const g = globalThis as unknown as { __objectUrls: { made: number; revoked: number }; URL: Urls };
    g.__objectUrls = { made: 0, revoked: 0 };
    const make = g.URL.createObjectURL.bind(g.URL);
    const revoke = g.URL.revokeObjectURL.bind(g.URL);
    g.URL.createObjectURL = (o) => (g.__objectUrls.made++, make(o));
    g.URL.revokeObjectURL = (u) => (g.__objectUrls.revoked++, revoke(u));
  });
}
/**
 * Counts the page's calls to window.print() instead of opening the browser's print window (which a
 * headless browser keeps "printing", so page.pdf() would be refused). The suite prints with page.pdf().
 */
async function countPrints(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as { __prints: number; print: () => void };
    g.__prints = 0;
    g.print = () => void g.__prints++;
  });
}
const prints = (page: Page) => page.evaluate(() => (globalThis as unknown as { __prints: number }).__prints);
const objectUrls = (page: Page) => page.evaluate(() => (globalThis as unknown as { __objectUrls: { made: number; revoked: number } }).__objectUrls);

async function openJournal(page: Page, host: WebHost): Promise<ReportJournal> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const j = await seedReportJournal((c, i) => call(c as never, i as never));
  await call('vault.lock', {});
  await page.goto(host.url);
  await new Gate(page).unlock(PASSPHRASE);
  return j;
}

async function download(page: Page, preview: ReportPreview, button: 'Markdown' | 'CSV' | 'JSON', name: string): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await preview.exportAs(button, name);
  const d = await downloading;
  const file = await d.path();
  return { name: d.suggestedFilename(), text: fs.readFileSync(file!, 'utf8') };
}

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('a user builds a report with one pseudonym and two hand-picked entries, previews it, and exports PDF and CSV', async ({ page, host }, testInfo) => {
  await countObjectUrls(page);
  await countPrints(page);
  const j = await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  await builder.chooseDates(RANGE.from, RANGE.to);
  await builder.pseudonym(PARTNER.name, PARTNER.alias);
  await builder.entries('Entries I pick');
  await builder.pick('Weekend booked without asking');
  await builder.pick('Climbing with Sam');
  await expect(page.getByRole('heading', { name: /2 entries picked/ })).toBeVisible();
  await builder.questions.fill('Why does Jordan decide our weekends?');
  const preview = await builder.openPreview();

  // The preview is the document that prints.
  const doc = preview.document;
  await expect(doc).toContainText('1 April 2024 – 30 April 2024');
  await expect(doc).toContainText('Why does Partner decide our weekends?');
  await expect(doc.getByRole('heading', { name: /Weekend booked without asking/ })).toBeVisible();
  await expect(doc.getByRole('heading', { name: /Climbing with Sam/ })).toBeVisible();
  expect(await doc.innerText()).not.toMatch(/Jordan|Quillfeather/i);

  // PDF: the print button warns first (browser mode prints with the browser); the suite prints with page.pdf().
  await preview.exportAs('Print or save as PDF…', 'PDF');
  await expect.poll(() => prints(page)).toBe(1);
  const pdf = await printReport(page, testInfo.outputPath('report.pdf'));
  for (const heading of ['In numbers', 'Most frequent patterns', 'Questions for my next session', 'Flagged to talk about', 'Over time', 'Patterns in this period', 'Weekly check-ins', 'Entries']) {
    expect(pdf.text, heading).toContain(heading);
  }
  expect(pdf.text).toContain('Partner');
  expect(pdf.text).not.toMatch(/Jordan|Quillfeather/i);
  expect(pdf.title).not.toMatch(/Jordan|Quillfeather/i);
  for (const marker of markersExcept(j, ['weekend', 'climbing'])) expect(pdf.text, marker).not.toContain(marker);
  expect(pdf.text).toContain('MARKER-WEEKEND');
  expect(pdf.text).toContain('MARKER-CLIMBING');
  expect(pdf.pages).toBeGreaterThanOrEqual(2);
  expect(pdf.pages).toBeLessThanOrEqual(6);
  expect(headerFooterProblems(pdf)).toEqual([]);

  // CSV through a real download.
  const csv = await download(page, preview, 'CSV', 'CSV');
  expect(csv.name).toMatch(/^fulcrum-report-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.title)).toEqual(['Weekend booked without asking', 'Climbing with Sam']);
  expect(rows[0]!.people).toBe(PARTNER.alias);
  expect(csv.text).not.toMatch(/Jordan|Quillfeather/i);
  for (const marker of markersExcept(j, ['weekend', 'climbing'])) expect(csv.text).not.toContain(marker);
  // The Blob's object URL was revoked once the download started.
  await expect.poll(() => objectUrls(page)).toEqual({ made: 1, revoked: 1 });
  // No journal data in the address bar.
  expect(new URL(page.url()).hash).toBe('#/report/print');
});

test('every format of a report with two pseudonyms leaves out the real names and the excluded entries', async ({ page, host }, testInfo) => {
  const j = await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  await builder.chooseDates(RANGE.from, RANGE.to);
  await builder.pseudonym(PARTNER.name, PARTNER.alias);
  await builder.pseudonym(MANAGER.name, MANAGER.alias);
  await builder.entries('Only entries flagged “raise with my therapist”');
  await builder.questions.fill('Is it fair that Priya and Jordan plan for me?');
  const preview = await builder.openPreview();

  const flagged = ['weekend', 'budget', 'dinner'];
  const pdf = await printReport(page, testInfo.outputPath('report-flagged.pdf'));
  const outputs: [string, string][] = [['PDF', pdf.text]];
  for (const [button, name] of [
    ['Markdown', 'Markdown'],
    ['CSV', 'CSV'],
    ['JSON', 'JSON'],
  ] as const) {
    outputs.push([name, (await download(page, preview, button, name)).text]);
  }
  for (const [format, text] of outputs) {
    expect(text, format).not.toMatch(realNamePattern());
    expect(text, format).toContain(PARTNER.alias);
    for (const marker of markersExcept(j, flagged)) expect(text, `${format}: ${marker}`).not.toContain(marker);
    for (const key of flagged) expect(text, `${format}: ${key}`).toContain(j.entries[key]!.marker);
  }
  expect(pdf.text).toContain('Is it fair that Manager and Partner plan for me?');
  const json = FulcrumExport.parse(JSON.parse(outputs.find(([f]) => f === 'JSON')![1]));
  expect(json.journal.people.map((p) => p.name).sort()).toEqual([MANAGER.alias, PARTNER.alias].sort());
  expect(headerFooterProblems(pdf)).toEqual([]);
});

test('summary only: the PDF has dates, people and patterns but no entry text, and unchosen sections are absent', async ({ page, host }, testInfo) => {
  const j = await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  await builder.chooseDates(RANGE.from, RANGE.to);
  await builder.entries('All entries in the range');
  await builder.detail('summary');
  await builder.section('Charts', false);
  await builder.section('Check-in trends', false);
  await builder.openPreview();
  const pdf = await printReport(page, testInfo.outputPath('report-summary.pdf'));
  expect(pdf.text).toContain('In numbers');
  expect(pdf.text).toContain('Patterns in this period');
  expect(pdf.text).not.toContain('Over time');
  expect(pdf.text).not.toContain('Weekly check-ins');
  expect(pdf.text).toContain('Wed, 3 Apr 2024');
  for (const marker of markersExcept(j, [])) expect(pdf.text).not.toContain(marker);
  expect(pdf.text).not.toContain('Weekend booked without asking');
  expect(headerFooterProblems(pdf)).toEqual([]);
});

test('marks a session, starts the report from it, and keeps the settings as a template to reuse', async ({ page, host }) => {
  await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  const since = page.getByRole('radio', { name: /^Since my last therapy session/ });
  await expect(since).toHaveAccessibleName('Since my last therapy session (10 April 2024)');
  await since.check();
  await expect(page.getByRole('status').filter({ hasText: 'Since your session' })).toHaveText(
    'Since your session on 10 April 2024: 2 entries flagged to talk about, and 2 check-ins.',
  );

  await page.getByLabel('Session day').fill('2024-04-20');
  await page.getByRole('button', { name: 'Mark session' }).click();
  await expect(since).toHaveAccessibleName('Since my last therapy session (20 April 2024)');
  await expect(page.getByRole('status').filter({ hasText: 'Since your session' })).toHaveText(
    'Since your session on 20 April 2024: 1 entry flagged to talk about, and 1 check-in.',
  );

  await builder.pseudonym(PARTNER.name, PARTNER.alias);
  await page.getByLabel('Template name').fill('After each session');
  await page.getByRole('button', { name: 'Save these settings as a template' }).click();
  await expect(page.getByRole('combobox', { name: 'Start from a template' })).toHaveValue(/\d+/);

  // Other settings, then the template brings its own back.
  await page.getByRole('radio', { name: 'The last 30 days' }).check();
  await builder.pseudonym(PARTNER.name, '');
  await page.getByRole('button', { name: 'Use template' }).click();
  await expect(since).toBeChecked();
  await expect(page.getByRole('textbox', { name: `Pseudonym for ${PARTNER.name}`, exact: true })).toHaveValue(PARTNER.alias);

  const preview = await builder.openPreview();
  await expect(preview.document).toContainText('since my therapy session on 20 April 2024');
  await expect(preview.document).toContainText('MARKER-DINNER');
  await expect(preview.document).not.toContainText('MARKER-BUDGET');
  expect(await preview.document.innerText()).not.toMatch(/Jordan|Quillfeather/i);

  await page.getByRole('link', { name: 'Back to the builder' }).click();
  await page.getByRole('button', { name: 'Remove the session on 20 April 2024' }).click();
  await expect(since).toHaveAccessibleName('Since my last therapy session (10 April 2024)');
});

/**
 * The desktop app's PDF path without Electron: a stand-in `window.fulcrum` that says 'electron' (so the
 * print view offers "Save as PDF…" and sends its self-contained HTML to `report.savePdf`), forwarding
 * every other call to the browser-mode host. The captured HTML is then printed the way main prints it.
 */
async function desktopStandIn(page: Page, session: string): Promise<void> {
  await page.addInitScript((t: string) => {
    const g = globalThis as unknown as { fulcrum?: unknown; __savedPdf?: unknown; fetch: (u: string, o: unknown) => Promise<{ json(): Promise<unknown> }> };
    g.fulcrum = new Proxy(
      {},
      {
        get(_target, prop) {
          if (prop === 'transport') return 'electron';
          if (prop === 'subscribe') return () => () => {};
          if (typeof prop !== 'string') return undefined;
          return async (input: unknown) => {
            if (prop === 'report.savePdf') {
              g.__savedPdf = input;
              return { ok: true, value: { saved: true, path: 'report.pdf', bytes: 1, ms: 1 } };
            }
            const res = await g.fetch(`/api/${prop}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` }, body: JSON.stringify(input) });
            return res.json();
          };
        },
      },
    );
  }, session);
}

test('the desktop PDF path: the print view sends self-contained HTML that prints the same report, with no script and no real name', async ({ page, host, context }, testInfo) => {
  await desktopStandIn(page, await sessionOf(host.newLaunchUrl()));
  const j = await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  await builder.chooseDates(RANGE.from, RANGE.to);
  await builder.pseudonym(PARTNER.name, PARTNER.alias);
  await builder.entries('All entries in the range');
  await builder.questions.fill('What does Jordan want from me?');
  const preview = await builder.openPreview();
  // The charts of the insights page, drawn in the preview (and so in the HTML that main prints).
  for (const title of ['Patterns over time', 'Balance of power', 'How it felt', 'Areas of life']) {
    const { image, marks } = preview.chartDrawing(title);
    await expect(image).toBeVisible();
    await expect(marks.first()).toBeAttached();
  }
  const browserPrint = await printReport(page, testInfo.outputPath('browser-print.pdf'));
  await page.getByRole('group', { name: 'Save or print the report' }).getByRole('button', { name: 'Save as PDF…' }).click();
  await expect(preview.confirmDialog).toHaveAccessibleName('This PDF file will not be encrypted');
  await preview.confirmDialog.getByRole('button', { name: 'Save PDF (not encrypted)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The PDF is saved' })).toBeVisible();
  const sent = (await page.evaluate(() => (globalThis as unknown as { __savedPdf: unknown }).__savedPdf)) as { html: string; pageSize: string; from: string; to: string; generatedOn: string };
  expect(sent).toMatchObject({ pageSize: 'a4', from: RANGE.from, to: RANGE.to, generatedOn: browserPrint.generatedOn });
  expect(sent.html).toMatch(/^<!doctype html>/);
  expect(sent.html).toContain('<title>Fulcrum report</title>');
  // Nothing to fetch: no script, stylesheet link, remote source, or url() but the SVG's own #pattern.
  expect(sent.html).not.toMatch(/<script|<link|<img|src=|url\((?!#)/i);
  expect(sent.html).not.toMatch(/Jordan|Quillfeather/i);

  // Printed as main prints it (here with JavaScript off too, in a page of its own).
  const printer = await context.browser()!.newContext({ javaScriptEnabled: false });
  try {
    const paper = await printer.newPage();
    await paper.setContent(sent.html);
    const desktop = await printReport(paper, testInfo.outputPath('desktop-print.pdf'));
    expect(desktop.pages).toBe(browserPrint.pages);
    expect(headerFooterProblems(desktop)).toEqual([]);
    for (const heading of ['In numbers', 'Most frequent patterns', 'Questions for my next session', 'Over time', 'Weekly check-ins', 'Entries']) expect(desktop.text).toContain(heading);
    // The charts are printed, drawn: each one's title and its axis' dates.
    for (const chart of ['Patterns over time', 'Balance of power', 'How it felt', 'Areas of life']) expect(desktop.text).toContain(chart);
    expect(sent.html).toContain('recharts-surface');
    expect(desktop.text).toContain('What does Partner want from me?');
    for (const key of ['weekend', 'standup', 'budget', 'climbing', 'dinner']) expect(desktop.text).toContain(j.entries[key]!.marker);
    expect(desktop.text).not.toMatch(/Jordan|Quillfeather/i);
  } finally {
    await printer.close();
  }
});

test('the builder and the preview have no serious accessibility violations', async ({ page, host }) => {
  await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  const problems: string[] = [];
  problems.push(...(await seriousViolations(page, 'builder')));
  await builder.chooseDates(RANGE.from, RANGE.to);
  await builder.entries('Entries I pick');
  await builder.pick('Budget together');
  problems.push(...(await seriousViolations(page, 'builder, picking entries')));
  const preview = await builder.openPreview();
  problems.push(...(await seriousViolations(page, 'preview')));
  await page.getByRole('button', { name: 'CSV' }).click();
  await expect(preview.confirmDialog).toBeVisible();
  problems.push(...(await seriousViolations(page, 'plaintext warning')));
  await page.emulateMedia({ colorScheme: 'dark' });
  await preview.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'Back to the builder' }).click();
  await expect(builder.heading).toBeVisible();
  problems.push(...(await seriousViolations(page, 'builder, dark')));
  expect(problems).toEqual([]);
});

test('at 1280×720 the preview button is in view wherever the builder is scrolled, templates come after the choices, and a pseudonym asks for a role', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  await expect(builder.preview).toBeInViewport();
  // Actionable where it is shown: nothing covers it.
  await builder.preview.click({ trial: true });
  for (const heading of ['Templates', 'Entries', 'Period']) {
    await page.getByRole('heading', { name: heading, level: 2, exact: true }).scrollIntoViewIfNeeded();
    await expect(builder.preview, `scrolled to ${heading}`).toBeInViewport();
  }
  // A field that gets focus while it sits under the bar is scrolled up above it.
  const include = page.getByRole('checkbox', { name: 'Include Sam Okafor', exact: true });
  const bottom = (await builder.foot.boundingBox())!;
  // Runs in the page (tests type-check without the DOM lib: the element's members are typed here).
  await include.evaluate((node, y) => {
    const el = node as unknown as { closest(s: string): { scrollTop: number } | null; getBoundingClientRect(): { top: number } };
    el.closest('.main')!.scrollTop += el.getBoundingClientRect().top - y;
  }, bottom.y + bottom.height / 2);
  await include.focus();
  await expect(include).toBeFocused();
  const [field, bar] = await Promise.all([include.boundingBox(), builder.foot.boundingBox()]);
  expect(field!.y + field!.height).toBeLessThanOrEqual(bar!.y);
  const order = await page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
  expect(order.indexOf('Templates')).toBeGreaterThan(order.indexOf('Paper size'));
  expect(order.indexOf('Period')).toBe(0);

  await expect(page.getByRole('columnheader', { name: 'Printed as' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: `Pseudonym for ${PARTNER.name}`, exact: true })).toHaveAttribute('placeholder', 'e.g. Partner');
  await expect(page.getByRole('textbox', { name: `Pseudonym for ${MANAGER.name}`, exact: true })).toHaveAttribute('placeholder', 'e.g. Manager');
  // A month of a small journal: a few pages, no suggestion to shorten it.
  await builder.chooseDates(RANGE.from, RANGE.to);
  expect(await builder.estimatedPages()).toBeLessThanOrEqual(6);
  await expect(builder.useSummaries).toHaveCount(0);
});

test('a report reaching back before the journal began says when it started; safety concerns open page one; the estimate matches the PDF', async ({ page, host }, testInfo) => {
  await openJournal(page, host);
  const builder = new ReportBuilder(page);
  await builder.open();
  // The first entry is on 15 January 2024; the 90 days before February–April reach into 2023.
  await builder.chooseDates('2024-02-01', RANGE.to);
  await builder.entries('Only entries flagged “raise with my therapist”');
  const estimate = await builder.estimatedPages();
  const preview = await builder.openPreview();
  const doc = preview.document;
  await expect(doc).toContainText('Journal started on 15 January 2024, so there is no earlier period of the same length to compare with.');
  await expect(doc).not.toContainText('(was');
  await expect(doc).not.toContainText('compared with the');
  const safety = doc.getByRole('region', { name: 'Safety concerns in this period' });
  await expect(safety).toContainText('1 entry in this period is marked as a safety concern.');
  await expect(safety).toContainText('Thu, 25 Apr 2024');
  await expect(doc.getByRole('heading', { name: /^Entries · entries I flagged to talk about$/ })).toBeVisible();

  const pdf = await printReport(page, testInfo.outputPath('report-young-journal.pdf'));
  const first = pdf.pageTexts[0]!;
  expect(first).toContain('Journal started on 15 January 2024');
  expect(first.indexOf('Safety concerns in this period')).toBeGreaterThan(-1);
  expect(first.indexOf('Safety concerns in this period')).toBeLessThan(first.indexOf('In numbers'));
  expect(pdf.text).not.toMatch(/\(was /);
  expect(pdf.text).toContain('entries I flagged to talk about');
  expect(pdf.text).not.toMatch(/\bi (flagged|held)\b/);
  expect(Math.abs(estimate - pdf.pages), `estimated ${estimate}, printed ${pdf.pages}`).toBeLessThanOrEqual(1);
  expect(headerFooterProblems(pdf)).toEqual([]);
});

/** The report builder (#/report) and its print view (#/report/print), found by role and label. */
import { expect, type Locator, type Page } from '@playwright/test';
import { Gate } from './gate.js';

export class ReportBuilder {
  readonly heading: Locator;
  readonly preview: Locator;
  readonly questions: Locator;
  /** The bar that stays at the bottom of the window: the preview button and the printed length. */
  readonly foot: Locator;
  /** "Printed, this report is about N pages (…)" */
  readonly estimate: Locator;
  readonly useSummaries: Locator;
  /** The explicit choice of a long print: every entry in full, not only the first few dozen. */
  readonly everyEntryInFull: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Report for your therapist', level: 1 });
    this.preview = page.getByRole('button', { name: 'Preview the report' });
    this.questions = page.getByRole('textbox', { name: 'Questions for my next session' });
    this.foot = page.getByRole('region', { name: 'Preview and length' });
    this.estimate = this.foot.getByRole('status').getByRole('paragraph').filter({ hasText: /^Printed, this report is about/ });
    this.useSummaries = this.foot.getByRole('button', { name: 'Show the entries as summaries' });
    this.everyEntryInFull = page.getByRole('checkbox', { name: /^Full text for every entry/ });
  }

  /** The estimated page count once it is shown for the current settings. */
  async estimatedPages(): Promise<number> {
    await expect(this.foot.getByRole('status')).toHaveAttribute('aria-busy', 'false');
    const text = await this.estimate.innerText();
    const m = /about ([\d,]+) pages?/.exec(text);
    if (!m) throw new Error(`no page count in "${text}"`);
    return Number(m[1]!.replace(/,/g, ''));
  }

  /** Opens the journal at `url` with `passphrase`, then the builder. */
  static async unlockedAt(page: Page, url: string, passphrase: string): Promise<ReportBuilder> {
    await page.goto(url);
    await new Gate(page).unlock(passphrase);
    const builder = new ReportBuilder(page);
    await builder.open();
    return builder;
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  async chooseDates(from: string, to: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Dates I choose' }).check();
    await this.page.getByLabel('From', { exact: true }).fill(from);
    await this.page.getByLabel('To', { exact: true }).fill(to);
  }

  async pseudonym(realName: string, alias: string): Promise<void> {
    await this.page.getByRole('textbox', { name: `Pseudonym for ${realName}`, exact: true }).fill(alias);
  }

  async include(realName: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Include ${realName}`, exact: true }).check();
  }

  async entries(which: 'All entries in the range' | 'Only entries flagged “raise with my therapist”' | 'Entries I pick' | 'No entries'): Promise<void> {
    await this.page.getByRole('radio', { name: which }).check();
  }

  async detail(how: 'full' | 'summary'): Promise<void> {
    await this.page.getByRole('radio', { name: how === 'full' ? /^In full/ : /^Summary only/ }).check();
  }

  /** Ticks an entry in the hand-picked list by its title. */
  async pick(title: string): Promise<void> {
    await this.page.getByRole('list', { name: /Pick entries/ }).getByRole('checkbox', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
  }

  async section(label: string, on: boolean): Promise<void> {
    await this.page.getByRole('group', { name: 'Sections' }).getByRole('checkbox', { name: label, exact: true }).setChecked(on);
  }

  /** "Language of the report": the language the document is printed in, by its own name (Deutsch, العربية). */
  async language(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Language of the report' }).selectOption({ label: name });
  }

  async openPreview(): Promise<ReportPreview> {
    await this.preview.click();
    const p = new ReportPreview(this.page);
    await expect(p.heading).toBeVisible();
    await expect(p.document).toBeVisible();
    return p;
  }

  /** The preview of a report printed in another language: its document is named in that language. */
  async openPreviewOf(documentName: string): Promise<Locator> {
    await this.preview.click();
    await expect(new ReportPreview(this.page).heading).toBeVisible();
    const doc = this.page.getByRole('article', { name: documentName, exact: true });
    await expect(doc).toBeVisible();
    return doc;
  }
}

export class ReportPreview {
  readonly heading: Locator;
  readonly document: Locator;
  readonly confirmDialog: Locator;
  /** The report's last section: the stated head, what is left out, each entry's hash and proof. */
  readonly verification: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Report preview', level: 1 });
    this.document = page.getByRole('article', { name: 'The report' });
    this.confirmDialog = page.getByRole('dialog', { name: /will not be encrypted/ });
    this.verification = this.document.getByRole('region', { name: 'Verification' });
  }

  /** "Evidence package", confirmed: the zip's download (browser mode). */
  async evidencePackage(): Promise<void> {
    await this.page.getByRole('group', { name: 'Save or print the report' }).getByRole('button', { name: 'Evidence package' }).click();
    await expect(this.confirmDialog).toHaveAccessibleName('The evidence package will not be encrypted');
    await this.confirmDialog.getByRole('button', { name: 'Download the evidence package (not encrypted)' }).click();
    await expect(this.confirmDialog).toBeHidden();
  }

  /** A chart of the report, by its title: the insights page's chart card, drawn for print. */
  chart(title: string): Locator {
    return this.document.getByRole('region', { name: title, exact: true });
  }

  /** The drawing of a chart (an image named by its summary) and the marks drawn in it (lines, bars, points). */
  chartDrawing(title: string): { image: Locator; marks: Locator } {
    const image = this.chart(title).getByRole('img', { name: new RegExp(`^${title}, drawn as a chart`) });
    return { image, marks: image.locator('.recharts-line-curve, .recharts-bar-rectangle, .chart-mark') };
  }

  /** Clicks a save/print button and confirms the "not encrypted" warning, which names the format. */
  async exportAs(button: 'Print or save as PDF…' | 'Markdown' | 'CSV' | 'JSON', formatName: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Save or print the report' }).getByRole('button', { name: button }).click();
    await expect(this.confirmDialog).toHaveAccessibleName(`This ${formatName} file will not be encrypted`);
    await this.confirmDialog.getByRole('button', { name: new RegExp(`^(Download|Print|Save) ${formatName} \\(not encrypted\\)$`) }).click();
    await expect(this.confirmDialog).toBeHidden();
  }
}

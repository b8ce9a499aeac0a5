/** An entry's History panel, and the Safety page's history check and receipts. */
import { expect, type Locator, type Page } from '@playwright/test';

export class EntryHistoryPanel {
  readonly region: Locator;
  readonly versions: Locator;
  readonly diff: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'History' });
    this.versions = this.region.getByRole('list', { name: 'Versions, oldest first' }).getByRole('listitem');
    this.diff = this.region.getByRole('region', { name: /^Version \d+, saved .* compared with now$/ });
  }

  /** The panel's facts as shown, e.g. { Happened: '…', 'First written': '…', Changed: 'twice' }. */
  async facts(): Promise<Record<string, string>> {
    const terms = await this.region.getByRole('term').allInnerTexts();
    const values = await this.region.getByRole('definition').allInnerTexts();
    expect(values).toHaveLength(terms.length);
    return Object.fromEntries(terms.map((t, i) => [t.trim(), values[i]!.trim()]));
  }

  async open(version: number): Promise<void> {
    await this.region.getByRole('button', { name: new RegExp(`^Version ${version} · `) }).click();
    await expect(this.diff).toBeVisible();
  }

  inserted(text: string): Locator {
    return this.diff.getByRole('insertion').filter({ hasText: text });
  }

  deleted(text: string): Locator {
    return this.diff.getByRole('deletion').filter({ hasText: text });
  }

  /** Chooses a receipt to compare with; returns the line saying what changed since it. */
  async compareWithReceipt(code: string): Promise<Locator> {
    const select = this.region.getByRole('combobox', { name: 'Compare with a receipt' });
    // The receipts load with the page: wait for this one to be offered before choosing it.
    const option = select.getByRole('option', { name: new RegExp(`^${code} · `) });
    await expect(option).toHaveCount(1);
    await select.selectOption({ label: (await option.textContent())! });
    return this.region.getByRole('status').filter({ hasText: code });
  }

  async restore(version: number): Promise<void> {
    await this.diff.getByRole('button', { name: `Restore version ${version}` }).click();
    await expect(this.diff).toBeHidden();
  }
}

export class HistoryCheck {
  readonly section: Locator;
  readonly checkLine: Locator;
  readonly receipt: Locator;
  readonly receipts: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'History and receipts' });
    this.checkLine = this.section.getByRole('status').filter({ hasText: /History (checked|not checked)/ });
    this.receipt = this.section.getByRole('region', { name: /^Receipt / });
    this.receipts = this.section.getByRole('list', { name: 'Receipts taken' }).getByRole('listitem');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety' }).click();
    await expect(this.page.getByRole('heading', { name: 'Safety', level: 1 })).toBeVisible();
  }

  async checkAll(): Promise<void> {
    await this.section.getByRole('button', { name: 'Check the whole history now' }).click();
  }

  async takeReceipt(): Promise<void> {
    await this.section.getByRole('button', { name: 'Take a receipt' }).click();
    await expect(this.receipt).toBeVisible();
  }
}

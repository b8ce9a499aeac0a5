/**
 * Checking a report's evidence file: the standalone verifier (verify-report.html, opened from disk)
 * and the app's "Check a report" screen have the same fields, button and result, so one model drives both.
 */
import type { Locator, Page } from '@playwright/test';

export class ReportChecker {
  readonly file: Locator;
  readonly receipt: Locator;
  readonly checkButton: Locator;
  /** The one-sentence result when the report checks out. */
  readonly valid: Locator;
  /** The one-sentence result when it does not (or the file is not an evidence file). */
  readonly invalid: Locator;
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.file = page.getByLabel('Evidence file (or drop it here)');
    this.receipt = page.getByRole('textbox', { name: 'A receipt’s code (optional)' });
    this.checkButton = page.getByRole('button', { name: 'Check', exact: true });
    this.valid = page.getByRole('status').filter({ hasText: /^Valid against head/ });
    this.invalid = page.getByRole('alert').filter({ hasText: /^(Not valid|This file is not)/ });
    this.entries = page.getByRole('list', { name: 'Entries in the report' }).getByRole('listitem');
  }

  async load(file: string): Promise<void> {
    await this.file.setInputFiles(file);
  }

  async checkAgainst(receiptCode: string): Promise<void> {
    await this.receipt.fill(receiptCode);
    await this.checkButton.click();
  }
}

/** "Your data" (#/data): export, encrypted backup and restore, import — by role and label. */
import { expect, type Locator, type Page } from '@playwright/test';

export class DataPage {
  readonly heading: Locator;
  readonly exportSection: Locator;
  readonly backupSection: Locator;
  readonly importSection: Locator;
  readonly restoreDialog: Locator;
  readonly plaintextDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Your data', level: 1 });
    this.exportSection = page.getByRole('region', { name: 'Export' });
    this.backupSection = page.getByRole('region', { name: 'Encrypted backup' });
    this.importSection = page.getByRole('region', { name: 'Import' });
    this.restoreDialog = page.getByRole('dialog', { name: 'Restore from a backup' });
    this.plaintextDialog = page.getByRole('dialog', { name: /will not be encrypted/ });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Uploads a file to import (browser mode) and waits for its preview or an error. */
  async chooseImportFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.importSection.getByLabel('File to import').setInputFiles(file);
  }

  async chooseBackupFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.backupSection.getByLabel('Backup file (.fulcrum)').setInputFiles(file);
    await expect(this.restoreDialog).toBeVisible();
  }
}

/** The Safety page's passphrase and recovery-key controls. */
import { expect, type Locator, type Page } from '@playwright/test';
import { Gate } from './gate.js';

export class SafetyPage {
  readonly section: Locator;
  readonly heading: Locator;
  readonly newKeyHeading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Safety', level: 1 });
    this.section = page.getByRole('region', { name: 'Passphrase and recovery key' });
    this.newKeyHeading = page.getByRole('heading', { name: 'Your new recovery key', level: 3 });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety' }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Fills in the change form; returns the new recovery key once it is shown. */
  async changePassphrase(current: { passphrase: string } | { recoveryKey: string }, next: string): Promise<string> {
    await this.section.getByRole('button', { name: 'Change passphrase' }).click();
    if ('passphrase' in current) await this.section.getByRole('textbox', { name: 'Current passphrase' }).fill(current.passphrase);
    else {
      await this.section.getByRole('checkbox', { name: /use my recovery key/ }).check();
      await this.section.getByRole('textbox', { name: 'Your recovery key' }).fill(current.recoveryKey);
    }
    await this.section.getByRole('textbox', { name: 'New passphrase', exact: true }).fill(next);
    await this.section.getByRole('textbox', { name: 'Repeat new passphrase' }).fill(next);
    const submit = this.section.getByRole('button', { name: 'Change passphrase' });
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(this.newKeyHeading).toBeVisible();
    return new Gate(this.page).readShownRecoveryKey();
  }

  async issueNewRecoveryKey(passphrase: string): Promise<string> {
    await this.section.getByRole('button', { name: 'Issue a new recovery key' }).click();
    await this.section.getByRole('textbox', { name: 'Current passphrase' }).fill(passphrase);
    await this.section.getByRole('button', { name: 'Issue new recovery key' }).click();
    await expect(this.newKeyHeading).toBeVisible();
    return new Gate(this.page).readShownRecoveryKey();
  }

  /** Types back the asked group of the shown key; the section goes back to its two buttons. */
  async confirmNewKey(): Promise<void> {
    await new Gate(this.page).confirmRecoveryKeySaved();
    await expect(this.newKeyHeading).toBeHidden();
    await expect(this.section.getByRole('button', { name: 'Change passphrase' })).toBeVisible();
  }
}

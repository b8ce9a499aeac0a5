/**
 * Everything before the journal opens: the welcome, creating a journal, the one-time recovery key,
 * and the unlock screen.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class Gate {
  readonly welcomeHeading: Locator;
  readonly createHeading: Locator;
  readonly recoveryHeading: Locator;
  readonly unlockHeading: Locator;
  readonly passphrase: Locator;
  readonly repeatPassphrase: Locator;
  readonly strength: Locator;
  readonly recoveryKey: Locator;
  readonly useRecoveryKey: Locator;
  readonly unlockButton: Locator;
  /** A wrong passphrase or recovery key is reported as an alert. */
  readonly error: Locator;
  /** Shown once after unlocking when someone tried a wrong passphrase while the journal was locked. */
  readonly failedAttemptsNotice: Locator;

  constructor(readonly page: Page) {
    this.welcomeHeading = page.getByRole('heading', { name: 'Welcome to Fulcrum', level: 1 });
    this.createHeading = page.getByRole('heading', { name: 'Create your journal', level: 1 });
    this.recoveryHeading = page.getByRole('heading', { name: 'Your recovery key', level: 1 });
    this.unlockHeading = page.getByRole('heading', { name: 'Unlock your journal', level: 1 });
    this.passphrase = page.getByRole('textbox', { name: 'Passphrase', exact: true });
    this.repeatPassphrase = page.getByRole('textbox', { name: 'Repeat passphrase' });
    this.strength = page.getByRole('meter', { name: 'Passphrase strength' });
    this.recoveryKey = page.getByRole('textbox', { name: 'Recovery key' });
    this.useRecoveryKey = page.getByRole('checkbox', { name: 'Use recovery key' });
    this.unlockButton = page.getByRole('button', { name: 'Unlock' });
    this.error = page.getByRole('alert');
    this.failedAttemptsNotice = page.getByRole('dialog', { name: 'Failed unlock attempts' });
  }

  async dismissFailedAttemptsNotice(): Promise<void> {
    await this.failedAttemptsNotice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(this.failedAttemptsNotice).toBeHidden();
  }

  async startCreating(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create a journal' }).click();
    await expect(this.createHeading).toBeVisible();
  }

  /** Types the passphrase twice and waits until the strength check lets the journal be created. */
  async choosePassphrase(passphrase: string): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.repeatPassphrase.fill(passphrase);
    await expect(this.page.getByRole('button', { name: 'Create journal' })).toBeEnabled();
  }

  /** Creates the journal and returns the recovery key it shows, without confirming it yet. */
  async createJournal(passphrase: string): Promise<string> {
    await this.choosePassphrase(passphrase);
    await this.page.getByRole('button', { name: 'Create journal' }).click();
    await expect(this.recoveryHeading).toBeVisible();
    await expect(this.recoveryKey).not.toHaveValue('');
    return this.recoveryKey.inputValue();
  }

  /** "I have saved my recovery key", then Continue into the journal. */
  async confirmRecoveryKeySaved(): Promise<void> {
    const next = this.page.getByRole('button', { name: 'Continue' });
    await expect(next).toBeDisabled();
    await this.page.getByRole('checkbox', { name: 'I have saved my recovery key' }).check();
    await next.click();
  }

  async attemptUnlock(passphrase: string): Promise<void> {
    await expect(this.unlockHeading).toBeVisible();
    await this.passphrase.fill(passphrase);
    await this.unlockButton.click();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.attemptUnlock(passphrase);
    await expect(this.unlockHeading).toBeHidden();
  }

  async unlockWithRecoveryKey(recoveryKey: string): Promise<void> {
    await expect(this.unlockHeading).toBeVisible();
    await this.useRecoveryKey.check();
    await this.recoveryKey.fill(recoveryKey);
    await this.unlockButton.click();
    await expect(this.unlockHeading).toBeHidden();
  }
}

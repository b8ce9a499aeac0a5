/**
 * Everything before the journal opens: the welcome, creating a journal, the recovery key (until it is
 * confirmed), the unlock screen, and the new passphrase asked for after a recovery-key unlock.
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
  /** The recovery key field of the unlock screen. */
  readonly recoveryKey: Locator;
  /** The recovery key as shown after creating a journal or changing the passphrase. */
  readonly shownRecoveryKey: Locator;
  /** The field where one group of the shown key is typed back. */
  readonly recoveryGroup: Locator;
  readonly newPassphraseHeading: Locator;
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
    this.shownRecoveryKey = page.getByRole('figure', { name: 'Recovery key' }).getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    this.recoveryGroup = page.getByRole('textbox', { name: /^Group \d of your recovery key$/ });
    this.newPassphraseHeading = page.getByRole('heading', { name: 'Choose a new passphrase', level: 1 });
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
    return this.readShownRecoveryKey();
  }

  /** The recovery key on screen, as one line of eight groups. */
  async readShownRecoveryKey(): Promise<string> {
    await expect(this.shownRecoveryKey).toBeVisible();
    return ((await this.shownRecoveryKey.textContent()) ?? '').replace(/\s+/g, '');
  }

  /** Which group (1–8) the screen asks to type back. */
  async askedGroup(): Promise<number> {
    const label = (await this.page.getByText(/^Group \d of your recovery key$/).textContent()) ?? '';
    return Number(/Group (\d)/.exec(label)?.[1]);
  }

  /** Types back the group the screen asks for (read from the key on screen), then Continue. */
  async confirmRecoveryKeySaved(): Promise<void> {
    const key = await this.readShownRecoveryKey();
    const next = this.page.getByRole('button', { name: 'Continue' });
    await expect(next).toBeDisabled();
    const group = await this.askedGroup();
    await this.recoveryGroup.fill(key.split('-')[group - 1]!);
    await next.click();
    await expect(this.shownRecoveryKey).toBeHidden();
  }

  /** After a recovery-key unlock: chooses the new passphrase; returns the new recovery key shown. */
  async chooseNewPassphrase(passphrase: string): Promise<string> {
    await expect(this.newPassphraseHeading).toBeVisible();
    await this.page.getByRole('textbox', { name: 'New passphrase', exact: true }).fill(passphrase);
    await this.page.getByRole('textbox', { name: 'Repeat new passphrase' }).fill(passphrase);
    const change = this.page.getByRole('button', { name: 'Change passphrase' });
    await expect(change).toBeEnabled();
    await change.click();
    await expect(this.recoveryHeading).toBeVisible();
    return this.readShownRecoveryKey();
  }

  async attemptUnlock(passphrase: string): Promise<void> {
    await expect(this.unlockHeading).toBeVisible();
    if (await this.useRecoveryKey.isChecked()) await this.useRecoveryKey.uncheck();
    await this.passphrase.fill(passphrase);
    await this.unlockButton.click();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.attemptUnlock(passphrase);
    await expect(this.unlockHeading).toBeHidden();
  }

  async attemptUnlockWithRecoveryKey(recoveryKey: string): Promise<void> {
    await expect(this.unlockHeading).toBeVisible();
    await this.useRecoveryKey.check();
    await this.recoveryKey.fill(recoveryKey);
    await this.unlockButton.click();
  }

  /** Unlocks with the recovery key; the next screen asks for a new passphrase (chooseNewPassphrase). */
  async unlockWithRecoveryKey(recoveryKey: string): Promise<void> {
    await this.attemptUnlockWithRecoveryKey(recoveryKey);
    await expect(this.unlockHeading).toBeHidden();
    await expect(this.newPassphraseHeading).toBeVisible();
  }
}

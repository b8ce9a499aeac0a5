/** One entry on its own page, and the trash where deleted entries wait. */
import { expect, type Locator, type Page } from '@playwright/test';

export class EntryView {
  constructor(readonly page: Page) {}

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, level: 1 });
  }

  /** The entry's facts as shown, e.g. { 'Balance of power': 'They held more power', Heard: '2 of 5' }. */
  async facts(): Promise<Record<string, string>> {
    const terms = await this.page.getByRole('term').allInnerTexts();
    const values = await this.page.getByRole('definition').allInnerTexts();
    expect(values).toHaveLength(terms.length);
    return Object.fromEntries(terms.map((t, i) => [t.trim(), values[i]!.trim()]));
  }

  async edit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit' }).click();
    await expect(this.page.getByRole('heading', { name: 'Edit entry', level: 1 })).toBeVisible();
  }

  async moveToTrash(): Promise<void> {
    await this.page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(this.page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  }

  /** The toast's Undo after moving an entry to the trash. */
  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }
}

export class Trash {
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.entries = page.getByRole('article');
  }

  entry(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  async restore(title: string): Promise<void> {
    await this.entry(title).getByRole('button', { name: 'Restore' }).click();
    await expect(this.entry(title)).toBeHidden();
  }

  async deletePermanently(title: string): Promise<void> {
    await this.entry(title).getByRole('button', { name: 'Delete permanently' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
    await expect(this.entry(title)).toBeHidden();
  }
}

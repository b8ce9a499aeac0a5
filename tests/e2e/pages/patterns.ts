/** The Patterns page: the built-in catalogue plus one's own patterns. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface PatternFields {
  name: string;
  kind?: 'Imbalance' | 'Healthy' | 'Neutral';
  /** A category as shown, e.g. "Decisions", "Other". */
  category?: string;
}

export class Patterns {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  pattern(label: string): Locator {
    return this.page.getByRole('main').getByRole('listitem').filter({ hasText: label });
  }

  async add(p: PatternFields): Promise<void> {
    await this.page.getByRole('button', { name: 'New pattern' }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('textbox', { name: 'Name' }).fill(p.name);
    // The options carry a sign before the word ("≠ Imbalance"), so match on the word.
    if (p.kind) await this.dialog.getByRole('combobox', { name: 'Kind of pattern' }).selectOption({ label: await this.optionLabel('Kind of pattern', p.kind) });
    if (p.category) await this.dialog.getByRole('combobox', { name: 'Category' }).selectOption({ label: p.category });
    await this.dialog.getByRole('button', { name: 'Save pattern' }).click();
    await expect(this.dialog).toBeHidden();
  }

  async rename(label: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${label}` }).click();
    await this.dialog.getByRole('textbox', { name: 'Name' }).fill(to);
    await this.dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(this.dialog).toBeHidden();
  }

  async merge(label: string, into: string): Promise<void> {
    await this.page.getByRole('button', { name: `Merge ${label}` }).click();
    await this.dialog.getByRole('combobox', { name: 'Merge into' }).selectOption({ label: into });
    await this.dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  private async optionLabel(combobox: string, word: string): Promise<string> {
    const labels = await this.dialog.getByRole('combobox', { name: combobox }).getByRole('option').allInnerTexts();
    const found = labels.find((l) => l.trim().endsWith(word));
    if (!found) throw new Error(`no "${word}" among ${labels.join(', ')}`);
    return found.trim();
  }
}

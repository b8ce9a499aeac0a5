/** The People page and its add/edit dialog. */
import { expect, type Locator, type Page } from '@playwright/test';

export type Relationship = 'Romantic' | 'Professional' | 'Family' | 'Social' | 'Other';

export interface PersonFields {
  name: string;
  relationship?: Relationship;
  /** A palette colour by name: "Orange", "Sky blue", "Green", … */
  colour?: string;
  notes?: string;
}

export class People {
  readonly dialog: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.list = page.getByRole('main').getByRole('listitem');
  }

  person(name: string): Locator {
    return this.list.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** "Add your first person" on an empty list, "Add person" otherwise. */
  async add(p: PersonFields): Promise<void> {
    const first = this.page.getByRole('button', { name: 'Add your first person' });
    await ((await first.isVisible()) ? first : this.page.getByRole('button', { name: 'Add person' })).click();
    await this.fillDialog(p);
    await this.dialog.getByRole('button', { name: 'Save person' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.person(p.name)).toBeVisible();
  }

  async edit(name: string, changes: Partial<PersonFields>): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    await this.fillDialog(changes);
    await this.dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(this.dialog).toBeHidden();
  }

  async archive(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Archive ${name}` }).click();
    await expect(this.person(name)).toBeHidden();
  }

  private async fillDialog(p: Partial<PersonFields>): Promise<void> {
    await expect(this.dialog).toBeVisible();
    if (p.name !== undefined) await this.dialog.getByRole('textbox', { name: 'Name' }).fill(p.name);
    if (p.relationship) await this.dialog.getByRole('combobox', { name: 'Relationship' }).selectOption({ label: p.relationship });
    if (p.colour) await this.dialog.getByRole('radiogroup', { name: 'Colour' }).or(this.dialog.getByRole('group', { name: 'Colour' })).getByRole('radio', { name: p.colour, exact: true }).check();
    if (p.notes !== undefined) await this.dialog.getByRole('textbox', { name: 'Notes' }).fill(p.notes);
  }
}

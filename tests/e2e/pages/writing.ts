/** Guided writing: the editor's template picker and prompt of the day, and Settings → Guided writing. */
import { expect, type Locator, type Page } from '@playwright/test';

export class WritingGuide {
  readonly picker: Locator;
  readonly use: Locator;
  readonly prompt: Locator;
  readonly undo: Locator;
  readonly askDialog: Locator;

  constructor(readonly page: Page) {
    this.picker = page.getByRole('combobox', { name: 'Start from a template' });
    this.use = page.getByRole('button', { name: 'Use template' });
    this.prompt = page.getByRole('complementary', { name: 'A prompt for today' });
    this.undo = page.getByRole('button', { name: 'Undo' });
    this.askDialog = page.getByRole('dialog', { name: 'There is already text here' });
  }

  /** Chooses a template by its name and uses it (answering nothing: the body may still ask). */
  async choose(name: string): Promise<void> {
    await this.picker.selectOption({ label: name });
    await this.use.click();
  }

  async answer(choice: 'Add below' | 'Replace my text' | 'Keep as it is'): Promise<void> {
    await this.askDialog.getByRole('button', { name: choice }).click();
    await expect(this.askDialog).toBeHidden();
  }
}

export class WritingSettings {
  readonly section: Locator;
  readonly promptOn: Locator;
  readonly ownList: Locator;
  readonly add: Locator;
  readonly name: Locator;
  readonly body: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Guided writing' });
    this.promptOn = page.getByRole('checkbox', { name: 'Show a prompt of the day on a new, empty entry' });
    this.ownList = page.getByRole('list', { name: 'Your templates' });
    this.add = page.getByRole('button', { name: 'Add template' });
    this.name = this.section.getByRole('textbox', { name: 'Name' });
    this.body = this.section.getByRole('textbox', { name: 'Headings or questions' });
    this.save = page.getByRole('button', { name: 'Save template' });
  }

  async create(name: string, body: string): Promise<void> {
    await this.add.click();
    await this.name.fill(name);
    await this.body.fill(body);
    await this.save.click();
    await expect(this.ownList.getByText(name, { exact: true })).toBeVisible();
  }

  names(): Promise<string[]> {
    return this.ownList.getByRole('listitem').locator('.template-name').allTextContents();
  }

  async edit(name: string, fields: { name?: string; body?: string }): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.body !== undefined) await this.body.fill(fields.body);
    await this.save.click();
    await expect(this.save).toBeHidden();
  }

  async moveUp(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Move ${name} up` }).click();
  }

  async remove(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete this template?' });
    await dialog.getByRole('button', { name: 'Delete template' }).click();
    await expect(dialog).toBeHidden();
  }
}

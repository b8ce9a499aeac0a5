/**
 * The main journey in any of Fulcrum's languages: the same screens as the English page models, found
 * by role and by the words of the language's own catalogue (renderer/i18n/messages), so a test reads
 * what a speaker of that language reads.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { CATALOGUES } from '../../../renderer/i18n/translate.js';
import type { MessageId } from '../../../renderer/i18n/messages/en.js';
import type { Language } from '../../../shared/locales.js';

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
/** A number as the page wrote it, in Western or Arabic-Indic digits. */
export const readNumber = (s: string): number => Number([...s].map((c) => (ARABIC_DIGITS.includes(c) ? String(ARABIC_DIGITS.indexOf(c)) : c)).join(''));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Localised {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  /** A message of this language, without its arguments filled in. */
  m(id: MessageId): string {
    return CATALOGUES[this.language][id];
  }

  /** A message with simple `{arg}` arguments as a pattern that matches any digits there. */
  pattern(id: MessageId): RegExp {
    const parts = this.m(id).split(/\{\w+\}/);
    return new RegExp(`^${parts.map(escape).join('([0-9٠-٩]+)')}$`);
  }

  heading(id: MessageId, level = 1): Locator {
    return this.page.getByRole('heading', { name: this.m(id), level });
  }

  button(id: MessageId): Locator {
    return this.page.getByRole('button', { name: this.m(id), exact: true });
  }

  textbox(id: MessageId): Locator {
    return this.page.getByRole('textbox', { name: this.m(id), exact: true });
  }

  async createJournal(passphrase: string): Promise<void> {
    await expect(this.heading('welcome.title')).toBeVisible();
    await this.button('welcome.create').click();
    await expect(this.heading('create.title')).toBeVisible();
    await this.textbox('passphrase.label').fill(passphrase);
    await this.textbox('passphrase.repeat').fill(passphrase);
    await expect(this.page.getByText(this.m('passphrase.good'))).toBeVisible();
    await this.button('create.submit').click();
    await expect(this.heading('recovery.title')).toBeVisible();
  }

  /** Reads the recovery key and types back the group asked for (its number as this language writes it). */
  async confirmRecoveryKey(): Promise<void> {
    const key = ((await this.page.getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/).textContent()) ?? '').replace(/\s+/g, '');
    const field = this.page.getByRole('textbox', { name: this.pattern('recoveryKey.group') });
    const label = (await this.page.getByText(this.pattern('recoveryKey.group')).textContent()) ?? '';
    const group = readNumber(this.pattern('recoveryKey.group').exec(label)?.[1] ?? '');
    await field.fill(key.split('-')[group - 1]!);
    await this.button('recoveryKey.continue').click();
    await expect(this.heading('timeline.title')).toBeVisible();
  }

  async goTo(nav: MessageId): Promise<void> {
    await this.page.getByRole('navigation', { name: this.m('nav.main') }).getByRole('link', { name: this.m(nav), exact: true }).click();
  }

  /** Writes an entry with a title, a body and built-in patterns (named in this language), and saves it. */
  async writeEntry(fields: { title: string; body: string; patterns: MessageId[]; balance?: number }): Promise<void> {
    await this.button('nav.newEntry').click();
    await expect(this.heading('editor.new')).toBeVisible();
    await this.textbox('editor.titleLabel').fill(fields.title);
    await this.textbox('editor.body').fill(fields.body);
    for (const p of fields.patterns) await this.page.getByRole('checkbox', { name: this.m(p), exact: true }).check();
    if (fields.balance !== undefined) {
      // Set by value: which arrow key moves a slider "left" depends on the page's direction.
      await this.page.getByRole('slider', { name: this.m('entry.balance') }).fill(String(fields.balance));
    }
    await this.button('editor.save').click();
    await expect(this.heading('timeline.title')).toBeVisible();
  }

  entryCard(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  async chooseLanguage(choice: string): Promise<void> {
    await this.page.getByRole('combobox', { name: this.m('language.label') }).selectOption(choice);
  }
}

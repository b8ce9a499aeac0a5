/** The entry editor (new entry and edit entry), driven the way a person fills it in. */
import { expect, type Locator, type Page } from '@playwright/test';

export type Rating = 'Intensity' | 'Heard' | 'Respected' | 'Valued' | 'Involved';

/** What to put in an entry. Omitted fields are left as they are. */
export interface EntryFields {
  /** `YYYY-MM-DDTHH:mm`, as the "When" field takes it. */
  when?: string;
  title?: string;
  body?: string;
  people?: string[];
  /** Pattern labels, exactly as the picker shows them. */
  patterns?: string[];
  /** −3 (they held far more power) … +3 (I held far more). */
  balance?: number;
  ratings?: Partial<Record<Rating, 1 | 2 | 3 | 4 | 5>>;
  areas?: string[];
  powerSources?: string[];
  outcome?: string;
  forTherapist?: boolean;
  safetyConcern?: boolean;
}

export class EntryEditor {
  readonly when: Locator;
  readonly title: Locator;
  readonly body: Locator;
  readonly outcome: Locator;
  readonly people: Locator;
  readonly patternFilter: Locator;
  readonly balance: Locator;
  readonly restoredNotice: Locator;
  readonly draftSaved: Locator;

  constructor(readonly page: Page) {
    this.when = page.getByRole('textbox', { name: 'When' });
    this.title = page.getByRole('textbox', { name: 'Title' });
    this.body = page.getByRole('textbox', { name: 'What happened' });
    this.outcome = page.getByRole('textbox', { name: 'Outcome' });
    this.people = page.getByRole('group', { name: 'Who was involved' });
    this.patternFilter = page.getByRole('searchbox', { name: 'Filter patterns' });
    this.balance = page.getByRole('slider', { name: 'Balance of power' });
    this.restoredNotice = page.getByText(/Restored your unsaved draft from/);
    this.draftSaved = page.getByText(/^Draft saved at /);
  }

  rating(name: Rating): Locator {
    return this.page.getByRole('radiogroup', { name });
  }

  pattern(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  async fill(f: EntryFields): Promise<void> {
    if (f.when !== undefined) await this.when.fill(f.when);
    if (f.title !== undefined) await this.title.fill(f.title);
    if (f.body !== undefined) await this.body.fill(f.body);
    for (const name of f.people ?? []) await this.people.getByRole('checkbox', { name, exact: true }).check();
    for (const label of f.patterns ?? []) {
      // Type to filter, as one would among fifty patterns, then tick it.
      await this.patternFilter.fill(label);
      await this.pattern(label).check();
    }
    if (f.patterns?.length) await this.patternFilter.fill('');
    if (f.balance !== undefined) {
      // The slider starts "not rated" with its thumb in the middle; a click settles it there
      // (Balanced), as a person would, and then it moves to the value.
      await this.balance.click();
      await this.balance.fill(String(f.balance));
      await expect(this.balance).toHaveValue(String(f.balance));
    }
    for (const [name, value] of Object.entries(f.ratings ?? {}) as [Rating, number][]) {
      await this.rating(name).getByRole('radio', { name: String(value), exact: true }).check();
    }
    for (const name of f.areas ?? []) await this.page.getByRole('group', { name: 'Areas of life' }).getByRole('checkbox', { name, exact: true }).check();
    for (const name of f.powerSources ?? []) await this.page.getByRole('group', { name: 'Power sources' }).getByRole('checkbox', { name, exact: true }).check();
    if (f.outcome !== undefined) await this.outcome.fill(f.outcome);
    if (f.forTherapist !== undefined) await this.page.getByRole('checkbox', { name: 'Raise with my therapist' }).setChecked(f.forTherapist);
    if (f.safetyConcern !== undefined) await this.page.getByRole('checkbox', { name: 'Safety concern' }).setChecked(f.safetyConcern);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save entry' }).click();
    await expect(this.page.getByRole('heading', { name: /^(New|Edit) entry$/, level: 1 })).toBeHidden();
  }

  /** Cancel with nothing changed: straight out of the editor, no questions. */
  async cancel(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.page.getByRole('heading', { name: /^(New|Edit) entry$/, level: 1 })).toBeHidden();
  }

  /** Cancel with unsaved changes: confirm "Discard". */
  async cancelAndDiscard(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Discard' }).click();
  }
}

/**
 * Check-ins (due list, questionnaire, history), the person view (strengths, charts), the Settings
 * page's reminder schedule and browser mode's in-page reminder.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type Question =
  | 'I felt heard'
  | 'I felt respected'
  | 'I was involved in decisions'
  | 'Responsibilities were shared fairly'
  | 'My boundaries were respected'
  | 'I felt safe';

export class CheckIns {
  readonly heading: Locator;
  readonly due: Locator;
  readonly done: Locator;
  readonly history: Locator;
  /** The home screen's "2 check-ins due this week." */
  readonly dueNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Check-ins', level: 1 });
    this.due = page.getByRole('region', { name: 'Due this week' });
    this.done = page.getByRole('region', { name: 'Done this week' });
    this.history = page.getByRole('region', { name: 'History' });
    this.dueNotice = page.getByText(/^\d+ check-ins? due this week\./);
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Check-ins', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** "Check in about Robin" on the due list. */
  async start(name: string): Promise<CheckInForm> {
    await this.due.getByRole('link', { name: `Check in about ${name}` }).click();
    const form = new CheckInForm(this.page);
    await expect(form.heading(name)).toBeVisible();
    await expect(form.save).toBeVisible();
    return form;
  }

  historyChart(name: string): Locator {
    return this.history.getByRole('region', { name: `Check-ins about ${name}` });
  }
}

export class CheckInForm {
  readonly week: Locator;
  readonly note: Locator;
  readonly forTherapist: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.week = page.getByRole('combobox', { name: 'Week' });
    this.note = page.getByRole('textbox', { name: 'Note' });
    this.forTherapist = page.getByRole('checkbox', { name: 'Bring this to my therapist' });
    this.save = page.getByRole('button', { name: 'Save check-in' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name: `Check-in about ${name}`, level: 1 });
  }

  /** The check-in's history: its facts, its versions, one version compared with now. */
  get history(): { section: Locator; changed: Locator; versions: Locator; compared: (rev: number) => Locator; open: (rev: number) => Promise<void>; restore: (rev: number) => Promise<void> } {
    const section = this.page.getByRole('region', { name: 'History of this check-in' });
    const compared = (rev: number) => section.getByRole('region', { name: `Version ${rev} compared with now` });
    return {
      section,
      changed: section.getByRole('definition').nth(2),
      versions: section.getByRole('list', { name: 'Versions of this check-in, oldest first' }).getByRole('listitem'),
      compared,
      open: async (rev: number) => section.getByRole('button', { name: new RegExp(`^Version ${rev} · `) }).click(),
      restore: async (rev: number) => compared(rev).getByRole('button', { name: `Restore version ${rev}` }).click(),
    };
  }

  question(q: Question): Locator {
    return this.page.getByRole('radiogroup', { name: q });
  }

  async answer(q: Question, value: 1 | 2 | 3 | 4 | 5 | null): Promise<void> {
    await this.question(q)
      .getByRole('radio', { name: value === null ? 'Not rated' : String(value), exact: true })
      .check();
  }
}

export class PersonView {
  readonly strengths: Locator;

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    this.strengths = page.getByRole('region', { name: `What ${name} brings` });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await this.page.getByRole('main').getByRole('link', { name: this.name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: this.name, level: 1 })).toBeVisible();
  }

  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  strength(text: string): Locator {
    return this.strengths.getByRole('listitem').filter({ hasText: text });
  }

  async addStrength(text: string): Promise<void> {
    await this.strengths.getByRole('textbox', { name: `Add something ${this.name} brings` }).fill(text);
    await this.strengths.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.strength(text)).toBeVisible();
  }

  async editStrength(text: string, next: string): Promise<void> {
    await this.strengths.getByRole('button', { name: `Edit “${text}”` }).click();
    await this.strengths.getByRole('textbox', { name: 'Change this strength' }).fill(next);
    await this.strengths.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.strength(next)).toBeVisible();
  }

  async deleteStrength(text: string): Promise<void> {
    await this.strengths.getByRole('button', { name: `Delete “${text}”` }).click();
    await expect(this.strength(text)).toHaveCount(0);
  }
}

/** The "You" section of the People page: the user's own strengths. */
export class OwnStrengths {
  readonly section: Locator;
  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'You', exact: true });
  }
  async add(text: string): Promise<void> {
    await this.section.getByRole('textbox', { name: 'Add something you bring' }).fill(text);
    await this.section.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.section.getByRole('listitem').filter({ hasText: text })).toBeVisible();
  }
}

export class Settings {
  readonly heading: Locator;
  readonly reminders: Locator;
  readonly journalOn: Locator;
  readonly journalTime: Locator;
  readonly checkInOn: Locator;
  readonly checkInDay: Locator;
  readonly checkInTime: Locator;
  readonly snooze: Locator;
  readonly weekStart: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Settings', level: 1 });
    this.reminders = page.getByRole('region', { name: 'Reminders' });
    this.journalOn = page.getByRole('checkbox', { name: 'Remind me to write in my journal' });
    this.journalTime = page.getByLabel('Journal reminder time');
    this.checkInOn = page.getByRole('checkbox', { name: 'Remind me about check-ins' });
    this.checkInDay = page.getByRole('combobox', { name: 'Check-in reminder day' });
    this.checkInTime = page.getByLabel('Check-in reminder time');
    this.snooze = page.getByRole('combobox', { name: '“Snooze” waits' });
    this.weekStart = page.getByRole('combobox', { name: 'Week starts on' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(this.heading).toBeVisible();
    await expect(this.journalOn).toBeVisible();
  }

  journalDay(day: string): Locator {
    return this.page.getByRole('group', { name: 'On these days' }).getByRole('checkbox', { name: day, exact: true });
  }
}

/** Browser mode's in-page reminder. */
export class ReminderBanner {
  readonly region: Locator;
  readonly snooze: Locator;
  readonly dismiss: Locator;
  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Reminder', exact: true });
    this.snooze = this.region.getByRole('button', { name: /^Snooze / });
    this.dismiss = this.region.getByRole('button', { name: 'Dismiss' });
  }
}

/** The unlocked app's frame: the sidebar (navigation, New entry, Lock, shortcuts) and page headings. */
import { expect, type Locator, type Page } from '@playwright/test';

export type Section = 'Timeline' | 'People' | 'Patterns' | 'Trash';

export class Shell {
  readonly nav: Locator;
  readonly browserModeBadge: Locator;
  readonly shortcutsDialog: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.browserModeBadge = page.getByText('Browser mode', { exact: true });
    this.shortcutsDialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  /** The page's title (each page has exactly one level-1 heading). */
  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  async goTo(section: Section): Promise<void> {
    await this.nav.getByRole('link', { name: section, exact: true }).click();
    await expect(this.heading(section)).toBeVisible();
  }

  async newEntry(): Promise<void> {
    await this.page.getByRole('button', { name: 'New entry' }).click();
    await expect(this.heading('New entry')).toBeVisible();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock' }).click();
    await expect(this.page.getByRole('heading', { name: 'Unlock your journal', level: 1 })).toBeVisible();
  }

  async openShortcuts(): Promise<void> {
    await this.page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(this.shortcutsDialog).toBeVisible();
  }

  /** The transient message at the bottom of the screen ("Entry moved to the trash." …). */
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}

/**
 * The timeline and its filter bar. Entries are articles named by their title. Only the search box
 * shows until "More filters" is opened; the filter helpers open it when they need it.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class Timeline {
  readonly search: Locator;
  readonly person: Locator;
  readonly pattern: Locator;
  readonly kindOfPattern: Locator;
  readonly entries: Locator;
  readonly continueWriting: Locator;
  readonly emptyState: Locator;
  /** The toggle that shows or hides every filter but the search box (aria-expanded). */
  readonly moreFilters: Locator;
  /** "12 entries match" (or "More than 1,000 entries match" for a broad text search) under the filter bar while a filter is in use. */
  readonly matchCount: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search entries' });
    this.person = page.getByRole('combobox', { name: 'Person' });
    this.pattern = page.getByLabel('Pattern', { exact: true });
    this.kindOfPattern = page.getByRole('combobox', { name: 'Kind of pattern' });
    this.entries = page.getByRole('article');
    this.continueWriting = page.getByRole('link', { name: 'Continue writing' });
    this.emptyState = page.getByRole('heading', { name: 'Your timeline is empty' });
    this.moreFilters = page.getByRole('button', { name: /^More filters/ });
    this.matchCount = page.getByRole('status').filter({ hasText: /^(No entries match|1 entry matches|(More than )?[\d,]+ entries match)$/ });
  }

  /** Shows the filters behind "More filters" (a no-op when they already show). */
  async openFilters(): Promise<void> {
    if ((await this.moreFilters.getAttribute('aria-expanded')) !== 'true') await this.moreFilters.click();
    await expect(this.moreFilters).toHaveAttribute('aria-expanded', 'true');
    await expect(this.person).toBeVisible();
  }

  entry(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  /** Search matches highlighted in an entry's excerpt (<mark>; Playwright's role names lack ARIA 1.3's "mark"). */
  highlights(title: string): Locator {
    return this.entry(title).locator('mark');
  }

  /**
   * Scrolls the timeline until the entry is on screen: it is virtualised, so entries far down are not
   * in the page until one scrolls to them (as a person would, with the wheel).
   */
  async scrollTo(title: string): Promise<Locator> {
    const target = this.entry(title);
    await expect(this.entries.first()).toBeVisible();
    for (let i = 0; i < 60 && !(await target.isVisible()); i++) {
      await this.entries.last().hover();
      await this.page.mouse.wheel(0, 600);
      await this.page.waitForTimeout(50);
    }
    await expect(target).toBeVisible();
    return target;
  }

  async open(title: string): Promise<void> {
    await (await this.scrollTo(title)).getByRole('link', { name: title, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async filterByPattern(label: string): Promise<void> {
    await this.openFilters();
    await this.pattern.selectOption({ label });
  }

  async filterByPerson(name: string): Promise<void> {
    await this.openFilters();
    await this.person.selectOption({ label: name });
  }

  async clearFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(this.search).toHaveValue('');
  }

  /** Waits until exactly these entries are listed (in any order). */
  async expectEntries(titles: string[]): Promise<void> {
    await expect(this.entries).toHaveCount(titles.length);
    for (const t of titles) await expect(this.entry(t)).toBeVisible();
  }
}

/**
 * What browser mode shows when the page has no session: the launch link was already used (a reload,
 * or the link opened again), or there was none.
 */
import type { Locator, Page } from '@playwright/test';

export class LinkScreen {
  readonly usedHeading: Locator;
  readonly missingHeading: Locator;
  readonly explanation: Locator;
  readonly quickExit: Locator;

  constructor(readonly page: Page) {
    this.usedHeading = page.getByRole('heading', { name: 'This link has been used', level: 1 });
    this.missingHeading = page.getByRole('heading', { name: 'Open Fulcrum from its link', level: 1 });
    this.explanation = page.getByRole('main');
    this.quickExit = page.getByRole('button', { name: 'Quick exit' });
  }
}

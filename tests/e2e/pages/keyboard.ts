/**
 * A person at the keyboard: every key goes through `page.keyboard`, and each press of a key or a
 * chord (Ctrl+Enter counts as one) is counted, except the text they mean to write.
 */
import type { Page } from '@playwright/test';

export class Keyboard {
  /** Presses counted so far, the writer's own text aside. */
  count = 0;

  constructor(readonly page: Page) {}

  /** One key or chord, `times` times ("Tab", "ArrowLeft", "ControlOrMeta+Enter"). */
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(key);
      this.count++;
    }
  }

  /** Keys typed to get somewhere (a filter), one press per character, counted. */
  async typeKeys(text: string): Promise<void> {
    for (const ch of text) await this.press(ch);
  }

  /** The writer's own words: typed, not counted. */
  async write(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
}

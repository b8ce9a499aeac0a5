/**
 * Attachments as a person meets them: the editor's Attachments section (attach, paste, drop, record,
 * caption, order, remove), the entry page's files, the viewer dialog, and the report's choices.
 * The editor's section and the viewer are found by the words of any of Fulcrum's languages (English
 * unless told), from the catalogues themselves.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { translateIn, type MessageId, type MessageValues } from '../../../renderer/i18n/translate.js';
import type { Language } from '../../../shared/locales.js';

export interface FileSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class AttachmentsSection {
  readonly section: Locator;
  readonly attachButton: Locator;
  readonly record: Locator;
  readonly stopRecording: Locator;
  readonly list: Locator;

  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {
    this.section = page.getByRole('region', { name: this.m('attachments.title') });
    this.attachButton = this.section.getByRole('button', { name: this.m('attachments.attachFiles') });
    this.record = this.section.getByRole('button', { name: this.m('attachments.voiceRecord') });
    this.stopRecording = this.section.getByRole('button', { name: this.m('attachments.voiceStop') });
    this.list = this.section.getByRole('list', { name: this.m('attachments.attachedFiles') });
  }

  /** A message in this section's language. */
  m(id: MessageId, values?: MessageValues): string {
    return translateIn(this.language, id, values);
  }

  /** The row of one attached file, by its name. */
  row(name: string): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: this.m('attachments.view', { name }), exact: true }) });
  }

  names(): Promise<string[]> {
    return this.list.getByRole('button', { name: /^View / }).evaluateAll((els) => els.map((e) => ((e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? '').replace(/^View /, '')));
  }

  /** Through the "Attach files" button and the file chooser it opens, as a person would. */
  async attach(...files: FileSpec[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.attachButton.click();
    await (await chooser).setFiles(files);
  }

  /** Waits until the file is listed as attached. */
  async attached(name: string): Promise<Locator> {
    const row = this.row(name);
    await expect(row).toBeVisible();
    return row;
  }

  caption(name: string): Locator {
    return this.section.getByRole('textbox', { name: this.m('attachments.captionFor', { name }), exact: true });
  }

  async setCaption(name: string, caption: string): Promise<void> {
    await this.caption(name).fill(caption);
    await this.caption(name).press('Enter');
  }

  moveUp(name: string): Locator {
    return this.section.getByRole('button', { name: this.m('attachments.moveUp', { name }), exact: true });
  }

  moveDown(name: string): Locator {
    return this.section.getByRole('button', { name: this.m('attachments.moveDown', { name }), exact: true });
  }

  remove(name: string): Locator {
    return this.section.getByRole('button', { name: this.m('attachments.removeLabel', { name }), exact: true });
  }

  async view(name: string): Promise<AttachmentViewer> {
    await this.section.getByRole('button', { name: this.m('attachments.view', { name }), exact: true }).click();
    const v = new AttachmentViewer(this.page, this.language);
    await expect(v.dialog).toBeVisible();
    return v;
  }

  /** The message for a file that was refused, e.g. "x.png was not attached. …". */
  refusal(name: string): Locator {
    return this.section.getByRole('alert').filter({ hasText: this.m('attachments.notAttached', { name, reason: '' }).trim() });
  }

  keepDetails(name: string): Locator {
    return this.section.getByRole('checkbox', { name: this.m('attachments.keepSensitive', { name }) });
  }
}

/** The entry page's Attachments section. */
export class EntryFiles {
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Attachments' });
  }

  async view(name: string): Promise<AttachmentViewer> {
    await this.section.getByRole('button', { name: `View ${name}`, exact: true }).click();
    const v = new AttachmentViewer(this.page);
    await expect(v.dialog).toBeVisible();
    return v;
  }
}

export class AttachmentViewer {
  readonly dialog: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly close: Locator;
  readonly image: Locator;
  readonly audio: Locator;

  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {
    const m = (id: MessageId) => translateIn(language, id);
    this.dialog = page.getByRole('dialog');
    this.zoomIn = this.dialog.getByRole('button', { name: m('attachments.zoomIn') });
    this.zoomOut = this.dialog.getByRole('button', { name: m('attachments.zoomOut') });
    this.next = this.dialog.getByRole('button', { name: m('attachments.next'), exact: true });
    this.previous = this.dialog.getByRole('button', { name: m('attachments.previous'), exact: true });
    this.close = this.dialog.getByRole('button', { name: m('attachments.close') });
    this.image = this.dialog.getByRole('img');
    this.audio = this.dialog.locator('audio');
  }

  title(): Locator {
    return this.dialog.getByRole('heading', { level: 2 });
  }

  zoomLevel(): Locator {
    return this.dialog.getByText(/^\d+%$/);
  }

  pdfPage(n: number, of: number, name: string): Locator {
    return this.dialog.getByRole('img', { name: `Page ${n} of ${of} of ${name}` });
  }
}

/** The builder's Attachments section and the report's "Attached files". */
export class ReportFiles {
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Attachments' });
  }

  include(label: string | RegExp): Locator {
    return this.section.getByRole('checkbox', { name: label });
  }

  pseudonymNote(): Locator {
    return this.section.getByText(/A pseudonym cannot hide what is inside this file/);
  }
}

/**
 * Attaching in German and in Arabic: the editor's Attachments section, a photo's location and device
 * details, the refusals of a file (worded from core's reason, never its English), the viewer, and the
 * entry's count on the timeline all speak the browser's language, with axe clean.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { translateIn } from '../../renderer/i18n/translate.js';
import { apiOf } from './api.js';
import { canaryPng, withExif } from './attachment-files.js';
import { expect, test } from './fixtures.js';
import type { InPage } from './in-page.js';
import { AttachmentsSection } from './pages/attachments.js';
import { Localised } from './pages/localised.js';

const PASSPHRASE = 'harbour lantern thistle marble ninety';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(16)]);

for (const { locale, language } of [
  { locale: 'de-DE', language: 'de' },
  { locale: 'ar', language: 'ar' },
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`attaching speaks ${language}: the section, a photo's details, refusals by reason, the viewer and the count`, async ({ page, host }) => {
      test.setTimeout(90_000);
      const call = apiOf(host);
      await call('vault.create', { passphrase: PASSPHRASE });
      await call('vault.lock', {});
      const ui = new Localised(page, language);
      const m = (id: Parameters<typeof translateIn>[1], values?: Parameters<typeof translateIn>[2]) => translateIn(language, id, values);
      await page.goto(await host.newLaunchUrl());
      await ui.textbox('passphrase.label').fill(PASSPHRASE);
      await ui.button('unlock.submit').click();
      await expect(ui.heading('timeline.title')).toBeVisible();

      // A photo that says where it was taken and with what (drawn in the page, then given EXIF).
      const jpeg = await page.evaluate(() => {
        const c = (globalThis as unknown as InPage).document.createElement('canvas');
        c.width = 64;
        c.height = 48;
        const x = c.getContext('2d')!;
        x.fillStyle = '#37a';
        x.fillRect(0, 0, 64, 48);
        return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
      });
      const photo = withExif(Buffer.from(jpeg, 'base64'), { make: 'Canon', model: 'EOS 5D', serial: 'SN12345', when: '2024:05:01 14:03:00', lat: 52.52, lon: 13.405 });

      await ui.button('nav.newEntry').click();
      await expect(ui.heading('editor.new')).toBeVisible();
      const files = new AttachmentsSection(page, language);
      await expect(files.section).toBeVisible();
      await files.attach(
        { name: 'bahnhof.jpg', mimeType: 'image/jpeg', buffer: photo },
        { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: HEIC },
        { name: 'urlaub.jpg', mimeType: 'image/jpeg', buffer: canaryPng('synthetic pixels') },
      );
      const row = await files.attached('bahnhof.jpg');
      await expect(row).toContainText(m('attachments.sensitivePlace', { gps: '52.5200, 13.4050' }));
      await expect(row).toContainText(m('attachments.sensitiveDevice', { device: 'Canon · EOS 5D · SN12345' }));
      await expect(files.keepDetails('bahnhof.jpg')).not.toBeChecked();
      await expect(files.caption('bahnhof.jpg')).toHaveAttribute('placeholder', m('attachments.captionImage'));

      // Refused by core, worded from its reason in this language: never core's English sentence.
      await expect(files.refusal('IMG_0001.HEIC')).toHaveText(m('attachments.notAttached', { name: 'IMG_0001.HEIC', reason: m('error.reason.attachmentHeic') }) + m('attachments.dismiss'));
      await expect(files.refusal('urlaub.jpg')).toContainText(m('error.reason.attachmentMismatch', { extension: 'jpg', content: 'png' }));
      await expect(files.section.getByText(/HEIC\/HEIF photos are not supported|but its content is/)).toHaveCount(0);
      expect(await seriousViolations(page)).toEqual([]);

      const viewer = await files.view('bahnhof.jpg');
      await expect(viewer.zoomIn).toBeVisible();
      await expect(viewer.dialog.getByRole('group', { name: m('attachments.imageStage') })).toBeVisible();
      await viewer.zoomIn.click();
      // 150 %, as the locale writes a percentage (its own digits and sign).
      const percent = await page.evaluate((l) => new Intl.NumberFormat(l, { style: 'percent' }).format(1.5), locale);
      await expect(viewer.dialog.getByText(percent, { exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await viewer.close.click();
      await expect(viewer.dialog).toBeHidden();

      await ui.textbox('editor.titleLabel').fill('Bahnhof / محطة');
      await ui.button('editor.save').click();
      await expect(ui.heading('timeline.title')).toBeVisible();
      await expect(ui.entryCard('Bahnhof / محطة').getByText(m('attachments.count', { count: 1 }), { exact: true })).toBeVisible();
    });
  });
}

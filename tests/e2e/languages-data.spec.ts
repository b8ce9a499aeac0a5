/**
 * "Your data", Safety and an entry's history in Spanish, German and Arabic, as someone whose computer
 * speaks that language: the sections, the history check, a receipt, the lock times and the history's
 * facts come from that language's catalogue (with its plurals), none of the English is left, and axe
 * finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { translateIn } from '../../renderer/i18n/translate.js';
import { expect, test } from './fixtures.js';
import { Localised } from './pages/localised.js';

const PASSPHRASE = 'lantern meadow copper violet seventeen';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const { locale, language } of [
  { locale: 'es-ES', language: 'es' },
  { locale: 'de-DE', language: 'de' },
  { locale: 'ar', language: 'ar' },
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`your data, safety and an entry's history speak ${language}`, async ({ page, host }) => {
      test.setTimeout(120_000);
      const ui = new Localised(page, language);
      const main = page.getByRole('main');
      await page.goto(host.url);
      await ui.createJournal(PASSPHRASE);
      await ui.confirmRecoveryKey();

      await test.step('your data: backup, export and import', async () => {
        await ui.goTo('nav.data');
        await expect(page.getByRole('region', { name: ui.m('data.backup.title') })).toBeVisible();
        await expect(page.getByRole('heading', { name: ui.m('data.export.title'), level: 2 })).toBeVisible();
        await expect(page.getByRole('heading', { name: ui.m('data.import.title'), level: 2 })).toBeVisible();
        await expect(ui.button('data.backup.download')).toBeVisible();
        for (const english of ['Encrypted backup', 'Automatic backups', 'Find out from the file', 'Include titles']) await expect(main).not.toContainText(english);
        expect(await seriousViolations(page)).toEqual([]);
      });

      await test.step("an entry's history: its facts and how often it changed", async () => {
        await ui.writeEntry({ title: 'Cena / Abendessen / عشاء', body: 'Alex decidió sin mí.', patterns: ['pattern.decided-without-me'] });
        await ui.entryCard('Cena / Abendessen / عشاء').getByRole('link').click();
        const history = page.getByRole('region', { name: ui.m('data.history.title') });
        await expect(history).toBeVisible();
        await expect(history.getByText(ui.m('data.history.firstWritten'), { exact: true })).toBeVisible();
        await expect(history.getByText(translateIn(language, 'data.history.times', { count: 0 }), { exact: true })).toBeVisible();
        await expect(history).not.toContainText('Last changed');
        expect(await seriousViolations(page)).toEqual([]);
      });
      await test.step('safety: lock times in plural forms, the history check and a receipt of the entry’s history', async () => {
        await ui.goTo('nav.safety');
        await expect(ui.heading('data.safety.title')).toBeVisible();
        const lockAfter = page.getByRole('combobox', { name: ui.m('data.safety.lockAfter') });
        await expect(lockAfter.getByRole('option', { name: translateIn(language, 'duration.minutes', { minutes: 5 }), exact: true })).toBeAttached();
        await expect(lockAfter.getByRole('option', { name: translateIn(language, 'duration.minutes', { minutes: 1 }), exact: true })).toBeAttached();
        await expect(page.getByRole('heading', { name: ui.m('data.ledger.title'), level: 2 })).toBeVisible();
        await ui.button('data.ledger.take').click();
        const [receiptWord = ''] = translateIn(language, 'data.ledger.receipt', { code: '\u0000' }).split('\u0000');
        await expect(page.getByRole('region', { name: new RegExp(`^${receiptWord}[0-9A-F-]+$`) })).toBeVisible();
        await expect(page.getByRole('textbox', { name: `${ui.m('data.safety.typeBefore')}DELETE${ui.m('data.safety.typeAfter')}` })).toBeVisible();
        for (const english of ['Failed unlock attempts', 'Quick exit', 'History and receipts', 'Delete journal']) await expect(main).not.toContainText(english);
        expect(await seriousViolations(page)).toEqual([]);
      });

    });
  });
}

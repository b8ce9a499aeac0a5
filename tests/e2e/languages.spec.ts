/**
 * The main journey in German and in Arabic, as someone whose computer speaks that language: the
 * language follows the browser's, Arabic lays out right to left, axe finds nothing serious on any
 * screen, numbers and dates are written as the locale writes them, and a change of language in
 * Settings reaches every screen at once and is kept for the unlock screen.
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

for (const { locale, language, dir, today } of [
  { locale: 'de-DE', language: 'de', dir: 'ltr', today: 'Heute' },
  { locale: 'ar', language: 'ar', dir: 'rtl', today: 'اليوم' },
] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test(`the main journey speaks ${language}, with axe clean${dir === 'rtl' ? ' and right to left' : ''}`, async ({ page, host }) => {
      test.setTimeout(120_000);
      const ui = new Localised(page, language);
      const html = page.locator('html');

      await test.step('welcome and create, in the browser’s language', async () => {
        await page.goto(host.url);
        await expect(ui.heading('welcome.title')).toBeVisible();
        await expect(html).toHaveAttribute('dir', dir);
        await expect(html).toHaveAttribute('lang', locale);
        expect(await seriousViolations(page)).toEqual([]);
        await ui.createJournal(PASSPHRASE);
        expect(await seriousViolations(page)).toEqual([]);
        await ui.confirmRecoveryKey();
      });

      await test.step('the empty timeline and the editor', async () => {
        await expect(ui.heading('timeline.empty', 2)).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await ui.button('nav.newEntry').click();
        await expect(ui.heading('editor.new')).toBeVisible();
        // The pattern catalogue is in this language, areas and patterns alike.
        await expect(page.getByRole('group', { name: ui.m('category.decisions'), exact: true })).toBeVisible();
        await expect(page.getByRole('checkbox', { name: ui.m('pattern.decided-without-me'), exact: true })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await ui.button('editor.cancel').click();
      });

      await test.step('writes an entry and finds it on the timeline, in this language', async () => {
        await ui.writeEntry({ title: 'Abendessen / عشاء', body: 'Alex hat ohne mich entschieden. قرر أليكس من دوني.', patterns: ['pattern.decided-without-me', 'pattern.input-dismissed'], balance: -2 });
        const card = ui.entryCard('Abendessen / عشاء');
        await expect(card).toBeVisible();
        await expect(page.getByRole('heading', { name: today, level: 2 })).toBeVisible();
        await expect(card.getByText(ui.m('pattern.decided-without-me'), { exact: true })).toBeVisible();
        await expect(card.getByText(ui.m('balance.theyMore'), { exact: true })).toBeVisible();
        // What the person wrote keeps its own direction.
        await expect(card.getByRole('heading', { level: 3 })).toHaveAttribute('dir', 'auto');
        expect(await seriousViolations(page)).toEqual([]);
      });

      await test.step('opens the entry', async () => {
        await ui.entryCard('Abendessen / عشاء').getByRole('link').click();
        await expect(page.getByRole('heading', { name: 'Abendessen / عشاء', level: 1 })).toBeVisible();
        await expect(page.getByText(ui.m('entry.balance'), { exact: true })).toBeVisible();
        await expect(page.getByRole('heading', { name: ui.m('entry.patterns'), level: 2 })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });

      await test.step('searches, and the count is written in this language', async () => {
        await ui.goTo('nav.timeline');
        await page.getByRole('searchbox', { name: ui.m('timeline.search') }).fill('Alex');
        // One match, in the language's own plural form ("1 Eintrag passt", "إدخال واحد مطابق").
        await expect(page.getByText(translateIn(language, 'timeline.matches', { count: 1 }), { exact: true })).toBeVisible();
      });

      await test.step('insights and check-ins speak this language; time axes read right to left in Arabic', async () => {
        await ui.goTo('nav.insights');
        await expect(ui.heading('insights.title')).toBeVisible();
        const patterns = page.getByRole('region', { name: ui.m('charts.patterns.title'), exact: true });
        await expect(patterns.getByRole('img').first()).toBeVisible();
        await expect(patterns.getByText(ui.m('charts.showTable'))).toBeVisible();
        // The summary counts in this language's plural form (Arabic: "إدخال واحد").
        await expect(patterns.getByText(translateIn(language, 'charts.entries', { count: 1 }), { exact: false }).first()).toBeVisible();
        const ticks = patterns.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
        await expect(ticks.first()).toBeVisible();
        expect(await ticks.count()).toBeGreaterThan(1);
        const first = (await ticks.first().boundingBox())!.x;
        const last = (await ticks.last().boundingBox())!.x;
        // Oldest first in reading order: leftmost in German, rightmost in Arabic.
        if (dir === 'rtl') expect(first).toBeGreaterThan(last);
        else expect(first).toBeLessThan(last);
        expect(await seriousViolations(page)).toEqual([]);
        await ui.goTo('nav.checkins');
        await expect(ui.heading('checkins.title')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });

      await test.step('Settings changes the language at once, on every screen, and the unlock screen keeps it', async () => {
        await ui.goTo('nav.settings');
        await expect(ui.heading('settings.title')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        const other = language === 'ar' ? 'de' : 'ar';
        const next = new Localised(page, other);
        await ui.chooseLanguage(other);
        await expect(next.heading('settings.title')).toBeVisible();
        await expect(html).toHaveAttribute('dir', other === 'ar' ? 'rtl' : 'ltr');
        await expect(page.getByRole('navigation', { name: next.m('nav.main') }).getByRole('link', { name: next.m('nav.timeline') })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await next.button('shell.lock').click();
        await expect(next.heading('unlock.title')).toBeVisible();
        await expect(html).toHaveAttribute('dir', other === 'ar' ? 'rtl' : 'ltr');
        expect(await seriousViolations(page)).toEqual([]);
        await next.textbox('passphrase.label').fill('not the passphrase at all');
        await next.button('unlock.submit').click();
        // The wrong-passphrase message is worded by the screen, in this language.
        await expect(page.getByRole('alert')).toHaveText(next.m('unlock.wrongPassphrase'));
        await next.textbox('passphrase.label').fill(PASSPHRASE);
        await next.button('unlock.submit').click();
        // The failed attempt is reported after unlock, in this language too.
        const attempts = page.getByRole('dialog', { name: next.m('attempts.title') });
        await expect(attempts).toBeVisible();
        await attempts.getByRole('button', { name: next.m('attempts.dismiss') }).click();
        await expect(next.heading('timeline.title')).toBeVisible();
        await expect(next.entryCard('Abendessen / عشاء').getByText(next.m('pattern.decided-without-me'), { exact: true })).toBeVisible();
      });
    });
  });
}

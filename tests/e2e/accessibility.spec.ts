/**
 * Every main screen, scanned with axe-core as a person reaches it: no serious or critical violations.
 * A failure lists each one as "screen: rule (impact) — what is wrong — where".
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { seedSampleJournal } from './sample-journal.js';

const PASSPHRASE = 'amber signal cobble winter pocket';

async function seriousViolations(page: Page, screen: string, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (rules ? builder.withRules(rules) : builder).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes
        .slice(0, 4)
        .map((n) => n.target.join(' '))
        .join(' | ');
      const more = v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : '';
      return `${screen}: ${v.id} (${v.impact}) — ${v.help} — ${where}${more}`;
    });
}

test('every main screen has no serious or critical accessibility violations, in light and dark mode', async ({ page, host }) => {
  // A long journey with two axe scans per screen: generous, so a busy machine does not fail it.
  test.setTimeout(300_000);
  await page.emulateMedia({ colorScheme: 'light' });
  const { gate, shell, timeline, editor, entry, people, patterns } = new Fulcrum(page);
  const problems: string[] = [];
  // Every rule in light mode; in dark mode only what the colour scheme changes (contrast).
  const scan = async (screen: string) => {
    problems.push(...(await seriousViolations(page, screen)));
    await page.emulateMedia({ colorScheme: 'dark' });
    problems.push(...(await seriousViolations(page, `${screen}, dark`, ['color-contrast', 'link-in-text-block'])));
    await page.emulateMedia({ colorScheme: 'light' });
  };

  await page.goto(host.url);
  await expect(gate.welcomeHeading).toBeVisible();
  await scan('welcome');

  await gate.startCreating();
  await gate.passphrase.fill('sunshine');
  await expect(page.getByText(/\(\d of 4\)/)).toBeVisible();
  await scan('create journal (weak passphrase)');
  await gate.createJournal(PASSPHRASE);
  await scan('recovery key');
  await gate.confirmRecoveryKeySaved();

  await expect(timeline.emptyState).toBeVisible();
  await scan('timeline (empty)');
  await shell.goTo('People');
  await scan('people (empty)');
  await page.getByRole('button', { name: 'Add your first person' }).click();
  await expect(people.dialog).toBeVisible();
  await scan('add person dialog');
  await page.keyboard.press('Escape');
  await expect(people.dialog).toBeHidden();

  await page.keyboard.press('?');
  await expect(shell.shortcutsDialog).toBeVisible();
  await scan('keyboard shortcuts dialog');
  await page.keyboard.press('Escape');
  await expect(shell.shortcutsDialog).toBeHidden();

  // Fill the journal through the API, then lock and unlock so the app loads it afresh.
  const call = apiOf(host);
  const { entryIds } = await seedSampleJournal(call);
  await call('entries.delete', { id: entryIds.get('Dishes again')! });
  await shell.lock();
  await scan('unlock');
  await gate.attemptUnlock('not the passphrase at all');
  await expect(gate.error).toBeVisible();
  await scan('unlock (wrong passphrase)');
  await gate.unlock(PASSPHRASE);
  await expect(gate.failedAttemptsNotice).toBeVisible();
  await scan('failed unlock attempts notice');
  await gate.dismissFailedAttemptsNotice();

  await expect(timeline.entry('Client demo')).toBeVisible();
  await scan('timeline (with entries)');
  await timeline.searchFor('check-in');
  await expect(timeline.highlights('First weekly check-in').first()).toBeVisible();
  await scan('timeline (search results)');
  await timeline.clearFilters();

  await timeline.open('Raised voices');
  await scan('entry view');
  await entry.edit();
  await scan('entry editor (edit)');
  await editor.cancel();
  await shell.newEntry();
  await editor.fill({ body: 'Checking the form.', safetyConcern: true });
  await scan('entry editor (new)');
  await editor.cancelAndDiscard();

  await shell.goTo('People');
  await scan('people');
  await shell.goTo('Patterns');
  await scan('patterns');
  await page.getByRole('button', { name: 'New pattern' }).click();
  await expect(patterns.dialog).toBeVisible();
  await scan('new pattern dialog');
  await page.keyboard.press('Escape');

  await shell.goTo('Trash');
  await expect(page.getByRole('article', { name: 'Dishes again' })).toBeVisible();
  await scan('trash');
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan('empty trash confirmation');

  expect(problems, `axe found serious or critical violations:\n${problems.join('\n')}\n`).toEqual([]);
});

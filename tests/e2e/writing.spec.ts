/**
 * Guided writing: an entry written from the incident template, the writer's own template made,
 * ordered and used, and the prompt of the day turned off — with axe clean on the screens involved.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, openApp, test } from './fixtures.js';
import { Fulcrum, Settings } from './pages/index.js';
import { Localised } from './pages/localised.js';
import { WritingGuide, WritingSettings } from './pages/writing.js';

const PASSPHRASE = 'lantern orchard pebble violet hinge';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('write an entry from the incident template, make and use an own template, turn the prompt off', async ({ page, host }) => {
  test.setTimeout(120_000);
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
  const app = new Fulcrum(page);
  const guide = new WritingGuide(page);
  const writing = new WritingSettings(page);
  await openApp(page, host);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();

  // A new, empty entry offers a prompt of the day; the incident template fills the body with headings.
  await app.shell.newEntry();
  await expect(guide.prompt).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await guide.choose('Something happened (incident)');
  await expect(app.editor.body).toHaveValue(/^What happened\n\n\nWho was involved\n\n\nWhere it happened\n/);
  await expect(guide.prompt).toBeHidden();
  // Undo gives back the empty body, and the template again brings the headings.
  await guide.undo.click();
  await expect(app.editor.body).toHaveValue('');
  await guide.choose('Something happened (incident)');
  const headings = await app.editor.body.inputValue();
  await app.editor.body.fill(headings.replace('What happened\n\n', 'What happened\nHe read my messages without asking.\n'));
  await app.editor.fill({ title: 'Phone taken' });
  await app.editor.save();
  await expect(app.timeline.page.getByText('Phone taken')).toBeVisible();
  const found = (await call('entries.search', {})).items.find((e) => e.title === 'Phone taken');
  const saved = await call('entries.get', { id: found!.id });
  expect(saved.body).toMatch(/^What happened\nHe read my messages without asking\.\n\nWho was involved\n/);
  expect(saved.body).toContain('How it affected me');

  // Settings: two templates of one's own, the second moved first; the prompt turned off.
  const settings = new Settings(page);
  await settings.open();
  await expect(writing.promptOn).toBeChecked();
  await writing.create('Evening review', 'What went well\n\nWhat weighed on me\n');
  await writing.create('Before therapy', 'What I want to bring up\n');
  await writing.edit('Before therapy', { body: 'What I want to bring up\nWhat I would like to ask\n' });
  await writing.moveUp('Before therapy');
  await expect.poll(() => writing.names()).toEqual(['Before therapy', 'Evening review']);
  await writing.promptOn.uncheck();
  await expect(page.getByText('The prompt of the day is off.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await call('writing.preferences', {})).toEqual({ promptOfTheDay: false });
  expect((await call('writing.list', {})).map((t) => [t.name, t.body])).toEqual([
    ['Before therapy', 'What I want to bring up\nWhat I would like to ask\n'],
    ['Evening review', 'What went well\n\nWhat weighed on me\n'],
  ]);

  // The editor: no prompt now, and an own template asks before it touches words already written.
  await app.shell.newEntry();
  await expect(guide.picker).toBeVisible();
  await expect(guide.prompt).toHaveCount(0);
  await app.editor.body.fill('Tired today.');
  await guide.choose('Evening review');
  await expect(guide.askDialog).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await guide.answer('Keep as it is');
  await expect(app.editor.body).toHaveValue('Tired today.');
  await guide.use.click();
  await guide.answer('Add below');
  await expect(app.editor.body).toHaveValue('Tired today.\n\nWhat went well\n\nWhat weighed on me\n');
  await guide.undo.click();
  await expect(app.editor.body).toHaveValue('Tired today.');

  // Deleting a template takes it out of the list; what was saved stays.
  await settings.open();
  await writing.remove('Evening review');
  await expect.poll(() => writing.names()).toEqual(['Before therapy']);
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the built-in templates and the prompt speak the interface language; an own template keeps its words', async ({ page, host }) => {
    test.setTimeout(120_000);
    const ui = new Localised(page, 'de');
    await page.goto(host.url);
    await ui.createJournal(PASSPHRASE);
    await ui.confirmRecoveryKey();
    await expect(ui.heading('timeline.empty', 2)).toBeVisible();
    await apiOf(host)('writing.create', { name: 'مراجعة المساء', body: 'ماذا حدث اليوم؟\n' });

    await ui.button('nav.newEntry').click();
    await expect(page.getByRole('complementary', { name: ui.m('templates.prompt.label') })).toBeVisible();
    const picker = page.getByRole('combobox', { name: ui.m('templates.pick.label') });
    await expect(picker.getByRole('option', { name: 'مراجعة المساء' })).toHaveAttribute('dir', 'auto');
    await picker.selectOption({ label: ui.m('templates.incident.name') });
    await ui.button('templates.pick.use').click();
    await expect(ui.textbox('editor.body')).toHaveValue(/^Was passiert ist\n\n\nWer beteiligt war\n/);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

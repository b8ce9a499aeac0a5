/**
 * Logging by keyboard: the quick log reached with Q, filled in with keys only and saved with
 * Ctrl/Cmd+Enter (its keystrokes counted); plain Enter never submitting the editor from a one-line
 * field, a checkbox, a rating or a radio; a date in the future asked about; a year out of range
 * refused in plain words; and one date style on the entry's page.
 */
import type { WebHost } from '../../main/web/index.js';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { apiOf, tagIdsByLabel, type ApiCall } from './api.js';
import { expect, test, openApp } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { Keyboard } from './pages/keyboard.js';

const PASSPHRASE = 'lantern orchard copper seventeen';
const BODY = 'He booked the holiday and told me over dinner.';

async function openJournal(page: Page, host: WebHost): Promise<{ app: Fulcrum; call: ApiCall; people: Map<string, number> }> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const alex = await call('people.create', { name: 'Alex', kind: 'romantic', color: '#0072B2' });
  const sam = await call('people.create', { name: 'Sam', kind: 'social', color: '#009E73' });
  await call('vault.lock', {});
  const app = new Fulcrum(page);
  await openApp(page, host);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return { app, call, people: new Map([['Alex', alex.id], ['Sam', sam.id]]) };
}

/** Lets the page handle what it was sent (React renders, a submit would have begun) before looking. */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame(() => setTimeout(r, 0))));

test('a quick log with one person, two patterns and a balance takes at most 40 keys beyond the text', async ({ page, host }) => {
  const { app, call, people } = await openJournal(page, host);
  const keys = new Keyboard(page);
  const { editor } = app;

  await keys.press('q');
  await expect(app.shell.heading('Quick log')).toBeVisible();
  // The rest of the form waits, folded, under "More details".
  await expect(page.getByText('More details', { exact: false })).toBeVisible();
  await expect(editor.when).toBeHidden();

  await expect(editor.people.getByRole('checkbox', { name: 'Alex' })).toBeFocused();
  await keys.press('Space');
  await keys.press('Tab', 2); // past Sam, to the pattern filter
  await expect(editor.patternFilter).toBeFocused();
  await keys.typeKeys('talked');
  await keys.press('Enter');
  // Enter chose the first match and emptied the filter for the next one.
  await expect(editor.patternFilter).toHaveValue('');
  await expect(editor.pattern('Talked over')).toBeChecked();
  await keys.typeKeys('belit');
  await keys.press('Enter');
  await expect(editor.pattern('Belittled or mocked')).toBeChecked();
  await keys.press('Tab', 2); // past "Show all patterns", to the balance
  await expect(editor.balance).toBeFocused();
  await keys.press('ArrowLeft', 2);
  await expect(editor.balance).toHaveValue('-2');
  await keys.press('Tab');
  await expect(editor.body).toBeFocused();
  await keys.write(BODY);
  await keys.press('ControlOrMeta+Enter');
  await expect(app.shell.heading('Timeline')).toBeVisible();

  test.info().annotations.push({ type: 'keystrokes beyond the text', description: String(keys.count) });
  console.log(`Quick log by keyboard: ${keys.count} keys beyond the text`);
  expect(keys.count).toBeLessThanOrEqual(40);

  const tags = await tagIdsByLabel(call);
  const page1 = await call('entries.search', {});
  expect(page1.items).toHaveLength(1);
  const saved = await call('entries.get', { id: page1.items[0]!.id });
  expect(saved.personIds).toEqual([people.get('Alex')]);
  expect([...saved.tagIds].sort((a, b) => a - b)).toEqual([tags.get('Talked over')!, tags.get('Belittled or mocked')!].sort((a, b) => a - b));
  expect(saved.balance).toBe(-2);
  expect(saved.body).toBe(BODY);
  // Areas of life came from the patterns: "Belittled or mocked" is about the emotional side.
  expect(saved.domains).toEqual(['emotional']);
  expect([saved.intensity, saved.heard, saved.respected, saved.valued, saved.involved]).toEqual([null, null, null, null, null]);
});

test('the quick log has no serious accessibility problems and is listed among the shortcuts', async ({ page, host }) => {
  const { app } = await openJournal(page, host);
  await app.shell.openShortcuts();
  await expect(app.shell.shortcutsDialog.getByRole('row', { name: /Quick log/ })).toContainText('Q');
  await expect(app.shell.shortcutsDialog.getByRole('row', { name: /Save the entry/ })).toContainText('+Enter');
  await page.keyboard.press('Escape');
  await expect(app.shell.shortcutsDialog).toBeHidden();
  // In a text field Q is a letter: typed, not a shortcut.
  await app.timeline.search.focus();
  await page.keyboard.type('quiet');
  await expect(app.timeline.search).toHaveValue('quiet');
  await expect(app.shell.heading('Timeline')).toBeVisible();
  await app.timeline.search.fill('');
  await page.getByRole('heading', { name: 'Timeline', level: 1 }).click();
  await page.keyboard.press('q');
  await expect(app.shell.heading('Quick log')).toBeVisible();
  await app.editor.patternFilter.fill('talk');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('plain Enter never submits the editor; Ctrl/Cmd+Enter saves from any field', async ({ page, host }) => {
  const { app, call } = await openJournal(page, host);
  const { editor, shell } = app;
  await shell.newEntry();
  const save = page.getByRole('button', { name: 'Save entry' });
  await editor.body.fill('First line');
  await editor.body.press('End');
  // In the text area Enter is a new line.
  await editor.body.press('Enter');
  await page.keyboard.type('second line');

  const enterIn = async (what: string, focus: () => Promise<void>) => {
    await focus();
    await page.keyboard.press('Enter');
    await settled(page);
    await expect(shell.heading('New entry'), `Enter in ${what} left the editor`).toBeVisible();
    await expect(save, `Enter in ${what} began saving`).toHaveText('Save entry');
  };
  await enterIn('the title', () => editor.title.focus());
  await enterIn('the empty pattern filter', () => editor.patternFilter.focus());
  await enterIn('a filter matching nothing', async () => {
    await editor.patternFilter.fill('zzzz');
  });
  await editor.patternFilter.fill('');
  await enterIn('a person checkbox', () => editor.people.getByRole('checkbox', { name: 'Sam' }).focus());
  await expect(editor.people.getByRole('checkbox', { name: 'Sam' })).not.toBeChecked();
  await enterIn('a rating radio', () => editor.rating('Heard').getByRole('radio', { name: '3', exact: true }).focus());
  await enterIn('a pattern checkbox', () => editor.pattern('Not heard').focus());
  await enterIn('an area of life', () => page.getByRole('group', { name: 'Areas of life' }).getByRole('checkbox', { name: 'Work / career' }).focus());
  expect((await call('entries.search', {})).items).toHaveLength(0);

  // Ctrl/Cmd+Enter from the outcome (a text area) saves the entry, new line and all.
  await editor.outcome.focus();
  await page.keyboard.type('We left it there.');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(shell.heading('Timeline')).toBeVisible();
  const items = (await call('entries.search', {})).items;
  expect(items).toHaveLength(1);
  const saved = await call('entries.get', { id: items[0]!.id });
  expect(saved.body).toBe('First line\nsecond line');
  expect(saved.outcome).toBe('We left it there.');
  expect(saved.personIds).toEqual([]);
});

test('an unticked area of life stays unticked when more patterns are chosen', async ({ page, host }) => {
  const { app, call } = await openJournal(page, host);
  const { editor, shell } = app;
  await shell.newEntry();
  const areas = page.getByRole('group', { name: 'Areas of life' });
  await editor.body.fill('About the rent.');
  await editor.fill({ patterns: ['Spending decided without me'] });
  await expect(areas.getByRole('checkbox', { name: 'Finances' })).toBeChecked();
  await expect(areas.getByRole('checkbox', { name: 'Decisions' })).toBeChecked();
  await areas.getByRole('checkbox', { name: 'Decisions' }).uncheck();
  await editor.fill({ patterns: ['Decided without me'] });
  await expect(areas.getByRole('checkbox', { name: 'Decisions' })).not.toBeChecked();
  await areas.getByRole('checkbox', { name: 'Health' }).check();
  await editor.save();
  const saved = await call('entries.get', { id: (await call('entries.search', {})).items[0]!.id });
  expect(saved.domains).toEqual(['finances', 'health']);
});

test('a date in the future is saved only when confirmed; a year out of range is refused in plain words', async ({ page, host }) => {
  const { app, call } = await openJournal(page, host);
  const { editor, shell } = app;
  await shell.newEntry();
  await editor.body.fill('Typed the wrong year.');

  await editor.when.fill('1850-03-03T10:00');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('alert')).toHaveText('The year must be between 1900 and 2100. Check the year of the date.');

  const year = new Date().getFullYear() + 2;
  await editor.when.fill(`${year}-03-03T10:00`);
  await page.getByRole('button', { name: 'Save entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'A date in the future' });
  const dateWords = await page.evaluate((y) => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(y, 2, 3, 10)), year);
  await expect(dialog).toContainText(`This is dated ${dateWords}, in the future. Save it anyway?`);
  await dialog.getByRole('button', { name: 'Change the date' }).click();
  await expect(dialog).toBeHidden();
  await expect(shell.heading('New entry')).toBeVisible();
  expect((await call('entries.search', {})).items).toHaveLength(0);

  await page.keyboard.press('ControlOrMeta+Enter');
  await dialog.getByRole('button', { name: 'Save it anyway' }).click();
  await expect(shell.heading('Timeline')).toBeVisible();
  const items = (await call('entries.search', {})).items;
  expect(items).toHaveLength(1);
  expect(new Date(items[0]!.occurredAt).getFullYear()).toBe(year);
});

test('the entry page writes its dates in one style', async ({ page, host }) => {
  const { app, call } = await openJournal(page, host);
  const occurredAt = Date.UTC(2026, 10, 20, 19, 30);
  const made = await call('entries.create', { occurredAt, timeZone: 'UTC', body: 'A walk and a talk.' });
  await page.goto(`${host.url.split('#')[0]}#/entry/${made.id}`);
  await expect(app.shell.heading(/A walk and a talk|Entry/)).toBeVisible();
  const expected = await page.evaluate(
    ({ occurredAt, createdAt }) => {
      const parts = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' } as const;
      return {
        when: new Intl.DateTimeFormat(undefined, { weekday: 'long', ...parts, timeZone: 'UTC' }).format(occurredAt),
        written: new Intl.DateTimeFormat(undefined, parts).format(createdAt),
      };
    },
    { occurredAt, createdAt: made.createdAt },
  );
  // When it happened reads the same at the top and in its history; when it was written, in the same style.
  await expect(page.getByText(expected.when, { exact: true })).toHaveCount(2);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText(expected.written, { exact: true }).first()).toBeVisible();
});

test('editing an entry keeps the areas it was saved with, and adds only what new patterns suggest', async ({ page, host }) => {
  const { app, call } = await openJournal(page, host);
  const tags = await tagIdsByLabel(call);
  const made = await call('entries.create', {
    occurredAt: Date.UTC(2026, 2, 3, 12),
    timeZone: 'UTC',
    title: 'Rent',
    tagIds: [tags.get('Spending decided without me')!],
    domains: ['health'],
  });
  // Straight into the editor, as a bookmark or a reload would.
  await page.goto(`${host.url.split('#')[0]}#/entry/${made.id}/edit`);
  await expect(app.shell.heading('Edit entry')).toBeVisible();
  const areas = page.getByRole('group', { name: 'Areas of life' });
  await expect(areas.getByRole('checkbox', { name: 'Health' })).toBeChecked();
  await expect(areas.getByRole('checkbox', { name: 'Finances' })).not.toBeChecked();
  await app.editor.fill({ patterns: ['Belittled or mocked'] });
  await expect(areas.getByRole('checkbox', { name: 'Emotional' })).toBeChecked();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.shell.heading(/Rent|Entry/)).toBeVisible();
  expect((await call('entries.get', { id: made.id })).domains).toEqual(['emotional', 'health']);
});

/**
 * A check-in's history, as an entry's: a check-in saved twice shows how often it changed, its first
 * version opens beside the check-in as it is now (the changed answer and the note's words marked), and
 * is restored as a new version. Axe finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import { apiOf } from './api.js';
import { expect, test } from './fixtures.js';
import { CheckInForm } from './pages/index.js';

test('a check-in saved twice: its versions, the differences with the first, and restoring it', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: 'copper meadow lantern otter nine' });
  const sam = await call('people.create', { name: 'Sam', kind: 'family', color: '#336699' });
  await call('checkins.save', { personId: sam.id, week: '2025-03-03', heard: 2, note: 'A hard week.' });
  await call('checkins.save', { personId: sam.id, week: '2025-03-03', heard: 4, note: 'A hard week, better by Sunday.' });
  await page.goto(host.url);
  await page.goto(`${new URL(page.url()).origin}/#/checkins/${sam.id}/2025-03-03`);
  const form = new CheckInForm(page);
  await expect(form.heading('Sam')).toBeVisible();
  const history = form.history;
  await expect(history.changed).toHaveText('once');
  await expect(history.versions).toHaveCount(2);
  await expect(history.versions.last()).toContainText('(current)');

  await history.open(1);
  const compared = history.compared(1);
  await expect(compared.getByRole('row', { name: /I felt heard/ })).toContainText('2 of 5');
  await expect(compared.getByRole('row', { name: /I felt heard/ })).toContainText('4 of 5 (changed)');
  await expect(compared.getByRole('insertion')).toHaveText(/better by Sunday/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await history.restore(1);
  await expect(history.versions).toHaveCount(3);
  await expect(history.versions.last()).toContainText('restored from version 1');
  await expect(form.note).toHaveValue('A hard week.');
  await expect(form.question('I felt heard').getByRole('radio', { name: '2', exact: true })).toBeChecked();
});

/**
 * Revision history and the ledger as a person meets them: an entry edited twice shows how often it
 * changed, an earlier version opens with its differences marked, and is restored as a new version;
 * the Safety page says the history was checked, checks all of it on demand, and takes a receipt with
 * its code and QR code. Axe finds nothing serious on either screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { EntryHistoryPanel, HistoryCheck } from './pages/history.js';

const PASSPHRASE = 'copper meadow lantern otter nine';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('an entry edited twice: its history, the differences with an earlier version, and restoring it', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('entries.create', { occurredAt: Date.UTC(2025, 2, 3, 18), timeZone: 'UTC', title: 'Dinner plans', body: 'We chose the restaurant together.' });
  await page.goto(host.url);
  const app = new Fulcrum(page);
  const history = new EntryHistoryPanel(page);
  await app.timeline.open('Dinner plans');
  await expect(app.entry.heading('Dinner plans')).toBeVisible();
  await expect.poll(async () => (await history.facts()).Changed).toBe('never');

  await app.entry.edit();
  await app.editor.fill({ body: 'He chose the restaurant and told me after.' });
  await app.editor.save();
  await expect(app.entry.heading('Dinner plans')).toBeVisible();
  await app.entry.edit();
  await app.editor.fill({ title: 'Dinner, his plans' });
  await app.editor.save();
  await expect(app.entry.heading('Dinner, his plans')).toBeVisible();

  await expect.poll(async () => (await history.facts()).Changed).toBe('twice');
  await expect(history.versions).toHaveCount(3);
  await expect(history.versions.last()).toContainText('(current)');

  await history.open(1);
  await expect(history.deleted('together')).toBeVisible();
  await expect(history.inserted('told me after')).toBeVisible();
  await expect(history.inserted('his')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await history.restore(1);
  await expect(app.entry.heading('Dinner plans')).toBeVisible();
  await expect(page.getByText('We chose the restaurant together.')).toBeVisible();
  await expect(history.versions).toHaveCount(4);
  await expect(history.versions.last()).toContainText('restored from version 1');
  await expect.poll(async () => (await history.facts()).Changed).toBe('3 times');
});

test('the Safety page says the history was checked, checks all of it, and takes a receipt', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  for (const title of ['One', 'Two', 'Three']) await call('entries.create', { occurredAt: Date.UTC(2025, 2, 3, 18), timeZone: 'UTC', title });
  // Unlocking runs the check of what was added since the last one.
  await call('vault.lock', {});
  await page.goto(host.url);
  const app = new Fulcrum(page);
  await app.gate.unlock(PASSPHRASE);
  const check = new HistoryCheck(page);
  await check.open();
  await expect(check.checkLine).toHaveText(/^History checked: 3 revisions, last .+\.$/);

  await call('entries.create', { occurredAt: Date.UTC(2025, 2, 4, 18), timeZone: 'UTC', title: 'Four' });
  await check.checkAll();
  await expect(check.checkLine).toHaveText(/^History checked: 4 revisions, last .+\.$/);

  await check.takeReceipt();
  const { head } = await call('ledger.status', {});
  await expect(check.receipt.getByRole('heading')).toHaveText(`Receipt ${head!.code}`);
  await expect(check.receipt.getByRole('img', { name: `QR code of receipt ${head!.code}` })).toBeVisible();
  await expect(check.receipts).toHaveCount(1);
  await expect(check.receipts.first()).toContainText(head!.code);
  await expect(check.section).toContainText('It is not a notarised time');
  expect(await seriousViolations(page)).toEqual([]);

  // What changed since the receipt, per entry.
  const two = (await call('entries.search', {})).items.find((e) => e.title === 'Two')!;
  await call('entries.update', { id: two.id, patch: { title: 'Two, later' } });
  const history = new EntryHistoryPanel(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline', exact: true }).click();
  await app.timeline.open('One');
  await expect(await history.compareWithReceipt(head!.code)).toHaveText(/^Unchanged since receipt /);
  await page.goBack();
  await app.timeline.open('Two, later');
  await expect(await history.compareWithReceipt(head!.code)).toHaveText(/^Changed since receipt .*: version 2 \(/);
  expect(await seriousViolations(page)).toEqual([]);
});

/** "All time" on the Insights page ends at the last entry; one dated far ahead is named, not charted. */
import { apiOf, tagIdsByLabel } from './api.js';
import { expect, test } from './fixtures.js';
import { Fulcrum, Insights } from './pages/index.js';

const PASSPHRASE = 'harbour thistle pewter eleven';
const DAY = 86_400_000;

test('one entry dated in 2099 neither stretches "All time" nor goes unmentioned', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const alex = await call('people.create', { name: 'Alex', kind: 'romantic', color: '#0072B2' });
  const tags = await tagIdsByLabel(call);
  const now = Date.now();
  for (const daysAgo of [40, 12, 3]) {
    await call('entries.create', { occurredAt: now - daysAgo * DAY, timeZone: 'UTC', title: `${daysAgo} days ago`, personIds: [alex.id], tagIds: [tags.get('Talked over')!] });
  }
  await call('entries.create', { occurredAt: Date.UTC(2099, 2, 3, 12), timeZone: 'UTC', title: 'A slip of the year', personIds: [alex.id], tagIds: [tags.get('Talked over')!] });
  await call('vault.lock', {});

  const app = new Fulcrum(page);
  await page.goto(host.url);
  await app.gate.unlock(PASSPHRASE);
  const insights = new Insights(page);
  await insights.open();
  await insights.chooseRange('All time');

  const notice = page.getByRole('note').filter({ hasText: 'after tomorrow' });
  await expect(notice).toContainText('One entry is dated');
  await expect(notice).toContainText('2099');
  const marks = await insights.countedMarks('Patterns over time');
  expect(marks.reduce((n, m) => n + m.count, 0)).toBe(3);
  const lastDay = marks.map((m) => m.to).sort().at(-1)!;
  expect(lastDay < '2030-01-01').toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /^Charts show / })).not.toContainText('2099');

  await notice.getByRole('button', { name: 'Show it' }).click();
  await expect(app.shell.heading('Timeline')).toBeVisible();
  await app.timeline.expectEntries(['A slip of the year']);
});

/**
 * A search matching more entries than it counts says "More than 1,000 entries match" rather than a
 * number it did not finish counting; a narrower search still gives its exact count. The journal comes
 * from an import of 1,010 days (Daylio's CSV), as a person with years of entries would have.
 */
import { apiOf } from './api.js';
import { expect, openApp, test } from './fixtures.js';
import { DataPage } from './pages/data.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'harbor pencil quiet lemon seventy';
const DAYS = 1010;

function daylioCsv(): Buffer {
  const lines = ['full_date,date,weekday,time,mood,activities,note_title,note'];
  const first = Date.UTC(2021, 0, 1);
  for (let i = 0; i < DAYS; i++) {
    const day = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
    // Three days name a word no other day has.
    const note = i % 400 === 7 ? `A talk about the zeppelin, day ${i}` : `A walk and a talk, day ${i}`;
    lines.push(`${day},${day},Monday,9:00 pm,good,"walk","Day ${i}","${note}"`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

test('says "more than 1,000" for a search it stopped counting, and the exact count below that', async ({ page, host }) => {
  test.setTimeout(120_000);
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
  const app = new Fulcrum(page);
  await openApp(page, host);
  await app.gate.unlock(PASSPHRASE);

  const data = new DataPage(page);
  await data.open();
  await data.chooseImportFile({ name: 'daylio.csv', mimeType: 'text/csv', buffer: daylioCsv() });
  await expect(data.importSection).toContainText(/1,?010 new/);
  await data.importSection.getByRole('button', { name: `Import ${DAYS.toLocaleString('en-US')} entries` }).click();
  await expect(data.importSection.getByRole('status')).toContainText(`Imported ${DAYS.toLocaleString('en-US')} entries`, { timeout: 60_000 });

  const { timeline } = app;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  await timeline.search.fill('a');
  await expect(timeline.matchCount).toHaveText('More than 1,000 entries match');
  await timeline.search.fill('zeppelin');
  await expect(timeline.matchCount).toHaveText('3 entries match');
  await expect(timeline.entries).toHaveCount(3);
});

/**
 * Page one is the report's two-minute summary, and stays one page: when its lists of safety concerns
 * and flagged entries (long titles, many names) would run onto a second page, it lists fewer of each
 * — in turn, never fewer than one — and counts the rest, which are under Entries.
 */
import { expect, newDataDir, openHost, test } from './fixtures.js';
import { ReportBuilder } from './pages/report.js';
import { printReport } from './report-pdf.js';
import { writtenJournal } from './written.js';

const PASSPHRASE = 'copper lantern meadow ninety';
const DAY = Date.UTC(2026, 4, 1, 18);
const LONG = 'about the money and the car and who decides where we go for the holidays this year, again, and what was said at dinner';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'UTC', locale: 'en-GB' });

async function crowdedJournal(dataDir: string): Promise<void> {
  await writtenJournal(dataDir, PASSPHRASE, async (service) => {
    const call = async <T,>(channel: string, input: unknown): Promise<T> => {
      const r = await service.dispatch(channel as never, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const people: number[] = [];
    for (const name of ['Alexandra Montgomery-Whitfield', 'Bartholomew Okonkwo-Lindqvist', 'Cassandra Villanueva-Petrakis', 'Dmitri Abernathy-Nakamura', 'Evangeline Fitzgerald-Osei']) {
      people.push((await call<{ id: number }>('people.create', { name, kind: 'family', color: '#336699' })).id);
    }
    const tags = await call<{ id: number; polarity: string }[]>('tags.list', {});
    const imbalance = tags.filter((t) => t.polarity === 'imbalance').map((t) => t.id);
    for (let i = 0; i < 12; i++) {
      await call('entries.create', {
        occurredAt: DAY + i * 86_400_000,
        timeZone: 'UTC',
        title: `Evening ${i + 1}: we talked ${LONG}`,
        body: `What happened on evening ${i + 1}.`,
        personIds: people,
        tagIds: imbalance.slice(i, i + 6),
        raiseWithTherapist: true,
        safetyConcern: true,
      });
    }
  });
}

test('page one stays one page however crowded its lists, listing fewer and counting the rest', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const dataDir = newDataDir();
  await crowdedJournal(dataDir);
  const host = await openHost(dataDir);
  try {
    const builder = await ReportBuilder.unlockedAt(page, host.url, PASSPHRASE);
    await builder.chooseDates('2026-05-01', '2026-05-31');
    const estimated = await builder.estimatedPages();
    await builder.openPreview();
    const pdf = await printReport(page, testInfo.outputPath('page-one.pdf'));
    // The builder's estimate shortens page one's lists as the document does.
    testInfo.annotations.push({ type: 'estimate', description: `estimated ${estimated}, printed ${pdf.pages}` });
    expect(Math.abs(estimated - pdf.pages), `estimated ${estimated}, printed ${pdf.pages}`).toBeLessThanOrEqual(1);
    const [one, two] = pdf.pageTexts;
    // Everything page one has, on page one: both lists, each with what it leaves to the Entries section.
    expect(one).toContain('Safety concerns in this period');
    expect(one).toContain('Flagged to talk about');
    const safetyMore = /…and (\d+) more, under Entries\./.exec(one!);
    const flaggedMore = /…and (\d+) more flagged entries, under Entries\./.exec(one!);
    expect(safetyMore, 'the safety list counts what it leaves out, on page one').not.toBeNull();
    expect(flaggedMore, 'the flagged list counts what it leaves out, on page one').not.toBeNull();
    // Fewer than five of each were listed (five of each do not fit), and at least one of each.
    const listedSafety = 12 - Number(safetyMore![1]);
    const listedFlagged = 12 - Number(flaggedMore![1]);
    expect(listedSafety).toBeGreaterThanOrEqual(1);
    expect(listedFlagged).toBeGreaterThanOrEqual(1);
    expect(listedSafety + listedFlagged).toBeLessThan(10);
    // Nothing of page one spilled onto page two.
    expect(two).not.toContain('under Entries.');
    expect(two).not.toContain('Flagged to talk about');
    // The preview on screen lists the same.
    await expect(page.locator('.rp-safety-list > li')).toHaveCount(listedSafety);
    await expect(page.locator('.rp-flag-list > li')).toHaveCount(listedFlagged);
  } finally {
    await host.close();
  }
});

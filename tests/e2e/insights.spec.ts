/**
 * The Insights page in browser mode, over a seeded journal (tests/e2e/insights-seed.ts): every chart
 * draws its marks, each summary says what the seed implies (worked out here from the seed list, not
 * read from the app), range and filter changes redraw them, and a click on a bar, a point or a day
 * lands on the timeline with exactly the entries the chart counted. Axe finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { BALANCE_LABELS, DOMAIN_LABELS, DOMAINS, type Domain } from '../../shared/catalogue.js';
import { addDays, weekStartOf } from '../../shared/insights.js';
import { apiOf, type ApiCall } from './api.js';
import type { WebHost } from '../../main/web/index.js';
import { expect, test } from './fixtures.js';
import { ALL_CHARTS, Insights, type Mark } from './pages/insights.js';
import { Gate } from './pages/gate.js';
import { Shell } from './pages/shell.js';
import { Timeline } from './pages/timeline.js';
import {
  SEED_ENTRIES,
  SEED_PATTERNS,
  ZONE,
  compared,
  dayOf,
  entriesWord,
  hasKind,
  inDays,
  mean,
  seedInsightsJournal,
  signed,
  type SeedEntry,
  type Seeded,
} from './insights-seed.js';

const PASSPHRASE = 'harbour violet kettle march sixteen';

test.use({ viewport: { width: 1280, height: 900 }, timezoneId: ZONE, locale: 'en-GB', reducedMotion: 'reduce' });

interface Journal {
  call: ApiCall;
  seeded: Seeded;
  now: number;
  /** Check-ins seeded: Robin, felt heard 3, 4, 5 in the last three weeks. */
  checkInHeard: number[];
}

async function openSeeded(page: Page, host: WebHost): Promise<Journal> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const now = Date.now();
  const seeded = await seedInsightsJournal(call, now);
  const { weekStart } = await call('settings.get', {});
  const thisWeek = weekStartOf(dayOf(now, 0), weekStart);
  const checkInHeard = [3, 4, 5];
  for (let i = 0; i < 3; i++) {
    await call('checkins.save', { personId: seeded.personIds.get('Robin')!, week: addDays(thisWeek, -7 * i), heard: checkInHeard[i]!, safe: 4 });
  }
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  pageLocale = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().locale);
  return { call, seeded, now, checkInHeard };
}

/** Which entries a day range holds (days ago, inclusive). */
const within = (lo: number, hi: number) => SEED_ENTRIES.filter(inDays(lo, hi));
/** The browser's locale: the app writes dates in it, as a long date with the weekday. */
let pageLocale = 'en-US';
const dayLabelOf = (day: string) =>
  new Intl.DateTimeFormat(pageLocale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), 12));
const pct = (x: number) => `${Math.round(x * 100)}%`;

function expectedSummaries(now: number, seeded: Seeded, days: number, when: string, filter: (e: SeedEntry) => boolean = () => true) {
  const cur = within(0, days - 1).filter(filter);
  const prev = within(days, 2 * days - 1).filter(filter);
  const count = (list: SeedEntry[], f: (e: SeedEntry) => boolean) => list.filter(f).length;

  const imb = count(cur, (e) => hasKind(e, 'imbalance'));
  const hea = count(cur, (e) => hasKind(e, 'healthy'));
  const patterns = `${entriesWord(imb)} with an imbalance pattern ${when}${compared(imb, count(prev, (e) => hasKind(e, 'imbalance')))}; ${hea} with a healthy one${compared(hea, count(prev, (e) => hasKind(e, 'healthy')))}.`;

  const perTag = (list: SeedEntry[], label: string) => count(list, (e) => e.patterns.includes(label as never));
  const labels = Object.keys(SEED_PATTERNS).sort((a, b) => perTag(cur, b) - perTag(cur, a) || seeded.tagIds.get(a)! - seeded.tagIds.get(b)!);
  const top = labels[0]!;
  const topPatterns = `Most frequent ${when}: “${top}”, in ${entriesWord(perTag(cur, top))}${compared(perTag(cur, top), perTag(prev, top))}.`;

  const byDay = new Map<string, number>();
  for (const e of cur) byDay.set(dayOf(now, e.daysAgo), (byDay.get(dayOf(now, e.daysAgo)) ?? 0) + 1);
  const days_ = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  const most = Math.max(...days_.map(([, n]) => n));
  const busiest = days_.find(([, n]) => n === most)!;
  const calendar = `${entriesWord(cur.length)} on ${days_.length} ${days_.length === 1 ? 'day' : 'days'} ${when}.${most > 1 ? ` The busiest day was ${dayLabelOf(busiest[0])}, with ${most}.` : ''}`;

  const perDomain = (list: SeedEntry[], d: Domain) => count(list, (e) => e.domains.includes(d));
  const topDomain = [...DOMAINS].filter((d) => perDomain(cur, d) > 0).sort((a, b) => perDomain(cur, b) - perDomain(cur, a) || DOMAINS.indexOf(a) - DOMAINS.indexOf(b))[0]!;
  const areas = `${DOMAIN_LABELS[topDomain]} came up most ${when}: ${perDomain(cur, topDomain)} of ${entriesWord(cur.length)}${compared(perDomain(cur, topDomain), perDomain(prev, topDomain))}.`;

  const people = ['Robin', 'Kai'].filter((n) => cur.some((e) => e.person === n));
  people.sort((a, b) => count(cur, (e) => e.person === b) - count(cur, (e) => e.person === a) || seeded.personIds.get(a)! - seeded.personIds.get(b)!);
  const topPerson = people[0]!;
  const personRated = cur.filter((e) => e.person === topPerson && e.balance !== null).map((e) => e.balance!);
  const peopleLine = `Most entries ${when} were about ${topPerson}: ${entriesWord(count(cur, (e) => e.person === topPerson))}${personRated.length ? `; the balance with them averaged ${signed(mean(personRated))}` : ''}.`;

  const rated = cur.filter((e) => e.balance !== null).map((e) => e.balance!);
  const prevRated = prev.filter((e) => e.balance !== null).map((e) => e.balance!);
  const m = mean(rated);
  const r = Math.max(-3, Math.min(3, Math.round(m)));
  let balance = `Average balance ${when}: ${signed(m)}, ${((w) => (w.startsWith('I ') ? w : w.charAt(0).toLowerCase() + w.slice(1)))(BALANCE_LABELS[r === 0 ? 0 : r]!)}${prevRated.length ? compared(m, mean(prevRated), signed) : ''}.`;
  const personMeans = [...seeded.personIds.entries()]
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => ({ name, xs: cur.filter((e) => e.person === name && e.balance !== null).map((e) => e.balance!) }))
    .filter((p) => p.xs.length > 0)
    .map((p) => ({ name: p.name, m: mean(p.xs) }));
  if (personMeans.length > 1) {
    const lowest = personMeans.reduce((a, c) => (c.m < a.m ? c : a));
    balance += ` Lowest with ${lowest.name} (${signed(lowest.m)}).`;
  }

  const tagsOf = (list: SeedEntry[], polarity: 'healthy' | 'imbalance') => list.reduce((a, e) => a + e.patterns.filter((p) => SEED_PATTERNS[p].polarity === polarity).length, 0);
  const share = (list: SeedEntry[]) => tagsOf(list, 'healthy') / (tagsOf(list, 'healthy') + tagsOf(list, 'imbalance'));
  const healthy = `Healthy patterns were ${pct(share(cur))} of the patterns tagged ${when}${compared(share(cur), share(prev), pct)}.`;

  const avg = (list: SeedEntry[], k: 'heard' | 'respected') => mean(list.filter((e) => e[k] !== null).map((e) => e[k]!));
  const one = (x: number) => x.toFixed(1);
  const felt = `Average out of 5 ${when}: heard ${one(avg(cur, 'heard'))}${compared(avg(cur, 'heard'), avg(prev, 'heard'), one)}, respected ${one(avg(cur, 'respected'))}${compared(avg(cur, 'respected'), avg(prev, 'respected'), one)}.`;

  return { patterns, topPatterns, calendar, areas, people: peopleLine, balance, healthy, felt, days: days_.length };
}

/** The seed entries a mark stands for, by its day range and series. */
function entriesOfMark(now: number, mark: Mark, seeded: Seeded, title: 'Patterns over time' | 'Calendar' | 'People compared'): SeedEntry[] {
  const inRange = (e: SeedEntry) => {
    const d = dayOf(now, e.daysAgo);
    return d >= mark.from && d <= mark.to;
  };
  if (title === 'Calendar') return SEED_ENTRIES.filter(inRange);
  if (title === 'Patterns over time') {
    const [category, polarity] = mark.series.split('/') as [string, 'imbalance' | 'healthy'];
    return SEED_ENTRIES.filter((e) => inRange(e) && hasKind(e, polarity, category));
  }
  const [personId, kind] = mark.series.split('/') as [string, 'entries' | 'imbalance' | 'healthy'];
  const name = [...seeded.personIds.entries()].find(([, id]) => String(id) === personId)![0];
  return SEED_ENTRIES.filter((e) => inRange(e) && e.person === name && (kind === 'entries' || hasKind(e, kind)));
}

async function seriousViolations(page: Page, screen: string, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (rules ? builder.withRules(rules) : builder).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) — ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('every chart is drawn and its summary says what the seeded journal holds', async ({ page, host }) => {
  const { seeded, now, checkInHeard } = await openSeeded(page, host);
  const insights = new Insights(page);
  await insights.open();
  await insights.chooseRange('30 days');

  for (const title of ALL_CHARTS) {
    await expect(insights.chart(title), title).toBeVisible();
    await expect.poll(() => insights.marks(title).count(), { message: `${title} draws its marks` }).toBeGreaterThan(0);
  }
  // One square per day of the range.
  await expect(insights.marks('Calendar')).toHaveCount(30);

  const want = expectedSummaries(now, seeded, 30, 'in the last 30 days');
  await expect(insights.summary('Patterns over time')).toHaveText(want.patterns);
  await expect(insights.summary('Top patterns')).toHaveText(want.topPatterns);
  await expect(insights.summary('Calendar')).toHaveText(want.calendar);
  await expect(insights.summary('Areas of life')).toHaveText(want.areas);
  await expect(insights.summary('People compared')).toHaveText(want.people);
  await expect(insights.summary('Balance of power')).toHaveText(want.balance);
  await expect(insights.summary('Healthy share')).toHaveText(want.healthy);
  await expect(insights.summary('How it felt')).toHaveText(want.felt);
  await expect(insights.summary('Check-ins')).toHaveText(`3 check-ins in the last 30 days. Felt heard, average out of 5: Robin ${mean(checkInHeard).toFixed(1)}.`);

  // The table alternative has a row per day with entries, and each count opens them.
  const calendar = await insights.table('Calendar');
  await expect(calendar.getByRole('row')).toHaveCount(want.days + 1);
});

test('changing the range, the filters and the bar size redraws the charts', async ({ page, host }) => {
  const { seeded, now } = await openSeeded(page, host);
  const insights = new Insights(page);
  await insights.open();

  await insights.chooseRange('7 days');
  let want = expectedSummaries(now, seeded, 7, 'in the last 7 days');
  await expect(insights.marks('Calendar')).toHaveCount(7);
  await expect(insights.summary('Calendar')).toHaveText(want.calendar);
  await expect(insights.summary('Patterns over time')).toHaveText(want.patterns);

  await insights.chooseRange('30 days');
  want = expectedSummaries(now, seeded, 30, 'in the last 30 days');
  await expect(insights.summary('Calendar')).toHaveText(want.calendar);

  // Only Kai: every chart narrows to the entries about Kai.
  await insights.filterPerson('Kai');
  const kai = (e: SeedEntry) => e.person === 'Kai';
  want = expectedSummaries(now, seeded, 30, 'in the last 30 days', kai);
  await expect(insights.summary('People compared')).toHaveText(want.people);
  await expect(insights.summary('Patterns over time')).toHaveText(want.patterns);
  await expect(insights.summary('Calendar')).toHaveText(want.calendar);
  await insights.filterPerson('Kai', false);

  // Only the Decisions area: counts of entries with a decisions pattern of each kind.
  await insights.filterArea('Decisions');
  const cur = within(0, 29);
  const prev = within(30, 59);
  const n = (list: SeedEntry[], k: 'imbalance' | 'healthy') => list.filter((e) => hasKind(e, k, 'decisions')).length;
  await expect(insights.summary('Patterns over time')).toHaveText(
    `${entriesWord(n(cur, 'imbalance'))} with an imbalance pattern in the last 30 days${compared(n(cur, 'imbalance'), n(prev, 'imbalance'))}; ${n(cur, 'healthy')} with a healthy one${compared(n(cur, 'healthy'), n(prev, 'healthy'))}.`,
  );
  await insights.filterArea('Decisions', false);

  // A custom range: the calendar counts exactly the days in it.
  await insights.customRange(dayOf(now, 60), dayOf(now, 31));
  const custom = within(31, 60);
  const customDays = new Set(custom.map((e) => e.daysAgo)).size;
  await expect(insights.marks('Calendar')).toHaveCount(30);
  await expect(insights.summary('Calendar')).toHaveText(new RegExp(`^${entriesWord(custom.length)} on ${customDays} days in `));

  // Bars a day wide: each bar covers one day.
  await insights.chooseRange('90 days');
  await insights.bucket.selectOption('day');
  await insights.settled();
  const marks = await insights.countedMarks('Patterns over time');
  expect(marks.length).toBeGreaterThan(0);
  for (const m of marks) expect(m.from).toBe(m.to);
});

test('a click on a bar, a day or a person lands on the timeline with exactly the entries counted', async ({ page, host }) => {
  const { seeded, now } = await openSeeded(page, host);
  const insights = new Insights(page);
  const timeline = new Timeline(page);
  await insights.open();
  await insights.chooseRange('30 days');

  const land = async (title: 'Patterns over time' | 'Calendar' | 'People compared', pick: (marks: Mark[]) => Mark) => {
    const mark = pick(await insights.countedMarks(title));
    const expected = entriesOfMark(now, mark, seeded, title);
    expect(mark.count, `${title} ${mark.series} ${mark.from}…${mark.to}`).toBe(expected.length);
    await mark.locator.click();
    await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
    await expect(page.getByText(/^From your insights:/)).toContainText(`— ${entriesWord(mark.count)}.`);
    await timeline.expectEntries(expected.map((e) => e.title));
    // Back to insights: the range chosen is remembered.
    await page.goBack();
    await expect(insights.heading).toBeVisible();
    await expect(insights.range('30 days')).toBeChecked();
    await insights.settled();
  };

  const largest = (marks: Mark[]) => marks.reduce((a, m) => (m.count > a.count ? m : a));
  await land('Patterns over time', largest);
  await land('Calendar', largest);
  const kaiId = String(seeded.personIds.get('Kai'));
  await land('People compared', (marks) => marks.find((m) => m.series === `${kaiId}/imbalance`)!);

  // From the keyboard: the number in the table opens the same entries.
  const table = await insights.table('Areas of life');
  const decisions = within(0, 29).filter((e) => e.domains.includes('decisions'));
  const button = table.getByRole('row', { name: /^Decisions/ }).getByRole('button', { name: new RegExp(`^${decisions.length} entries, Decisions, all entries`) });
  await button.focus();
  await page.keyboard.press('Enter');
  await timeline.expectEntries(decisions.map((e) => e.title));
  // The filter bar takes over again when used.
  await page.getByRole('button', { name: 'Show the whole timeline' }).click();
  await expect(page.getByText(/^From your insights:/)).toBeHidden();
});

test('the choices are remembered while unlocked, in memory only, and forgotten on lock', async ({ page, host }) => {
  await openSeeded(page, host);
  const insights = new Insights(page);
  await insights.open();
  await insights.chooseRange('30 days');
  await insights.filterPerson('Kai');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline', exact: true }).click();
  await insights.open();
  await expect(insights.range('30 days')).toBeChecked();
  await expect(insights.controls.getByRole('checkbox', { name: 'Kai', exact: true })).toBeChecked();
  // Nothing of it in the browser's storage (only browser mode's mark that this tab was opened from
  // its link, which holds no secret, in the tab's session).
  const stored = (await page.evaluate('({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })')) as { local: string[]; session: string[] };
  expect(stored.local).toEqual([]);
  expect(stored.session.filter((k) => k !== 'fulcrum.openedFromLink')).toEqual([]);

  await new Shell(page).lock();
  await new Gate(page).unlock(PASSPHRASE);
  await insights.open();
  await expect(insights.range('90 days')).toBeChecked();
  await expect(insights.filters).toHaveText('Filter by people and areas');
});

test('the insights page has no serious or critical accessibility violations, light and dark', async ({ page, host }) => {
  await openSeeded(page, host);
  const insights = new Insights(page);
  await insights.open();
  await insights.chooseRange('30 days');
  await insights.table('Patterns over time');
  await insights.table('Top patterns');
  await page.emulateMedia({ colorScheme: 'light' });
  const problems = await seriousViolations(page, 'insights');
  await page.emulateMedia({ colorScheme: 'dark' });
  problems.push(...(await seriousViolations(page, 'insights, dark', ['color-contrast', 'link-in-text-block'])));
  // An empty range: the page-level empty state.
  await page.emulateMedia({ colorScheme: 'light' });
  await insights.customRange('2001-01-01', '2001-01-31');
  await expect(page.getByRole('heading', { name: /^No entries in / })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'insights, empty range')));
  expect(problems).toEqual([]);
});

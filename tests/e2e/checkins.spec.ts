/**
 * Weekly check-ins, strengths, the reminder schedule and browser mode's in-page reminder, driven as a
 * person would: the home screen says check-ins are due, one is filled in and shows in its charts, a
 * strength is added, changed and deleted, reminders are scheduled, and a reminder appears in the page
 * with Snooze and Dismiss — saying nothing but "Time for your journal". Axe finds nothing serious.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addDays, weekStartOf } from '../../shared/insights.js';
import { apiOf, type ApiCall } from './api.js';
import type { WebHost } from '../../main/web/index.js';
import { expect, test } from './fixtures.js';
import { CheckIns, OwnStrengths, PersonView, ReminderBanner, Settings } from './pages/checkins.js';
import { ZONE, dayOf } from './insights-seed.js';
import { wallClock } from './sample-journal.js';

const PASSPHRASE = 'copper meadow lantern otter nine';

test.use({ viewport: { width: 1280, height: 900 }, timezoneId: ZONE, locale: 'en-GB', reducedMotion: 'reduce' });

/**
 * Robin and Kai, added just now. With `pageNow`, the page's clock starts at that time instead (the
 * home screen mentions check-ins only for people who have been in the journal for a week).
 */
async function journalWithTwoPeople(page: Page, host: WebHost, pageNow?: number): Promise<{ call: ApiCall; robin: number; kai: number }> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const robin = (await call('people.create', { name: 'Robin', kind: 'romantic', color: '#E69F00' })).id;
  const kai = (await call('people.create', { name: 'Kai', kind: 'family', color: '#56B4E9' })).id;
  if (pageNow !== undefined) await page.clock.install({ time: pageNow });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  return { call, robin, kai };
}

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) — ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('a check-in is filled in from the due list and shows in its charts', async ({ page, host }) => {
  // Eight days after Robin and Kai were added, so their check-ins are due on the home screen too.
  const now = Date.now() + 8 * 86_400_000;
  const { call, robin } = await journalWithTwoPeople(page, host, now);
  const checkIns = new CheckIns(page);
  const { weekStart } = await call('settings.get', {});
  const thisWeek = weekStartOf(dayOf(now, 0), weekStart);

  // The home screen says gently how many are due, without names.
  await expect(checkIns.dueNotice).toHaveText('2 check-ins due this week. Open check-ins');
  await page.getByRole('link', { name: 'Open check-ins' }).click();
  await expect(checkIns.heading).toBeVisible();
  await expect(checkIns.due.getByRole('link', { name: /^Check in about / })).toHaveCount(2);

  const form = await checkIns.start('Robin');
  await form.answer('I felt heard', 4);
  await form.answer('I felt respected', 3);
  await form.answer('I was involved in decisions', 2);
  await form.answer('Responsibilities were shared fairly', 5);
  await form.answer('My boundaries were respected', 4);
  await form.answer('I felt safe', 5);
  await form.note.fill('We talked on Sunday evening.');
  await form.forTherapist.check();
  await form.save.click();

  await expect(checkIns.heading).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Check-in about Robin saved.' })).toBeVisible();
  await expect(checkIns.due.getByRole('link', { name: 'Check in about Robin' })).toHaveCount(0);
  await expect(checkIns.due.getByRole('link', { name: 'Check in about Kai' })).toBeVisible();
  await expect(checkIns.done.getByRole('link', { name: 'Change the check-in about Robin' })).toBeVisible();

  // Stored as answered.
  const stored = await call('checkins.list', { personId: robin });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ week: thisWeek, heard: 4, respected: 3, involved: 2, fairShare: 5, boundaries: 4, safe: 5, note: 'We talked on Sunday evening.', forTherapist: true });

  // Its chart on the check-ins page: a point per answer in this week, and the same in the table.
  const chart = checkIns.historyChart('Robin');
  await expect(chart.locator(`svg .chart-point[data-series="heard"][data-from="${thisWeek}"]`)).toHaveAttribute('data-value', '4');
  await expect(chart.locator(`svg .chart-point[data-from="${thisWeek}"]`)).toHaveCount(6);
  await expect(chart.locator('p.chart-summary')).toHaveText(
    '1 check-in in the last 12 weeks; average out of 5: felt heard 4.0, felt respected 3.0, involved in decisions 2.0, fair share 5.0, boundaries respected 4.0, felt safe 5.0.',
  );

  // And in the person view, beside the entries' measures.
  const person = new PersonView(page, 'Robin');
  await person.open();
  const personChart = person.chart('Check-ins about Robin');
  await expect(personChart.locator(`svg .chart-point[data-series="safe"][data-from="${thisWeek}"]`)).toHaveAttribute('data-value', '5');
  await expect(person.chart('How entries with Robin felt')).toBeVisible();

  // Changing it: the form opens with the answers given, and the chart follows.
  await checkIns.open();
  await checkIns.done.getByRole('link', { name: 'Change the check-in about Robin' }).click();
  await expect(form.question('I felt heard').getByRole('radio', { name: '4', exact: true })).toBeChecked();
  await form.answer('I felt heard', 2);
  await form.save.click();
  await expect(checkIns.heading).toBeVisible();
  await expect(checkIns.historyChart('Robin').locator(`svg .chart-point[data-series="heard"][data-from="${thisWeek}"]`)).toHaveAttribute('data-value', '2');
  expect(await call('checkins.list', { personId: robin })).toHaveLength(1);

  // One left to do this week.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Timeline', exact: true }).click();
  await expect(checkIns.dueNotice).toHaveText('1 check-in due this week. Open check-ins');
});

test('strengths: what a person brings, and what you bring', async ({ page, host }) => {
  const { call, robin } = await journalWithTwoPeople(page, host);
  const person = new PersonView(page, 'Robin');
  await person.open();
  await person.addStrength('Patient when I am stressed');
  await person.addStrength('Makes me laugh');
  await person.editStrength('Makes me laugh', 'Makes me laugh, every day');
  await person.deleteStrength('Patient when I am stressed');
  expect((await call('strengths.list', { personId: robin })).map((s) => s.text)).toEqual(['Makes me laugh, every day']);

  await page.getByRole('link', { name: '← People' }).click();
  const own = new OwnStrengths(page);
  await own.add('I keep my promises');
  expect((await call('strengths.list', { personId: null })).map((s) => s.text)).toEqual(['I keep my promises']);
  // A person's strengths are theirs alone.
  expect(await call('strengths.list', { personId: robin })).toHaveLength(1);
});

test('reminders are scheduled in settings and shown in the page with Snooze and Dismiss', async ({ page, host }) => {
  const { call } = await journalWithTwoPeople(page, host);
  const settings = new Settings(page);
  await settings.open();
  await settings.journalOn.check();
  await settings.journalDay('Saturday').uncheck();
  await settings.journalDay('Sunday').uncheck();
  await settings.journalTime.fill('21:30');
  await settings.checkInOn.check();
  await settings.checkInDay.selectOption({ label: 'Wednesday' });
  await settings.checkInTime.fill('19:15');
  await settings.snooze.selectOption({ label: '30 minutes' });
  await settings.reminders.getByRole('button', { name: 'Save reminders' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reminder settings saved.' })).toBeVisible();
  const saved = await call('settings.get', {});
  expect(saved.journalReminder).toEqual({ enabled: true, days: [1, 2, 3, 4, 5], time: '21:30' });
  expect(saved.checkInReminder).toEqual({ enabled: true, day: 3, time: '19:15' });
  expect(saved.snoozeMinutes).toBe(30);
  const status = await call('reminders.status', {});
  expect(status.find((s) => s.kind === 'journal')?.nextAt).not.toBeNull();

  await settings.weekStart.selectOption({ label: 'Sunday' });
  await page.getByRole('button', { name: 'Save week start' }).click();
  await expect.poll(async () => (await call('settings.get', {})).weekStart).toBe(0);

  // A reminder arrives (as the scheduler sends it): neutral words only, Snooze and Dismiss.
  const banner = new ReminderBanner(page);
  const before = Date.now();
  host.emit({ type: 'reminder', kind: 'journal' });
  await expect(banner.region).toBeVisible();
  await expect(banner.region).toHaveText('Time for your journalSnooze 30 minutesDismiss');
  await banner.snooze.click();
  await expect(banner.region).toBeHidden();
  await expect
    .poll(async () => (await call('reminders.status', {})).find((s) => s.kind === 'journal')?.snoozedUntil ?? 0)
    .toBeGreaterThanOrEqual(before + 29 * 60_000);

  host.emit({ type: 'reminder', kind: 'checkin' });
  await expect(banner.region).toHaveText(/^Time for a check-in/);
  await banner.dismiss.click();
  await expect(banner.region).toBeHidden();
});

test('check-ins, the questionnaire, the person view and settings have no serious accessibility violations', async ({ page, host }) => {
  const { call, robin } = await journalWithTwoPeople(page, host);
  // Some history to draw.
  const { weekStart } = await call('settings.get', {});
  const thisWeek = weekStartOf(dayOf(Date.now(), 0), weekStart);
  for (let i = 1; i <= 4; i++) await call('checkins.save', { personId: robin, week: addDays(thisWeek, -7 * i), heard: 1 + i, respected: 5 - i, safe: 4, note: i === 2 ? 'A hard week.' : '' });
  await call('entries.create', { occurredAt: wallClock(Date.now(), 3, '10:00', ZONE), timeZone: ZONE, title: 'Morning talk', personIds: [robin], balance: -1, heard: 3, respected: 4 });
  await call('strengths.create', { personId: robin, text: 'Listens well' });

  const checkIns = new CheckIns(page);
  const problems: string[] = [];
  await checkIns.open();
  await checkIns.history.getByText('Show as table').click();
  problems.push(...(await seriousViolations(page, 'check-ins')));
  await checkIns.start('Kai');
  problems.push(...(await seriousViolations(page, 'check-in form')));
  const person = new PersonView(page, 'Robin');
  await person.open();
  await expect(person.strength('Listens well')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'person view')));
  await page.emulateMedia({ colorScheme: 'dark' });
  problems.push(...(await seriousViolations(page, 'person view, dark')));
  await page.emulateMedia({ colorScheme: 'light' });
  const settings = new Settings(page);
  await settings.open();
  problems.push(...(await seriousViolations(page, 'settings')));
  host.emit({ type: 'reminder', kind: 'journal' });
  await expect(new ReminderBanner(page).region).toBeVisible();
  problems.push(...(await seriousViolations(page, 'reminder')));
  expect(problems).toEqual([]);
});

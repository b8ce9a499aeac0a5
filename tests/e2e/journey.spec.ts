/**
 * A new user's first session, end to end through the UI in browser mode: create a journal, keep the
 * recovery key, add people, log entries, find them again, change and delete them, lock, and get back
 * in with the passphrase and then with the recovery key — and everything is still there.
 */
import { expect, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'violet harbour lantern seventeen quietly';

/** `YYYY-MM-DDT19:30` for `days` days ago, as the "When" field takes it. */
function daysAgoAtHalfSeven(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:30`;
}

test('a new user keeps a journal: writes, finds, edits, deletes and restores, locks and gets back in', async ({ page, host }) => {
  test.setTimeout(120_000);
  const app = new Fulcrum(page);
  const { gate, shell, timeline, editor, entry, trash, people } = app;
  let recoveryKey = '';

  await test.step('creates a journal and confirms the recovery key', async () => {
    await page.goto(host.url);
    await expect(gate.welcomeHeading).toBeVisible();
    await gate.startCreating();
    await gate.passphrase.fill('password');
    await expect(gate.strength).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create journal' })).toBeDisabled();
    recoveryKey = await gate.createJournal(PASSPHRASE);
    expect(recoveryKey.length).toBeGreaterThan(20);
    await gate.confirmRecoveryKeySaved();
    await expect(shell.heading('Timeline')).toBeVisible();
    await expect(timeline.emptyState).toBeVisible();
    await expect(shell.browserModeBadge).toBeVisible();
  });

  await test.step('adds two people', async () => {
    await shell.goTo('People');
    await people.add({ name: 'Alex', relationship: 'Romantic', colour: 'Orange', notes: 'Together four years.' });
    await people.add({ name: 'Sam', relationship: 'Professional', colour: 'Sky blue' });
    await expect(people.list).toHaveCount(2);
  });

  await test.step('logs three entries with people, patterns, balance and ratings, one backdated', async () => {
    await shell.newEntry();
    await editor.fill({
      title: 'Dinner plans',
      body: 'Alex booked the restaurant for Friday and told me afterwards. I had said I wanted to cook lasagne at home this week.',
      people: ['Alex'],
      patterns: ['Decided without me', 'My input was dismissed'],
      balance: -2,
      ratings: { Intensity: 3, Heard: 2, Respected: 3 },
      areas: ['Social life'],
      forTherapist: true,
    });
    await editor.save();
    await expect(timeline.entry('Dinner plans')).toBeVisible();

    await shell.newEntry();
    await editor.fill({
      title: 'Quarterly review',
      body: 'Sam asked for my view on the new rota before deciding, and changed the plan after hearing it.',
      people: ['Sam'],
      patterns: ['Really listened to', 'My view changed the outcome'],
      balance: 1,
      ratings: { Heard: 5, Valued: 4 },
      areas: ['Work / career'],
      powerSources: ['Work hierarchy'],
    });
    await editor.save();

    await shell.newEntry();
    await editor.fill({
      when: daysAgoAtHalfSeven(10),
      title: 'Sunday walk',
      body: 'We talked through the holiday budget on a long walk and agreed on it together.',
      people: ['Alex'],
      patterns: ['Money decided together'],
      balance: 0,
      ratings: { Involved: 5 },
      outcome: 'We will look at it again next month.',
    });
    await editor.save();

    await timeline.expectEntries(['Dinner plans', 'Quarterly review', 'Sunday walk']);
    // The backdated entry sorts below the two written today.
    await expect(timeline.entries.last()).toHaveAccessibleName('Sunday walk');
    await expect(timeline.entry('Sunday walk')).toContainText('Balanced');
    await expect(timeline.entry('Quarterly review')).toContainText('I held a little more power');

    await timeline.open('Dinner plans');
    expect(await entry.facts()).toMatchObject({
      'Balance of power': 'They held more power',
      Intensity: '3 of 5',
      Heard: '2 of 5',
      Respected: '3 of 5',
      // Decisions came with the patterns chosen; Social life was ticked by hand.
      'Areas of life': 'Decisions, Social life',
    });
    await expect(page.getByText('For my therapist')).toBeVisible();
    await shell.goTo('Timeline');
  });

  await test.step('finds one entry by text search, with the match highlighted', async () => {
    await timeline.searchFor('lasagne');
    await timeline.expectEntries(['Dinner plans']);
    await expect(timeline.highlights('Dinner plans')).toHaveText([/^lasagne$/i]);
    await timeline.clearFilters();
    await expect(timeline.entries).toHaveCount(3);
  });

  await test.step('finds one entry by pattern', async () => {
    await timeline.filterByPattern('Money decided together');
    await timeline.expectEntries(['Sunday walk']);
    await timeline.filterByPattern('Really listened to');
    await timeline.expectEntries(['Quarterly review']);
    await timeline.clearFilters();
    await expect(timeline.entries).toHaveCount(3);
  });

  await test.step('edits an entry, and the change shows on the timeline', async () => {
    await timeline.open('Sunday walk');
    await entry.edit();
    await expect(editor.title).toHaveValue('Sunday walk');
    await editor.fill({ title: 'Sunday walk by the river', balance: 1 });
    await editor.save();
    await expect(entry.heading('Sunday walk by the river')).toBeVisible();
    expect(await entry.facts()).toMatchObject({ 'Balance of power': 'I held a little more power', Involved: '5 of 5' });
    await shell.goTo('Timeline');
    await timeline.expectEntries(['Dinner plans', 'Quarterly review', 'Sunday walk by the river']);
    await expect(timeline.entry('Sunday walk by the river')).toContainText('I held a little more power');
  });

  await test.step('deletes an entry and restores it from the trash', async () => {
    await timeline.open('Quarterly review');
    await entry.moveToTrash();
    await timeline.expectEntries(['Dinner plans', 'Sunday walk by the river']);
    await shell.goTo('Trash');
    await expect(trash.entries).toHaveCount(1);
    await trash.restore('Quarterly review');
    await expect(page.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
    await shell.goTo('Timeline');
    await timeline.expectEntries(['Dinner plans', 'Quarterly review', 'Sunday walk by the river']);
  });

  await test.step('deletes an entry and takes it back with Undo', async () => {
    await timeline.open('Dinner plans');
    await entry.moveToTrash();
    await expect(timeline.entry('Dinner plans')).toBeHidden();
    await entry.undo();
    await expect(entry.heading('Dinner plans')).toBeVisible();
    await shell.goTo('Timeline');
    await timeline.expectEntries(['Dinner plans', 'Quarterly review', 'Sunday walk by the river']);
    await shell.goTo('Trash');
    await expect(trash.entries).toHaveCount(0);
  });

  await test.step('locks, and a wrong passphrase is refused', async () => {
    await shell.lock();
    await expect(page.getByText('Dinner plans')).toHaveCount(0);
    await gate.attemptUnlock('violet harbour lantern seventeen loudly');
    await expect(gate.error).toContainText('That passphrase is not right');
    await expect(gate.unlockHeading).toBeVisible();
    await expect(gate.passphrase).toHaveValue('');
  });

  const everythingIsStillThere = async () => {
    await expect(shell.heading('Timeline')).toBeVisible();
    await timeline.expectEntries(['Dinner plans', 'Quarterly review', 'Sunday walk by the river']);
    await shell.goTo('People');
    await expect(people.list).toHaveCount(2);
    await expect(people.person('Alex')).toBeVisible();
    await expect(people.person('Sam')).toBeVisible();
  };

  await test.step('unlocks with the passphrase, is told about the failed attempt, and everything is still there', async () => {
    await gate.unlock(PASSPHRASE);
    await expect(gate.failedAttemptsNotice).toContainText('1 failed attempt');
    await gate.dismissFailedAttemptsNotice();
    await everythingIsStillThere();
  });

  await test.step('locks again and unlocks with the recovery key, and everything is still there', async () => {
    await shell.lock();
    await gate.unlockWithRecoveryKey(recoveryKey);
    // Opened with the recovery key: a new passphrase (and a new recovery key) before the journal opens.
    await gate.chooseNewPassphrase('willow harbour cinnamon seventeen kite');
    await gate.confirmRecoveryKeySaved();
    await everythingIsStillThere();
    await expect(gate.failedAttemptsNotice).toHaveCount(0);
    await shell.goTo('Timeline');
    await timeline.open('Dinner plans');
    await expect(page.getByText('I wanted to cook lasagne')).toBeVisible();
  });
});

/**
 * Nothing typed is lost: an entry typed and abandoned — the tab closed, or the host killed outright —
 * comes back as a draft the next time the journal is opened.
 */
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { apiOf, type HostAddress } from './api.js';
import { expect, newDataDir, openHost, spawnWebHost, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'copper meadow umbrella ninety drift';
const TITLE = 'Phone call with Dad';
const BODY = 'Dad rang to ask why I had not visited.\nI said I would come in May, and this time he said that was fine.';

/** A journal with one person, made through the API (the journeys test creating one through the UI). */
async function journalAt(host: HostAddress): Promise<void> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('people.create', { name: 'Dad', kind: 'family', color: '#009E73' });
  await call('vault.lock', {});
}

async function openAndUnlock(browser: Browser, url: string): Promise<{ page: Page; app: Fulcrum }> {
  const page = await browser.newPage();
  const app = new Fulcrum(page);
  await page.goto(url);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return { page, app };
}

async function startDraft(app: Fulcrum): Promise<void> {
  await app.shell.newEntry();
  await app.editor.fill({ title: TITLE, body: BODY, people: ['Dad'], ratings: { Heard: 4 } });
}

async function expectDraftRestored(app: Fulcrum): Promise<void> {
  const { timeline, editor } = app;
  await expect(timeline.continueWriting).toBeVisible();
  await timeline.continueWriting.click();
  await expect(editor.restoredNotice).toBeVisible();
  await expect(editor.title).toHaveValue(TITLE);
  await expect(editor.body).toHaveValue(BODY);
  await expect(editor.people.getByRole('checkbox', { name: 'Dad' })).toBeChecked();
  await expect(editor.rating('Heard').getByRole('radio', { name: '4', exact: true })).toBeChecked();
}

test('an entry typed and abandoned by closing the tab is restored when the journal is opened again', async ({ browser }) => {
  const dataDir = newDataDir();
  let host = await openHost(dataDir);
  try {
    await journalAt(host);
    const first = await openAndUnlock(browser, host.url);
    await startDraft(first.app);
    // Closed straight away — before the two-second autosave — as a person closing the window would.
    await first.page.close();
    // The closing page handed its draft over (encrypted, through the API) on its way out.
    await expect.poll(async () => (await apiOf(host)('drafts.list', {})).map((d) => d.key), { timeout: 3000 }).toEqual(['new']);
    // Quit (locks the journal) and launch again: a new token, a new page.
    await host.close();
    host = await openHost(dataDir);

    const second = await openAndUnlock(browser, host.url);
    await expectDraftRestored(second.app);
    // Saving it turns the draft into an entry, and the draft is gone.
    await second.app.editor.save();
    await expect(second.app.timeline.entry(TITLE)).toBeVisible();
    await expect(second.app.timeline.continueWriting).toBeHidden();
    await second.page.close();
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a draft survives the host being killed (-9) and is restored by the next launch', async ({ browser }) => {
  test.setTimeout(90_000);
  const dataDir = newDataDir();
  let child = await spawnWebHost(dataDir);
  try {
    await journalAt(child);
    const first = await openAndUnlock(browser, await child.newLaunchUrl());
    await startDraft(first.app);
    // Autosave (encrypted, through the API) says it is done; then the process dies without warning.
    await expect(first.app.editor.draftSaved).toBeVisible();
    child.process.kill('SIGKILL');
    expect(await child.exited).toBeNull();
    await first.page.close();

    child = await spawnWebHost(dataDir);
    const second = await openAndUnlock(browser, await child.newLaunchUrl());
    await expectDraftRestored(second.app);
    await second.page.close();
  } finally {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('discarding a draft leaves the editor at once, even while removing the stored draft takes its time', async ({ page, host }) => {
  await journalAt(host);
  const app = new Fulcrum(page);
  await page.goto(await host.newLaunchUrl());
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  await startDraft(app);
  await expect(app.editor.draftSaved).toBeVisible();

  // The removal of the stored draft is held (a slow disk) until the timeline is on screen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route('**/api/drafts.discard', async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await app.editor.cancelAndDiscard();
  await expect(app.shell.heading('Timeline')).toBeVisible();
  await expect.poll(() => asked).toBe(true);
  // The timeline came while the removal was still held; once it is through, no draft is offered.
  const discarded = page.waitForResponse('**/api/drafts.discard');
  release();
  expect((await discarded).ok()).toBe(true);
  await expect(app.timeline.continueWriting).toHaveCount(0);
  await app.shell.newEntry();
  await expect(app.editor.title).toHaveValue('');
});

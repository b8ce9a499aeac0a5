/**
 * Locking in real Chromium against browser mode: quick exit (button and Esc ×3) and auto-lock
 * (idle, with the host's test clock pushed forward; suspend, fired through the test host), the
 * failed-attempts notice, and deleting the journal. (Code run in the page is passed as strings: this
 * file is type-checked without the DOM.)
 */
import type { Page } from '@playwright/test';
import { apiOf, sessionOf, type ApiCall } from './api.js';
import type { WebHost } from '../../main/web/index.js';
import { expect, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'copper meadow umbrella ninety drift';
const TYPED = 'Typed just before leaving, never saved by hand';

/** The test host's own calls (they exist only with the insecure test flag); answers the call's value. */
async function testCall(host: WebHost, name: string, input: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await sessionOf(host.newLaunchUrl())}` },
    body: JSON.stringify(input),
  });
  expect(res.status, name).toBe(200);
  return ((await res.json()) as { value: unknown }).value;
}

async function journal(host: WebHost): Promise<ApiCall> {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('people.create', { name: 'Sam', kind: 'romantic', color: '#0072B2' });
  await call('vault.lock', {});
  return call;
}

async function openUnlocked(page: Page, url: string): Promise<Fulcrum> {
  const app = new Fulcrum(page);
  await page.goto(url);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return app;
}

/** Starts a new entry and types into it — less than the 2 s autosave before whatever comes next. */
async function typeWithoutSaving(app: Fulcrum): Promise<void> {
  await app.shell.newEntry();
  await app.editor.body.fill(TYPED);
}

async function expectDraftKept(call: ApiCall): Promise<void> {
  await call('vault.unlock', { passphrase: PASSPHRASE });
  const draft = await call('drafts.get', { key: 'new' });
  expect(draft?.content).toContain(TYPED);
  await call('vault.lock', {});
}

test.describe('quick exit', () => {
  test('Esc three times: the page is blank within 300 ms, then a neutral tab; the journal is locked, the draft kept, Back leads nowhere', async ({ page, host }) => {
    const call = await journal(host);
    const app = await openUnlocked(page, host.url);
    await app.shell.goTo('People');
    await typeWithoutSaving(app);

    // window.name survives a same-origin navigation in the tab: the time of each Esc is kept there,
    // and the neutral page's navigation timing says when it was showing.
    await page.evaluate(`window.addEventListener('keydown', (e) => { if (e.key === 'Escape') window.name = String(Date.now()); }, true)`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/new-tab$/);
    await page.waitForLoadState('domcontentloaded');
    const elapsed = (await page.evaluate(
      `performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd - Number(window.name)`,
    )) as number;
    test.info().annotations.push({ type: 'quick exit', description: `neutral page after ${Math.round(elapsed)} ms` });
    expect(elapsed, 'the neutral page was showing within 300 ms of the third Esc').toBeLessThan(300);
    expect(await page.title()).toBe('New Tab');
    expect(await page.locator('body').innerText()).toBe('');

    expect(await call('vault.status', {})).toMatchObject({ unlocked: false });
    await expectDraftKept(call);

    // Back does not lead into the journal: the neutral page, then whatever came before the app.
    for (let i = 0; i < 3; i++) {
      await page.goBack().catch(() => null);
      expect(page.url()).not.toMatch(/#\/|token=/);
      expect(await page.locator('body').innerText().catch(() => '')).not.toMatch(/Fulcrum|Unlock|Sam/);
    }
    // Nor does Forward.
    await page.goForward().catch(() => null);
    expect(page.url()).not.toMatch(/#\//);
  });

  test('clears the DOM within 300 ms of the third Esc (measured in the page)', async ({ page, host }) => {
    await journal(host);
    const app = await openUnlocked(page, host.url);
    await typeWithoutSaving(app);
    // Keep the page from navigating, so the timing can be read: the clear itself is what is timed.
    const timing = await page.evaluate(`new Promise((resolve) => {
      const root = document.getElementById('root');
      let start = 0;
      window.addEventListener('keydown', (e) => { if (e.key === 'Escape') start = performance.now(); }, { capture: true });
      const obs = new MutationObserver(() => {
        if (start && root.querySelector('.quick-exit-blank') && !root.textContent) { obs.disconnect(); resolve(performance.now() - start); }
      });
      obs.observe(root, { childList: true, subtree: true });
      for (let i = 0; i < 3; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    })`);
    test.info().annotations.push({ type: 'quick exit', description: `DOM empty after ${Math.round(timing as number)} ms` });
    expect(timing as number).toBeLessThan(300);
  });

  test('the button is on every screen: welcome, create, unlock and the journal', async ({ page, host }) => {
    const app = new Fulcrum(page);
    const button = page.getByRole('button', { name: 'Quick exit' });
    await page.goto(host.url);
    await expect(app.gate.welcomeHeading).toBeVisible();
    // One calm screen says what Fulcrum cannot protect against, and points to safer devices.
    await expect(page.getByRole('heading', { name: 'What it cannot protect' })).toBeVisible();
    await expect(page.getByText(/spyware, screen recording or a key logger/)).toBeVisible();
    await expect(page.getByText(/shared with the person you write about.*device only you can get to/s)).toBeVisible();
    await expect(button).toBeVisible();
    await app.gate.startCreating();
    await expect(button).toBeVisible();
    await app.gate.createJournal(PASSPHRASE);
    await expect(button).toBeVisible();
    await app.gate.confirmRecoveryKeySaved();
    await expect(app.shell.heading('Timeline')).toBeVisible();
    await expect(button).toBeVisible();
    await app.shell.goTo('People');
    await expect(button).toBeVisible();
    await app.shell.lock();
    await expect(button).toBeVisible();
    // From the unlock screen it leaves too.
    await button.click();
    await page.waitForURL(/\/new-tab$/);
    expect(await page.title()).toBe('New Tab');
  });

  test('empties the clipboard of the recovery key copied at set-up', async ({ browser, host }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const app = new Fulcrum(page);
    await page.goto(host.url);
    await app.gate.startCreating();
    const key = await app.gate.createJournal(PASSPHRASE);
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByText(/^Copied\./)).toBeVisible();
    // A page of another loopback origin, without the app's Permissions-Policy, can read the clipboard.
    const http = await import('node:http');
    const plain = http.createServer((_req, res) => res.end('<!doctype html><title>reader</title>'));
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
    const reader = await context.newPage();
    await reader.goto(`http://127.0.0.1:${(plain.address() as { port: number }).port}/`);
    // It holds the key now…
    expect(await reader.evaluate('navigator.clipboard.readText()')).toBe(key);
    await page.bringToFront();
    await app.gate.confirmRecoveryKeySaved();
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(/\/new-tab$/);
    // …and not after quick exit.
    expect(await reader.evaluate('navigator.clipboard.readText()')).toBe('');
    await context.close();
    plain.close();
  });
});

test.describe('auto-lock', () => {
  test('after five idle minutes (test clock) it saves the draft, locks and says why', async ({ page, host }) => {
    const call = await journal(host);
    const app = await openUnlocked(page, host.url);
    await typeWithoutSaving(app);
    // Four minutes on: the host has announced no lock (its timers due by then have run), so the page stays.
    expect(await testCall(host, 'test.advanceClock', { ms: 4 * 60_000 })).toMatchObject({ lockPending: null });
    await expect(app.editor.body).toBeVisible();
    await testCall(host, 'test.advanceClock', { ms: 60_000 });
    await expect(app.gate.unlockHeading).toBeVisible();
    await expect(page.getByText('Fulcrum locked itself after a while without use.')).toBeVisible();
    await expect(page.getByText(TYPED)).toHaveCount(0);
    expect(await call('vault.status', {})).toMatchObject({ unlocked: false });
    await expectDraftKept(call);
  });

  test('locks when the computer goes to sleep, keeping the draft', async ({ page, host }) => {
    const call = await journal(host);
    const app = await openUnlocked(page, host.url);
    await typeWithoutSaving(app);
    await testCall(host, 'test.firePower', { event: 'suspend' });
    await expect(app.gate.unlockHeading).toBeVisible();
    await expect(page.getByText('Fulcrum locked when the computer went to sleep.')).toBeVisible();
    await expectDraftKept(call);
  });

  test('the lock time is a setting on the Safety page', async ({ page, host }) => {
    await journal(host);
    const app = await openUnlocked(page, host.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety' }).click();
    await expect(app.shell.heading('Safety')).toBeVisible();
    const select = page.getByRole('combobox', { name: 'Lock after this long without use' });
    await expect(select).toHaveValue('5');
    await select.selectOption('15');
    await expect(app.shell.toast('Lock time saved.')).toBeVisible();
    // Six minutes is past the old five but not the new fifteen: no lock is announced.
    expect(await testCall(host, 'test.advanceClock', { ms: 6 * 60_000 })).toMatchObject({ lockPending: null });
    await expect(app.shell.heading('Safety')).toBeVisible();
    await testCall(host, 'test.advanceClock', { ms: 10 * 60_000 });
    await expect(app.gate.unlockHeading).toBeVisible();
  });
});

test('failed unlock attempts made while locked are shown after the next unlock, until dismissed', async ({ page, host }) => {
  const call = await journal(host);
  const app = new Fulcrum(page);
  await page.goto(host.url);
  await app.gate.attemptUnlock('not the passphrase at all');
  await expect(app.gate.error).toBeVisible();
  await app.gate.attemptUnlock('still not the passphrase');
  await expect(app.gate.error).toBeVisible();
  await app.gate.unlock(PASSPHRASE);
  const notice = page.getByRole('dialog', { name: 'Failed unlock attempts' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/2 failed attempts to unlock since your last visit: \w+ \d{1,2}:\d{2}/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  expect(await call('safety.failedAttempts', {})).toEqual([]);
  await app.shell.lock();
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('delete journal: typed confirmation, then every file is gone and Fulcrum starts fresh', async ({ page, host }) => {
  const fs = await import('node:fs');
  await journal(host);
  const app = await openUnlocked(page, host.url);
  expect(fs.readdirSync(host.dataDir).length).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety' }).click();
  const confirm = page.getByRole('textbox', { name: 'Type DELETE to confirm' });
  const button = page.getByRole('button', { name: 'Delete journal for good' });
  await expect(button).toBeDisabled();
  await confirm.fill('delete');
  await expect(button).toBeDisabled();
  await confirm.fill('DELETE');
  await button.click();
  await expect(app.gate.welcomeHeading).toBeVisible();
  expect(fs.readdirSync(host.dataDir)).toEqual([]);
});

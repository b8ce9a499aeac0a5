/**
 * Browser mode's transport in real Chromium: the single-use launch link, the bridge, events, the
 * CSP, and nothing off-machine. (Code run in the page is passed as strings: this file is type-checked
 * without the DOM.)
 */
import AxeBuilder from '@axe-core/playwright';
import { apiOf } from './api.js';
import { expect, openHost, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';
import { LinkScreen } from './pages/link.js';

const call = (channel: string, input: unknown = {}) => `window.fulcrum[${JSON.stringify(channel)}](${JSON.stringify(input)})`;

test('the printed link opens the app over the HTTP bridge, and the token leaves the address bar and history', async ({ page, host }) => {
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto(host.url);
  await expect(new Fulcrum(page).gate.welcomeHeading).toBeVisible();
  expect(await page.evaluate('window.fulcrum.transport')).toBe('browser');
  expect(page.url()).not.toContain(host.token);
  // Replaced, not added: the entry for the page in this tab's history has no token either.
  const entries = (await page.evaluate('navigation.entries().map((e) => e.url)')) as string[];
  expect(entries.at(-1)).toBe(`http://127.0.0.1:${host.port}/`);
  expect(entries.join(' ')).not.toContain('token');
  expect(await page.evaluate('location.hash')).not.toContain('token');
  // Nothing of it in the page's storage.
  expect(await page.evaluate('JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie')).not.toContain(host.token);
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: true, value: { exists: false, unlocked: false } });
  expect([...origins]).toEqual([`http://127.0.0.1:${host.port}`]);
});

test('a reload cannot reuse the link: a calm screen says it was used and how to get a fresh one', async ({ page, host }) => {
  const app = new Fulcrum(page);
  const link = new LinkScreen(page);
  await page.goto(host.url);
  await expect(app.gate.welcomeHeading).toBeVisible();
  await page.reload();
  await expect(link.usedHeading).toBeVisible();
  await expect(link.explanation).toContainText('start Fulcrum again (npm run web)');
  await expect(link.explanation).toContainText('Nothing you saved is affected');
  await expect(link.quickExit).toBeVisible();
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the same link opened again, in another tab, is refused with the same screen', async ({ page, host, context }) => {
  await page.goto(host.url);
  await expect(new Fulcrum(page).gate.welcomeHeading).toBeVisible();
  const other = await context.newPage();
  await other.goto(host.url);
  await expect(new LinkScreen(other).usedHeading).toBeVisible();
  // A fresh link from the host opens a second page.
  const third = await context.newPage();
  await third.goto(host.newLaunchUrl());
  await expect(new Fulcrum(third).gate.welcomeHeading).toBeVisible();
});

test('closing the tab locks the journal after the grace period', async ({ browser }) => {
  const host = await openHost(undefined, { pagesGoneLockMs: 300 });
  try {
    const call = apiOf(host);
    await call('vault.create', { passphrase: 'copper meadow umbrella ninety drift' });
    await call('vault.lock', {});
    const page = await browser.newPage();
    const app = new Fulcrum(page);
    await page.goto(host.url);
    await app.gate.unlock('copper meadow umbrella ninety drift');
    await expect(app.shell.heading('Timeline')).toBeVisible();
    expect(await call('vault.status', {})).toMatchObject({ unlocked: true });
    await page.close();
    await expect.poll(async () => (await call('vault.status', {})).unlocked).toBe(false);
  } finally {
    await host.close();
  }
});

test('without the token every call says to open the printed link', async ({ page, host }) => {
  await page.goto(`http://127.0.0.1:${host.port}/`);
  await expect(new LinkScreen(page).missingHeading).toBeVisible();
  expect(await page.evaluate(call('vault.status'))).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED', message: expect.stringContaining('npm run web') },
  });
});

test('a page with a stale token is refused by the host', async ({ page, host }) => {
  await page.goto(`http://127.0.0.1:${host.port}/#token=${'A'.repeat(43)}`);
  await expect(new LinkScreen(page).usedHeading).toBeVisible();
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
});

test('events pushed by the host reach the page', async ({ page, host }) => {
  await page.goto(host.url);
  // The bridge exists once the page has traded its launch link for a session (after the load event).
  await expect(new Fulcrum(page).gate.welcomeHeading).toBeVisible();
  await page.evaluate('window.__events = []; window.fulcrum.subscribe((e) => window.__events.push(e))');
  // The stream connects asynchronously: emit until the page has seen one.
  await expect
    .poll(async () => {
      host.emit({ type: 'reminder', kind: 'journal' });
      return page.evaluate('window.__events.length');
    })
    .toBeGreaterThan(0);
  expect(await page.evaluate('window.__events[0]')).toEqual({ type: 'reminder', kind: 'journal' });
});

test('the page runs under the strict CSP: no inline script, no remote fetch', async ({ page, host }) => {
  await page.goto(host.url);
  const csp = (await page.request.get(`http://127.0.0.1:${host.port}/`)).headers()['content-security-policy'];
  expect(csp).toContain("default-src 'none'");
  await page.evaluate("window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective))");
  // Blocked by the CSP itself (not merely by having no network): the violation report says which rule.
  expect(await page.evaluate("fetch('https://example.com/').then(() => 'loaded', () => 'blocked')")).toBe('blocked');
  const ran = await page.evaluate(`(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return window.__inlineRan === true;
  })()`);
  expect(ran).toBe(false);
  await expect.poll(() => page.evaluate('window.__violations')).toEqual(expect.arrayContaining(['connect-src', 'script-src-elem']));
});

/**
 * Browser mode's transport in real Chromium: the token, the bridge, events, the CSP, and nothing
 * off-machine. (Code run in the page is passed as strings: this file is type-checked without the DOM.)
 */
import { expect, test } from './fixtures.js';

const call = (channel: string, input: unknown = {}) => `window.fulcrum[${JSON.stringify(channel)}](${JSON.stringify(input)})`;

test('the printed link opens the app over the HTTP bridge, and the token leaves the address bar', async ({ page, host }) => {
  const origins = new Set<string>();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto(host.url);
  await expect.poll(() => page.evaluate('typeof window.fulcrum')).toBe('object');
  expect(await page.evaluate('window.fulcrum.transport')).toBe('browser');
  expect(page.url()).not.toContain(host.token);
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: true, value: { exists: false, unlocked: false } });
  // A reload (the token is no longer in the URL) still works.
  await page.reload();
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: true });
  expect([...origins]).toEqual([`http://127.0.0.1:${host.port}`]);
});

test('without the token every call says to open the printed link', async ({ page, host }) => {
  await page.goto(`http://127.0.0.1:${host.port}/`);
  expect(await page.evaluate(call('vault.status'))).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED', message: expect.stringContaining('npm run web') },
  });
});

test('a page with a stale token is refused by the host', async ({ page, host }) => {
  await page.goto(`http://127.0.0.1:${host.port}/#token=${'A'.repeat(43)}`);
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
});

test('events pushed by the host reach the page', async ({ page, host }) => {
  await page.goto(host.url);
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

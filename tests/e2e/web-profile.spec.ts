/**
 * The launch link in a real browser profile. Chromium keeps the URL it was opened with in its History
 * and session files, where anyone using the same profile can read it back. So: open the link in
 * Debian's Chromium with a persistent profile, unlock, close the browser, then read every file of the
 * profile and try every token-shaped string in it — each must be refused — and the journal must be
 * locked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../playwright.config.js';
import { snapshotDir } from '../helpers/files.js';
import { apiOf } from './api.js';
import { expect, newDataDir, openHost, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'copper meadow umbrella ninety drift';
/** Our secrets' shape: 32 random bytes in base64url, 43 characters. */
const SECRET = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** Every 43-character base64url run in a file, read as ASCII/UTF-8 and as UTF-16 (either alignment, either byte order). */
function tokenShapedStrings(bytes: Buffer): string[] {
  const even = (b: Buffer) => b.subarray(0, b.length - (b.length % 2));
  const texts = [bytes.toString('latin1')];
  for (const b of [bytes, bytes.subarray(1)]) texts.push(even(b).toString('utf16le'), Buffer.from(even(b)).swap16().toString('utf16le'));
  return texts.flatMap((t) => t.match(SECRET) ?? []);
}

test('a closed browser leaves no usable key in its profile, and closing it locked the journal', async () => {
  test.setTimeout(120_000);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-profile-'));
  const profile = path.join(base, 'chromium-profile');
  const dataDir = newDataDir();
  const host = await openHost(dataDir, { pagesGoneLockMs: 500 });
  try {
    const call = apiOf(host);
    await call('vault.create', { passphrase: PASSPHRASE });
    await call('vault.lock', {});

    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    const sessions: string[] = [];
    context.on('response', (r) => {
      if (r.url().endsWith('/api/session')) void r.json().then((b: { value?: { session?: string } }) => b.value?.session && sessions.push(b.value.session));
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const app = new Fulcrum(page);
    await page.goto(host.url);
    await app.gate.unlock(PASSPHRASE);
    await expect(app.shell.heading('Timeline')).toBeVisible();
    expect(await call('vault.status', {})).toMatchObject({ unlocked: true });
    await expect.poll(() => sessions.length).toBe(1);
    await context.close(); // the browser is gone; its profile is complete on disk

    // Closing it locked the journal (the host noticed the page had gone).
    await expect.poll(async () => (await call('vault.status', {})).unlocked).toBe(false);

    const candidates = new Set<string>();
    for (const bytes of snapshotDir(profile).values()) for (const s of tokenShapedStrings(bytes)) candidates.add(s);
    // The profile did keep the launch link (which is why it must be single-use), so the scan sees it.
    expect(candidates.has(host.token)).toBe(true);
    test.info().annotations.push({ type: 'profile scan', description: `${candidates.size} token-shaped strings tried` });
    // The page's session secret lived only in its memory.
    expect(candidates.has(sessions[0]!)).toBe(false);

    const refused: string[] = [];
    const post = (pathname: string, secret: string) =>
      fetch(`http://127.0.0.1:${host.port}${pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` }, body: '{}' });
    for (const secret of [...candidates, sessions[0]!]) {
      const asCall = await post('/api/vault.status', secret);
      const asLaunch = await post('/api/session', secret);
      if (asCall.status !== 401 || asLaunch.status !== 401) refused.push(`${secret}: ${asCall.status}/${asLaunch.status}`);
    }
    expect(refused).toEqual([]);
    expect(await call('vault.status', {})).toMatchObject({ unlocked: false });
  } finally {
    await host.close();
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * The desktop app itself, through Playwright's _electron: the hardening Chromium must honour (which
 * the Node smoke test in tests/unit/app-main.test.ts can only see as configuration) and a journey
 * through the IPC bridge and the UI. Skipped, with the reason printed, where Electron cannot run
 * (no binary — as on the machine this was written on — or no display).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectron } from '../../main/cli/electron-detect.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSPHRASE = 'correct horse battery staple orbit';
const APP_URL = /^app:\/\/fulcrum\/index\.html(#.*)?$/;
const check = findElectron();
if (!check.ok) console.log(`[electron] skipping the desktop journey: Electron cannot run here: ${check.reason}.`);
test.skip(!check.ok, check.ok ? '' : `Electron cannot run here: ${check.reason}`);

const call = (channel: string, input: unknown = {}) => `window.fulcrum[${JSON.stringify(channel)}](${JSON.stringify(input)})`;

let dataDir: string;
let app: ElectronApplication;
let page: Page;

async function launch(): Promise<void> {
  if (!check.ok) throw new Error('unreachable');
  app = await electron.launch({
    executablePath: check.binary,
    args: [ROOT],
    env: { ...process.env, FULCRUM_DATA_DIR: dataDir, FULCRUM_INSECURE_TEST_KDF: '1', FULCRUM_ALLOW_INSECURE_TEST_KDF: '1' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
}

test.beforeAll(async () => {
  if (!check.ok) return;
  // What `npm start` does before launching: the Electron-ABI SQLite module, main + preload, renderer.
  const { ensureElectronNative } = await import('../../main/cli/electron-native.js');
  const { buildMain } = await import('../../main/cli/build-main.js');
  const { ensureRendererBuilt } = await import('../../main/cli/renderer-build.js');
  await ensureElectronNative(check.version, ROOT);
  await buildMain();
  ensureRendererBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-electron-'));
  await launch();
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test.describe.configure({ mode: 'serial' });

test('the window is the app’s own page, sandboxed, with the bridge and nothing of Node', async () => {
  expect(page.url()).toMatch(APP_URL);
  expect(
    await page.evaluate(`({
      transport: window.fulcrum.transport,
      require: typeof window.require,
      process: typeof window.process,
      module: typeof window.module,
      calls: Object.keys(window.fulcrum).length,
    })`),
  ).toMatchObject({ transport: 'electron', require: 'undefined', process: 'undefined', module: 'undefined' });
  const win = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    return { title: w.getTitle(), count: BrowserWindow.getAllWindows().length };
  });
  expect(win).toEqual({ title: 'Fulcrum', count: 1 });
  // The renderer is up: a new user is offered to create a journal.
  await expect(page.getByRole('button', { name: /create a journal/i })).toBeVisible();
});

test('the page title never reaches the window title', async () => {
  await page.evaluate(`document.title = 'Dinner with Sam'`);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle())).toBe('Fulcrum');
});

test('remote content, new windows, navigation and permissions are all refused', async () => {
  expect(await page.evaluate("fetch('https://example.com/').then(() => 'loaded', () => 'blocked')")).toBe('blocked');
  expect(await page.evaluate("window.open('https://example.com/') === null")).toBe(true);
  expect(await page.evaluate("navigator.permissions.query({ name: 'notifications' }).then((p) => p.state, () => 'denied')")).not.toBe('granted');
  expect(await page.evaluate("navigator.mediaDevices ? navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', () => 'denied') : 'denied'")).toBe('denied');
  // Record navigation attempts after the app's own handler: once one is seen, the app has refused it.
  await app.evaluate(({ BrowserWindow }) => {
    const g = globalThis as unknown as { navAttempts: string[] };
    g.navAttempts = [];
    BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (_e, url) => g.navAttempts.push(url));
  });
  await page.evaluate("location.href = 'https://example.com/'");
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { navAttempts: string[] }).navAttempts.length)).toBeGreaterThan(0);
  expect(page.url()).toMatch(APP_URL);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('a journal is created, locked, refuses a wrong passphrase and opens with the right one, over IPC', async () => {
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: true, value: { exists: false } });
  const created = (await page.evaluate(call('vault.create', { passphrase: PASSPHRASE }))) as { ok: boolean; value: { recoveryKey: string } };
  expect(created.ok).toBe(true);
  expect(await page.evaluate(call('people.create', { name: 'Test Person', kind: 'other', color: '#336699' }))).toMatchObject({ ok: true });
  expect(await page.evaluate(call('vault.lock'))).toMatchObject({ ok: true });
  expect(await page.evaluate(call('people.list'))).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  expect(await page.evaluate(call('vault.unlock', { passphrase: 'wrong passphrase entirely' }))).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
  expect(await page.evaluate(call('vault.unlock', { passphrase: PASSPHRASE }))).toMatchObject({ ok: true });
  expect(await page.evaluate(call('people.list'))).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Test Person' })] });
});

test('quitting locks the journal, and it is still there after a relaunch', async () => {
  await app.close();
  const wal = path.join(dataDir, 'journal.db-wal');
  expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  await launch();
  expect(await page.evaluate(call('vault.status'))).toMatchObject({ ok: true, value: { exists: true, unlocked: false } });
  expect(await page.evaluate(call('vault.unlock', { passphrase: PASSPHRASE }))).toMatchObject({ ok: true });
  expect(await page.evaluate(call('people.list'))).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Test Person' })] });
});

test('Chromium keeps no web storage for the page on disk (in-memory session)', async () => {
  const profile = path.join(dataDir, 'electron-profile');
  for (const name of ['Local Storage', 'IndexedDB', 'Session Storage', 'Cache', 'Code Cache']) {
    expect(fs.existsSync(path.join(profile, 'Partitions', 'fulcrum', name)), name).toBe(false);
  }
});

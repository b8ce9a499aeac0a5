/**
 * Smoke test of the bundled Electron main process (dist/app/main.js) under plain Node, with a recording
 * stand-in for the `electron` module (tests/helpers/electron-stub). It checks the glue is wired — the
 * sandbox, the scheme, the window's options, session hardening, sender-checked IPC reaching the real
 * service, the app:// protocol with its CSP, menu commands, lock on suspend. What only a real Electron
 * can show (that Chromium honours all this) is in tests/electron.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BYTE_CHANNELS, MICROPHONE_ARM, MICROPHONE_RELEASE } from '../../main/app/bridge.js';
import { CHANNELS } from '../../shared/api.js';
import { buildMain } from '../../main/cli/build-main.js';
import { electronNativeDir } from '../../main/app/native.js';
import { CONTENT_SECURITY_POLICY } from '../../main/core/static.js';
import { filesContaining, tempDir } from '../helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
type Observed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the child

let seen: Observed;
let dataDir: string;
let bundles: { main: string; worker: string };

beforeAll(async () => {
  const { main, worker } = await buildMain();
  bundles = { main: fs.readFileSync(main, 'utf8'), worker: fs.readFileSync(worker, 'utf8') };
  const appPath = tempDir('fulcrum-app-');
  // The Node build stands in for the Electron-ABI one (same file name, same place main.ts looks).
  const nativeDir = electronNativeDir(appPath, '45.4.1');
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'), path.join(nativeDir, 'better_sqlite3.node'));
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Fulcrum</title>');
  dataDir = tempDir('fulcrum-app-data-');
  const stdout = execFileSync(process.execPath, [path.join(ROOT, 'tests/helpers/electron-stub/drive.mjs'), main], {
    env: {
      ...process.env,
      STUB_APP_PATH: appPath,
      FULCRUM_DATA_DIR: dataDir,
      FULCRUM_INSECURE_TEST_KDF: '1',
      FULCRUM_ALLOW_INSECURE_TEST_KDF: '1',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as Observed;
});

describe('the desktop main process (bundled, against a stand-in electron)', () => {
  it('never loads the database or the vault: they run in the core thread (dist/app/worker.js)', () => {
    expect(bundles.main).not.toContain('better-sqlite3-multiple-ciphers');
    expect(bundles.main).not.toContain('@node-rs/argon2');
    expect(bundles.worker).toContain('better-sqlite3-multiple-ciphers');
    expect(bundles.worker).toContain('@node-rs/argon2');
  });

  it('names the app, sandboxes every renderer and registers app:// as a standard secure scheme', () => {
    expect(seen.name).toBe('Fulcrum');
    expect(seen.paths.userData).toBe(path.join(dataDir, 'electron-profile'));
    expect(seen.sandboxEnabled).toBe(true);
    expect(seen.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(seen.privilegedSchemes[0].privileges.bypassCSP).toBeUndefined();
    expect(seen.switches).toContainEqual(['disable-features', expect.stringContaining('HardwareMediaKeyHandling')]);
  });

  it('opens one hardened window on app://, titled neutrally, with content protection', () => {
    const w = seen.window;
    expect(w.url).toBe('app://fulcrum/index.html');
    expect(w.contentProtection).toBe(true);
    expect(w.options.title).toBe('Fulcrum');
    expect(w.options.webPreferences).toEqual({
      preload: expect.any(String),
      partition: 'fulcrum',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: true, // an unpackaged app; packaged builds get false (app.isPackaged)
      v8CacheOptions: 'none',
    });
    // Without "persist:", the session lives in memory: no cache, localStorage or IndexedDB on disk.
    expect(w.options.webPreferences.partition.startsWith('persist:')).toBe(false);
    expect(w.options.webPreferences.preload).toMatch(/dist[\\/]app[\\/]preload\.cjs$/);
    expect(seen.titleUpdatePrevented).toBe(true);
  });

  it('registers one IPC handler per contract call, and answers only our window’s main frame', () => {
    // The contract's calls, the byte calls of attachments, and arming/releasing the microphone.
    expect([...seen.ipcChannels].sort()).toEqual(
      [...CHANNELS, ...BYTE_CHANNELS].map((c) => `fulcrum:${c}`).concat([MICROPHONE_ARM, MICROPHONE_RELEASE]).sort(),
    );
    expect(seen.ipc.trusted).toMatchObject({ ok: true, value: { exists: false, unlocked: false } });
    for (const k of ['subframe', 'foreignUrl', 'otherContents', 'noFrame']) {
      expect(seen.ipc[k], k).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    }
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', () => {
    expect(seen.protocol).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY, type: expect.stringMatching(/^text\/html/), body: expect.stringContaining('<title>Fulcrum</title>') });
    expect(seen.protocol.otherHost).toBe(404);
    expect(seen.protocol.traversal).toBe(404);
    expect(seen.protocol.post).toBe(404);
  });

  it('serves an attachment the core holds through app://, from memory and no-store (the preload reads it with fetch)', () => {
    expect(seen.attachmentProtocol).toEqual({ uploaded: true, status: 200, type: 'text/plain', cache: 'no-store', body: 'a note kept as a file', missing: 404 });
  });

  it('hardens the app session and the default one: no permissions, no spellchecker, only app:// requests', () => {
    for (const name of ['fulcrum', '<default>']) {
      const s = seen.sessions[name];
      expect(s, name).toBeDefined();
      expect(s.permissionRequest, name).toBe(false);
      expect(s.permissionCheck, name).toBe(false);
      expect(s.device, name).toBe(false);
      expect(s.spellChecker, name).toBe(false);
      expect(s.cancels, name).toEqual({ 'https://example.com/': true, 'http://127.0.0.1:1/': true, 'file:///etc/passwd': true, 'app://fulcrum/index.html': false });
    }
  });

  it('refuses navigation, new windows and <webview> in every web contents', () => {
    expect(seen.contents).toEqual({ navigateAway: true, navigateFile: true, frameNavigate: true, redirect: true, webview: true, windowOpen: { action: 'deny' } });
  });

  it('sends menu shortcuts to the renderer as commands', () => {
    expect(seen.menuSent).toEqual([['fulcrum:event', { type: 'command', command: 'lock' }]]);
  });

  it('locks on system suspend and tells the renderer (after a short grace to save the draft)', () => {
    expect(seen.created).toBe(true);
    expect(seen.afterSuspend).toMatchObject({ ok: true, value: { exists: true, unlocked: false } });
    expect(seen.eventsAfterSuspend).toEqual([
      ['fulcrum:event', { type: 'lock-pending', reason: 'suspend', graceMs: expect.any(Number) }],
      ['fulcrum:event', { type: 'locked', reason: 'suspend' }],
    ]);
  });

  it('quick exit hides the window and locks; launching Fulcrum again shows it', () => {
    expect(seen.quickExit).toEqual({ ok: true, value: null });
    expect(seen.afterQuickExit).toEqual({
      status: { ok: true, value: expect.objectContaining({ unlocked: false }) },
      hidden: true,
      events: [['fulcrum:event', { type: 'locked', reason: 'quick-exit' }]],
    });
    expect(seen.afterRelaunch).toEqual({ hidden: false });
  });

  it('never starts the crash reporter, never adds a recent document, never opens anything outside', () => {
    const names = (seen.calls as unknown[][]).map((c) => c[0]);
    expect(names).not.toContain('crashReporter.start');
    expect(names).not.toContain('app.addRecentDocument');
    expect(names).not.toContain('shell.openExternal');
    expect(names).not.toContain('dialog.showErrorBox');
  });

  it('keeps the preferences file free of journal content', () => {
    const prefs = path.join(dataDir, 'electron-profile', 'preferences.json');
    expect(fs.existsSync(prefs)).toBe(true);
    if (process.platform !== 'win32') {
      expect(fs.statSync(prefs).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(prefs)).mode & 0o777).toBe(0o700);
    }
    expect(Object.keys(JSON.parse(fs.readFileSync(prefs, 'utf8')) as object)).toEqual(['windowBounds']);
    expect(filesContaining(path.join(dataDir, 'electron-profile'), 'Dinner with Sam')).toEqual([]);
  });
});

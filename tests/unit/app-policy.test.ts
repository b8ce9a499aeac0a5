import { describe, expect, it } from 'vitest';
import { CHANNELS, type AppEvent } from '../../shared/api.js';
import { APP_ENTRY, grantsPermission, isAllowedRequest, isAllowedSender, isAppUrl } from '../../main/app/policy.js';
import { EVENT_CHANNEL, buildBridge, ipcChannelOf, type IpcLike } from '../../main/app/bridge.js';
import { fitBounds, DEFAULT_SIZE } from '../../main/app/window-bounds.js';
import { SHORTCUTS, buildMenuTemplate } from '../../main/app/menu-template.js';
import { nativeText } from '../../shared/native-text.js';
import { memoryPreferences, observedPreferences } from '../../main/core/prefs.js';
import fs from 'node:fs';
import path from 'node:path';
import { nativeBindingPath } from '../../main/app/native.js';

describe('desktop app policy', () => {
  it('knows its own files from everything else', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://fulcrum/assets/index-abc.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'app://fulcrum.evil/x', 'app://user:pw@fulcrum/', 'https://fulcrum/', 'file:///etc/passwd', 'http://127.0.0.1/', 'javascript:alert(1)', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('lets through only its own files (plus DevTools in development and inline images)', () => {
    expect(isAllowedRequest('app://fulcrum/index.html', { devTools: false })).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', { devTools: false })).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', { devTools: true })).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', { devTools: false })).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/api', 'ws://127.0.0.1/', 'file:///home/me/.ssh/id_rsa', 'ftp://x/', 'data:text/html,<script>1</script>', 'blob:app://fulcrum/x', 'chrome://settings', 'app://other/']) {
      expect(isAllowedRequest(url, { devTools: true }), url).toBe(false);
    }
  });

  it('answers IPC only from the main frame of our window showing our files', () => {
    const ok = { url: APP_ENTRY, isMainFrame: true, isOurWindow: true };
    expect(isAllowedSender(ok)).toBe(true);
    expect(isAllowedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isAllowedSender({ ...ok, isOurWindow: false })).toBe(false);
    expect(isAllowedSender({ ...ok, url: 'https://evil.example/' })).toBe(false);
    expect(isAllowedSender({ ...ok, url: 'file:///tmp/x.html' })).toBe(false);
    expect(isAllowedSender({ ...ok, url: null })).toBe(false);
    expect(isAllowedSender({ ...ok, url: undefined })).toBe(false);
  });

  it('refuses every permission', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'unknown']) {
      expect(grantsPermission(p), p).toBe(false);
    }
  });
});

describe('the preload bridge', () => {
  function fakeIpc() {
    const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();
    const invoked: { channel: string; input: unknown }[] = [];
    const ipc: IpcLike & { emit(channel: string, event: unknown, payload: unknown): void } = {
      invoke: async (channel, input) => {
        invoked.push({ channel, input });
        if (channel === ipcChannelOf('vault.lock')) throw new Error('main went away');
        return { ok: true, value: channel };
      },
      on: (c, l) => listeners.set(c, (listeners.get(c) ?? new Set()).add(l)),
      removeListener: (c, l) => listeners.get(c)?.delete(l),
      emit: (c, e, p) => listeners.get(c)?.forEach((l) => l(e, p)),
    };
    return { ipc, invoked, listeners };
  }

  it('has one method per contract call, each invoking fulcrum:<call>', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = buildBridge(ipc, CHANNELS);
    expect(bridge.transport).toBe('electron');
    for (const c of CHANNELS) expect(typeof bridge[c], c).toBe('function');
    expect(await bridge['people.list']({})).toEqual({ ok: true, value: 'fulcrum:people.list' });
    expect(invoked).toEqual([{ channel: 'fulcrum:people.list', input: {} }]);
  });

  it('turns a failed invoke into a typed reply', async () => {
    const bridge = buildBridge(fakeIpc().ipc, CHANNELS);
    expect(await bridge['vault.lock']({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('hands listeners the event payload only — never the IPC event object', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = buildBridge(ipc, CHANNELS);
    const got: unknown[][] = [];
    const off = bridge.subscribe((...args: unknown[]) => got.push(args));
    const ipcEvent = { sender: { send: () => {} } };
    const payload: AppEvent = { type: 'locked', reason: 'suspend' };
    ipc.emit(EVENT_CHANNEL, ipcEvent, payload);
    expect(got).toEqual([[payload]]);
    off();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});

describe('window placement', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('uses defaults the first time', () => {
    expect(fitBounds(null, screen)).toEqual(DEFAULT_SIZE);
  });
  it('restores a saved spot that is still on a screen', () => {
    expect(fitBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: false }, screen)).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
  });
  it('drops a spot on a monitor that is gone, and shrinks to the largest screen', () => {
    expect(fitBounds({ x: 2500, y: 50, width: 1000, height: 700, maximized: false }, screen)).toEqual({ width: 1000, height: 700 });
    expect(fitBounds({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });
});

describe('the application menu', () => {
  it('sends new-entry, search and lock on Ctrl/Cmd+N, F, L', () => {
    const sent: string[] = [];
    const template = buildMenuTemplate({ platform: 'linux', devTools: false, words: nativeText('en'), send: (c) => sent.push(c) });
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    for (const [command, accelerator] of Object.entries(SHORTCUTS)) {
      const item = items.find((i) => i.accelerator === accelerator);
      expect(item, command).toBeDefined();
      (item!.click as () => void)();
    }
    expect(sent).toEqual(['new-entry', 'search', 'lock']);
    expect(SHORTCUTS).toEqual({ 'new-entry': 'CmdOrCtrl+N', search: 'CmdOrCtrl+F', lock: 'CmdOrCtrl+L' });
  });

  it('offers reload and DevTools only in development, and uses the standard roles', () => {
    const roles = (devTools: boolean, platform: NodeJS.Platform) =>
      buildMenuTemplate({ platform, devTools, words: nativeText('en'), send: () => {} }).flatMap((m) => [m.role, ...(Array.isArray(m.submenu) ? m.submenu.map((i) => i.role) : [])]).filter(Boolean);
    expect(roles(false, 'linux')).not.toContain('toggleDevTools');
    expect(roles(false, 'linux')).not.toContain('reload');
    expect(roles(true, 'linux')).toContain('toggleDevTools');
    expect(roles(false, 'linux')).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'quit']));
    expect(roles(false, 'darwin')).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu']));
  });
});

describe('the application menu in the person\'s language', () => {
  const labels = (language: 'en' | 'de' | 'ar') =>
    buildMenuTemplate({ platform: 'linux', devTools: false, words: nativeText(language), send: () => {} }).flatMap((m) => [
      m.label,
      ...(Array.isArray(m.submenu) ? m.submenu.map((i) => i.label) : []),
    ]).filter(Boolean);

  it('labels Fulcrum\'s own items from the catalogue of the chosen language', () => {
    expect(labels('en')).toEqual(['File', 'New Entry', 'Lock', 'View', 'Search']);
    expect(labels('de')).toEqual(['Datei', 'Neuer Eintrag', 'Sperren', 'Ansicht', 'Suchen']);
    expect(labels('ar')).toEqual(['ملف', 'إدخال جديد', 'قفل', 'عرض', 'بحث']);
  });

  it('is relabelled when the language preference changes (the host observes the store)', () => {
    const store = memoryPreferences();
    const changed: string[] = [];
    const observed = observedPreferences(store, (key) => changed.push(key));
    observed.set('language', 'de');
    observed.set('theme', 'dark');
    expect(changed).toEqual(['language', 'theme']);
    expect(store.get('language')).toBe('de');
    // A refused value changes nothing and tells no one.
    expect(() => observed.set('language', 'xx' as never)).toThrow();
    expect(changed).toEqual(['language', 'theme']);
    // The desktop host rebuilds its menu on that signal (main.ts).
    const main = fs.readFileSync(path.join(process.cwd(), 'main', 'app', 'main.ts'), 'utf8');
    expect(main).toMatch(/observedPreferences\(electronPreferences\(\), \(key\) => \{\s*if \(key === 'language' && menuReady\) setMenu\(\);/);
  });
});

describe('the Electron-ABI native module', () => {
  it('is looked up per Electron version, platform and arch in development, and in resources when packaged', () => {
    expect(nativeBindingPath({ packaged: false, appPath: '/src/fulcrum', resourcesPath: '/x', electronVersion: '45.4.1', platform: 'linux', arch: 'x64' })).toBe(
      '/src/fulcrum/build/electron-native/45.4.1-linux-x64/better_sqlite3.node',
    );
    expect(nativeBindingPath({ packaged: true, appPath: '/opt/Fulcrum/resources/app.asar', resourcesPath: '/opt/Fulcrum/resources', electronVersion: '45.4.1' })).toBe(
      '/opt/Fulcrum/resources/native/better_sqlite3.node',
    );
  });
});

/**
 * The desktop app's main process: thin glue between Electron and main/core (docs/architecture.md, SECURITY.md).
 * Built by `npm run build:main` into dist/app/main.js; `npm start` builds and launches it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, session } from 'electron';
import type { AppEvent } from '../../shared/api.js';
import { ensurePrivateDir } from '../core/fsutil.js';
import { APP_NAME, JOURNAL_SUBDIR, userDataDir } from '../core/paths.js';
import { startCore } from '../core/worker/client.js';
import { EVENT_CHANNEL } from './bridge.js';
import { registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { nativeBindingPath } from './native.js';
import { MicrophoneGate, PARTITION } from './policy.js';
import { electronPreferences } from './prefs.js';
import { observedPreferences } from '../core/prefs.js';
import { nativeLanguage, nativeText } from '../../shared/native-text.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol.js';
import { electronDialogs, electronNotifier, electronPowerEvents, electronPrinter, electronWindowControl } from './ports.js';
import { hardenAllContents, hardenSession } from './security.js';
import { createMainWindow } from './window.js';

const devTools = !app.isPackaged;

// Development and test hooks exist only in an unpackaged app: another journal folder (as browser
// mode's --data-dir; Chromium's profile and the preferences then go in a subfolder of it), and the
// cheap test KDF, which also needs FULCRUM_ALLOW_INSECURE_TEST_KDF=1 as in browser mode.
const devDataDir = !app.isPackaged && process.env.FULCRUM_DATA_DIR ? path.resolve(process.env.FULCRUM_DATA_DIR) : null;
const insecureTestKdf = !app.isPackaged && process.env.FULCRUM_INSECURE_TEST_KDF === '1' && process.env.FULCRUM_ALLOW_INSECURE_TEST_KDF === '1';

app.setName(APP_NAME);
const userData = devDataDir ? path.join(devDataDir, 'electron-profile') : userDataDir();
const journalDir = devDataDir ?? path.join(userData, JOURNAL_SUBDIR);
app.setPath('userData', userData);
// Created private before Chromium or the preferences touch it (Chromium would make it 0700 too; conf would not).
ensurePrivateDir(userData);
app.enableSandbox();
// Media keys and the media session would tell the OS about the page; the app plays no media.
app.commandLine.appendSwitch('disable-features', 'HardwareMediaKeyHandling,MediaSessionService');
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
hardenAllContents(app);

function fatal(message: string): never {
  dialog.showErrorBox('Fulcrum cannot start', message);
  app.exit(1);
  throw new Error(message);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const binding = nativeBindingPath({
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
  if (!fs.existsSync(binding)) {
    fatal(`The database module built for this version of Electron is missing (${binding}). Run \`npm start\`, which builds it.`);
  }

  let win: BrowserWindow | null = null;
  const emit = (event: AppEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };
  // The preferences (lock timeout, quick-exit shortcut, window bounds) are read before the journal opens.
  // The menu is relabelled when the language changes in Settings (the change comes from the core's thread).
  let menuReady = false;
  const prefs = observedPreferences(electronPreferences(), (key) => {
    if (key === 'language' && menuReady) setMenu();
  });
  // The OS's languages, for the menu, dialogs and notifications while the language is "system".
  let systemLanguages: string[] = [];
  try {
    systemLanguages = app.getPreferredSystemLanguages();
  } catch {
    systemLanguages = [];
  }
  const setMenu = () =>
    installMenu({
      devTools,
      words: nativeText(nativeLanguage(prefs.get('language'), systemLanguages)),
      send: (command) => emit({ type: 'command', command }),
    });
  // The core (journal, key, every long job) runs in a worker thread of its own, so nothing it does can
  // hold this thread, which draws the window and the menus. It reaches the ports below by message:
  // auto-lock on idle, suspend and screen lock, quick exit's hide, dialogs, the printer, notifications.
  const core = startCore({
    dataDir: journalDir,
    insecureTestKdf,
    nativeBinding: binding,
    ports: {
      emit,
      dialogs: electronDialogs(() => win),
      printer: electronPrinter(),
      notifier: electronNotifier(),
      power: electronPowerEvents(),
      preferences: prefs,
      systemLanguages,
      window: electronWindowControl(() => win),
    },
  });
  core.catch((e: unknown) => fatal(`The journal's thread could not start (${(e as Error).message}).`));
  // IPC is registered at once; a call made while the thread is still starting waits for it.
  const dispatch = async (channel: string, raw: unknown) => (await core).dispatch(channel, raw);

  // Launching Fulcrum again brings back the window quick exit hid (locked, showing the unlock screen).
  const reveal = () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
  };
  app.on('second-instance', reveal);
  app.on('activate', reveal);
  // Quitting always locks: the database is checkpointed and closed, the key zeroed (after any write
  // already sent), then the app quits for real.
  let locked = false;
  app.on('will-quit', (event?: { preventDefault(): void }) => {
    if (locked) return;
    event?.preventDefault();
    void core
      .then((c) => c.close())
      .finally(() => {
        locked = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const ses = session.fromPartition(PARTITION);
    // The microphone opens only while the person has armed a recording (every other permission: never).
    const microphone = new MicrophoneGate();
    hardenSession(ses, { devTools, microphone });
    hardenSession(session.defaultSession, { devTools });
    registerAppProtocol(ses, path.join(app.getAppPath(), 'dist', 'renderer'), (id, variant) => dispatch('attachments.bytes', { id, variant }));
    registerIpc(ipcMain, dispatch, () => win, microphone);

    nativeTheme.themeSource = prefs.get('theme');
    setMenu();
    menuReady = true;

    win = createMainWindow({ preload: path.join(app.getAppPath(), 'dist', 'app', 'preload.cjs'), devTools, prefs });
    win.on('closed', () => {
      win = null;
    });
  });
}

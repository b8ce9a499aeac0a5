/** The one window: hardened webPreferences, neutral title, content protection, bounds remembered. */
import { BrowserWindow, screen } from 'electron';
import type { PreferencesStore } from '../core/prefs.js';
import { APP_ENTRY, PARTITION } from './policy.js';
import { fitBounds } from './window-bounds.js';

export const WINDOW_TITLE = 'Fulcrum';

export function createMainWindow(opts: { preload: string; devTools: boolean; prefs: PreferencesStore }): BrowserWindow {
  const saved = opts.prefs.get('windowBounds');
  const bounds = fitBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: '#00000000',
    autoHideMenuBar: false,
    // Electron's security checklist, written out here (not built elsewhere) so that Electronegativity
    // and a reader can see it where the window is made; tests/unit/app-main.test.ts asserts each value.
    webPreferences: {
      preload: opts.preload,
      // In-memory session: no `persist:` prefix, so Chromium keeps no cache, localStorage or IndexedDB on disk.
      partition: PARTITION,
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
      // Middle-click must not open anything (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: opts.devTools,
      // No V8 code cache written to disk.
      v8CacheOptions: 'none',
    },
  });
  // Screenshots and screen sharing show a black window (Windows, macOS).
  win.setContentProtection(true);
  // The title never follows the page: it could otherwise show a name or an entry's title.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });

  const remember = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    opts.prefs.set('windowBounds', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  let timer: NodeJS.Timeout | null = null;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    remember();
  });

  void win.loadURL(APP_ENTRY);
  return win;
}

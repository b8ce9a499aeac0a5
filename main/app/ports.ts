/** Electron's side effects behind core's ports (main/core/ports.ts). */
import { BrowserWindow, Notification, dialog, powerMonitor, session } from 'electron';
import type { Dialogs, Notifier, PowerEvent, PowerEvents, Printer, WindowControl } from '../core/ports.js';

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async saveFile({ title, defaultName, filters }) {
      const win = getWindow();
      const opts = {
        title,
        defaultPath: defaultName,
        filters,
        // dontAddToRecent: the OS's recent-files list is exactly where the other person would look.
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'] as ('createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent')[],
      };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async openFile({ title, filters }) {
      const win = getWindow();
      const opts = { title, filters, properties: ['openFile', 'dontAddToRecent'] as ('openFile' | 'dontAddToRecent')[] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

/**
 * Print-to-PDF in a hidden window of its own in-memory session, with JavaScript off and every request
 * but the document itself cancelled: the report's HTML is self-contained.
 */
const PRINT_PARTITION = 'fulcrum-print';

export function electronPrinter(): Printer {
  return {
    async printToPDF(html) {
      const ses = session.fromPartition(PRINT_PARTITION);
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          partition: PRINT_PARTITION,
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          devTools: false,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
        return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      } finally {
        win.destroy();
      }
    },
  };
}

export function electronNotifier(): Notifier {
  return {
    show(title, body) {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
  };
}

export function electronPowerEvents(): PowerEvents {
  return {
    // Seconds, as the OS reports them; the auto-lock counts input Fulcrum's focused window received.
    idleMs: () => powerMonitor.getSystemIdleTime() * 1000,
    on(event: PowerEvent, listener) {
      if (event === 'suspend') {
        powerMonitor.on('suspend', listener);
        return () => void powerMonitor.removeListener('suspend', listener);
      }
      powerMonitor.on('lock-screen', listener);
      return () => void powerMonitor.removeListener('lock-screen', listener);
    },
  };
}

/**
 * Quick exit hides the window (no taskbar or dock entry while hidden); launching Fulcrum again — the
 * single-instance handler in main.ts — shows it, locked.
 */
export function electronWindowControl(getWindow: () => BrowserWindow | null): WindowControl {
  return {
    hide() {
      const win = getWindow();
      if (!win || win.isDestroyed()) return;
      win.hide();
    },
    isFocused() {
      const win = getWindow();
      return !!win && !win.isDestroyed() && win.isFocused();
    },
  };
}

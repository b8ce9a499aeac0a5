/** Electron's side effects behind core's ports (main/core/ports.ts). */
import { BrowserWindow, Notification, dialog, powerMonitor, session, type Session } from 'electron';
import { randomBytes } from 'node:crypto';
import type { Dialogs, Notifier, PowerEvent, PowerEvents, Printer, WindowControl } from '../core/ports.js';
import { APP_SCHEME } from './policy.js';

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
 * but the document itself cancelled: the report's HTML is self-contained. The document is served from
 * memory at `app://print/<random id>` on that session only — a data: URL stops at 2 MB in Chromium,
 * less than a year of entries in full — and never touches the disk.
 */
const PRINT_PARTITION = 'fulcrum-print';
const PRINT_HOST = 'print';
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const printDocs = new Map<string, string>();
let printProtocol = false;

function servePrintDocs(ses: Session): void {
  if (printProtocol) return;
  printProtocol = true;
  ses.protocol.handle(APP_SCHEME, (request) => {
    let url: URL | null = null;
    try {
      url = new URL(request.url);
    } catch {
      // fall through: not found
    }
    const html = url && url.host === PRINT_HOST ? printDocs.get(url.pathname.slice(1)) : undefined;
    if (html === undefined) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_CSP, 'Cache-Control': 'no-store' } });
  });
}

export function electronPrinter(): Printer {
  return {
    async printToPDF(html, opts) {
      const ses = session.fromPartition(PRINT_PARTITION);
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      servePrintDocs(ses);
      const id = randomBytes(16).toString('hex');
      const docUrl = `${APP_SCHEME}://${PRINT_HOST}/${id}`;
      printDocs.set(id, html);
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== docUrl && !details.url.startsWith('data:') }));
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
        await win.loadURL(docUrl);
        printDocs.delete(id);
        if (!opts) return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
        const inch = (mm: number) => mm / 25.4;
        return await win.webContents.printToPDF({
          printBackground: true,
          pageSize: opts.pageSize,
          preferCSSPageSize: true,
          margins: { top: inch(opts.marginsMm.top), bottom: inch(opts.marginsMm.bottom), left: inch(opts.marginsMm.left), right: inch(opts.marginsMm.right) },
          // Page numbers, the range and the date on every page; the templates carry no names (shared/report.ts).
          displayHeaderFooter: true,
          headerTemplate: opts.headerTemplate,
          footerTemplate: opts.footerTemplate,
        });
      } finally {
        printDocs.delete(id);
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

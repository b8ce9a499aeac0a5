/* global process */
// A recording stand-in for the `electron` module, just enough for dist/app/main.js to run under plain
// Node. It records what the app asks of Electron so the smoke test can check the wiring (sandbox,
// scheme privileges, window options, session hardening, IPC, protocol). It decides nothing itself.
import { EventEmitter } from 'node:events';

Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true });
// STUB_PACKAGED=1 plays a packaged app (resources in STUB_RESOURCES_PATH), for the checks that only
// hold in a packaged build (no DevTools, no development hooks).
process.resourcesPath = process.env.STUB_RESOURCES_PATH ?? '/nonexistent-resources';

export const calls = [];
const record = (what, ...args) => calls.push([what, ...args]);

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.mainFrame = { url: 'app://fulcrum/index.html', parent: null };
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
}

export const windows = [];
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.contentProtection = false;
    this.url = null;
    this.destroyed = false;
    windows.push(this);
  }
  setContentProtection(v) {
    this.contentProtection = v;
  }
  async loadURL(url) {
    this.url = url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1100, height: 750 };
  }
  maximize() {}
  hide() {
    this.hidden = true;
    record('win.hide');
  }
  isVisible() {
    return !this.hidden;
  }
  isFocused() {
    return !this.hidden;
  }
  show() {
    this.hidden = false;
  }
  focus() {}
  restore() {}
  destroy() {
    this.destroyed = true;
  }
}

class StubSession {
  constructor(name) {
    this.name = name;
    this.protocolHandlers = new Map();
    this.protocol = { handle: (scheme, h) => this.protocolHandlers.set(scheme, h) };
    this.webRequest = { onBeforeRequest: (h) => (this.beforeRequest = h) };
    this.spellChecker = true;
  }
  setPermissionRequestHandler(h) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h) {
    this.devicePermissionHandler = h;
  }
  setDisplayMediaRequestHandler(h) {
    this.displayMediaRequestHandler = h;
  }
  setSpellCheckerEnabled(v) {
    this.spellChecker = v;
  }
}
export const sessions = new Map();
export const session = {
  fromPartition(name) {
    if (!sessions.has(name)) sessions.set(name, new StubSession(name));
    return sessions.get(name);
  },
  get defaultSession() {
    return session.fromPartition('<default>');
  },
};

let readyResolve;
const ready = new Promise((r) => (readyResolve = r));
class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = process.env.STUB_PACKAGED === '1';
    this.paths = {};
    this.switches = [];
    this.sandboxEnabled = false;
    this.commandLine = { appendSwitch: (...a) => this.switches.push(a) };
  }
  setName(n) {
    this.name = n;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return '0.0.0-test';
  }
  setPath(k, v) {
    this.paths[k] = v;
  }
  getPath(k) {
    return this.paths[k] ?? `/nonexistent/${k}`;
  }
  getAppPath() {
    return process.env.STUB_APP_PATH;
  }
  enableSandbox() {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return ready;
  }
  quit() {
    record('app.quit');
  }
  exit(code) {
    record('app.exit', code);
  }
  addRecentDocument(p) {
    record('app.addRecentDocument', p);
  }
  _ready() {
    readyResolve();
  }
}
export const app = new App();

export const ipcHandlers = new Map();
export const ipcMain = {
  handle: (c, h) => ipcHandlers.set(c, h),
  removeHandler: (c) => ipcHandlers.delete(c),
  on: (c) => record('ipcMain.on', c),
};
export const privilegedSchemes = [];
export const protocol = { registerSchemesAsPrivileged: (s) => privilegedSchemes.push(...s) };
export const dialog = {
  showErrorBox: (t, m) => record('dialog.showErrorBox', t, m),
  showSaveDialog: async (...a) => (record('dialog.showSaveDialog', a.at(-1)), { canceled: true }),
  showOpenDialog: async (...a) => (record('dialog.showOpenDialog', a.at(-1)), { canceled: true, filePaths: [] }),
};
export const nativeTheme = { themeSource: 'unset' };
export let applicationMenu = null;
export const Menu = {
  buildFromTemplate: (t) => ({ template: t }),
  setApplicationMenu: (m) => {
    applicationMenu = m;
  },
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export class Notification {
  static isSupported() {
    return true;
  }
  constructor(o) {
    record('Notification', o);
  }
  show() {}
}
export const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
export const crashReporter = { start: (o) => record('crashReporter.start', o) };
export const shell = { openExternal: (u) => record('shell.openExternal', u), openPath: async () => '' };

export default {
  app,
  BrowserWindow,
  session,
  ipcMain,
  protocol,
  dialog,
  nativeTheme,
  Menu,
  screen,
  Notification,
  powerMonitor,
  crashReporter,
  shell,
};

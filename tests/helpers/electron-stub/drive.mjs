/* global process, console, setTimeout, Request */
// Runs dist/app/main.js against the recording stand-in and prints what it observed as one JSON line.
// Usage: node drive.mjs <path to dist/app/main.js>   (env: STUB_APP_PATH, FULCRUM_DATA_DIR, …)
import { register } from 'node:module';
import { TextEncoder } from 'node:util';
register('./hooks.mjs', import.meta.url);
const stub = await import('./electron.mjs');
const { app, windows, sessions, ipcHandlers, privilegedSchemes, calls, powerMonitor } = stub;

await import(process.argv[2]);
app._ready();
for (let i = 0; i < 100 && windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));

const out = { calls };
out.name = app.name;
out.paths = app.paths;
out.sandboxEnabled = app.sandboxEnabled;
out.switches = app.switches;
out.privilegedSchemes = privilegedSchemes;
out.nativeTheme = stub.nativeTheme.themeSource;
const win = windows[0];
out.window = win && { options: win.options, contentProtection: win.contentProtection, url: win.url };
if (win) {
  const titleEvent = { prevented: false, preventDefault() { this.prevented = true; } };
  win.emit('page-title-updated', titleEvent, 'Dinner with Sam');
  out.titleUpdatePrevented = titleEvent.prevented;
}

if (process.env.STUB_PACKAGED === '1') {
  // A packaged app: what it was started with is all that is checked (no journal is made).
  const template = stub.applicationMenu?.template ?? [];
  out.menuRoles = template.flatMap((m) => [m.role, ...(Array.isArray(m.submenu) ? m.submenu.map((i) => i.role) : [])]).filter(Boolean);
  const ses = sessions.get('fulcrum');
  out.devtoolsRequestCancelled = await new Promise((r) => ses.beforeRequest({ url: 'devtools://devtools/bundled/devtools_app.html' }, (v) => r(v.cancel)));
  console.log(JSON.stringify(out));
  process.exit(0);
}

out.ipcChannels = [...ipcHandlers.keys()];
const status = ipcHandlers.get('fulcrum:vault.status');
const wc = win.webContents;
out.ipc = {
  trusted: await status({ sender: wc, senderFrame: wc.mainFrame }, {}),
  subframe: await status({ sender: wc, senderFrame: { url: 'app://fulcrum/index.html', parent: wc.mainFrame } }, {}),
  foreignUrl: await status({ sender: wc, senderFrame: { url: 'https://evil.example/', parent: null } }, {}),
  otherContents: await status({ sender: {}, senderFrame: { url: 'app://fulcrum/index.html', parent: null } }, {}),
  noFrame: await status({ sender: wc, senderFrame: null }, {}),
};

const ses = sessions.get('fulcrum');
const handler = ses.protocolHandlers.get('app');
const res = await handler(new Request('app://fulcrum/'));
out.protocol = {
  status: res.status,
  csp: res.headers.get('content-security-policy'),
  type: res.headers.get('content-type'),
  body: (await res.text()).slice(0, 200),
  otherHost: (await handler(new Request('app://evil/index.html'))).status,
  traversal: (await handler(new Request('app://fulcrum/%2e%2e/%2e%2e/package.json'))).status,
  post: (await handler(new Request('app://fulcrum/index.html', { method: 'POST', body: 'x' }))).status,
};
out.sessions = {};
for (const [name, s] of sessions) {
  out.sessions[name] = {
    permissionRequest: await new Promise((r) => (s.permissionRequestHandler ? s.permissionRequestHandler(null, 'media', r, {}) : r('unset'))),
    permissionCheck: s.permissionCheckHandler?.(null, 'notifications', 'app://fulcrum', {}) ?? 'unset',
    device: s.devicePermissionHandler?.({}) ?? 'unset',
    spellChecker: s.spellChecker,
    cancels: Object.fromEntries(
      await Promise.all(
        ['https://example.com/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'app://fulcrum/index.html'].map(
          (url) => new Promise((r) => (s.beforeRequest ? s.beforeRequest({ url }, (v) => r([url, v.cancel])) : r([url, 'unset']))),
        ),
      ),
    ),
  };
}

// Every web contents gets the navigation, new-window and <webview> guards.
const { EventEmitter } = await import('node:events');
const contents = new EventEmitter();
contents.setWindowOpenHandler = (h) => (contents.windowOpenHandler = h);
app.emit('web-contents-created', {}, contents);
const fire = (name, ...args) => {
  const ev = { prevented: false, preventDefault() { this.prevented = true; }, url: args[0] };
  contents.emit(name, ev, ...args);
  return ev.prevented;
};
out.contents = {
  navigateAway: fire('will-navigate', 'https://evil.example/'),
  navigateFile: fire('will-navigate', 'file:///etc/passwd'),
  frameNavigate: fire('will-frame-navigate', 'https://evil.example/'),
  redirect: fire('will-redirect', 'https://evil.example/'),
  webview: fire('will-attach-webview', {}, {}),
  windowOpen: contents.windowOpenHandler?.({ url: 'https://evil.example/' }),
};

// Menu accelerators reach the renderer as command events.
const menu = stub.applicationMenu?.template ?? [];
const items = menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
items.find((i) => i.accelerator === 'CmdOrCtrl+L')?.click();
out.menuSent = wc.sent.slice();

// Create a journal (test KDF), then a system suspend locks it and tells the renderer.
const create = ipcHandlers.get('fulcrum:vault.create');
out.created = (await create({ sender: wc, senderFrame: wc.mainFrame }, { passphrase: 'correct horse battery staple orbit' })).ok;
powerMonitor.emit('suspend');
// Wait for the lock itself (announced to the renderer once done), however long a busy machine takes.
const lockedSent = () => wc.sent.slice(out.menuSent.length).some(([, payload]) => payload?.type === 'locked');
for (let i = 0; i < 3000 && !lockedSent(); i++) await new Promise((r) => setTimeout(r, 10));
out.afterSuspend = await status({ sender: wc, senderFrame: wc.mainFrame }, {});
out.eventsAfterSuspend = wc.sent.slice(out.menuSent.length);

// Quick exit: unlocked again, then the renderer's quick exit hides the window and locks; launching
// Fulcrum again (second-instance) shows it.
const trusted = { sender: wc, senderFrame: wc.mainFrame };
await ipcHandlers.get('fulcrum:vault.unlock')(trusted, { passphrase: 'correct horse battery staple orbit' });
// An attachment goes in over IPC and comes back through the app protocol, from the real core.
const text = new TextEncoder().encode('a note kept as a file');
const uploaded = await ipcHandlers.get('fulcrum:attachments.upload')(trusted, { data: text, name: 'note.txt', options: {} });
const served = await handler(new Request(`app://fulcrum/api/attachment/bytes/${uploaded.value?.id}/original`));
out.attachmentProtocol = {
  uploaded: uploaded.ok,
  status: served.status,
  type: served.headers.get('content-type'),
  cache: served.headers.get('cache-control'),
  body: await served.text(),
  missing: (await handler(new Request('app://fulcrum/api/attachment/bytes/999999/original'))).status,
};
const sentBefore = wc.sent.length;
out.quickExit = await ipcHandlers.get('fulcrum:session.quickExit')(trusted, {});
out.afterQuickExit = { status: await status(trusted, {}), hidden: win.hidden === true, events: wc.sent.slice(sentBefore) };
app.emit('second-instance');
out.afterRelaunch = { hidden: win.hidden === true };

win.emit('close');
app.emit('will-quit');
console.log(JSON.stringify(out));
process.exit(0);

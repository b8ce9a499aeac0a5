import { describe, expect, it } from 'vitest';
import type { BrowserWindow, IpcMain } from 'electron';
import { ATTACHMENT_BYTES_PATH, BYTE_CHANNELS, MICROPHONE_ARM, MICROPHONE_RELEASE, buildBridge, ipcChannelOf, type IpcLike } from '../../main/app/bridge.js';
import { registerIpc } from '../../main/app/ipc.js';
import { hardenSession } from '../../main/app/security.js';
import type { Session } from 'electron';
import { APP_ENTRY, APP_ORIGIN, MicrophoneGate, isAppUrl } from '../../main/app/policy.js';
import { CHANNELS } from '../../shared/api.js';
import os from 'node:os';
import path from 'node:path';
import type { AttachmentSource } from '../../main/app/attachment-protocol.js';
import { registerAppProtocol } from '../../main/app/protocol.js';
import { ATTACHMENT_ROUTES } from '../../shared/attachments.js';
import { CONTENT_SECURITY_POLICY } from '../../main/core/static.js';

/** Stand-ins for ipcMain, the window and its main frame (the shapes ipc.ts reads). */
function standIns() {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const ipcMain = {
    handle: (c: string, h: (event: unknown, input: unknown) => unknown) => void handlers.set(c, h),
    removeHandler: (c: string) => void handlers.delete(c),
  } as unknown as IpcMain;
  const mainFrame = { url: APP_ENTRY, parent: null };
  const webContents = { mainFrame };
  const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
  const fromWindow = { sender: webContents, senderFrame: mainFrame };
  const fromElsewhere = { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } };
  return { ipcMain, handlers, win, fromWindow, fromElsewhere };
}

type ProtocolHandler = (request: Request) => Promise<Response>;

/** registerAppProtocol on a stand-in session: the handler it installs for app://. */
function appProtocol(source?: AttachmentSource) {
  let handler: ProtocolHandler | null = null;
  const ses = { protocol: { handle: (scheme: string, h: ProtocolHandler) => void (scheme === 'app' && (handler = h)) } } as unknown as Session;
  // No renderer folder at all: attachment bytes never come from a file.
  registerAppProtocol(ses, path.join(os.tmpdir(), 'fulcrum-no-renderer-here'), source);
  return { handler: handler! };
}

/** What the page's fetch does with an app:// URL in Electron: hands a Request to the scheme's handler. */
const viaProtocol = (handler: ProtocolHandler): typeof fetch => (async (input: string | URL | Request, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch;

describe('attachments in the desktop app (against stand-ins)', () => {
  it('serves attachment bytes on app://fulcrum/api/attachment/bytes/<id>/<variant> from memory, no-store, and plain errors as JSON', async () => {
    const asked: [number, string][] = [];
    const source: AttachmentSource = async (id, variant) => {
      asked.push([id, variant]);
      if (id === 404) return { ok: false, error: { code: 'NOT_FOUND', message: 'That attachment is not in the journal.' } };
      if (id === 423) return { ok: false, error: { code: 'LOCKED', message: 'The journal is locked.' } };
      return { ok: true, value: { mime: 'audio/ogg', name: 'v.ogg', data: new Uint8Array([5, 6, 7, 8]) } };
    };
    const { handler } = appProtocol(source);
    // The preload's copy of the route is the contract's.
    expect(ATTACHMENT_BYTES_PATH).toBe(ATTACHMENT_ROUTES.bytes);
    const url = (rest: string) => `${APP_ORIGIN}${ATTACHMENT_ROUTES.bytes}/${rest}`;

    const res = await handler(new Request(url('12/shared')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/ogg');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-length')).toBe('4');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([5, 6, 7, 8]);
    expect(asked).toEqual([[12, 'shared']]);

    const head = await handler(new Request(url('12/original'), { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    // Wrong method, a malformed address, another host: refused before the journal is asked.
    expect((await handler(new Request(url('12/original'), { method: 'POST', body: 'x' }))).status).toBe(405);
    for (const bad of ['12/everything', 'x/original', '0/original', '12', '12/original/more', '1e3/original']) {
      const r = await handler(new Request(url(bad)));
      expect(r.status, bad).toBe(400);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect((await handler(new Request(`app://elsewhere${ATTACHMENT_ROUTES.bytes}/12/original`))).status).toBe(404);
    expect(asked.length).toBe(2);

    // The core's refusal reaches the page as the same Reply the IPC calls give.
    const bridge = buildBridge({ invoke: async () => null, on: () => undefined, removeListener: () => undefined }, CHANNELS, viaProtocol(handler));
    expect(await bridge.attachmentBytes(404, 'original')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That attachment is not in the journal.' } });
    expect(await bridge.attachmentBytes(423, 'thumbnail')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const got = await bridge.attachmentBytes(7, 'original');
    expect(got.ok && got.value.type).toBe('audio/ogg');
    // A fetch that fails outright is a plain reply too, not a thrown error.
    const broken = buildBridge({ invoke: async () => null, on: () => undefined, removeListener: () => undefined }, CHANNELS, (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(await broken.attachmentBytes(7, 'original')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    // Without a source (as before the journal's thread is wired), the path is just not there.
    const bare = appProtocol();
    expect((await bare.handler(new Request(url('12/original')))).status).toBe(404);
  });

  it('the preload sends a dropped OS file (a File) as a Uint8Array over IPC, and gives bytes back as a Blob read through the app protocol', async () => {
    const invoked: { channel: string; input: unknown }[] = [];
    const ipc: IpcLike = {
      invoke: async (channel, input) => {
        invoked.push({ channel, input });
        return { ok: true, value: null };
      },
      on: () => undefined,
      removeListener: () => undefined,
    };
    const { handler } = appProtocol(async () => ({ ok: true, value: { mime: 'image/png', name: 'a.png', data: new Uint8Array([1, 2, 3]) } }));
    const bridge = buildBridge(ipc, CHANNELS, viaProtocol(handler));
    const dropped = new File([new Uint8Array([9, 8, 7])], 'photo.jpg', { type: 'image/jpeg' });
    await bridge.attachmentUpload(dropped, dropped.name, { owner: { kind: 'entry', id: 4 } });
    expect(invoked[0]!.channel).toBe('fulcrum:attachments.upload');
    const sent = invoked[0]!.input as { data: unknown; name: string; options: unknown };
    expect(sent.data).toBeInstanceOf(Uint8Array);
    expect([...(sent.data as Uint8Array)]).toEqual([9, 8, 7]);
    expect(sent).toMatchObject({ name: 'photo.jpg', options: { owner: { kind: 'entry', id: 4 } } });

    const got = await bridge.attachmentBytes(1, 'original');
    expect(got.ok).toBe(true);
    const blob = (got as { value: Blob }).value;
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    // Something that is neither bytes nor a readable Blob gets a plain reply, not a thrown error.
    expect(await bridge.attachmentUpload({} as Blob, 'x.jpg')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A drop never navigates the window to the file: file:// is not the app.
    expect(isAppUrl('file:///home/someone/photo.jpg')).toBe(false);
  });

  it('main answers the byte calls only from the window, and dispatches them with the bytes', async () => {
    const { ipcMain, handlers, win, fromWindow, fromElsewhere } = standIns();
    const seen: { channel: string; raw: unknown }[] = [];
    const off = registerIpc(ipcMain, async (channel, raw) => (seen.push({ channel, raw }), { ok: true, value: null }), () => win, new MicrophoneGate());
    for (const c of BYTE_CHANNELS) expect(handlers.has(ipcChannelOf(c)), c).toBe(true);
    const upload = handlers.get(ipcChannelOf('attachments.upload'))!;
    const input = { data: new Uint8Array([1]), name: 'a.txt', options: {} };
    expect(await upload(fromWindow, input)).toEqual({ ok: true, value: null });
    expect(await upload(fromElsewhere, input)).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(seen).toEqual([{ channel: 'attachments.upload', raw: input }]);
    off();
    expect(handlers.size).toBe(0);
  });

  it('lets the microphone through only while a recording is armed from the window; audio only; every other permission refused', async () => {
    let now = 1_000;
    const gate = new MicrophoneGate(() => now);
    const mic = { permission: 'media', mediaTypes: ['audio'], requestingUrl: APP_ENTRY, isMainFrame: true };
    expect(gate.allows(mic)).toBe(false);

    const { ipcMain, handlers, win, fromWindow, fromElsewhere } = standIns();
    registerIpc(ipcMain, async () => ({ ok: true, value: null }), () => win, gate);
    await handlers.get(MICROPHONE_ARM)!(fromElsewhere, null);
    expect(gate.allows(mic)).toBe(false);
    await handlers.get(MICROPHONE_ARM)!(fromWindow, null);
    expect(gate.allows(mic)).toBe(true);
    expect(gate.allows({ ...mic, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(gate.allows({ ...mic, mediaTypes: ['video'] })).toBe(false);
    expect(gate.allows({ ...mic, isMainFrame: false })).toBe(false);
    expect(gate.allows({ ...mic, requestingUrl: 'https://evil.example/' })).toBe(false);
    for (const p of ['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid']) expect(gate.allows({ permission: p }), p).toBe(false);

    await handlers.get(MICROPHONE_RELEASE)!(fromWindow, null);
    expect(gate.allows(mic)).toBe(false);
    // An arm left behind (a recording that never stopped) runs out.
    await handlers.get(MICROPHONE_ARM)!(fromWindow, null);
    now += MicrophoneGate.ARM_MS;
    expect(gate.allows(mic)).toBe(false);
  });

  it("the session's permission handlers ask the gate (request and check), and refuse without one", () => {
    const made = () => {
      const h: { request?: (wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void; check?: (wc: unknown, p: string, origin: string, d: unknown) => boolean } = {};
      const ses = {
        setPermissionRequestHandler: (f: typeof h.request) => void (h.request = f),
        setPermissionCheckHandler: (f: typeof h.check) => void (h.check = f),
        setDevicePermissionHandler: () => undefined,
        setDisplayMediaRequestHandler: () => undefined,
        webRequest: { onBeforeRequest: () => undefined },
        setSpellCheckerEnabled: () => undefined,
      } as unknown as Session;
      return { ses, h };
    };
    const ask = (h: ReturnType<typeof made>['h'], mediaTypes: string[]) => {
      let granted: boolean | null = null;
      h.request!({}, 'media', (ok) => (granted = ok), { mediaTypes, requestingUrl: APP_ENTRY, isMainFrame: true });
      return granted;
    };
    const gate = new MicrophoneGate();
    const armed = made();
    hardenSession(armed.ses, { devTools: false, microphone: gate });
    expect(ask(armed.h, ['audio'])).toBe(false);
    gate.arm();
    expect(ask(armed.h, ['audio'])).toBe(true);
    expect(armed.h.check!({}, 'media', 'app://fulcrum', { mediaType: 'audio', requestingUrl: APP_ENTRY, isMainFrame: true })).toBe(true);
    expect(armed.h.check!({}, 'media', 'app://fulcrum', { mediaType: 'video', requestingUrl: APP_ENTRY, isMainFrame: true })).toBe(false);
    expect(ask(armed.h, ['video'])).toBe(false);

    const plain = made();
    hardenSession(plain.ses, { devTools: false });
    expect(ask(plain.h, ['audio'])).toBe(false);
  });
});

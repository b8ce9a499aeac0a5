/**
 * Builds `window.fulcrum` for the preload from the contract's channel list. Plain (no Electron
 * import) so it is unit tested with a stand-in for ipcRenderer.
 */
import type { AppEvent, ByteChannel, Channel, FulcrumBridge } from '../../shared/api.js';
import type { AttachmentVariant, UploadOptions } from '../../shared/attachments.js';
import type { Reply } from '../../shared/errors.js';
import { APP_ORIGIN } from './policy.js';

export const IPC_PREFIX = 'fulcrum:';
export const EVENT_CHANNEL = 'fulcrum:event';
export const ipcChannelOf = (channel: Channel | ByteChannel) => `${IPC_PREFIX}${channel}`;
/** The calls that carry bytes: a Uint8Array crosses IPC (structured clone), never a path or file:// URL. */
/** Arms / releases the microphone gate (main/app/policy.ts MicrophoneGate). */
export const MICROPHONE_ARM = 'fulcrum:microphone.arm';
export const MICROPHONE_RELEASE = 'fulcrum:microphone.release';
/** ATTACHMENT_ROUTES.bytes (shared/attachments.ts), written out so the preload does not carry zod. */
export const ATTACHMENT_BYTES_PATH = '/api/attachment/bytes';
export const BYTE_CHANNELS: readonly ByteChannel[] = ['attachments.upload', 'attachments.thumbnail', 'attachments.bytes'];

/** The part of ipcRenderer the bridge uses. */
export interface IpcLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const BROKEN: Reply<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Fulcrum could not reach its back end. Close the window and open Fulcrum again.' },
};

/** `fetcher`: the page's fetch, which reaches the app protocol; a stand-in in tests. */
export function buildBridge(ipc: IpcLike, channels: readonly Channel[], fetcher: typeof fetch = (input, init) => fetch(input, init)): FulcrumBridge {
  const methods = Object.fromEntries(
    channels.map((c) => [
      c,
      async (input: unknown): Promise<Reply<unknown>> => {
        try {
          return (await ipc.invoke(ipcChannelOf(c), input)) as Reply<unknown>;
        } catch {
          return BROKEN;
        }
      },
    ]),
  );
  const subscribe = (listener: (event: AppEvent) => void) => {
    // Only the payload crosses over: the IPC event object (which holds ipcRenderer) never reaches the page.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as AppEvent);
    ipc.on(EVENT_CHANNEL, wrapped);
    return () => void ipc.removeListener(EVENT_CHANNEL, wrapped);
  };
  const invoke = async (channel: ByteChannel, input: unknown): Promise<Reply<unknown>> => {
    try {
      return (await ipc.invoke(ipcChannelOf(channel), input)) as Reply<unknown>;
    } catch {
      return BROKEN;
    }
  };
  // What crosses the context bridge as a file: a Uint8Array (always), or a Blob/File where the bridge copies one.
  const bytesOf = async (data: Blob | Uint8Array): Promise<Uint8Array | null> => {
    try {
      return data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
    } catch {
      return null;
    }
  };
  const unreadable: Reply<never> = { ok: false, error: { code: 'VALIDATION', message: 'That file could not be read. Try attaching it again.' } };
  const attachments = {
    attachmentUpload: async (data: Blob | Uint8Array, name: string, options: UploadOptions = {}) => {
      const bytes = await bytesOf(data);
      return bytes ? invoke('attachments.upload', { data: bytes, name, options }) : unreadable;
    },
    attachmentThumbnail: async (id: number, data: Blob | Uint8Array) => {
      const bytes = await bytesOf(data);
      return bytes ? invoke('attachments.thumbnail', { id, data: bytes }) : unreadable;
    },
    // Read through the app protocol (attachment-protocol.ts): the bytes come as the response's Blob.
    attachmentBytes: async (id: number, variant: AttachmentVariant): Promise<Reply<Blob>> => {
      try {
        const res = await fetcher(`${APP_ORIGIN}${ATTACHMENT_BYTES_PATH}/${id}/${variant}`);
        if (!res.ok) return (await res.json()) as Reply<never>;
        return { ok: true, value: await res.blob() };
      } catch {
        return BROKEN;
      }
    },
  };
  const microphone = {
    armMicrophone: async () => void (await ipc.invoke(MICROPHONE_ARM, null).catch(() => null)),
    releaseMicrophone: async () => void (await ipc.invoke(MICROPHONE_RELEASE, null).catch(() => null)),
  };
  return Object.freeze({ ...methods, ...attachments, ...microphone, subscribe, transport: 'electron' as const }) as unknown as FulcrumBridge;
}

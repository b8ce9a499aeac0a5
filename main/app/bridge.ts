/**
 * Builds `window.fulcrum` for the preload from the contract's channel list. Plain (no Electron
 * import) so it is unit tested with a stand-in for ipcRenderer.
 */
import type { AppEvent, Channel, FulcrumBridge } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';

export const IPC_PREFIX = 'fulcrum:';
export const EVENT_CHANNEL = 'fulcrum:event';
export const ipcChannelOf = (channel: Channel) => `${IPC_PREFIX}${channel}`;

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

export function buildBridge(ipc: IpcLike, channels: readonly Channel[]): FulcrumBridge {
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
  return Object.freeze({ ...methods, subscribe, transport: 'electron' as const }) as unknown as FulcrumBridge;
}
